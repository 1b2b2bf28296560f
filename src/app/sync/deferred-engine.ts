import type { SyncEngine } from './engine.ts';
import { INITIAL_STATUS } from './status.ts';

/**
 * The sync engine (and the validation library it parses replies with) loads after the kiosk's first
 * screen; until then this stands in, remembering what was asked of it.
 */
export function deferredSyncEngine(load: () => Promise<SyncEngine>): SyncEngine {
  let engine: SyncEngine | null = null;
  let loading: Promise<SyncEngine> | null = null;
  let startRequested = false;
  let syncRequested = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  function ensureLoaded(): Promise<SyncEngine> {
    loading ??= load().then((loaded) => {
      engine = loaded;
      loaded.subscribe(notify);
      if (startRequested) loaded.start();
      if (syncRequested) loaded.requestSoon();
      notify();
      return loaded;
    });
    return loading;
  }

  return {
    start() {
      startRequested = true;
      if (engine) engine.start();
      else void ensureLoaded();
    },
    stop() {
      startRequested = false;
      engine?.stop();
    },
    requestSoon() {
      if (engine) engine.requestSoon();
      else {
        syncRequested = true;
        void ensureLoaded();
      }
    },
    async syncNow() {
      return (await ensureLoaded()).syncNow();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getStatus() {
      return engine ? engine.getStatus() : INITIAL_STATUS;
    },
  };
}
