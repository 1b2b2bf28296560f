import type { KioskDatabase } from '../store/db.ts';
import type { ApiClient } from './api.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { createRetryPlan } from './retry-plan.ts';
import { classifyFailure, emptyResult, errorInfo, runSyncPass, type SyncRunResult, type SyncTrigger } from './run.ts';
import { deriveStatus, INITIAL_STATUS, sameStatus, type SyncEngineStatus } from './status.ts';
import { patchSyncState, readSyncSnapshot, type StoredSyncSnapshot, type SyncStatePatch } from './sync-state.ts';

export type { SyncEngineState, SyncEngineStatus } from './status.ts';
export type { SyncRunResult, SyncTrigger } from './run.ts';

/**
 * The device's one sync runner. Several triggers (start-up, `online`, a submit, an interval, staff's
 * "sync now") feed one run at a time: within the page an in-flight guard, across tabs a Web Lock taken
 * with `ifAvailable`, so a second tab skips instead of queueing a duplicate upload. A run pulls the
 * configuration and pushes every pending record (run.ts, push.ts); a failure backs off with full jitter
 * (retry-plan.ts), 401/403 stop the device until it is enrolled again. While the browser knows it is
 * offline only the interval tries, uncounted; `online` runs at once. The status is derived from IndexedDB
 * (shared by all tabs) plus what this page knows (running, waiting for a retry).
 */

/** The Web Lock every tab of the device asks for; the holder is the device's only sender. */
export const SYNC_LOCK_NAME = 'sipas-sync';

/** The part of the Web Locks API the engine uses; `navigator.locks` fits it. */
export interface RunLockManager {
  request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<Awaited<T>>;
}

export interface SyncEngineOptions {
  db: KioskDatabase;
  api: Pick<ApiClient, 'fetchConfig' | 'sendBatch'>;
  now?: () => Date;
  random?: () => number;
  intervalMs?: number;
  /** Quiet time after the last submit before the run, so a queue of submits makes one run. */
  submitDelayMs?: number;
  backoff?: BackoffPolicy;
  /** `navigator.locks` by default; null uses only the in-page guard (one tab). */
  locks?: RunLockManager | null;
  /** Where `online` / `offline` events come from: `window` by default. */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  isOnline?: () => boolean;
  setTimeout?: (callback: () => void, delayMs: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface SyncEngine {
  /** Listens for `online`, starts the interval and runs once; calling it again does nothing. */
  start(): void;
  stop(): void;
  /** After a submit: refreshes the counts now and runs after a short quiet time. */
  requestSoon(): void;
  /** Staff "sync now": runs at once, even while backing off; waits for a run in progress first. */
  syncNow(): Promise<SyncRunResult>;
  subscribe(listener: () => void): () => void;
  getStatus(): SyncEngineStatus;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const intervalMs = options.intervalMs ?? 60_000;
  const submitDelayMs = options.submitDelayMs ?? 1_500;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const locks = options.locks !== undefined ? options.locks : typeof navigator !== 'undefined' ? (navigator.locks ?? null) : null;
  const events = options.events !== undefined ? options.events : typeof window !== 'undefined' ? window : null;
  const isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  const setTimer = options.setTimeout ?? ((callback, delayMs) => globalThis.setTimeout(callback, delayMs));
  const clearTimer = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

  let started = false;
  let status = INITIAL_STATUS;
  const listeners = new Set<() => void>();
  let snapshot: StoredSyncSnapshot | null = null;
  let refreshGeneration = 0;
  let syncing = false;
  const retries = createRetryPlan(random, backoff);
  let inFlight: Promise<SyncRunResult> | null = null;
  let automaticFollowUp: SyncTrigger | null = null;
  let manualFollowUp: Promise<SyncRunResult> | null = null;
  const timers: Record<'submit' | 'retry' | 'interval', unknown> = { submit: null, retry: null, interval: null };

  function publish() {
    const runner = { syncing, retryAt: retries.retryAt, lastFailureOffline: retries.lastFailureOffline, online: isOnline() };
    const next = deriveStatus(snapshot, runner);
    if (sameStatus(status, next)) return;
    status = next;
    for (const listener of [...listeners]) listener();
  }

  async function refreshStatus() {
    const generation = ++refreshGeneration;
    try {
      const fresh = await readSyncSnapshot(db);
      // A refresh started earlier may finish later; only the newest one may replace the snapshot.
      if (generation !== refreshGeneration) return;
      snapshot = fresh;
      publish();
    } catch (error) {
      console.warn('sync: could not read the sync status', error);
      publish();
    }
  }

  function setTimerFor(name: keyof typeof timers, delayMs: number, callback: () => void) {
    cancelTimer(name);
    timers[name] = setTimer(() => {
      timers[name] = null;
      callback();
    }, delayMs);
  }

  function cancelTimer(name: keyof typeof timers) {
    if (timers[name] !== null) clearTimer(timers[name]);
    timers[name] = null;
  }

  function scheduleInterval() {
    setTimerFor('interval', intervalMs, () => {
      if (!started) return;
      scheduleInterval();
      attempt('interval');
    });
  }

  /** Automatic triggers: they never overlap a run and never cut a backoff short (except `online`). */
  function attempt(trigger: SyncTrigger) {
    if (!started) return;
    if (inFlight) {
      // `online` wins over a queued trigger: it is the one that may cut a backoff short.
      automaticFollowUp = trigger === 'online' ? trigger : (automaticFollowUp ?? trigger);
      return;
    }
    // The browser knows there is no network: a try cannot succeed, and the `online` event will run one.
    // The interval still tries (without counting a failure), in case the browser's flag is wrong.
    if (!isOnline() && trigger !== 'interval') {
      publish();
      return;
    }
    if (retries.waiting(now()) && trigger !== 'retry') {
      void refreshStatus();
      return;
    }
    void startRun(trigger);
  }

  /**
   * The network is back: the failures before it say nothing about the new network, so the backoff starts
   * again and a run goes now. Only a wait the server asked for (Retry-After) is kept.
   */
  function networkReturned() {
    if (retries.networkReturned(now())) cancelTimer('retry');
    attempt('online');
  }

  function startRun(trigger: SyncTrigger): Promise<SyncRunResult> {
    const run: Promise<SyncRunResult> = executeRun(trigger).finally(() => {
      if (inFlight === run) inFlight = null;
      const followUp = automaticFollowUp;
      automaticFollowUp = null;
      // A submit during the run may have come after its last read: one more run picks it up.
      // The network came back during the run: a failure of that run must not hold back the fresh start.
      if (followUp === 'online') networkReturned();
      else if (followUp && !manualFollowUp) attempt(followUp);
    });
    inFlight = run;
    return run;
  }

  async function executeRun(trigger: SyncTrigger): Promise<SyncRunResult> {
    let result: SyncRunResult;
    try {
      result = (await withDeviceLock(() => runHoldingLock(trigger))) ?? emptyResult(trigger, 'busy');
    } catch (error) {
      // Only local failures reach this point (IndexedDB closed or full): no record changed, try later.
      console.error('sync: the run failed on the device', error);
      result = await recordFailure(emptyResult(trigger, 'failed'), error);
    } finally {
      syncing = false;
    }
    await refreshStatus();
    return result;
  }

  async function withDeviceLock(work: () => Promise<SyncRunResult>): Promise<SyncRunResult | null> {
    if (!locks) return work();
    return locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? work() : null));
  }

  async function runHoldingLock(trigger: SyncTrigger): Promise<SyncRunResult> {
    const token = (await db.device.get('device'))?.token;
    if (!token) return emptyResult(trigger, 'not-enrolled');
    if ((await db.sync.get('sync'))?.stoppedReason) return emptyResult(trigger, 'stopped');

    syncing = true;
    publish();
    const pass = await runSyncPass({ db, api, token, now, trigger, onBatch: (_, applied) => followDrain(applied) });
    if (pass.failure) return recordFailure(pass.result, pass.failure);
    // A tablet without any configuration cannot show a survey: its first one is retried like a failure.
    if (pass.configFailure && pass.configMissing) return recordFailure(pass.result, pass.configFailure);
    return recordSuccess(pass.result, pass.configFailure);
  }

  /** Moves the counts along with each confirmed batch, so staff watch a long drain progress. */
  function followDrain(applied: { synced: number; rejected: number }) {
    if (!snapshot) return;
    refreshGeneration += 1;
    const { pending, synced, rejected } = snapshot.counts;
    const counts = {
      pending: Math.max(0, pending - applied.synced - applied.rejected),
      synced: synced + applied.synced,
      rejected: rejected + applied.rejected,
    };
    snapshot = { ...snapshot, counts };
    publish();
  }

  async function recordSuccess(result: SyncRunResult, configFailure: unknown): Promise<SyncRunResult> {
    retries.clear();
    cancelTimer('retry');
    const at = now().toISOString();
    const lastError = configFailure ? errorInfo(configFailure, at) : undefined;
    await safePatch({ lastSuccessAt: at, lastError });
    return { ...result, outcome: 'synced', error: lastError ?? null, nextAttemptAt: null };
  }

  async function recordFailure(result: SyncRunResult, error: unknown): Promise<SyncRunResult> {
    const at = now();
    const lastError = errorInfo(error, at.toISOString());
    const failure = classifyFailure(error);
    if (failure.kind === 'stop') {
      retries.clear();
      cancelTimer('retry');
      await safePatch({ stoppedReason: failure.reason, lastError });
      return { ...result, outcome: 'stopped', error: lastError, nextAttemptAt: null };
    }
    if (failure.kind === 'offline' && !isOnline()) {
      // A try the browser knew could not succeed is no failure: no backoff grows, the `online` event retries.
      retries.failedOffline();
      cancelTimer('retry');
      await safePatch({ lastError });
      return { ...result, outcome: 'failed', error: lastError, nextAttemptAt: null };
    }
    const delayMs = retries.failed(at, failure.kind, failure.kind === 'retry' ? failure.retryAfterSeconds : null);
    if (started) setTimerFor('retry', delayMs, () => attempt('retry'));
    await safePatch({ lastError });
    return { ...result, outcome: 'failed', error: lastError, nextAttemptAt: new Date(at.getTime() + delayMs).toISOString() };
  }

  async function safePatch(patch: SyncStatePatch) {
    try {
      await patchSyncState(db, patch);
    } catch (error) {
      console.error('sync: could not record the sync state', error);
    }
  }

  const onOnline = () => networkReturned();
  const onOffline = () => publish();

  function start() {
    if (started) return;
    started = true;
    events?.addEventListener('online', onOnline);
    events?.addEventListener('offline', onOffline);
    scheduleInterval();
    // A restart during a backoff keeps its wait (it may be a server's Retry-After) but must not lose the retry.
    const { retryAt } = retries;
    if (retryAt) setTimerFor('retry', Math.max(0, retryAt.getTime() - now().getTime()), () => attempt('retry'));
    void refreshStatus();
    attempt('start');
  }

  function stop() {
    if (!started) return;
    started = false;
    events?.removeEventListener('online', onOnline);
    events?.removeEventListener('offline', onOffline);
    cancelTimer('submit');
    cancelTimer('retry');
    cancelTimer('interval');
  }

  function requestSoon() {
    void refreshStatus();
    if (started) setTimerFor('submit', submitDelayMs, () => attempt('submit'));
  }

  function syncNow(): Promise<SyncRunResult> {
    if (!inFlight) return startRun('manual');
    manualFollowUp ??= inFlight.then(() => {
      manualFollowUp = null;
      return syncNow();
    });
    return manualFollowUp;
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  function getStatus(): SyncEngineStatus {
    return status;
  }

  return { start, stop, requestSoon, syncNow, subscribe, getStatus };
}
