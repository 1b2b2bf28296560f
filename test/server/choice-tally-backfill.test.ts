import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrate.ts';
import { enrolDevice } from '../../src/server/enrolment/enrolment.ts';
import { CENTRE_ID, COUNTER_IDS, newEnrolmentCode, seedTestUnits } from './fixtures.ts';
import { seededRandom } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';
import { withLegacyCountViews } from './legacy-counts.ts';

/**
 * Migration 0002 adds the daily choice tally and fills it from the responses stored before it; the filled
 * rows must equal a count made here from the raw answers, by the same rules as the sync transaction
 * (complete responses only, options the version names, each option once per response).
 */
describe.each(databasesUnderTest)('the choice tally back-fill on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
  });
  afterAll(async () => {
    await opened.close();
  });

  it('counts the choices of responses stored before the migration', async () => {
    const { db } = opened;
    await seedTestUnits(db);
    const deviceId = '0190f5a0-0000-7000-8000-00000000b0f1';
    await enrolDevice(db, { code: await newEnrolmentCode(db), deviceId }, new Date());
    await migrateTo(db, '0001_initial');

    const random = seededRandom(3);
    const improvements = ['access', 'procedure', 'staff', 'shorter-time', 'online-services'];
    const expected: Record<string, number> = {};
    for (let sequence = 1; sequence <= 120; sequence++) {
      const day = `2026-02-${String(1 + (sequence % 5)).padStart(2, '0')}`;
      const complete = random() > 0.1;
      const answers: Record<string, unknown> = { 'E1.1': 4 };
      const chosen = improvements.filter(() => random() < 0.3);
      if (chosen.length > 0) answers.improvements = random() < 0.1 ? [...chosen, chosen[0]] : chosen;
      if (random() < 0.5) answers.gender = random() < 0.5 ? 'female' : 'male';
      if (random() < 0.05) answers.gender = 'not-an-option';
      const counterId = COUNTER_IDS[sequence % 2]!;
      const at = `${day}T03:00:00.000Z`;
      await db
        .insertInto('responses')
        .values({
          id: uuidv7(),
          questionnaire_id: 'sipas',
          questionnaire_version: 1,
          device_id: deviceId,
          device_sequence: sequence,
          unit_id: CENTRE_ID,
          counter_id: counterId,
          service_field_id: 'land',
          locale: 'vi',
          started_at: at,
          submitted_at: at,
          complete: complete ? 1 : 0,
          answers: JSON.stringify(answers),
          screen_durations_ms: '{}',
          dossier_code: null,
          received_at: at,
          clock_skew_ms: 0,
          corrected_submitted_at: at,
          local_day: day,
        })
        .execute();
      if (!complete) continue;
      const counted: [string, string][] = [
        ...[...new Set(chosen)].map((option) => ['improvements', option] as [string, string]),
        ...(answers.gender === 'female' || answers.gender === 'male' ? [['gender', answers.gender] as [string, string]] : []),
      ];
      for (const [question, option] of counted) {
        const key = [day, CENTRE_ID, counterId, 'land', 'sipas', 1, question, option, 0].join('|');
        expected[key] = (expected[key] ?? 0) + 1;
      }
    }

    await migrateToLatest(db);
    const rows = await (await withLegacyCountViews(db)).selectFrom('daily_choice_tallies').selectAll().execute();
    const stored = Object.fromEntries(
      rows.map((row) => [
        [
          row.local_day,
          row.unit_id,
          row.counter_id,
          row.service_field_id,
          row.questionnaire_id,
          Number(row.questionnaire_version),
          row.question_id,
          row.option_id,
          Number(row.flagged),
        ].join('|'),
        Number(row.count),
      ]),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(stored).toEqual(expected);
  });
});
