import type userEvent from '@testing-library/user-event';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { KioskDatabase } from '../../../src/app/store/db.ts';
import { StoreProvider } from '../../../src/app/store/StoreContext.tsx';
import { ensureDeviceIdentity, saveEnrolment } from '../../../src/app/store/device.ts';
import { saveConfig } from '../../../src/app/store/config.ts';
import { storeResponse, type UnsequencedResponse } from '../../../src/app/store/responses.ts';
import { setStaffPin } from '../../../src/app/store/staff-pin.ts';
import { SyncProvider } from '../../../src/app/sync/SyncContext.tsx';
import type { SyncEngine } from '../../../src/app/sync/engine.ts';
import { INITIAL_STATUS, type SyncEngineStatus } from '../../../src/app/sync/status.ts';
import { KioskApp } from '../../../src/app/kiosk/KioskApp.tsx';
import { buildDeviceConfig } from '../../fixtures/device-config.ts';

export const STAFF_PIN = '246810';
let databaseCount = 0;

/** A sync engine that reports a fixed status and counts "sync now". */
export function fixedStatusEngine(status: Partial<SyncEngineStatus> = {}): SyncEngine & { syncNowCalls: number } {
  const engine = {
    syncNowCalls: 0,
    start: () => undefined,
    stop: () => undefined,
    requestSoon: () => undefined,
    syncNow: async () => {
      engine.syncNowCalls += 1;
      return { pushed: 0 };
    },
    subscribe: () => () => undefined,
    getStatus: () => fixed,
  };
  const fixed: SyncEngineStatus = { ...INITIAL_STATUS, ...status };
  return engine as unknown as SyncEngine & { syncNowCalls: number };
}

export async function freshTablet(): Promise<KioskDatabase> {
  databaseCount += 1;
  const db = new KioskDatabase(`staff-test-${databaseCount}`);
  await ensureDeviceIdentity(db);
  await saveEnrolment(db, { token: 'test-token', unitId: 'hcc-an-hoa' });
  await saveConfig(db, buildDeviceConfig(), '"etag-1"');
  return db;
}

/** A response submitted now (so it falls on today in the unit's zone), stored through the real store. */
export function storeAnswers(db: KioskDatabase, answers: UnsequencedResponse['answers'], overrides: Partial<UnsequencedResponse> = {}) {
  const now = new Date().toISOString();
  return storeResponse(
    db,
    {
      id: uuidv7(),
      questionnaireId: 'sipas',
      questionnaireVersion: 1,
      deviceId: '0f8e4c2a-5b1d-4e3f-9a7c-2d6b8e1f3a5c',
      unitId: 'hcc-an-hoa',
      counterId: 'quay-1',
      serviceFieldId: 'dat-dai',
      locale: 'vi',
      startedAt: now,
      submittedAt: now,
      complete: true,
      answers,
      screenDurationsMs: {},
      dossierCode: null,
      procedureId: null,
      channel: 'kiosk',
      ...overrides,
    },
    'Asia/Ho_Chi_Minh',
  );
}

/** The kiosk as staff find it: enrolled, with a PIN, ready to open the staff view. */
export async function renderTabletWithPin(options: { db?: KioskDatabase; status?: Partial<SyncEngineStatus> } = {}) {
  const db = options.db ?? (await freshTablet());
  if (!(await db.staffAccess.get('pin'))) await setStaffPin(db, STAFF_PIN);
  const engine = fixedStatusEngine(options.status);
  const i18n = createI18n('vi');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <StoreProvider db={db}>
        <SyncProvider engine={engine}>
          <KioskApp enrolmentCode={null} />
        </SyncProvider>
      </StoreProvider>
    </I18nextProvider>,
  );
  return { db, engine, view };
}

/** From the kiosk's corner button through the PIN to the staff view's results. */
export async function unlockStaffView(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Nhân viên' }));
  await user.type(await screen.findByLabelText('Mã PIN'), STAFF_PIN);
  await user.click(screen.getByRole('button', { name: 'Mở khóa' }));
  await screen.findByRole('button', { name: 'Kết quả' });
}
