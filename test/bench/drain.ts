import { rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import type { DeviceConfig } from '../../src/domain/device-config.ts';
import { localDayOf } from '../../src/domain/local-day.ts';
import { MAX_BATCH_SIZE, type EnrolmentReply } from '../../src/domain/sync-protocol.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { issueEnrolmentCode } from '../../src/server/enrolment/enrolment.ts';
import { productionBundle } from './production-build.ts';
import type { BenchmarkOutcome } from './report.ts';
import { sipasResponses } from './survey-responses.ts';
import { countStoredByStatus, enrolTablet, newTabletProfile, removeBenchDatabase, startBenchServer } from './tablet.ts';

/**
 * A tablet that collected 10,000 answers offline and comes back: the records are written straight into
 * its IndexedDB exactly as the app stores them (pending, sequenced after the device's last number), the
 * kiosk is opened, and the clock runs until its sync engine has nothing pending left. The server's
 * database is then checked to hold every one of them.
 *
 * The floor, in the same run, the same browser and against the same server: a second tablet enrolled at
 * the same unit drains as many records with the simplest loop a person would write (floorDrain: read 500
 * pending from IndexedDB, POST them, mark them synced in one transaction, again), half before the app's
 * drain and half after. Long tasks (PerformanceObserver 'longtask') are recorded in the kiosk page from
 * its first script to the end of the drain: the tablet must stay responsive while it drains.
 */

const PENDING_RECORDS = 10_000;
const INSERT_CHUNK = 2_000;
const POLL_MS = 100;
const GIVE_UP_MS = 180_000;
const TARGET_SECONDS = 5;
const TARGET_LONGEST_TASK_MS = 100;
const FLOOR_DATABASE = 'bench-floor-drain';

interface TabletState {
  deviceId: string;
  highestIssuedSequence: number;
  config: DeviceConfig;
}

async function readTabletState(page: Page): Promise<TabletState> {
  return page.evaluate(
    () =>
      new Promise<TabletState>((resolve, reject) => {
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction(['device', 'config'], 'readonly');
          const device = transaction.objectStore('device').get('device');
          const config = transaction.objectStore('config').get('config');
          transaction.oncomplete = () => {
            open.result.close();
            if (!device.result || !config.result) reject(new Error('the tablet has no device identity or configuration yet'));
            else
              resolve({ deviceId: device.result.deviceId, highestIssuedSequence: device.result.highestIssuedSequence, config: config.result.config });
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/** Adds records and raises the device's sequence counter in one transaction, as storeResponse does. */
async function insertPending(page: Page, records: unknown[], highestIssuedSequence: number): Promise<void> {
  await page.evaluate(
    ({ records, highestIssuedSequence }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction(['responses', 'device'], 'readwrite');
          const responses = transaction.objectStore('responses');
          for (const record of records) responses.add(record);
          const devices = transaction.objectStore('device');
          const identity = devices.get('device');
          identity.onsuccess = () => devices.put({ ...identity.result, highestIssuedSequence });
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { records, highestIssuedSequence },
  );
}

function serverResponseCount(sqliteFile: string, deviceId: string): number {
  const database = new SqliteDatabase(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const row = database.prepare('select count(*) as count from responses where device_id = ?').get(deviceId) as { count: number };
    return row.count;
  } finally {
    database.close();
  }
}

/** A second tablet at the same unit, enrolled through the API with a code issued in the server's database. */
async function enrolFloorDevice(origin: string, sqliteFile: string, unitId: string): Promise<EnrolmentReply> {
  const db = createDatabase(sqliteFile);
  try {
    const { code } = await issueEnrolmentCode(db, { unitId, now: new Date(), actor: 'bench' });
    const reply = await fetch(`${origin}/api/v1/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: uuidv7(), deviceName: 'bench floor tablet' }),
    });
    if (!reply.ok) throw new Error(`enrolment of the floor tablet failed: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as EnrolmentReply;
  } finally {
    await db.destroy();
  }
}

/** The floor's own outbox: one store, pending records by [status, deviceSequence], filled before the clock starts. */
async function fillFloorOutbox(page: Page, records: unknown[]): Promise<void> {
  await page.evaluate(
    ({ name, records }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () =>
          open.result.createObjectStore('responses', { keyPath: 'id' }).createIndex('outbox', ['status', 'deviceSequence']);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('responses', 'readwrite');
          for (const record of records) transaction.objectStore('responses').put(record);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { name: FLOOR_DATABASE, records },
  );
}

/**
 * The hand-written drain: up to `limit` pending records, 500 at a time, each batch POSTed and its
 * records marked synced (or rejected) in one transaction before the next is read. Seconds in the page.
 */
async function floorDrain(page: Page, token: string, limit: number): Promise<{ seconds: number; synced: number }> {
  return page.evaluate(
    async ({ name, token, limit, batchSize, issued }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // No named helpers in here: the bench runs under tsx, whose name-keeping wrapper the page lacks.
      const began = performance.now();
      let synced = 0;
      while (synced < limit) {
        const pending = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const range = IDBKeyRange.bound(['pending', 0], ['pending', Infinity]);
          const request = db
            .transaction('responses')
            .objectStore('responses')
            .index('outbox')
            .getAll(range, Math.min(batchSize, limit - synced));
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
        if (pending.length === 0) break;
        const responses = pending.map(({ status: _status, ...record }) => record);
        const reply = await fetch('/api/v1/sync/responses', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ deviceTime: new Date().toISOString(), highestIssuedSequence: issued, responses }),
        });
        if (!reply.ok) throw new Error(`the floor's batch failed: ${reply.status} ${await reply.text()}`);
        const { results } = (await reply.json()) as { results: { id: string; status: string }[] };
        const statusOf = new Map(results.map((result) => [result.id, result.status === 'rejected' ? 'rejected' : 'synced']));
        const transaction = db.transaction('responses', 'readwrite');
        for (const record of pending) transaction.objectStore('responses').put({ ...record, status: statusOf.get(record.id as string) ?? 'pending' });
        await new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        });
        synced += pending.length;
      }
      db.close();
      return { seconds: (performance.now() - began) / 1000, synced };
    },
    { name: FLOOR_DATABASE, token, limit, batchSize: MAX_BATCH_SIZE, issued: PENDING_RECORDS },
  );
}

interface LongTask {
  startMs: number;
  durationMs: number;
}

declare global {
  interface Window {
    benchLongTasks?: LongTask[];
  }
}

/** Before the app's first script: every long task of the page from then on, kept in the page. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchLongTasks!.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function drainBenchmark(): Promise<BenchmarkOutcome> {
  const distDir = await productionBundle();
  const { server, sqliteFile } = await startBenchServer(distDir);
  const profile = newTabletProfile();
  try {
    const { context, page } = await enrolTablet(server, profile);
    try {
      const tablet = await readTabletState(page);
      const { config } = tablet;
      const counterIds = config.kioskSettings.counterId ? [config.kioskSettings.counterId] : config.counters.map((counter) => counter.id);
      const records = sipasResponses({
        deviceId: tablet.deviceId,
        unitId: config.unit.id,
        counterIds,
        serviceFieldIds: config.serviceFields.map((field) => field.id),
        firstSequence: tablet.highestIssuedSequence + 1,
        count: PENDING_RECORDS,
        seed: 4,
      }).map((response) => ({ ...response, status: 'pending', localDay: localDayOf(response.submittedAt, config.unit.timeZone) }));

      // Written from a page of the same origin where the kiosk app (and its sync engine) is not running,
      // so nothing is sent before the clock starts.
      await page.goto(`${server.origin}/api/health`);
      for (let start = 0; start < records.length; start += INSERT_CHUNK) {
        const chunk = records.slice(start, start + INSERT_CHUNK);
        await insertPending(page, chunk, chunk.at(-1)!.deviceSequence);
      }
      const pendingBefore = await countStoredByStatus(page, 'pending');
      if (pendingBefore !== PENDING_RECORDS) throw new Error(`expected ${PENDING_RECORDS} pending records on the tablet, found ${pendingBefore}`);

      const floorDevice = await enrolFloorDevice(server.origin, sqliteFile, config.unit.id);
      const floorRecords = sipasResponses({
        deviceId: floorDevice.deviceId,
        unitId: config.unit.id,
        counterIds,
        serviceFieldIds: config.serviceFields.map((field) => field.id),
        firstSequence: 1,
        count: PENDING_RECORDS,
        seed: 4,
      }).map((response) => ({ ...response, status: 'pending' }));
      for (let start = 0; start < floorRecords.length; start += INSERT_CHUNK)
        await fillFloorOutbox(page, floorRecords.slice(start, start + INSERT_CHUNK));
      const floorBefore = await floorDrain(page, floorDevice.token, PENDING_RECORDS / 2);

      await observeLongTasks(page);
      const began = performance.now();
      await page.goto(`${server.origin}/kiosk`);
      let pending = pendingBefore;
      while (pending > 0) {
        if (performance.now() - began > GIVE_UP_MS) throw new Error(`${pending} records still pending after ${GIVE_UP_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        pending = await countStoredByStatus(page, 'pending');
      }
      const seconds = (performance.now() - began) / 1000;
      const drainedAtPageMs = await page.evaluate(() => performance.now());
      const longTasks = (await page.evaluate(() => window.benchLongTasks ?? [])).filter((task) => task.startMs <= drainedAtPageMs);
      const longest = Math.max(0, ...longTasks.map((task) => task.durationMs));
      const rejected = await countStoredByStatus(page, 'rejected');
      const onServer = serverResponseCount(sqliteFile, tablet.deviceId);

      await page.goto(`${server.origin}/api/health`);
      const floorAfter = await floorDrain(page, floorDevice.token, PENDING_RECORDS / 2);
      const floorSynced = floorBefore.synced + floorAfter.synced;
      const floorSeconds = floorBefore.seconds + floorAfter.seconds;
      const floorOnServer = serverResponseCount(sqliteFile, floorDevice.deviceId);
      if (floorSynced !== PENDING_RECORDS || floorOnServer !== PENDING_RECORDS) {
        throw new Error(`the floor did not drain everything: ${floorSynced} marked synced, ${floorOnServer} on the server`);
      }
      const rate = PENDING_RECORDS / seconds;
      const floorRate = floorSynced / floorSeconds;
      console.info(
        `    ${PENDING_RECORDS.toLocaleString('en-US')} pending drained in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')}/s; server holds ${onServer.toLocaleString('en-US')} from this tablet; ${rejected} rejected`,
      );
      console.info(
        `    floor (hand-written loop, same run): ${floorSynced.toLocaleString('en-US')} in ${floorSeconds.toFixed(2)} s = ${Math.round(floorRate).toLocaleString('en-US')}/s; the app takes ${(seconds / (PENDING_RECORDS / floorRate)).toFixed(2)}× its time`,
      );
      console.info(`    long tasks while draining: ${longTasks.length}, longest ${Math.round(longest)} ms (target ≤ ${TARGET_LONGEST_TASK_MS} ms)`);
      if (rejected > 0 || onServer !== PENDING_RECORDS) {
        throw new Error(`the drain did not land exactly once: ${onServer} on the server, ${rejected} rejected on the tablet`);
      }
      return {
        metrics: [
          {
            label: `tablet drains ${PENDING_RECORDS.toLocaleString('en-US')} pending on loopback`,
            value: seconds,
            unit: 's',
            target: { kind: 'under', limit: TARGET_SECONDS },
          },
          { label: 'drain rate', value: rate, unit: 'responses/s' },
          { label: 'floor: hand-written drain loop, same run', value: floorRate, unit: 'responses/s' },
          { label: 'drain time ÷ floor time', value: seconds / (PENDING_RECORDS / floorRate), unit: '×' },
          { label: 'longest task while draining', value: longest, unit: 'ms', target: { kind: 'at most', limit: TARGET_LONGEST_TASK_MS } },
          { label: 'long tasks (> 50 ms) while draining', value: longTasks.length, unit: 'tasks' },
        ],
        details: {
          pendingRecords: PENDING_RECORDS,
          seconds,
          serverCount: onServer,
          rejected,
          pollMs: POLL_MS,
          floor: { before: floorBefore, after: floorAfter },
          longTasks,
        },
      };
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
    removeBenchDatabase(sqliteFile);
  }
}
