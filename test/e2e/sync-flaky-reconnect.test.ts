import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchTablet } from './chromium.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { enrolTablet, overrideKioskSettings, quickRate, readStoredResponses, waitForServiceWorker } from './kiosk-pages.ts';
import { readServerResponses, wireFields } from './server-database.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';

/**
 * The target: a kiosk back on a network that loses 45% of its requests (half of them after the
 * server committed the batch) delivers the 40 answers it stored offline within 30 s of reconnecting, and
 * the server holds each once. E2E_RECONNECT_ROUNDS repeats the reconnect (another seed each round) to
 * measure the distribution; every round must meet the target.
 */
const ANSWERS = 40;
const DROP_RATE = 0.45;
const DELIVERY_TARGET_MS = 30_000;
const ROUNDS = Math.max(1, Number(process.env.E2E_RECONNECT_ROUNDS ?? 1));
const FACES = ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'];

/**
 * Polls the server's database file (not the tablet) until the device's answers are all there: a count
 * by index, cheap enough to poll every 100 ms on a loaded machine without slowing the server down.
 */
async function waitForServerCount(databaseFile: string, deviceId: string, count: number, timeoutMs: number): Promise<number> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const countOf = db.prepare('SELECT count(*) AS stored FROM responses WHERE device_id = ?');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { stored } = countOf.get(deviceId) as { stored: number };
      if (stored >= count || Date.now() > deadline) return stored;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    db.close();
  }
}

async function waitUntilTabletSynced(page: Page, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = await readStoredResponses(page);
    if (records.length === count && records.every((record) => record.status === 'synced')) return records;
    if (Date.now() > deadline) throw new Error(`tablet records not all synced: ${records.filter((r) => r.status !== 'synced').length} left`);
    await page.waitForTimeout(250);
  }
}

describe('sync through a network that loses 45% of requests', () => {
  const databaseFile = temporarySqliteFile();
  let server: RunningServer;
  let proxy: FaultProxy;
  let tablet: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: databaseFile });
    proxy = await startFaultProxy(server.origin);
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    page = tablet.pages()[0] ?? (await tablet.newPage());
    // The tablet knows the server only through the proxy: its pages, service worker and API calls.
    await enrolTablet(page, proxy.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', mode: 'quick' });
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it(`delivers ${ANSWERS} offline answers within 30 s of reconnecting, once each`, { timeout: 60_000 + ROUNDS * 150_000 }, async () => {
    const deliverySeconds: number[] = [];
    let droppedBefore = 0;
    let droppedAfterServer = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      await tablet.setOffline(true);
      await page.reload();
      for (let rating = 0; rating < ANSWERS; rating += 1) await quickRate(page, FACES[rating % FACES.length]!);
      const offline = await readStoredResponses(page);
      const deviceId = offline[0]!.deviceId as string;
      expect(offline.filter((record) => record.status === 'pending')).toHaveLength(ANSWERS);
      const expectedOnServer = round * ANSWERS;

      // Seed 27 starts with four lost requests in a row (after the server, before it, before, before):
      // the first round always meets a reconnect that fails several times, both ways.
      proxy.setFaults({ dropRate: DROP_RATE, seed: 27 * round });
      const reconnectedAt = Date.now();
      await tablet.setOffline(false);
      const delivered = await waitForServerCount(databaseFile, deviceId, expectedOnServer, DELIVERY_TARGET_MS);
      const elapsedMs = Date.now() - reconnectedAt;
      deliverySeconds.push(elapsedMs / 1000);
      const counts = proxy.counts();
      console.info(
        `flaky reconnect round ${round}: ${delivered - expectedOnServer + ANSWERS}/${ANSWERS} in ${(elapsedMs / 1000).toFixed(1)} s`,
        counts,
      );
      droppedBefore += counts.droppedBefore;
      droppedAfterServer += counts.droppedAfterServer;
      expect(delivered, `answers on the server ${DELIVERY_TARGET_MS / 1000} s after reconnecting`).toBe(expectedOnServer);
      expect(elapsedMs).toBeLessThanOrEqual(DELIVERY_TARGET_MS + 1_000);

      // The tablet learns of the last batch possibly only after a reply lost behind a commit: give it time.
      const onTablet = await waitUntilTabletSynced(page, expectedOnServer, 60_000);
      proxy.setFaults(null);
      const onServer = readServerResponses(databaseFile).filter((record) => record.deviceId === deviceId);
      expect(new Set(onServer.map((record) => record.id)).size).toBe(onServer.length);
      expect(onServer).toEqual(onTablet.map(wireFields));
    }
    const sorted = [...deliverySeconds].sort((a, b) => a - b);
    const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
    console.info(
      `flaky reconnect over ${ROUNDS} round(s): min ${sorted[0]!.toFixed(1)} s, median ${median.toFixed(1)} s, max ${sorted.at(-1)!.toFixed(1)} s`,
    );
    expect(droppedBefore).toBeGreaterThan(0);
    expect(droppedAfterServer).toBeGreaterThan(0);
  });
});
