import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { KioskDatabase } from '../../../src/app/store/db.ts';
import { StoreProvider } from '../../../src/app/store/StoreContext.tsx';
import { ensureDeviceIdentity, saveEnrolment } from '../../../src/app/store/device.ts';
import { saveConfig } from '../../../src/app/store/config.ts';
import { SyncProvider } from '../../../src/app/sync/SyncContext.tsx';
import type { SyncEngine } from '../../../src/app/sync/engine.ts';
import { KioskApp } from '../../../src/app/kiosk/KioskApp.tsx';
import { UpdateProvider } from '../../../src/app/pwa/UpdateContext.tsx';
import { NO_SERVICE_WORKER, type ServiceWorkerUpdates } from '../../../src/app/pwa/service-worker.ts';
import type { KioskSettings } from '../../../src/domain/kiosk-settings.ts';
import { buildDeviceConfig } from '../../fixtures/device-config.ts';

let databaseCount = 0;

/** Counts sync requests instead of talking to a server: the kiosk only has to ask for one. */
export function recordingSyncEngine(): SyncEngine & { requests: number } {
  const engine = {
    requests: 0,
    start: () => undefined,
    stop: () => undefined,
    requestSoon: () => {
      engine.requests += 1;
    },
    syncNow: async () => ({ pushed: 0 }),
    subscribe: () => () => undefined,
    getStatus: () => ({}) as ReturnType<SyncEngine['getStatus']>,
  };
  return engine as unknown as SyncEngine & { requests: number };
}

/** An enrolled tablet with a configuration, on a fresh IndexedDB (fake-indexeddb). */
export async function renderEnrolledKiosk(settings: Partial<KioskSettings> = {}, updates: ServiceWorkerUpdates = NO_SERVICE_WORKER) {
  const db = freshKioskDatabase();
  await ensureDeviceIdentity(db);
  await saveEnrolment(db, { token: 'test-token', unitId: 'hcc-an-hoa' });
  await saveConfig(db, buildDeviceConfig(settings), '"etag-1"');
  return renderKiosk(db, updates);
}

/** A database of its own for each test, so no test sees another's records. */
export function freshKioskDatabase(): KioskDatabase {
  databaseCount += 1;
  return new KioskDatabase(`kiosk-test-${databaseCount}`);
}

/** The kiosk app on `db`, with the providers main.tsx gives it. */
export function renderKiosk(db: KioskDatabase, updates: ServiceWorkerUpdates = NO_SERVICE_WORKER) {
  const i18n = createI18n('vi');
  const engine = recordingSyncEngine();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <UpdateProvider updates={updates}>
        <StoreProvider db={db}>
          <SyncProvider engine={engine}>
            <KioskApp enrolmentCode={null} />
          </SyncProvider>
        </StoreProvider>
      </UpdateProvider>
    </I18nextProvider>,
  );
  return { db, i18n, engine, view };
}
