import type { SyncState } from '../store/db.ts';
import type { StoredSyncSnapshot } from './sync-state.ts';

export type SyncEngineState = 'idle' | 'syncing' | 'offline' | 'backing-off' | 'stopped' | 'not-enrolled';
export type SyncError = NonNullable<SyncState['lastError']>;
export type StoppedReason = NonNullable<SyncState['stoppedReason']>;
export type ServerLedger = NonNullable<SyncState['serverLedger']>;

/** What the staff view shows about syncing; one object, replaced only when something in it changes. */
export interface SyncEngineStatus {
  state: SyncEngineState;
  pending: number;
  synced: number;
  rejected: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** The error of the last run; cleared by a run that succeeds. */
  lastError: SyncError | null;
  /** When a failed run will be tried again (null when nothing failed). */
  nextAttemptAt: string | null;
  /** Set after 401/403: the device must be enrolled again before it syncs. */
  stoppedReason: StoppedReason | null;
  /** The server's ledger from the last reply, for the staff reconciliation. */
  serverLedger: ServerLedger | null;
}

/** What only this page knows: whether it runs a sync now and whether it waits for a retry. */
export interface RunnerState {
  syncing: boolean;
  retryAt: Date | null;
  lastFailureOffline: boolean;
  online: boolean;
}

export const INITIAL_STATUS: SyncEngineStatus = {
  state: 'idle',
  pending: 0,
  synced: 0,
  rejected: 0,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  nextAttemptAt: null,
  stoppedReason: null,
  serverLedger: null,
};

export function deriveStatus(snapshot: StoredSyncSnapshot | null, runner: RunnerState): SyncEngineStatus {
  const stored = snapshot?.state;
  return {
    state: deriveState(snapshot, runner),
    pending: snapshot?.counts.pending ?? 0,
    synced: snapshot?.counts.synced ?? 0,
    rejected: snapshot?.counts.rejected ?? 0,
    lastAttemptAt: stored?.lastAttemptAt ?? null,
    lastSuccessAt: stored?.lastSuccessAt ?? null,
    lastError: stored?.lastError ?? null,
    nextAttemptAt: runner.retryAt?.toISOString() ?? null,
    stoppedReason: stored?.stoppedReason ?? null,
    serverLedger: stored?.serverLedger ?? null,
  };
}

function deriveState(snapshot: StoredSyncSnapshot | null, runner: RunnerState): SyncEngineState {
  if (runner.syncing) return 'syncing';
  if (snapshot && !snapshot.enrolled) return 'not-enrolled';
  if (snapshot?.state?.stoppedReason) return 'stopped';
  if (runner.retryAt) return runner.lastFailureOffline ? 'offline' : 'backing-off';
  return runner.online ? 'idle' : 'offline';
}

/** Field by field; the small nested objects (error, ledger) by value, since each read makes new ones. */
export function sameStatus(a: SyncEngineStatus, b: SyncEngineStatus): boolean {
  return (Object.keys(a) as (keyof SyncEngineStatus)[]).every((key) => {
    const left = a[key];
    const right = b[key];
    if (left === right) return true;
    return typeof left === 'object' && typeof right === 'object' && JSON.stringify(left) === JSON.stringify(right);
  });
}
