import { rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { DeviceConfig } from '../../src/domain/device-config.ts';
import { localDayOf } from '../../src/domain/local-day.ts';
import { productionBundle } from './production-build.ts';
import type { BenchmarkOutcome } from './report.ts';
import { sipasResponses } from './survey-responses.ts';
import { countStoredByStatus, enrolTablet, newTabletProfile, removeBenchDatabase, startBenchServer } from './tablet.ts';

/**
 * A tablet that collected 10,000 answers offline and comes back: the records are written straight into
 * its IndexedDB exactly as the app stores them (pending, sequenced after the device's last number), the
 * kiosk is opened, and the clock runs until its sync engine has nothing pending left. The server's
 * database is then checked to hold every one of them.
 */

const PENDING_RECORDS = 10_000;
const INSERT_CHUNK = 2_000;
const POLL_MS = 100;
const GIVE_UP_MS = 180_000;
const TARGET_SECONDS = 10;

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
            else resolve({ deviceId: device.result.deviceId, highestIssuedSequence: device.result.highestIssuedSequence, config: config.result.config });
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

      const began = performance.now();
      await page.goto(`${server.origin}/kiosk`);
      let pending = pendingBefore;
      while (pending > 0) {
        if (performance.now() - began > GIVE_UP_MS) throw new Error(`${pending} records still pending after ${GIVE_UP_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        pending = await countStoredByStatus(page, 'pending');
      }
      const seconds = (performance.now() - began) / 1000;
      const rejected = await countStoredByStatus(page, 'rejected');
      const onServer = serverResponseCount(sqliteFile, tablet.deviceId);
      console.info(`    ${PENDING_RECORDS.toLocaleString('en-US')} pending drained in ${seconds.toFixed(2)} s; server holds ${onServer.toLocaleString('en-US')} from this tablet; ${rejected} rejected`);
      if (rejected > 0 || onServer !== PENDING_RECORDS) {
        throw new Error(`the drain did not land exactly once: ${onServer} on the server, ${rejected} rejected on the tablet`);
      }
      return {
        metrics: [
          { label: `tablet drains ${PENDING_RECORDS.toLocaleString('en-US')} pending on loopback`, value: seconds, unit: 's', target: { kind: 'under', limit: TARGET_SECONDS } },
          { label: 'drain rate', value: PENDING_RECORDS / seconds, unit: 'responses/s' },
        ],
        details: { pendingRecords: PENDING_RECORDS, seconds, serverCount: onServer, rejected, pollMs: POLL_MS },
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
