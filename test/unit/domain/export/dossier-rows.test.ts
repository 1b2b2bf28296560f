import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOSSIER_FIXED_COLUMNS, dossierCells, dossierTable, type RatedDossier } from '../../../../src/domain/export/dossier-rows.ts';
import { allCriteria } from '../../../../src/domain/questionnaire.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../../src/domain/questionnaires/index.ts';

const QUICK = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'counter-rating')!;
const SIPAS = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
const QUICK_CRITERION = allCriteria(QUICK)[0]!.id;

function quick(dossierCode: string, level: number, submittedAt: string, overrides: Partial<RatedDossier> = {}): RatedDossier {
  return {
    responseId: `r-${dossierCode}-${submittedAt}`,
    unitId: 'centre',
    agencyCode: '000.00.31.H12',
    timeZone: 'Asia/Ho_Chi_Minh',
    dossierCode,
    procedureCode: '1.000894',
    channel: 'kiosk',
    submittedAt,
    questionnaireId: QUICK.id,
    questionnaireVersion: QUICK.version,
    answers: { [QUICK_CRITERION]: level },
    ...overrides,
  };
}

describe('the per-dossier export rows', () => {
  it('keeps one row per dossier and unit, its latest rating, oldest dossier first', () => {
    const table = dossierTable(
      [
        quick('B', 1, '2026-11-20T02:00:00.000Z'),
        quick('A', 1, '2026-11-20T01:00:00.000Z'),
        quick('B', 3, '2026-11-20T05:00:00.000Z'),
        quick('B', 2, '2026-11-20T03:00:00.000Z', { unitId: 'other' }),
      ],
      [QUICK],
    );
    expect(table.rows.map((row) => [row.unitId, row.dossierCode, row.ratingLevel, row.satisfied])).toEqual([
      ['centre', 'A', 1, false],
      ['other', 'B', 2, true],
      ['centre', 'B', 3, true],
    ]);
    expect(table.rows[2]!.ratedAt).toBe('2026-11-20T12:00:00+07:00');
    expect(table.columns).toEqual([...DOSSIER_FIXED_COLUMNS, QUICK_CRITERION]);
  });

  it('gives a full survey no single level, satisfied when at least half of its rated criteria are', () => {
    const criteria = allCriteria(SIPAS);
    const answers = Object.fromEntries(criteria.map((criterion, index) => [criterion.id, index < criteria.length / 2 ? 5 : 2]));
    const [row] = dossierTable(
      [quick('S', 0, '2026-11-20T02:00:00.000Z', { questionnaireId: SIPAS.id, questionnaireVersion: SIPAS.version, answers })],
      [SIPAS],
    ).rows;
    expect(row).toMatchObject({ ratingLevel: null, ratedCriteria: criteria.length, satisfied: true, method: 'sipas-2017' });
    expect(row!.satisfiedCriteria).toBe(Math.ceil(criteria.length / 2));
    const none = dossierTable([quick('N', 0, '2026-11-20T02:00:00.000Z', { answers: {} })], [QUICK]).rows[0]!;
    expect(none).toMatchObject({ ratingLevel: null, satisfied: null, ratedCriteria: 0 });
  });

  it('writes cells in the order of its columns, whatever the dossiers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D'), level: fc.integer({ min: 1, max: 3 }), minute: fc.integer({ min: 0, max: 59 }) }),
          { maxLength: 30 },
        ),
        (ratings) => {
          const table = dossierTable(
            ratings.map(({ code, level, minute }) => quick(code, level, `2026-11-20T02:${String(minute).padStart(2, '0')}:00.000Z`)),
            [QUICK],
          );
          expect(table.rows.length).toBe(new Set(ratings.map((rating) => rating.code)).size);
          for (const cells of dossierCells(table)) {
            expect(cells).toHaveLength(table.columns.length);
            expect(cells[table.columns.indexOf('rating_level')]).toBe(cells[table.columns.indexOf(QUICK_CRITERION)]);
          }
        },
      ),
    );
  });

  it('refuses to guess a questionnaire it was not given', () => {
    expect(() => dossierTable([quick('A', 1, '2026-11-20T02:00:00.000Z')], [SIPAS])).toThrow(/counter-rating/);
  });
});
