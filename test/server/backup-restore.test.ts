import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQuerySchema } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { listUnits } from '../../src/server/db/units-repository.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { batchOf, CENTRE_ID, enrolNewDevice, PROVINCE_ID, seedTestUnits, sipasResponse, syncBatch } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const run = promisify(execFile);
const BATCH_SIZE = 100;

async function admin(databaseUrl: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The dashboard's reports of the centre and of the whole province around today, as one comparable value. */
async function reports(db: Kysely<Database>): Promise<unknown> {
  const tree = new UnitRowTree(await listUnits(db));
  const catalog = new QuestionnaireCatalog(db);
  const replies = [];
  for (const unitId of [CENTRE_ID, PROVINCE_ID]) {
    for (const includeFlagged of ['true', 'false']) {
      const query = reportQuerySchema.parse({ unitId, from: day(-2), to: day(1), includeFlagged });
      replies.push((await buildReport(db, catalog, tree, query)).reply);
    }
  }
  return JSON.parse(JSON.stringify(replies));
}

async function responseCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('backup and restore of a SQLite deployment', () => {
  const sqlite = databasesUnderTest.find((database) => database.name === 'sqlite')!;
  let source: OpenedDatabase;
  let app: FastifyInstance;
  let folder: string;

  beforeAll(async () => {
    source = await sqlite.open();
    await seedTestUnits(source.db);
    app = buildApp({ db: source.db, staticDir: null, rateLimit: { max: 10_000, timeWindowMs: 60_000 } });
    folder = mkdtempSync(join(tmpdir(), 'sipas-backup-'));
  });
  afterAll(async () => {
    await app.close();
    await source.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('restores a backup taken during ingest to reports equal to the source’s at the backup point', async () => {
    const devices = [await enrolNewDevice(app, source.db), await enrolNewDevice(app, source.db)];
    const nextSequence = [1, 1];
    const reportsAtCount = new Map<number, unknown>([[0, await reports(source.db)]]);
    let batches = 0;
    const ingestOne = async () => {
      const which = batches % devices.length;
      const device = devices[which]!;
      const responses = Array.from({ length: BATCH_SIZE }, (_, index) => sipasResponse(device, nextSequence[which]! + index));
      nextSequence[which]! += BATCH_SIZE;
      const reply = await syncBatch(app, device.token, batchOf(responses));
      expect(reply.results.every((result) => result.status === 'accepted')).toBe(true);
      batches += 1;
      reportsAtCount.set(await responseCount(source.db), await reports(source.db));
    };

    for (let index = 0; index < 3; index += 1) await ingestOne();
    const backupFile = join(folder, 'during-ingest.sqlite');
    let backupDone = false;
    const backup = admin(source.url, 'backup', '--out', backupFile).finally(() => (backupDone = true));
    const batchesAtStart = batches;
    while (!backupDone) await ingestOne();
    const batchesAtEnd = batches;
    await ingestOne();
    const backedUp = await backup;
    expect(backedUp.output).toContain('Backed up');
    expect(backedUp.code).toBe(0);
    expect(batchesAtEnd).toBeGreaterThan(batchesAtStart);

    const restoredFile = join(folder, 'restored.sqlite');
    const restored = await admin(restoredFile, 'restore', '--from', backupFile);
    expect(restored.code, restored.output).toBe(0);
    const db = createDatabase(restoredFile);
    try {
      const count = await responseCount(db);
      // A batch is one transaction: the copy holds whole batches, and at least those stored before it began.
      expect(count % BATCH_SIZE).toBe(0);
      expect(count).toBeGreaterThanOrEqual(batchesAtStart * BATCH_SIZE);
      expect(count).toBeLessThan(batches * BATCH_SIZE);
      expect(reportsAtCount.has(count)).toBe(true);
      expect(await reports(db)).toEqual(reportsAtCount.get(count));
    } finally {
      await db.destroy();
    }
    // Command-line processes run beside the ingest: seconds on a quiet machine.
  }, 120_000);

  it('refuses to restore over a database a process holds open, and to overwrite a file with a backup', async () => {
    const backupFile = join(folder, 'refusals.sqlite');
    expect((await admin(source.url, 'backup', '--out', backupFile)).code).toBe(0);
    const sourceBefore = await responseCount(source.db);

    const inUse = await admin(source.url, 'restore', '--from', backupFile);
    expect(inUse.code).toBe(1);
    expect(inUse.output).toContain('is in use');
    expect(await responseCount(source.db)).toBe(sourceBefore);

    const existing = join(folder, 'existing.txt');
    writeFileSync(existing, 'keep me');
    const overwrite = await admin(source.url, 'backup', '--out', existing);
    expect(overwrite.code).toBe(1);
    expect(overwrite.output).toContain('never overwrites');

    const postgres = await admin('postgres://sipas@127.0.0.1:1/sipas', 'backup', '--out', join(folder, 'pg.sqlite'));
    expect(postgres.code).toBe(1);
    expect(postgres.output).toContain('pg_dump');
    expect(existsSync(join(folder, 'pg.sqlite'))).toBe(false);
  }, 120_000);
});
