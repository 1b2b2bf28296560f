import type { AddressInfo } from 'node:net';
import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { sql } from 'kysely';
import { localDayOf } from '../../../../src/domain/local-day.ts';
import type { SurveyResponse } from '../../../../src/domain/response.ts';
import { KioskDatabase, type StoredResponse } from '../../../../src/app/store/db.ts';
import { ensureDeviceIdentity, newResponseId, saveEnrolment } from '../../../../src/app/store/device.ts';
import { createApiClient, type ApiClient } from '../../../../src/app/sync/api.ts';
import { createSyncEngine, type RunLockManager, type SyncEngine, type SyncEngineOptions } from '../../../../src/app/sync/engine.ts';
import { buildApp } from '../../../../src/server/app.ts';
import { createDatabase } from '../../../../src/server/db/database.ts';
import { prepareDatabase } from '../../../../src/server/db/prepare.ts';
import { insertServiceField, insertUnit, offerServiceFields } from '../../../../src/server/db/units-repository.ts';
import { issueEnrolmentCode } from '../../../../src/server/enrolment/enrolment.ts';
import { makeResponse } from '../../domain/factories.ts';

// Dexie looks for IndexedDB when it is first imported, which may be before this module runs; telling it
// directly works whatever the import order of a test file.
Dexie.dependencies.indexedDB = indexedDB;
Dexie.dependencies.IDBKeyRange = IDBKeyRange;

/**
 * The engine is tested against the real server (src/server/app.ts on an in-memory SQLite, listening on a
 * loopback port) through the real API client and fetch, with a real IndexedDB (fake-indexeddb).
 */

export const UNIT_ID = 'test.commune';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export async function startTestServer() {
  const serverDb = createDatabase(':memory:');
  await prepareDatabase(serverDb);
  await insertUnit(serverDb, { id: 'test', parentId: null, kind: 'province', name: { vi: 'Tỉnh thử' } });
  await insertUnit(serverDb, { id: UNIT_ID, parentId: 'test', kind: 'commune', name: { vi: 'Xã thử' }, timeZone: TIME_ZONE });
  await insertServiceField(serverDb, { id: 'land', name: { vi: 'Đất đai' } });
  await offerServiceFields(serverDb, UNIT_ID, ['land']);
  // The rate limit is the server's own concern (tested there); here it would only slow the drains down.
  const app = buildApp({ db: serverDb, staticDir: null, rateLimit: { max: 1_000_000, timeWindowMs: 60_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    serverDb,
    async issueCode(): Promise<string> {
      return (await issueEnrolmentCode(serverDb, { unitId: UNIT_ID, now: new Date(), actor: 'test' })).code;
    },
    async storedResponseCount(deviceId?: string): Promise<number> {
      let query = serverDb.selectFrom('responses').select(sql<number>`count(*)`.as('count'));
      if (deviceId) query = query.where('device_id', '=', deviceId);
      return Number((await query.executeTakeFirstOrThrow()).count);
    },
    async close() {
      await app.close();
      await serverDb.destroy();
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** A fetch that records what the device sent and lets a test break the network or the reply. */
export function createRecordingFetch() {
  const requests: RecordedRequest[] = [];
  let interceptor: Interceptor | null = null;
  let concurrent = 0;
  let maxConcurrentBatches = 0;

  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: RecordedRequest = { method: init?.method ?? 'GET', path: url.pathname, headers: new Headers(init?.headers), body };
    requests.push(request);
    const answer = interceptor ? await interceptor(request, () => fetch(input, init)) : null;
    if (answer) return answer;
    const isBatch = request.path === '/api/v1/sync/responses';
    if (isBatch) maxConcurrentBatches = Math.max(maxConcurrentBatches, ++concurrent);
    try {
      return await fetch(input, init);
    } finally {
      if (isBatch) concurrent -= 1;
    }
  };

  return {
    fetch: recordingFetch,
    requests,
    batches: () => requests.filter((request) => request.path === '/api/v1/sync/responses').map((request) => request.body as BatchBody),
    configRequests: () => requests.filter((request) => request.path === '/api/v1/sync/config'),
    maxConcurrentBatches: () => maxConcurrentBatches,
    /**
     * While set, sees each request first: it may answer instead of the server (a Response), throw (a
     * network failure), call `forward` to reach the server and then lose or alter the reply, or pass (null).
     */
    intercept(next: Interceptor | null) {
      interceptor = next;
    },
  };
}
type Interceptor = (request: RecordedRequest, forward: () => Promise<Response>) => Promise<Response | null> | Response | null;
export type RecordingFetch = ReturnType<typeof createRecordingFetch>;
export interface BatchBody {
  deviceTime: string;
  highestIssuedSequence: number;
  pendingCount?: number;
  responses: Record<string, unknown>[];
}

let databaseCounter = 0;

/** A tablet: its own IndexedDB database, an identity, enrolled at the test unit through the API. */
export async function enrolledDevice(server: TestServer, recording: RecordingFetch, databaseName?: string) {
  const db = new KioskDatabase(databaseName ?? `sync-test-${process.pid}-${++databaseCounter}`);
  const identity = await ensureDeviceIdentity(db);
  const api = createApiClient({ baseUrl: server.baseUrl, fetch: recording.fetch });
  const enrolment = await api.enrol({ code: await server.issueCode(), deviceId: identity.deviceId });
  await saveEnrolment(db, enrolment);
  return { db, api, deviceId: identity.deviceId };
}

/** Stores `count` pending responses as the kiosk would, in one transaction (storing them one by one is slow). */
export async function seedPending(
  db: KioskDatabase,
  count: number,
  overrides: (sequence: number) => Partial<SurveyResponse> = () => ({}),
): Promise<StoredResponse[]> {
  return db.transaction('rw', db.device, db.responses, async () => {
    const identity = await db.device.get('device');
    if (!identity) throw new Error('seedPending needs a device identity');
    const records: StoredResponse[] = [];
    for (let index = 1; index <= count; index += 1) {
      const deviceSequence = identity.highestIssuedSequence + index;
      const response = makeResponse({
        id: newResponseId(),
        deviceId: identity.deviceId,
        deviceSequence,
        unitId: UNIT_ID,
        ...overrides(deviceSequence),
      });
      records.push({ ...response, status: 'pending', localDay: localDayOf(response.submittedAt, TIME_ZONE) });
    }
    await db.responses.bulkAdd(records);
    await db.device.put({ ...identity, highestIssuedSequence: identity.highestIssuedSequence + count });
    return records;
  });
}

/** Timers and a clock that move only when the test says so. */
export function createManualClock(start = Date.now()) {
  let current = start;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => new Date(current),
    setTimeout: (callback: () => void, delayMs: number): unknown => {
      const handle = nextHandle++;
      timers.set(handle, { at: current + delayMs, callback });
      return handle;
    },
    clearTimeout: (handle: unknown) => {
      timers.delete(handle as number);
    },
    /** Delays from now of the timers still waiting, shortest first. */
    pendingDelays: () => [...timers.values()].map((timer) => timer.at - current).sort((a, b) => a - b),
    /** Moves the clock, firing each timer that falls due, in order. */
    advance(ms: number) {
      const target = current + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= target).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        const [handle, timer] = due;
        timers.delete(handle);
        current = timer.at;
        timer.callback();
      }
      current = target;
    },
  };
}

/** An engine on manual timers, no Web Locks and no window events, unless a test says otherwise. */
export function engineFor(
  device: { db: KioskDatabase; api: ApiClient },
  clock: ReturnType<typeof createManualClock>,
  options: Partial<SyncEngineOptions> = {},
): SyncEngine {
  return createSyncEngine({
    db: device.db,
    api: device.api,
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    random: () => 0.5,
    locks: null,
    events: null,
    isOnline: () => true,
    ...options,
  });
}

/** A JSON error reply in the API's format. */
export function errorReply(status: number, code: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message: `test: ${code}` } }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** What two tabs of one browser share: one Web Locks manager (exclusive, `ifAvailable` only). */
export function createSharedLockManager(): RunLockManager & { grants: number; refusals: number } {
  const held = new Set<string>();
  const manager = {
    grants: 0,
    refusals: 0,
    async request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<Awaited<T>> {
      if (!options.ifAvailable) throw new Error('the test lock manager only implements ifAvailable requests');
      if (held.has(name)) {
        manager.refusals += 1;
        return await callback(null);
      }
      held.add(name);
      manager.grants += 1;
      try {
        return await callback({ name, mode: 'exclusive' } as Lock);
      } finally {
        held.delete(name);
      }
    },
  };
  return manager;
}
