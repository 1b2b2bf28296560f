import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ensureDeviceIdentity, saveEnrolment } from '../../../src/app/store/device.ts';
import { freshKioskDatabase, renderKiosk } from './render-kiosk.tsx';

describe('a newly enrolled kiosk waiting for its first configuration', () => {
  it('offers a button that says it loads the configuration again, and asks for a sync', async () => {
    const db = freshKioskDatabase();
    await ensureDeviceIdentity(db);
    await saveEnrolment(db, { token: 'test-token', unitId: 'hcc-an-hoa' });
    const { engine } = renderKiosk(db);
    const syncNow = vi.spyOn(engine, 'syncNow');

    expect((await screen.findByRole('status')).textContent).toBe('Đang tải cấu hình…');
    await userEvent.click(screen.getByRole('button', { name: 'Thử tải lại cấu hình' }));

    expect(syncNow).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Thử lưu lại' })).toBeNull();
  });
});
