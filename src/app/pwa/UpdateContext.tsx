import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { NO_SERVICE_WORKER, type ServiceWorkerUpdates } from './service-worker.ts';

const UpdateContext = createContext<ServiceWorkerUpdates>(NO_SERVICE_WORKER);

export function UpdateProvider({ updates, children }: { updates: ServiceWorkerUpdates; children: ReactNode }) {
  return <UpdateContext.Provider value={updates}>{children}</UpdateContext.Provider>;
}

/** Applies a waiting new version only while the kiosk is at rest (start screen), never mid-survey. */
export function useApplyUpdateWhenIdle(atRest: boolean): void {
  const updates = useContext(UpdateContext);
  const waiting = useSyncExternalStore(updates.subscribe, updates.isUpdateWaiting);
  useEffect(() => {
    if (atRest && waiting) updates.applyUpdate();
  }, [atRest, waiting, updates]);
}
