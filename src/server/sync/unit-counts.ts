import type { CommentThemeId } from '../../domain/comment-themes.ts';
import type { ScaleKind } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { tallyEntriesOfResponse } from '../../domain/tally.ts';
import { respondentSharesOf, shareDetail, type RespondentElement } from '../../domain/respondent-shares.ts';
import { parseFlags } from '../../domain/stuffing-flags.ts';
import { marksOfResponse } from '../../domain/response-marks.ts';
import { ALL } from '../db/counts-repository.ts';
import type { CountMeasure, CountRow, NewResponseRow } from '../db/schema.ts';
import { choiceEntriesOfResponse, type ChoiceQuestions } from './choice-entries.ts';

/** The columns of a stored response that place it among the counts of its unit. */
export type AggregatedRow = Pick<
  NewResponseRow,
  | 'local_day'
  | 'unit_id'
  | 'counter_id'
  | 'service_field_id'
  | 'questionnaire_id'
  | 'questionnaire_version'
  | 'complete'
  | 'flags'
  | 'device_sequence'
> &
  // Required here (optional on insert): a row without them would drop its marks, procedure or channel unseen.
  Required<Pick<NewResponseRow, 'dossier_code' | 'procedure_id' | 'channel'>>;

export interface StoredResponse {
  row: AggregatedRow;
  answers: SurveyResponse['answers'];
  /** The scale of each tallied question of the response's questionnaire version. */
  scales: Map<string, ScaleKind>;
  /** The choice questions of that version and their options. */
  choiceQuestions: ChoiceQuestions;
  /** The free-text questions of that version (for the 'comment' mark). */
  freeTextIds: readonly string[];
  /** The elements whose respondents' shares that version's method counts (none for answer-level shares). */
  respondentElements: readonly RespondentElement[];
  /** The themes of its comments (the 'theme:<id>' marks): the classifier's at sync, else as stored. */
  themes: readonly CommentThemeId[];
  /**
   * -1 takes a stored response's contribution back out: when a later batch flags it (a burst completed
   * by newer answers), it moves from the unflagged rows to the flagged ones.
   */
  sign?: 1 | -1;
}

/** Per-row counts under one set of dimensions, keyed by what varies within it (a criterion and level, …). */
interface DimensionGroup {
  dimensions: Dimensions;
  responseCounts: Map<number, number>;
  marks: Map<string, number>;
  flags: Map<string, number>;
  /** Per criterion, the count of each level at index level − 1: no key string per answer. */
  tallies: Map<string, number[]>;
  choices: Map<string, { questionId: string; optionId: string; count: number }>;
  /** Respondents per element and share: "elementId\nsatisfied/answered" → count. */
  respondents: Map<string, number>;
}

type Dimensions = Pick<
  CountRow,
  'period' | 'unit_id' | 'counter_id' | 'channel' | 'service_field_id' | 'questionnaire_id' | 'questionnaire_version' | 'flagged'
>;

/** Levels as the detail text of a tally row, made once: '1' … '10'. */
const LEVEL_TEXT = Array.from({ length: 10 }, (_, index) => String(index + 1));

function addTo<Key>(counts: Map<Key, number>, key: Key, amount: number): void {
  counts.set(key, (counts.get(key) ?? 0) + amount);
}

function newGroup(row: AggregatedRow, counterId: string, serviceFieldId: string, flagged: 0 | 1): DimensionGroup {
  const dimensions: Dimensions = {
    period: row.local_day,
    unit_id: row.unit_id,
    counter_id: counterId,
    channel: row.channel,
    service_field_id: serviceFieldId,
    questionnaire_id: row.questionnaire_id,
    questionnaire_version: row.questionnaire_version,
    flagged,
  };
  return {
    dimensions,
    responseCounts: new Map(),
    marks: new Map(),
    flags: new Map(),
    tallies: new Map(),
    choices: new Map(),
    respondents: new Map(),
  };
}

/**
 * What newly stored (or, with sign −1, taken back) responses add to the counts of their units: place
 * 'unit', by day, counter and service field, every procedure together. Summed in memory first so a batch
 * of 500 writes one row per key, not one per answer. Responses are grouped by their dimensions first (a
 * batch shares few of them), so each answer only builds a short key within its group.
 */
export function unitCountsOf(responses: readonly StoredResponse[]): CountRow[] {
  const groups = new Map<string, DimensionGroup>();
  for (const { row, answers, scales, choiceQuestions, freeTextIds, respondentElements, themes, sign = 1 } of responses) {
    const flags = row.flags ? parseFlags(row.flags) : [];
    // '' rather than NULL: NULLs are never equal, so they could not be part of the upsert key.
    const counterId = row.counter_id ?? '';
    const serviceFieldId = row.service_field_id ?? '';
    const flagged = flags.length > 0 ? 1 : 0;
    // Ids cannot hold a newline (the id pattern), so the joined key is unambiguous.
    const groupKey = `${row.local_day}\n${row.unit_id}\n${counterId}\n${row.channel}\n${serviceFieldId}\n${row.questionnaire_id}\n${row.questionnaire_version}\n${flagged}`;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = newGroup(row, counterId, serviceFieldId, flagged)));
    addTo(group.responseCounts, row.complete, sign);
    for (const flag of flags) addTo(group.flags, flag, sign);
    const complete = row.complete === 1;
    for (const mark of marksOfResponse({ answers, complete, dossierCode: row.dossier_code ?? null, themes }, freeTextIds))
      addTo(group.marks, mark, sign);
    for (const entry of tallyEntriesOfResponse({ answers, complete }, scales)) {
      let levels = group.tallies.get(entry.criterionId);
      if (!levels) group.tallies.set(entry.criterionId, (levels = []));
      while (levels.length < entry.level) levels.push(0);
      levels[entry.level - 1]! += sign * entry.count;
    }
    for (const share of respondentSharesOf(respondentElements, { answers, complete }))
      addTo(group.respondents, `${share.elementId}\n${shareDetail(share)}`, sign);
    for (const { questionId, optionId } of choiceEntriesOfResponse({ answers, complete }, choiceQuestions)) {
      const key = `${questionId}\n${optionId}`;
      const choice = group.choices.get(key);
      if (choice) choice.count += sign;
      else group.choices.set(key, { questionId, optionId, count: sign });
    }
  }

  // Counts that a taken-back and re-added response cancel out (a changed theme leaves the rest) are not written.
  const rows: CountRow[] = [];
  for (const { dimensions, responseCounts, marks, flags, tallies, choices, respondents } of groups.values()) {
    const add = (flagged: 0 | 1, measure: CountMeasure, item: string, detail: string, count: number) => {
      // One literal of one shape for every row: most of a batch's rows are tallies and choices, and a
      // single hidden class costs a fraction of spreading the dimensions into each.
      if (count !== 0) {
        rows.push({
          place: 'unit',
          unit_id: dimensions.unit_id,
          questionnaire_id: dimensions.questionnaire_id,
          granularity: 'day',
          period: dimensions.period,
          service_field_id: dimensions.service_field_id,
          procedure_id: ALL,
          counter_id: dimensions.counter_id,
          channel: dimensions.channel,
          questionnaire_version: dimensions.questionnaire_version,
          flagged,
          measure,
          item,
          detail,
          count,
        });
      }
    };
    for (const [complete, count] of responseCounts) add(dimensions.flagged, 'responses', String(complete), '', count);
    for (const [mark, count] of marks) add(dimensions.flagged, 'mark', mark, '', count);
    for (const [flag, count] of flags) add(1, 'flag', flag, '', count);
    for (const [criterionId, levels] of tallies) {
      for (let index = 0; index < levels.length; index += 1)
        add(dimensions.flagged, 'tally', criterionId, LEVEL_TEXT[index] ?? String(index + 1), levels[index]!);
    }
    for (const { questionId, optionId, count } of choices.values()) add(dimensions.flagged, 'choice', questionId, optionId, count);
    for (const [key, count] of respondents) {
      const [elementId, share] = key.split('\n') as [string, string];
      add(dimensions.flagged, 'respondent', elementId, share, count);
    }
  }
  return rows;
}
