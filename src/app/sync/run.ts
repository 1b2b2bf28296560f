import type { KioskDatabase } from '../store/db.ts';
import { ApiError, NETWORK_ERROR_CODE, TIMEOUT_ERROR_CODE } from '../http/api-error.ts';
import type { ApiClient } from './api.ts';
import { pullConfig, type ConfigPullOutcome } from './config-pull.ts';
import { nothingSentYet, pushPending, type PushOptions, type PushProgress } from './push.ts';
import type { StoppedReason, SyncError } from './status.ts';
import { patchSyncState } from './sync-state.ts';

export type SyncTrigger = 'start' | 'online' | 'submit' | 'interval' | 'retry' | 'manual';

export interface SyncRunResult extends Omit<PushProgress, 'ledger'> {
  trigger: SyncTrigger;
  /** `busy`: another tab (or this page) holds the sync lock and does the work. */
  outcome: 'synced' | 'failed' | 'stopped' | 'not-enrolled' | 'busy';
  config: ConfigPullOutcome | 'failed' | 'skipped';
  error: SyncError | null;
  nextAttemptAt: string | null;
}

export type FailureKind =
  { kind: 'stop'; reason: StoppedReason } | { kind: 'offline' } | { kind: 'retry'; status: number | null; retryAfterSeconds: number | null };

/** 401/403 stop the device; no answer at all means offline; anything else is retried later. */
export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof ApiError)) return { kind: 'retry', status: null, retryAfterSeconds: null };
  if (error.status === 401) return { kind: 'stop', reason: 'unauthorized' };
  if (error.status === 403) return { kind: 'stop', reason: 'device-revoked' };
  if (error.status === 0 && (error.code === NETWORK_ERROR_CODE || error.code === TIMEOUT_ERROR_CODE)) return { kind: 'offline' };
  return { kind: 'retry', status: error.status, retryAfterSeconds: error.retryAfterSeconds };
}

export function errorInfo(error: unknown, at: string): SyncError {
  if (error instanceof ApiError) return { code: error.code, message: error.message, at };
  return { code: 'device-error', message: error instanceof Error ? error.message : String(error), at };
}

export function emptyResult(trigger: SyncTrigger, outcome: SyncRunResult['outcome']): SyncRunResult {
  return {
    trigger,
    outcome,
    config: 'skipped',
    ...nothingSentYet(),
    error: null,
    nextAttemptAt: null,
  };
}

export interface SyncPass {
  result: SyncRunResult;
  /** The error that ended the pass; the caller decides between stopping and backing off. */
  failure: unknown;
  /** A config failure the push went on after; reported, and a success unless the device has no configuration. */
  configFailure: unknown;
  /** True when the pull failed and the device holds no configuration at all (a newly enrolled kiosk). */
  configMissing: boolean;
}

/**
 * One pass for an enrolled device holding the sync lock: pull the configuration, then push everything
 * pending. Never throws for the server's answers; local (IndexedDB) errors do throw.
 */
export async function runSyncPass(options: {
  db: KioskDatabase;
  api: Pick<ApiClient, 'fetchConfig' | 'sendBatch'>;
  token: string;
  now: () => Date;
  trigger: SyncTrigger;
  onBatch?: PushOptions['onBatch'];
}): Promise<SyncPass> {
  const { db, api, token, now, trigger, onBatch } = options;
  const result = emptyResult(trigger, 'synced');
  await patchSyncState(db, { lastAttemptAt: now().toISOString() });

  let configFailure: unknown = null;
  let configMissing = false;
  try {
    result.config = await pullConfig(db, api, token, now);
  } catch (error) {
    result.config = 'failed';
    // A refused token, or the device's rate limit (one bucket for every sync route), would refuse the
    // upload too. Any other failure (a request lost on a flaky network, a 5xx) must not hold back the
    // answers: the push goes ahead.
    const failure = classifyFailure(error);
    if (failure.kind === 'stop' || (failure.kind === 'retry' && failure.status === 429)) {
      return { result, failure: error, configFailure: null, configMissing: false };
    }
    configFailure = error;
    configMissing = (await db.config.count()) === 0;
  }

  const { failure, ledger: _ledger, ...progress } = await pushPending({ db, api, token, now, onBatch });
  Object.assign(result, progress);
  if (!failure && result.unanswered > 0) {
    console.warn(`sync: the server did not answer for ${result.unanswered} record(s); they stay pending`);
  }
  return { result, failure, configFailure, configMissing };
}
