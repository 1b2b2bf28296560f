import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIRST_LOCKOUT_MS, changeStaffPin, lockoutMsAfter, setStaffPin, verifyStaffPin } from '../../../src/app/store/staff-pin.ts';
import { KioskDatabase } from '../../../src/app/store/db.ts';
import { freshTablet, renderTabletWithPin, STAFF_PIN } from './render-staff.tsx';

describe('the staff PIN', () => {
  it('is stored only as a salted PBKDF2 hash and verifies', async () => {
    const db = await freshTablet();
    await setStaffPin(db, '1234');
    const stored = await db.staffAccess.get('pin');
    expect(stored).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(stored!.iterations).toBeGreaterThanOrEqual(100_000);
    expect(JSON.stringify(stored)).not.toContain('1234');
    expect(atob(stored!.hash)).toHaveLength(32);
    expect(await verifyStaffPin(db, '1234')).toEqual({ kind: 'ok' });
    expect(await verifyStaffPin(db, '4321')).toEqual({ kind: 'wrong', attemptsBeforeLockout: 4 });
    await expect(setStaffPin(db, '12a4')).rejects.toMatchObject({ code: 'invalid-pin' });
  });

  it('uses a fresh salt each time, so the same PIN never gives the same hash', async () => {
    const db = await freshTablet();
    await setStaffPin(db, '1234');
    const first = await db.staffAccess.get('pin');
    await setStaffPin(db, '1234');
    const second = await db.staffAccess.get('pin');
    expect(second!.salt).not.toBe(first!.salt);
    expect(second!.hash).not.toBe(first!.hash);
  });

  it('locks after five wrong PINs, longer each time, and the lock survives reopening the database', async () => {
    const db = await freshTablet();
    await setStaffPin(db, '1234');
    const start = new Date('2026-11-22T02:00:00.000Z');
    for (let attempt = 1; attempt <= 4; attempt += 1) expect((await verifyStaffPin(db, '0000', start)).kind).toBe('wrong');
    expect(await verifyStaffPin(db, '0000', start)).toEqual({ kind: 'locked', until: '2026-11-22T02:01:00.000Z' });
    // Even the right PIN is refused while locked.
    expect((await verifyStaffPin(db, '1234', new Date(start.getTime() + 30_000))).kind).toBe('locked');

    db.close();
    const reopened = new KioskDatabase(db.name);
    const afterFirstLock = new Date(start.getTime() + FIRST_LOCKOUT_MS + 1);
    expect(await verifyStaffPin(reopened, '0000', afterFirstLock)).toEqual({
      kind: 'locked',
      until: new Date(afterFirstLock.getTime() + 2 * FIRST_LOCKOUT_MS).toISOString(),
    });
    expect([5, 6, 7, 8].map(lockoutMsAfter)).toEqual([60_000, 120_000, 240_000, 480_000]);
    const later = new Date(afterFirstLock.getTime() + 2 * FIRST_LOCKOUT_MS + 1);
    expect(await verifyStaffPin(reopened, '1234', later)).toEqual({ kind: 'ok' });
    expect(await reopened.staffAccess.get('pin')).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('changes only with the current PIN', async () => {
    const db = await freshTablet();
    await setStaffPin(db, '1234');
    expect((await changeStaffPin(db, '9999', '5678')).kind).toBe('wrong');
    expect((await changeStaffPin(db, '1234', '5678')).kind).toBe('ok');
    expect((await verifyStaffPin(db, '5678')).kind).toBe('ok');
  });
});

describe('opening the staff view from the kiosk', () => {
  it('asks for the PIN, shows how many tries are left, then opens; leaving returns to the welcome screen', async () => {
    const user = userEvent.setup();
    await renderTabletWithPin();
    await user.click(await screen.findByRole('button', { name: 'Nhân viên' }));
    const pin = (await screen.findByLabelText('Mã PIN')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(pin));
    // A letter from a hardware keyboard never stays in the field: the field holds the PIN it will send.
    await user.type(pin, '11a11b');
    expect(pin.value).toBe('1111');
    await user.click(screen.getByRole('button', { name: 'Mở khóa' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Sai mã PIN. Còn 4 lần thử trước khi bị khóa.');
    expect(screen.queryByRole('button', { name: 'Kết quả' })).toBeNull();

    await user.type(screen.getByLabelText('Mã PIN'), STAFF_PIN);
    await user.click(screen.getByRole('button', { name: 'Mở khóa' }));
    expect(await screen.findByRole('button', { name: 'Kết quả' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Về màn hình khảo sát' }));
    expect(await screen.findByRole('button', { name: 'Bắt đầu đánh giá' })).toBeTruthy();
  });

  it('shows a running lockout before anyone types, after a reload', async () => {
    const db = await freshTablet();
    await setStaffPin(db, STAFF_PIN);
    for (let attempt = 0; attempt < 5; attempt += 1) await verifyStaffPin(db, '0000');
    const user = userEvent.setup();
    await renderTabletWithPin({ db });
    await user.click(await screen.findByRole('button', { name: 'Nhân viên' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Nhập sai quá nhiều lần');
    await user.type(screen.getByLabelText('Mã PIN'), STAFF_PIN);
    await user.click(screen.getByRole('button', { name: 'Mở khóa' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Nhập sai quá nhiều lần');
    expect(screen.queryByRole('button', { name: 'Kết quả' })).toBeNull();
  });

  it('is not offered while a citizen is answering', async () => {
    const user = userEvent.setup();
    await renderTabletWithPin();
    await screen.findByRole('button', { name: 'Nhân viên' });
    await user.click(screen.getByRole('button', { name: 'Bắt đầu đánh giá' }));
    await screen.findByRole('button', { name: 'Tiếp tục' });
    expect(screen.queryByRole('button', { name: 'Nhân viên' })).toBeNull();
  });
});
