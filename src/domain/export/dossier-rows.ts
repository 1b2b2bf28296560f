import { isDissatisfied, ratingOfAnswers } from '../alert-rules.ts';
import { localDateTimeWithOffset } from '../local-day.ts';
import { methodFor } from '../methods/index.ts';
import { allCriteria, questionnaireKey, type Questionnaire } from '../questionnaire.ts';
import type { CellValue } from './csv.ts';
import type { ResponseChannel } from '../response-channel.ts';

/**
 * The per-dossier export (issue 21) that a province's one-stop system imports for the satisfaction part
 * of the 766 index (Decision 766/QĐ-TTg counts satisfaction per dossier): one row per rated dossier, with
 * machine-readable headers and values, and nothing about the person (no comment, no device, no profile).
 * - A dossier rated more than once at the same unit is exported once, with its latest rating.
 * - rating_level: the level given, for a questionnaire of one criterion (the quick rating); empty otherwise.
 * - satisfied: at least half of the rated criteria at a level the version's method counts as satisfied
 *   (the rule the dissatisfaction alert uses; for one criterion, that criterion satisfied); empty when no
 *   criterion was rated.
 * - rated_at: the answer's corrected time on the unit's clock, with its offset (2026-12-04T14:05:30+07:00).
 * - one column per criterion id of the versions in the file, holding the level; empty for "no opinion"
 *   and for criteria the dossier's questionnaire does not have.
 */

/** How a rating reached the server. */
export type RatingChannel = ResponseChannel;

/** A stored response that carries a dossier code. */
export interface RatedDossier {
  responseId: string;
  unitId: string;
  /** Decision 20/2020/QĐ-TTg code of the unit; null until an administrator sets it. */
  agencyCode: string | null;
  /** The unit's time zone, for rated_at. */
  timeZone: string;
  dossierCode: string;
  procedureCode: string | null;
  channel: RatingChannel;
  /** ISO-8601 UTC, corrected for the tablet's clock. */
  submittedAt: string;
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Readonly<Record<string, unknown>>;
}

export const DOSSIER_FIXED_COLUMNS = [
  'dossier_code',
  'procedure_code',
  'agency_code',
  'unit_id',
  'channel',
  'rated_at',
  'rating_level',
  'satisfied',
  'rated_criteria',
  'satisfied_criteria',
  'questionnaire',
  'questionnaire_version',
  'method',
  'method_version',
  'response_id',
] as const;

export interface DossierRow {
  dossierCode: string;
  procedureCode: string | null;
  agencyCode: string | null;
  unitId: string;
  channel: RatingChannel;
  ratedAt: string;
  ratingLevel: number | null;
  satisfied: boolean | null;
  ratedCriteria: number;
  satisfiedCriteria: number;
  questionnaire: string;
  questionnaireVersion: number;
  method: string;
  methodVersion: number;
  responseId: string;
  /** Level by criterion id; a criterion left without a level is absent. */
  criteria: Record<string, number>;
}

export interface DossierTable {
  /** DOSSIER_FIXED_COLUMNS, then the criterion ids of the versions in the file, in their order. */
  columns: string[];
  rows: DossierRow[];
}

/** The latest rating of each dossier of each unit: later corrected time first, then the larger response id. */
function latestPerDossier(dossiers: readonly RatedDossier[]): RatedDossier[] {
  const latest = new Map<string, RatedDossier>();
  for (const dossier of dossiers) {
    const key = `${dossier.unitId}\u0000${dossier.dossierCode}`;
    const kept = latest.get(key);
    const later =
      !kept || dossier.submittedAt > kept.submittedAt || (dossier.submittedAt === kept.submittedAt && dossier.responseId > kept.responseId);
    if (later) latest.set(key, dossier);
  }
  return [...latest.values()];
}

/**
 * The export's rows, oldest rating first. `questionnaires` must hold every version the dossiers were
 * answered with: a missing one is a programming error, not a row to guess.
 */
export function dossierTable(dossiers: readonly RatedDossier[], questionnaires: readonly Questionnaire[]): DossierTable {
  // Each version's method and criteria, worked out once for all its dossiers.
  const byKey = new Map(
    questionnaires.map((questionnaire) => [
      questionnaireKey(questionnaire),
      { questionnaire, method: methodFor(questionnaire), ownCriteria: allCriteria(questionnaire) },
    ]),
  );
  // Insertion order: the columns follow the versions' criteria as first met.
  const criterionIds = new Set<string>();
  const rows = latestPerDossier(dossiers)
    .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.dossierCode < b.dossierCode ? -1 : 1))
    .map((dossier): DossierRow => {
      const key = questionnaireKey({ id: dossier.questionnaireId, version: dossier.questionnaireVersion });
      const version = byKey.get(key);
      if (!version) throw new Error(`the dossier export was not given questionnaire ${key}`);
      const { questionnaire, method, ownCriteria } = version;
      const criteria: Record<string, number> = {};
      for (const criterion of ownCriteria) {
        criterionIds.add(criterion.id);
        const level = dossier.answers[criterion.id];
        if (typeof level === 'number') criteria[criterion.id] = level;
      }
      const rating = ratingOfAnswers(questionnaire, method, dossier.answers);
      const onlyCriterion = ownCriteria.length === 1 ? ownCriteria[0]!.id : null;
      return {
        dossierCode: dossier.dossierCode,
        procedureCode: dossier.procedureCode,
        agencyCode: dossier.agencyCode,
        unitId: dossier.unitId,
        channel: dossier.channel,
        ratedAt: localDateTimeWithOffset(dossier.submittedAt, dossier.timeZone),
        ratingLevel: onlyCriterion !== null && rating.rated === 1 ? (criteria[onlyCriterion] ?? null) : null,
        satisfied: rating.rated === 0 ? null : !isDissatisfied(rating),
        ratedCriteria: rating.rated,
        satisfiedCriteria: rating.satisfied,
        questionnaire: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        method: method.id,
        methodVersion: method.version,
        responseId: dossier.responseId,
        criteria,
      };
    });
  return { columns: [...DOSSIER_FIXED_COLUMNS, ...criterionIds], rows };
}

/** The rows as cells under `columns`, for CSV and XLSX: numbers stay numbers, satisfied is 1 or 0. */
export function dossierCells(table: DossierTable): CellValue[][] {
  const criterionIds = table.columns.slice(DOSSIER_FIXED_COLUMNS.length);
  return table.rows.map((row) => [
    row.dossierCode,
    row.procedureCode,
    row.agencyCode,
    row.unitId,
    row.channel,
    row.ratedAt,
    row.ratingLevel,
    row.satisfied === null ? null : row.satisfied ? 1 : 0,
    row.ratedCriteria,
    row.satisfiedCriteria,
    row.questionnaire,
    row.questionnaireVersion,
    row.method,
    row.methodVersion,
    row.responseId,
    ...criterionIds.map((id) => row.criteria[id] ?? null),
  ]);
}
