import { Workbox } from 'workbox-window';

/** Always-on tablets never reload, so new versions are looked for on a timer. */
const UPDATE_CHECK_MS = 30 * 60_000;

export interface ServiceWorkerUpdates {
  /** True once a new version is installed and waits to take over. */
  isUpdateWaiting(): boolean;
  subscribe(listener: () => void): () => void;
  /** Activates the waiting version and reloads; call only where nobody is mid-survey. */
  applyUpdate(): void;
}

export function registerServiceWorker(scriptUrl = '/sw.js'): ServiceWorkerUpdates {
  const listeners = new Set<() => void>();
  let waiting = false;
  let applying = false;
  const workbox = 'serviceWorker' in navigator ? new Workbox(scriptUrl, { scope: '/' }) : null;
  if (workbox) {
    workbox.addEventListener('waiting', () => {
      waiting = true;
      listeners.forEach((listener) => listener());
    });
    workbox.addEventListener('controlling', () => {
      if (applying) window.location.reload();
    });
    void workbox.register().catch((error: unknown) => console.error('service worker registration failed', error));
    window.setInterval(() => void workbox.update().catch(() => undefined), UPDATE_CHECK_MS);
  }
  return {
    isUpdateWaiting: () => waiting,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    applyUpdate() {
      if (!workbox || !waiting || applying) return;
      applying = true;
      workbox.messageSkipWaiting();
    },
  };
}

/** For pages served without a service worker (development, tests). */
export const NO_SERVICE_WORKER: ServiceWorkerUpdates = {
  isUpdateWaiting: () => false,
  subscribe: () => () => undefined,
  applyUpdate: () => undefined,
};
