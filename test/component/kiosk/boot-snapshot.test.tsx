import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bootSnapshotKey, bootSnapshotOf, keepBootSnapshot, readBootSnapshot } from '../../../src/app/store/boot-snapshot.ts';
import { saveConfig } from '../../../src/app/store/config.ts';
import { ensureDeviceIdentity, saveEnrolment } from '../../../src/app/store/device.ts';
import { saveSettingsOverrides } from '../../../src/app/store/settings.ts';
import { buildDeviceConfig } from '../../fixtures/device-config.ts';
import { freshKioskDatabase, renderEnrolledKiosk, renderKiosk } from './render-kiosk.tsx';

const START = 'Bắt đầu đánh giá';

describe('the kiosk’s boot copy of its ready state', () => {
  it('shows the welcome screen from the copy before IndexedDB answers, then follows IndexedDB', async () => {
    const db = freshKioskDatabase();
    // The copy says ready; the database (empty) says this tablet was never enrolled.
    keepBootSnapshot(db.name, {
      deviceId: '0f5e2d1c-7a4b-4c3d-9e8f-1a2b3c4d5e6f',
      stored: { key: 'config', config: buildDeviceConfig(), etag: '"etag-1"', fetchedAt: '2026-11-20T01:00:00.000Z' },
      overrides: undefined,
    });

    renderKiosk(db);
    // Synchronously, in the very first render: no database read has finished yet.
    expect(screen.getByRole('button', { name: START })).toBeTruthy();
    expect(screen.getByText('Trung tâm Phục vụ hành chính công phường An Hòa')).toBeTruthy();

    expect(await screen.findByRole('heading', { name: 'Đăng ký máy tính bảng' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: START })).toBeNull();
    await waitFor(() => expect(readBootSnapshot(db.name)).toBeNull());
  });

  it('starts on the loading line when there is no copy', async () => {
    renderKiosk(freshKioskDatabase());
    expect(screen.getByText('Đang tải…')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Đăng ký máy tính bảng' })).toBeTruthy();
  });

  it('keeps the copy equal to what the tablet stores, staff changes included', async () => {
    const { db } = await renderEnrolledKiosk();
    await screen.findByRole('button', { name: START });
    const identity = await db.device.get('device');
    await waitFor(() => expect(readBootSnapshot(db.name)).toEqual({ deviceId: identity!.deviceId, stored: expect.anything(), overrides: undefined }));
    expect(readBootSnapshot(db.name)!.stored).toEqual(await db.config.get('config'));

    await saveSettingsOverrides(db, { mode: 'quick' });
    expect(await screen.findByRole('radio', { name: 'Rất hài lòng' })).toBeTruthy();
    await waitFor(() => expect(readBootSnapshot(db.name)?.overrides).toEqual({ mode: 'quick' }));
  });

  it('is not written again for each submitted answer, though the device record changes with each', async () => {
    const user = userEvent.setup();
    const { db } = await renderEnrolledKiosk({ mode: 'quick' });
    await waitFor(() => expect(readBootSnapshot(db.name)).not.toBeNull());
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    try {
      for (const face of ['Rất hài lòng', 'Hài lòng']) {
        await user.click(await screen.findByRole('radio', { name: face }));
        await user.click(await screen.findByRole('button', { name: 'Xong' }));
      }
      await waitFor(async () => expect((await db.device.get('device'))?.highestIssuedSequence).toBe(2));
      expect(setItem.mock.calls.filter(([key]) => key === bootSnapshotKey(db.name))).toEqual([]);
    } finally {
      setItem.mockRestore();
    }
  });

  it('gives a survey started from the copy, which has no recordings, the recordings once IndexedDB answers', async () => {
    const recording = 'data:audio/ogg;base64,T2dnUwACAAAAAAAAAAA=';
    const config = buildDeviceConfig({ fixedServiceFieldId: 'ho-tich' });
    const [sipas, ...others] = config.questionnaires;
    const firstCriterion = sipas!.elements[0]!.criteria[0]!;
    const recorded = {
      ...sipas!,
      elements: sipas!.elements.map((element, index) =>
        index === 0 ? { ...element, criteria: [{ ...firstCriterion, audio: { vi: recording } }, ...element.criteria.slice(1)] } : element,
      ),
    };
    const db = freshKioskDatabase();
    const identity = await ensureDeviceIdentity(db);
    await saveEnrolment(db, { token: 'test-token', unitId: 'hcc-an-hoa' });
    await saveConfig(db, { ...config, questionnaires: [recorded, ...others] }, '"etag-1"');
    keepBootSnapshot(db.name, bootSnapshotOf(identity.deviceId, (await db.config.get('config'))!, undefined));

    renderKiosk(db);
    // Tapped in the very first render: the survey starts on the copy's questionnaire.
    fireEvent.click(screen.getByRole('button', { name: START }));

    const listen = `Nghe đọc: ${firstCriterion.text.vi}`;
    expect(await screen.findByRole('button', { name: listen })).toBeTruthy();
  });
});
