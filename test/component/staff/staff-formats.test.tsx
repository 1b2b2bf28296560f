import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { StoreProvider } from '../../../src/app/store/StoreContext.tsx';
import type { KioskDatabase } from '../../../src/app/store/db.ts';
import { SyncProvider } from '../../../src/app/sync/SyncContext.tsx';
import type { SyncEngineStatus } from '../../../src/app/sync/status.ts';
import { PinScreen } from '../../../src/app/staff/PinScreen.tsx';
import { StaffView } from '../../../src/app/staff/StaffView.tsx';
import { DEFAULT_KIOSK_SETTINGS } from '../../../src/domain/kiosk-settings.ts';
import { buildDeviceConfig } from '../../fixtures/device-config.ts';
import { fixedStatusEngine, freshTablet, storeAnswers } from './render-staff.tsx';

/**
 * The staff screens write every date, time, count, index and size the one way the formatter does:
 * "14:05 04/12/2026", "1.234", "58,33%", "5,0 MB" in Vietnamese; "04/12/2026, 14:05", "1,234", "58.33%",
 * "5.0 MB" in English. Times are on the unit's clock (Asia/Ho_Chi_Minh, UTC+7) whatever the tablet's zone.
 */

const config = buildDeviceConfig();
const SYNCED_AT = '2026-12-04T07:05:00.000Z';
const LEDGER_AT = '2026-12-04T08:30:00.000Z';
const OLDEST_PENDING_AT = '2026-11-20T02:09:00.000Z';
const MEGABYTE = 1_048_576;

const EXPECTED = {
  vi: {
    tabs: { sync: 'Đồng bộ', storage: 'Bộ nhớ' },
    pending: '1.234',
    lastSuccess: 'Lần đồng bộ thành công gần nhất: 14:05 04/12/2026',
    asOf: '(Theo sổ của máy chủ lúc 15:30 04/12/2026.)',
    element: '58,33%',
    index: '54,17%',
    used: 'Đã dùng 5,0 MB trên 12,5 GB.',
    oldestPending: 'Phiếu chưa gửi cũ nhất: 09:09 20/11/2026.',
    title: /^Kết quả ngày \d{2}\/\d{2}\/\d{4}$/,
    locked: 'Nhập sai quá nhiều lần. Vui lòng thử lại sau 10:04:05.',
  },
  en: {
    tabs: { sync: 'Sync', storage: 'Storage' },
    pending: '1,234',
    lastSuccess: 'Last successful sync: 04/12/2026, 14:05',
    asOf: "(From the server's ledger at 04/12/2026, 15:30.)",
    element: '58.33%',
    index: '54.17%',
    used: '5.0 MB used of 12.5 GB.',
    oldestPending: 'Oldest unsent response: 20/11/2026, 09:09.',
    title: /^Results for \d{2}\/\d{2}\/\d{4}$/,
    locked: 'Too many wrong PINs. Try again after 10:04:05.',
  },
} as const;

const originalStorage = Object.getOwnPropertyDescriptor(navigator, 'storage');
beforeEach(() => {
  // What a tablet's browser reports: 5 MB used of a 12.5 GB quota, persistence granted.
  const storage = {
    estimate: async () => ({ usage: 5 * MEGABYTE, quota: 12.5 * 1024 * MEGABYTE }),
    persisted: async () => true,
    persist: async () => true,
  };
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
});
afterEach(() => {
  if (originalStorage) Object.defineProperty(navigator, 'storage', originalStorage);
  else Reflect.deleteProperty(navigator, 'storage');
});

function renderStaff(db: KioskDatabase, language: 'vi' | 'en', status: Partial<SyncEngineStatus>) {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider db={db}>
        <SyncProvider engine={fixedStatusEngine(status)}>
          <StaffView config={config} settings={DEFAULT_KIOSK_SETTINGS} onLeave={() => undefined} onAssist={() => undefined} />
        </SyncProvider>
      </StoreProvider>
    </I18nextProvider>,
  );
}

describe.each(['vi', 'en'] as const)('the staff screens in %s', (language) => {
  const expected = EXPECTED[language];

  it('write the day, indices, counts, sync times, ledger time and storage sizes through the shared formatter', async () => {
    const db = await freshTablet();
    // E1 = (2 of 3 + 1 of 2) / 2 = 58.33; E2 = 1 of 2 = 50; SIPAS = 54.17 (as staff-results.test.tsx).
    const first = await storeAnswers(db, { 'E1.1': 5, 'E1.2': 2, 'E2.1': 4 });
    await storeAnswers(db, { 'E1.1': 4, 'E1.2': 4, 'E2.1': 1 });
    await storeAnswers(db, { 'E1.1': 1 });
    await db.responses.update(first.id, { status: 'synced' });
    await storeAnswers(db, { 'E1.1': 3 }, { submittedAt: OLDEST_PENDING_AT, startedAt: OLDEST_PENDING_AT });
    const user = userEvent.setup();
    renderStaff(db, language, {
      pending: 1234,
      synced: 7,
      lastSuccessAt: SYNCED_AT,
      serverLedger: { highestContiguousSequence: 1, receivedCount: 1, missing: [], at: LEDGER_AT },
    });

    expect((await screen.findByTestId('element-E1')).textContent).toBe(expected.element);
    expect(screen.getByTestId('index-sipas').textContent).toBe(expected.index);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(expected.title);
    expect(await screen.findByText(expected.asOf)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: expected.tabs.sync }));
    expect(screen.getByTestId('sync-pending').textContent).toBe(expected.pending);
    expect(screen.getByText(expected.lastSuccess)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: expected.tabs.storage }));
    expect(await screen.findByText(expected.used)).toBeTruthy();
    expect(await screen.findByText(expected.oldestPending)).toBeTruthy();
  });

  it("tells the PIN lockout's end on the unit's clock", async () => {
    const db = await freshTablet();
    await db.staffAccess.put({
      key: 'pin',
      hash: '',
      salt: '',
      iterations: 1,
      failedAttempts: 9,
      lockedUntil: '2099-01-01T03:04:05.000Z',
      changedAt: SYNCED_AT,
    });
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider db={db}>
          <PinScreen timeZone={config.unit.timeZone} onUnlocked={() => undefined} onCancel={() => undefined} />
        </StoreProvider>
      </I18nextProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(expected.locked);
  });
});
