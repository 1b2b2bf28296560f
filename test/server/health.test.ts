import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { migrateTo } from '../../src/server/db/migrate.ts';
import { ServerLifecycle } from '../../src/server/http/lifecycle.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe.each(databasesUnderTest)('health and readiness on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
  });
  afterAll(async () => {
    await opened.close();
  });

  it('is live and ready on a migrated database, and the older combined check still answers', async () => {
    const app = buildApp({ db: opened.db, staticDir: null });
    try {
      const live = await app.inject({ url: '/api/v1/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toMatchObject({ status: 'live' });
      const ready = await app.inject({ url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready' });
      expect(ready.headers['cache-control']).toBe('no-store');
      const combined = await app.inject({ url: '/api/health' });
      expect(combined.statusCode).toBe(200);
      expect(combined.json()).toMatchObject({ status: 'ok' });
    } finally {
      await app.close();
    }
  });

  it('stops being ready, but stays live, once a shutdown begins', async () => {
    const lifecycle = new ServerLifecycle();
    const app = buildApp({ db: opened.db, staticDir: null, lifecycle });
    try {
      lifecycle.beginShutdown();
      const ready = await app.inject({ url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(apiErrorSchema.parse(ready.json()).error.code).toBe('shutting-down');
      expect((await app.inject({ url: '/api/v1/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('readiness of a database that is not this release’s', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sipas-health-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is not ready while migrations are pending, and says which', async () => {
    const db = createDatabase(join(folder, 'old.sqlite'));
    const app = buildApp({ db, staticDir: null });
    try {
      await migrateTo(db, '0005_scope_year_totals');
      const ready = await app.inject({ url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(503);
      const error = apiErrorSchema.parse(ready.json()).error;
      expect(error.code).toBe('migrations-pending');
      expect(error.message).toContain('0006_procedures');
      expect((await app.inject({ url: '/api/v1/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  it('is not ready when the database does not answer', async () => {
    // Nothing listens on port 1: every connection the pool tries is refused.
    const db = createDatabase('postgres://sipas@127.0.0.1:1/sipas');
    const app = buildApp({ db, staticDir: null });
    try {
      const ready = await app.inject({ url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(apiErrorSchema.parse(ready.json()).error.code).toBe('database-unavailable');
      expect((await app.inject({ url: '/api/v1/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
