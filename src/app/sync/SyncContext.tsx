import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SyncEngine, SyncEngineStatus } from './engine.ts';

const SyncContext = createContext<SyncEngine | null>(null);

export function SyncProvider({ engine, children }: { engine: SyncEngine; children: ReactNode }) {
  return <SyncContext.Provider value={engine}>{children}</SyncContext.Provider>;
}

function useSyncEngine(): SyncEngine {
  const engine = useContext(SyncContext);
  if (!engine) throw new Error('sync hooks need a SyncProvider above them');
  return engine;
}

/** Asks for a sync soon (after a submit); the engine coalesces requests into one run. */
export function useSyncTrigger(): () => void {
  return useSyncEngine().requestSoon;
}

export function useSyncStatus(): SyncEngineStatus {
  const engine = useSyncEngine();
  return useSyncExternalStore(engine.subscribe, engine.getStatus);
}

/** Runs a sync now (after enrolment, or staff's "sync now"). */
export function useSyncNow(): () => Promise<unknown> {
  return useSyncEngine().syncNow;
}
