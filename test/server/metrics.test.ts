import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { batchOf, enrolNewDevice, OTHER_CENTRE_ID, postBatch, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** One sample's value from Prometheus' text format, by metric name and exact label set; undefined when absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/i.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (present === wanted) return Number(match[3]);
  }
  return undefined;
}

const HOUR_MS = 3_600_000;

describe.each(databasesUnderTest)('Prometheus metrics on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterEach(async () => {
    await app.close();
    await opened.close();
  });

  async function scrape(): Promise<string> {
    const reply = await app.inject({ url: '/metrics' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toContain('text/plain');
    return reply.body;
  }

  it('counts records by outcome and rejection reason, times batches, and reads devices, gaps and the process', async () => {
    app = buildApp({ db: opened.db, staticDir: null });
    const device = await enrolNewDevice(app, opened.db);
    const quiet = await enrolNewDevice(app, opened.db);
    await enrolNewDevice(app, opened.db);
    const now = Date.now();
    await opened.db
      .updateTable('devices')
      .set({ last_seen_at: new Date(now - 2 * 24 * HOUR_MS).toISOString() })
      .where('id', '=', quiet.deviceId)
      .execute();

    const first = sipasResponse(device, 1);
    await syncBatch(app, device.token, batchOf([first, sipasResponse(device, 2)]));
    // Sequences 3 to 5 are still on the tablet, and the rejected 7 and 8 never arrived as valid answers: five open gaps.
    const reply = await syncBatch(
      app,
      device.token,
      batchOf([
        first,
        sipasResponse(device, 6),
        sipasResponse(device, 7, { unitId: OTHER_CENTRE_ID }),
        sipasResponse(device, 8, { answers: { 'E1.1': 9 } }),
      ]),
    );
    expect(reply.results.map((result) => result.status)).toEqual(['duplicate', 'accepted', 'rejected', 'rejected']);
    expect((await postBatch(app, device.token, { responses: 'not a list' })).statusCode).toBe(400);

    const metrics = await scrape();
    expect(sample(metrics, 'sipas_sync_records_total', { status: 'accepted', reason: '' })).toBe(3);
    expect(sample(metrics, 'sipas_sync_records_total', { status: 'duplicate', reason: '' })).toBe(1);
    expect(sample(metrics, 'sipas_sync_records_total', { status: 'rejected', reason: 'wrong-unit' })).toBe(1);
    expect(sample(metrics, 'sipas_sync_records_total', { status: 'rejected', reason: 'invalid-answer' })).toBe(1);
    expect(sample(metrics, 'sipas_sync_batch_duration_seconds_count', { status_code: '200' })).toBe(2);
    expect(sample(metrics, 'sipas_sync_batch_duration_seconds_count', { status_code: '400' })).toBe(1);
    expect(sample(metrics, 'sipas_sync_batch_duration_seconds_bucket', { status_code: '200', le: '+Inf' })).toBe(2);

    expect(sample(metrics, 'sipas_devices', { last_seen: 'under-1h' })).toBe(2);
    expect(sample(metrics, 'sipas_devices', { last_seen: '1d-7d' })).toBe(1);
    expect(sample(metrics, 'sipas_devices', { last_seen: 'over-7d' })).toBe(0);
    expect(sample(metrics, 'sipas_ledger_open_gaps')).toBe(5);
    expect(sample(metrics, 'sipas_ledger_devices_with_gaps')).toBe(1);
    // CPU time is counted from the registry's creation in kernel ticks, so a fast run may still read 0.
    expect(sample(metrics, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(sample(metrics, 'process_start_time_seconds')).toBeGreaterThan(Date.parse('2026-01-01') / 1000);
    expect(sample(metrics, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    if (database.name === 'postgres') {
      expect(sample(metrics, 'sipas_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      // The scrape's own gauge queries may be waiting for a connection at that moment.
      expect(sample(metrics, 'sipas_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
      expect(sample(metrics, 'sipas_db_pool_connections', { state: 'waiting' })).toBeGreaterThanOrEqual(0);
    } else {
      expect(sample(metrics, 'sipas_db_pool_connections', { state: 'total' })).toBeUndefined();
    }

    // Revoking the tablet takes it and its gaps out of the gauges.
    await opened.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('id', '=', device.deviceId).execute();
    const after = await scrape();
    expect(sample(after, 'sipas_ledger_open_gaps')).toBe(0);
    expect(sample(after, 'sipas_devices', { last_seen: 'under-1h' })).toBe(1);
  });

  it('answers only this machine directly when no token is set', async () => {
    app = buildApp({ db: opened.db, staticDir: null });
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    const remote = await app.inject({ url: '/metrics', remoteAddress: '192.168.1.20' });
    expect(remote.statusCode).toBe(403);
    expect(apiErrorSchema.parse(remote.json()).error.code).toBe('metrics-forbidden');
    // Through a proxy on the same machine the socket is loopback, but the request is someone else's.
    const proxied = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '192.168.1.20' } });
    expect(proxied.statusCode).toBe(403);
  });

  it('answers a scraper with the token from anywhere, and nobody without it', async () => {
    app = buildApp({ db: opened.db, staticDir: null, metricsToken: 'scrape-secret-0123456789' });
    expect(
      (await app.inject({ url: '/metrics', remoteAddress: '10.0.0.9', headers: { authorization: 'Bearer scrape-secret-0123456789' } })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/metrics', remoteAddress: '10.0.0.9', headers: { authorization: 'Bearer scrape-secret-012345678X' } })).statusCode,
    ).toBe(401);
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
  });

  it('exposes every metric the shipped Grafana dashboard queries', async () => {
    app = buildApp({ db: opened.db, staticDir: null });
    const dashboard = readFileSync('deploy/grafana/sipas-collect.json', 'utf8');
    const queried = new Set(
      [...dashboard.matchAll(/\b((?:sipas|process|nodejs)_[a-z0-9_]+)/g)].map((match) => match[1]!.replace(/_(bucket|count|sum)$/, '')),
    );
    expect(queried.size).toBeGreaterThan(8);
    const metrics = await scrape();
    for (const name of queried) {
      if (name === 'sipas_db_pool_connections' && database.name === 'sqlite') continue;
      expect(metrics, name).toContain(`# TYPE ${name} `);
    }
  });
});
