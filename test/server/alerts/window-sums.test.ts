import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayLocal } from '../../../src/domain/calendar.ts';
import { findingsOf } from '../../../src/server/alerts/alert-figures.ts';
import { WindowSums } from '../../../src/server/alerts/window-sums.ts';
import { buildApp } from '../../../src/server/app.ts';
import { createDatabase } from '../../../src/server/db/database.ts';
import { QuestionnaireCatalog } from '../../../src/server/db/questionnaires-repository.ts';
import type { Database, UnitRow } from '../../../src/server/db/schema.ts';
import { listUnits } from '../../../src/server/db/units-repository.ts';
import { UnitRowTree } from '../../../src/server/db/unit-row-tree.ts';
import { batchOf, CENTRE_ID, enrolNewDevice, OTHER_CENTRE_ID, PROVINCE_ID, seedTestUnits, sipasResponse, syncBatch } from '../fixtures.ts';
import { dayAgo, seedHistory } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

const DAY_MS = 86_400_000;
const RULE = { kind: 'index-below-target' as const, params: { windowDays: 30, minimumN: 1, targetPercent: 100 } };

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

describe.each(databasesUnderTest)('index sums kept between evaluations on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let catalog: QuestionnaireCatalog;
  let tree: UnitRowTree;
  let units: UnitRow[];
  const base = new Date();

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    await seedHistory(app, opened.db, { days: 40, perDay: 3 });
    await app.alerts.idle();
    catalog = new QuestionnaireCatalog(opened.db);
    tree = new UnitRowTree(await listUnits(opened.db));
    units = tree.rows.filter((unit) => unit.merged_into_id === null);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  function judge(db: Kysely<Database>, now: Date, windowSums?: WindowSums) {
    return findingsOf({ db, catalog, tree, now, windowSums }, 'rule', RULE, units);
  }

  /** Runs `work` on a second connection that records every statement with its parameters. */
  async function recorded<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    const statements: Statement[] = [];
    const db = createDatabase(opened.url, { log: (event) => void statements.push({ sql: event.query.sql, parameters: event.query.parameters }) });
    try {
      return { result: await work(db), statements };
    } finally {
      await db.destroy();
    }
  }

  const countReads = (statements: readonly Statement[]) => statements.filter((statement) => /from "counts"/.test(statement.sql));

  it('judges every unit as a fresh sum does while the window moves a day at a time, jumps, stands still and goes back', async () => {
    const kept = new WindowSums();
    let firing = 0;
    for (const offset of [0, 1, 2, 2, 5, 6, 45, 46, 3, -1]) {
      const now = new Date(base.getTime() + offset * DAY_MS);
      const findings = await judge(opened.db, now, kept);
      expect(findings, `${offset} days on`).toEqual(await judge(opened.db, now));
      if (offset === 0) firing = [...findings.values()].filter(({ finding }) => finding.firing).length;
    }
    // The province and both centres have answers in the window, and no index reaches 100%.
    expect(firing).toBe(3);
  });

  it('reads nothing again when nothing changed, and only the days that came and left when the window moved a day', async () => {
    const kept = new WindowSums();
    await judge(opened.db, base, kept);
    const still = await recorded((db) => judge(db, base, kept));
    expect(countReads(still.statements)).toEqual([]);

    const tomorrow = new Date(base.getTime() + DAY_MS);
    const moved = await recorded((db) => judge(db, tomorrow, kept));
    const today = todayLocal(base, 'Asia/Ho_Chi_Minh');
    const dayParameters = countReads(moved.statements).flatMap((statement) =>
      statement.parameters.filter((value) => /^\d{4}-\d{2}-\d{2}$/.test(String(value))),
    );
    // The day that left the window (29 days before today) and the day that came (tomorrow), each read as a range of one day.
    expect(dayParameters.sort()).toEqual([addDays(today, -29), addDays(today, -29), addDays(today, 1), addDays(today, 1)]);
    expect(moved.result).toEqual(await judge(opened.db, tomorrow));
  });

  it('reads a unit again, and only that unit, when answers reach it, late ones included', async () => {
    const kept = new WindowSums();
    const before = await judge(opened.db, base, kept);
    const revisionOf = async (unitId: string) =>
      Number((await opened.db.selectFrom('unit_count_revisions').select('revision').where('unit_id', '=', unitId).executeTakeFirst())?.revision ?? 0);
    const revisionsBefore = { other: await revisionOf(OTHER_CENTRE_ID), centre: await revisionOf(CENTRE_ID) };
    expect(revisionsBefore.other).toBeGreaterThan(0);

    const device = await enrolNewDevice(app, opened.db, OTHER_CENTRE_ID);
    const late = sipasResponse(device, 1, { submittedAt: `${dayAgo(3)}T02:00:00.000Z`, counterId: null });
    await syncBatch(app, device.token, batchOf([late]));
    await app.alerts.idle();
    expect(await revisionOf(OTHER_CENTRE_ID)).toBe(revisionsBefore.other + 1);
    expect(await revisionOf(CENTRE_ID)).toBe(revisionsBefore.centre);
    // Scopes are summed from their members' sums: only units' own rows have revisions.
    expect(await revisionOf(PROVINCE_ID)).toBe(0);

    const after = await recorded((db) => judge(db, base, kept));
    const reads = countReads(after.statements);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.parameters).toContain(OTHER_CENTRE_ID);
    expect(reads[0]!.parameters).not.toContain(CENTRE_ID);
    expect(after.result).toEqual(await judge(opened.db, base));
    for (const unitId of [OTHER_CENTRE_ID, PROVINCE_ID]) {
      const n = (findings: typeof before) => (findings.get(`${unitId}|`)!.finding as { detail?: { n?: number } }).detail?.n;
      expect(n(after.result), unitId).toBe(n(before)! + 1);
    }
    expect(after.result.get(`${CENTRE_ID}|`)).toEqual(before.get(`${CENTRE_ID}|`));
  });
});
