import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { saveConfig } from '../../../src/app/store/config.ts';
import { buildDeviceConfig } from '../../fixtures/device-config.ts';
import { freshTablet, renderTabletWithPin, unlockStaffView } from './render-staff.tsx';

const ASSISTED_NOTE = 'Có cán bộ hỗ trợ nhập phiếu · Câu trả lời là ý kiến của ông/bà';

describe('a clerk helping someone answer at the kiosk', () => {
  it("starts one survey from the staff view, says so on screen, stores it as staff-assisted, the next person is on their own, and the day's results count it", async () => {
    const db = await freshTablet();
    await saveConfig(db, buildDeviceConfig({ mode: 'quick', thankYouSeconds: 2 }), '"etag-quick"');
    const user = userEvent.setup();
    await renderTabletWithPin({ db });
    expect(await screen.findByRole('radio', { name: 'Hài lòng' })).toBeTruthy();
    expect(screen.queryByText(ASSISTED_NOTE)).toBeNull();

    await unlockStaffView(user);
    await user.click(screen.getByRole('button', { name: 'Hỗ trợ người dân đánh giá' }));
    expect(await screen.findByText(ASSISTED_NOTE)).toBeTruthy();
    // The assisted survey is no moment to leave for the staff view or to reload for an update.
    expect(screen.queryByRole('button', { name: 'Nhân viên' })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Rất hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Xong' }));

    await user.click(await screen.findByRole('radio', { name: 'Hài lòng' }));
    expect(await screen.findByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' })).toBeTruthy();
    expect(screen.queryByText(ASSISTED_NOTE)).toBeNull();
    const stored = await db.responses.orderBy('deviceSequence').toArray();
    expect(stored.map((record) => [record.answers['Q.1'], record.channel])).toEqual([
      [3, 'staff-assisted'],
      [2, 'kiosk'],
    ]);

    await user.click(screen.getByRole('button', { name: 'Xong' }));
    await unlockStaffView(user);
    expect((await screen.findByTestId('count-complete')).textContent).toBe('2');
    expect(screen.getByTestId('count-assisted').textContent).toBe('1');
  });

  it('in the full survey, opens the first question at once, past the welcome screen', async () => {
    const user = userEvent.setup();
    await renderTabletWithPin();
    await unlockStaffView(user);
    await user.click(screen.getByRole('button', { name: 'Hỗ trợ người dân đánh giá' }));
    expect(await screen.findByText(ASSISTED_NOTE)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Bắt đầu đánh giá' })).toBeNull();
    await screen.findByRole('button', { name: 'Tiếp tục' });
  });
});
