import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayLocal } from '../../../src/domain/calendar.ts';
import { findingsOf, unitIndexOver } from '../../../src/server/alerts/alert-figures.ts';
import { buildApp } from '../../../src/server/app.ts';
import { QuestionnaireCatalog } from '../../../src/server/db/questionnaires-repository.ts';
import { listUnits, targetsInEffect, targetsInEffectOfUnits } from '../../../src/server/db/units-repository.ts';
import { UnitRowTree } from '../../../src/server/db/unit-row-tree.ts';
import { CENTRE_ID, PROVINCE_ID, seedTestUnits } from '../fixtures.ts';
import { seedAccounts, seedHistory } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

describe.each(databasesUnderTest)("the index rule's figures on $name", (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    app = buildApp({ db: opened.db, staticDir: null });
    await seedHistory(app, opened.db, { days: 4, perDay: 5 });
    await app.alerts.idle();
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('sums every unit at once to the index, n and window each unit has alone (scope totals and daily tables alike)', async () => {
    const now = new Date();
    const context = { db: opened.db, catalog: new QuestionnaireCatalog(opened.db), tree: new UnitRowTree(await listUnits(opened.db)), now };
    const units = context.tree.rows.filter((unit) => unit.merged_into_id === null);
    const params = { windowDays: 30, minimumN: 1, targetPercent: 100 };
    const findings = await findingsOf(context, 'every-unit', { kind: 'index-below-target', params }, units);
    let compared = 0;
    for (const unit of units) {
      const to = todayLocal(now, unit.time_zone);
      const alone = await unitIndexOver(context, unit, { from: addDays(to, -29), to });
      const { finding } = findings.get(`${unit.id}|`)!;
      if (alone === null || alone.index === null) {
        expect(finding.firing, unit.id).toBe(false);
        continue;
      }
      expect(finding, unit.id).toEqual({
        firing: true,
        detail: { index: alone.index, n: alone.n, target: 100, windowDays: 30, from: addDays(to, -29), to },
      });
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
    expect(findings.get(`${PROVINCE_ID}|`)!.finding.firing).toBe(true);
  });

  it("reads the year's targets once for every unit, each unit getting the nearest target up its ancestry as it does alone", async () => {
    await opened.db
      .insertInto('targets')
      .values([
        { unit_id: PROVINCE_ID, questionnaire_id: 'sipas', year: 2026, percent: 88 },
        { unit_id: PROVINCE_ID, questionnaire_id: 'counter-rating', year: 2026, percent: 80 },
        { unit_id: CENTRE_ID, questionnaire_id: 'sipas', year: 2026, percent: 92.5 },
        { unit_id: CENTRE_ID, questionnaire_id: 'sipas', year: 2025, percent: 70 },
      ])
      .execute();
    const tree = new UnitRowTree(await listUnits(opened.db));
    const ancestries = new Map(tree.rows.map((unit) => [unit.id, tree.ancestry(unit.id)]));
    const together = await targetsInEffectOfUnits(opened.db, ancestries, 2026);
    for (const unit of tree.rows) expect(together.get(unit.id), unit.id).toEqual(await targetsInEffect(opened.db, tree.ancestry(unit.id), 2026));
    expect(together.get(CENTRE_ID)).toEqual([
      { questionnaireId: 'counter-rating', percent: 80 },
      { questionnaireId: 'sipas', percent: 92.5 },
    ]);
  });
});
