import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const INDEX_HTML = '<!doctype html><title>SIPAS Collect</title><div id="root"></div>';

describe.each(databasesUnderTest)('serving the PWA on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let staticDir: string;

  beforeAll(async () => {
    opened = await database.open();
    staticDir = mkdtempSync(join(tmpdir(), 'sipas-dist-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(staticDir, 'assets', 'index-3f2a9c1b.js'), 'console.info("app");');
    app = buildApp({ db: opened.db, staticDir });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it.each(['/', '/kiosk', '/kiosk?enrol=ABCD-EFGH-JKMN', '/staff/day', '/manage'])('answers %s with index.html, never cached stale', async (url) => {
    const reply = await app.inject({ url });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers['cache-control']).toBe('no-cache');
  });

  it('serves the service worker revalidated and hashed assets cached for a year', async () => {
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ url: '/assets/index-3f2a9c1b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers unknown /api routes and unknown files with a JSON 404', async () => {
    for (const request of [
      { url: '/api/v1/nothing-here' },
      { url: '/api/v1/sync/responses' },
      { method: 'POST' as const, url: '/api/v2/sync/responses', payload: {} },
      { url: '/missing.png' },
    ]) {
      const reply = await app.inject(request);
      expect(reply.statusCode).toBe(404);
      expect(apiErrorSchema.parse(reply.json()).error.code).toBe('not-found');
    }
  });

  it('reports health', async () => {
    const reply = await app.inject({ url: '/api/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'ok' });
  });
});
