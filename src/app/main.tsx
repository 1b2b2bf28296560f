import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import './fonts.css';
import './styles.css';
import { createI18n } from './i18n/index.ts';
import { App } from './App.tsx';
import { openKioskDatabase } from './store/db.ts';
import { StoreProvider } from './store/StoreContext.tsx';
import { ensureDeviceIdentity } from './store/device.ts';
import { deferredSyncEngine } from './sync/deferred-engine.ts';
import { SyncProvider } from './sync/SyncContext.tsx';
import { NO_SERVICE_WORKER, registerServiceWorker } from './pwa/service-worker.ts';
import { UpdateProvider } from './pwa/UpdateContext.tsx';
import { cacheDeferredAssetsWhenReady } from './pwa/deferred-assets.ts';
import { markStartupEvaluated } from './kiosk/performance-marks.ts';

/** A code in the kiosk link is used once; it is removed from the address so a reload cannot replay it. */
function takeEnrolmentCode(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('enrol');
  if (code) {
    url.searchParams.delete('enrol');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return code;
}

async function start() {
  markStartupEvaluated();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  const i18n = createI18n('vi');
  if (window.location.pathname.startsWith('/manage')) {
    // The dashboard is an online web app: it needs no tablet database, device identity or sync engine.
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <App path={window.location.pathname} enrolmentCode={null} />
        </I18nextProvider>
      </StrictMode>,
    );
    return;
  }
  const updates = import.meta.env.PROD ? registerServiceWorker() : NO_SERVICE_WORKER;

  const db = openKioskDatabase();
  const engine = deferredSyncEngine(async () => {
    const [{ createSyncEngine }, { createApiClient }] = await Promise.all([import('./sync/engine.ts'), import('./sync/api.ts')]);
    return createSyncEngine({ db, api: createApiClient() });
  });
  const enrolmentCode = takeEnrolmentCode();
  // Not awaited: an enrolled tablet has its identity already, and the first screen must not wait for a
  // write. On a first start it exists long before anyone can submit the enrolment form.
  ensureDeviceIdentity(db).catch((error: unknown) => {
    // Private modes and disabled storage refuse IndexedDB: the kiosk must not pretend to save answers.
    console.error('IndexedDB is not usable', error);
    engine.stop();
    root.render(
      <main className="setup">
        <p role="alert">{i18n.t('errors.noIndexedDb')}</p>
      </main>,
    );
  });

  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <UpdateProvider updates={updates}>
          <StoreProvider db={db}>
            <SyncProvider engine={engine}>
              <App path={window.location.pathname} enrolmentCode={enrolmentCode} />
            </SyncProvider>
          </StoreProvider>
        </UpdateProvider>
      </I18nextProvider>
    </StrictMode>,
  );
  // Sync and pruning start once the first screen is up, so a cold start never waits for their code.
  whenIdle(() => {
    engine.start();
    // The dashboard's, staff view's and QR scanner's files, left out of the install's precache (vite.config.ts).
    if (import.meta.env.PROD) cacheDeferredAssetsWhenReady((error) => console.error('caching the deferred assets failed', error));
    // Synced answers past the retention period leave the tablet, at start-up and then daily.
    void import('./store/retention.ts').then(({ startDailyPruning }) =>
      startDailyPruning(db, (error) => console.error('pruning synced responses failed', error)),
    );
  });
}

function whenIdle(task: () => void): void {
  // Safari has no requestIdleCallback.
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 500);
}

void start();
