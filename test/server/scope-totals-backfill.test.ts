import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { migrateTo } from '../../src/server/db/migrate.ts';
import { enrolDevice } from '../../src/server/enrolment/enrolment.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, PROVINCE_ID, newEnrolmentCode, seedTestUnits } from './fixtures.ts';
import { seededRandom } from './manage-fixtures.ts';
import { olderSchema } from './legacy-counts.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * Migration 0004 adds the daily mark counts, filled from the raw responses, and the scope totals,
 * filled from the daily tables of everything stored before it: each unit's rows count in every scope above it that holds more than one unit, by month and by day, per
 * service field and for all of them together. Migration 0019 folded those tables into one (its own back-fill
 * is held by migrations-upgrade.test.ts): these tests stop at the schema before it.
 */
const LAST_SCHEMA_WITH_SEPARATE_COUNTS = '0018_responses_unit_day_time_index';
describe.each(databasesUnderTest)('the scope totals back-fill on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
  });
  afterAll(async () => {
    await opened.close();
  });

  it('sums the daily rows stored before the migration into every scope that holds them', async () => {
    const db = olderSchema(opened.db);
    await seedTestUnits(db);
    await migrateTo(db, '0003_stuffing_flags');

    const random = seededRandom(5);
    const expected = new Map<string, number>();
    const add = (key: string, count: number) => expected.set(key, (expected.get(key) ?? 0) + count);
    for (const unitId of [CENTRE_ID, OTHER_CENTRE_ID]) {
      for (const localDay of ['2026-01-30', '2026-01-31', '2026-02-02']) {
        for (const serviceFieldId of ['land', 'civil-status']) {
          for (const counterId of ['', 'c']) {
            const count = 1 + Math.floor(random() * 9);
            const flagged = random() < 0.2 ? 1 : 0;
            const dimensions = {
              local_day: localDay,
              unit_id: unitId,
              counter_id: counterId,
              service_field_id: serviceFieldId,
              questionnaire_id: 'sipas',
              questionnaire_version: 1,
            };
            await db
              .insertInto('daily_tallies')
              .values({ ...dimensions, criterion_id: 'E1.1', level: 4, flagged, count })
              .execute();
            await db
              .insertInto('daily_response_counts')
              .values({ ...dimensions, complete: 1, flagged, count })
              .execute();
            if (flagged)
              await db
                .insertInto('daily_flag_counts')
                .values({ ...dimensions, flag: 'burst', count })
                .execute();
            // The centres stand alone (read from the daily tables); the province holds both.
            for (const scopeId of [PROVINCE_ID]) {
              for (const field of [serviceFieldId, '*']) {
                add(`${scopeId}|${field}|month|${localDay.slice(0, 7)}|${flagged}|tally|E1.1|4`, count);
                if (field === '*') add(`${scopeId}|${field}|day|${localDay}|${flagged}|responses|1|`, count);
                if (flagged) add(`${scopeId}|${field}|month|${localDay.slice(0, 7)}|1|flag|burst|`, count);
              }
            }
          }
        }
      }
    }

    // Raw responses for the mark counts (comments, dossier codes).
    const deviceId = '0190f5a0-0000-7000-8000-00000000c0c0';
    await enrolDevice(db, { code: await newEnrolmentCode(db), deviceId }, new Date());
    const comments = [
      { text: 'Cán bộ tận tình', complete: 1 as const, flags: '', dossierCode: 'H12.22-260202-0001' },
      { text: 'Chờ lâu', complete: 1 as const, flags: 'burst', dossierCode: null },
      { text: '   ', complete: 1 as const, flags: '', dossierCode: 'H12.22-260202-0002' },
      { text: 'Chưa xong', complete: 0 as const, flags: '', dossierCode: 'H12.22-260202-0003' },
    ];
    for (const [index, comment] of comments.entries()) {
      const at = '2026-02-02T03:00:00.000Z';
      await db
        .insertInto('responses')
        .values({
          id: uuidv7(),
          questionnaire_id: 'sipas',
          questionnaire_version: 1,
          device_id: deviceId,
          device_sequence: index + 1,
          unit_id: CENTRE_ID,
          counter_id: null,
          service_field_id: 'land',
          locale: 'vi',
          started_at: at,
          submitted_at: at,
          complete: comment.complete,
          answers: JSON.stringify({ 'E1.1': 4, comment: comment.text }),
          screen_durations_ms: '{}',
          dossier_code: comment.dossierCode,
          received_at: at,
          clock_skew_ms: 0,
          corrected_submitted_at: at,
          local_day: '2026-02-02',
          flags: comment.flags,
        })
        .execute();
    }
    add(`${PROVINCE_ID}|*|day|2026-02-02|0|mark|comment|`, 1);
    add(`${PROVINCE_ID}|*|day|2026-02-02|1|mark|comment|`, 1);
    add(`${PROVINCE_ID}|land|month|2026-02|0|mark|comment|`, 1);
    add(`${PROVINCE_ID}|land|month|2026-02|0|mark|dossier|`, 2);

    await migrateTo(db, LAST_SCHEMA_WITH_SEPARATE_COUNTS);
    // Blank text is no comment; an incomplete response is marked for nothing.
    const markRows = await db.selectFrom('daily_mark_counts').selectAll().orderBy('mark').orderBy('flagged').execute();
    expect(
      markRows.map((row) => [row.mark, row.unit_id, row.local_day, row.service_field_id, row.counter_id, Number(row.flagged), Number(row.count)]),
    ).toEqual([
      ['comment', CENTRE_ID, '2026-02-02', 'land', '', 0, 1],
      ['comment', CENTRE_ID, '2026-02-02', 'land', '', 1, 1],
      ['dossier', CENTRE_ID, '2026-02-02', 'land', '', 0, 2],
    ]);
    const members = await db.selectFrom('unit_scope_members').selectAll().orderBy('scope_unit_id').orderBy('member_unit_id').execute();
    expect(members.map((row) => `${row.scope_unit_id}>${row.member_unit_id}`)).toEqual(
      [
        `${CENTRE_ID}>${CENTRE_ID}`,
        `${OTHER_CENTRE_ID}>${OTHER_CENTRE_ID}`,
        `${PROVINCE_ID}>${CENTRE_ID}`,
        `${PROVINCE_ID}>${OTHER_CENTRE_ID}`,
        `${PROVINCE_ID}>${PROVINCE_ID}`,
      ].sort(),
    );
    const rows = await db.selectFrom('scope_totals').selectAll().execute();
    const stored = new Map(
      rows.map((row) => [
        `${row.scope_unit_id}|${row.service_field_id}|${row.granularity}|${row.period}|${row.flagged}|${row.measure}|${row.item}|${row.detail}`,
        Number(row.count),
      ]),
    );
    for (const [key, count] of expected) expect(stored.get(key), key).toBe(count);
    // Nothing else: every day row of a tally has its month row, and the counter is not a dimension.
    expect(rows.filter((row) => row.measure === 'tally' && row.granularity === 'month').length).toBe(
      [...expected.keys()].filter((key) => key.includes('|month|') && key.includes('|tally|')).length,
    );
  });

  it('adds year rows summed from the month rows to a database that has none (migration 0005)', async () => {
    const db = olderSchema(opened.db);
    await migrateTo(db, '0004_scope_totals');
    await db.deleteFrom('scope_totals').where('granularity', '=', 'year').execute();
    const months = await db.selectFrom('scope_totals').selectAll().where('granularity', '=', 'month').where('service_field_id', '=', '*').execute();
    expect(months.length).toBeGreaterThan(0);
    const expectedYears = new Map<string, number>();
    for (const row of months) {
      const key = `${row.scope_unit_id}|${row.questionnaire_id}|${row.period.slice(0, 4)}|${row.questionnaire_version}|${row.flagged}|${row.measure}|${row.item}|${row.detail}`;
      expectedYears.set(key, (expectedYears.get(key) ?? 0) + Number(row.count));
    }

    await migrateTo(db, LAST_SCHEMA_WITH_SEPARATE_COUNTS);
    const years = await db.selectFrom('scope_totals').selectAll().where('granularity', '=', 'year').execute();
    expect(years.every((row) => row.service_field_id === '*')).toBe(true);
    expect(
      new Map(
        years.map((row) => [
          `${row.scope_unit_id}|${row.questionnaire_id}|${row.period}|${row.questionnaire_version}|${row.flagged}|${row.measure}|${row.item}|${row.detail}`,
          Number(row.count),
        ]),
      ),
    ).toEqual(expectedYears);
  });
});
