import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { freshTablet, renderTabletWithPin, storeAnswers, unlockStaffView as unlock } from './render-staff.tsx';

describe("today's results on the staff view", () => {
  it('shows counts, the SIPAS and element indices, the quick index and comments, as computed by hand', async () => {
    const db = await freshTablet();
    // E1.1: 5, 4, 1 → 2 of 3; E1.2: 2, 4 → 1 of 2; E2.1: 4, 1 → 1 of 2.
    await storeAnswers(db, { 'E1.1': 5, 'E1.2': 2, 'E2.1': 4, comment: 'Phục vụ chu đáo' });
    await storeAnswers(db, { 'E1.1': 4, 'E1.2': 4, 'E2.1': 1 }, { serviceFieldId: 'ho-tich' });
    await storeAnswers(db, { 'E1.1': 1 });
    await storeAnswers(db, { 'E1.1': 1, 'E2.1': 1 }, { complete: false });
    await storeAnswers(db, { 'Q.1': 3 }, { questionnaireId: 'counter-rating' });
    await storeAnswers(db, { 'Q.1': 1 }, { questionnaireId: 'counter-rating' });
    const user = userEvent.setup();
    await renderTabletWithPin({ db });
    await unlock(user);

    expect((await screen.findByTestId('count-total')).textContent).toBe('6');
    expect(screen.getByTestId('count-complete').textContent).toBe('5');
    expect(screen.getByTestId('count-incomplete').textContent).toBe('1');
    // E1 = (66.667 + 50) / 2 = 58.33; E2 = 50; SIPAS = (58.333 + 50) / 2 = 54.17.
    expect(screen.getByTestId('element-E1').textContent).toBe('58,33%');
    expect(screen.getByTestId('element-E2').textContent).toBe('50,00%');
    expect(screen.getByTestId('element-E3').textContent).toBe('—');
    expect(screen.getByTestId('index-sipas').textContent).toBe('54,17%');
    expect(screen.getByTestId('index-counter-rating').textContent).toBe('50,00%');
    expect(screen.getAllByText(/Chưa đạt mục tiêu/).length).toBeGreaterThan(0);

    const byField = screen.getAllByRole('table', { name: 'Theo lĩnh vực' })[0]!;
    expect(within(byField).getByRole('row', { name: /Đất đai/ }).textContent).toContain('2');
    expect(within(byField).getByRole('row', { name: /Hộ tịch/ }).textContent).toContain('1');
    expect(screen.getByText('Phục vụ chu đáo').tagName).toBe('LI');
    // The printed day report names the unit and writes the day as 04/12/2026.
    expect(screen.getByTestId('staff-unit').textContent).toMatch(/^Đơn vị: \S/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/^Kết quả ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(screen.getByRole('button', { name: 'Xuất CSV từng phiếu (Excel tiếng Việt, dấu ;)' })).toBeTruthy();
  });

  it('shows the rejected records with their reasons and runs "sync now"', async () => {
    const db = await freshTablet();
    const stored = await storeAnswers(db, { 'E1.1': 5 });
    await db.responses.update(stored.id, {
      status: 'rejected',
      rejection: { code: 'unknown-counter', message: 'counter "quay-9" is not in the unit', at: new Date().toISOString() },
    });
    const user = userEvent.setup();
    const { engine } = await renderTabletWithPin({
      db,
      status: {
        pending: 3,
        synced: 7,
        rejected: 1,
        stoppedReason: 'device-revoked',
        lastError: { code: 'network', message: 'no network', at: new Date().toISOString() },
      },
    });
    await unlock(user);
    await user.click(screen.getByRole('button', { name: 'Đồng bộ' }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('3');
    expect(screen.getByTestId('sync-synced').textContent).toBe('7');
    expect(screen.getByRole('alert').textContent).toContain('Máy này đã bị thu hồi quyền gửi dữ liệu');
    expect(screen.getByText(/Lỗi gần nhất .*Không có mạng\./)).toBeTruthy();
    expect(await screen.findByText('Quầy của phiếu không có trên máy chủ.')).toBeTruthy();
    expect(screen.queryByText('counter "quay-9" is not in the unit')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Đồng bộ ngay' }));
    expect(engine.syncNowCalls).toBe(1);
  });

  it('reconciles the day with the server ledger: waiting answers are not missing, lost ones are named', async () => {
    const db = await freshTablet();
    const first = await storeAnswers(db, { 'E1.1': 5 });
    await storeAnswers(db, { 'E1.1': 4 });
    await db.responses.update(first.id, { status: 'synced' });
    const user = userEvent.setup();
    await renderTabletWithPin({
      db,
      // Sequence 2 is pending here, so only 9 and 10 are really missing on the server.
      status: {
        serverLedger: {
          highestContiguousSequence: 1,
          receivedCount: 1,
          missing: [
            [2, 2],
            [9, 10],
          ],
          at: new Date().toISOString(),
        },
      },
    });
    await unlock(user);
    expect((await screen.findByTestId('reconciliation-state')).textContent).toBe('Máy chủ thiếu 2');
    expect(screen.getByText(/Số thứ tự máy chủ chưa nhận: #9, #10\./)).toBeTruthy();
    expect(screen.getByText(/Máy chủ đã xác nhận: 1 · Đang chờ mạng: 1 · Bị từ chối: 0/)).toBeTruthy();
  });
});
