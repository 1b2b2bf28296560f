import type { CommentThemeId } from '../../domain/comment-themes.ts';
import type { ScaleKind } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { tallyEntriesOfResponse } from '../../domain/tally.ts';
import { parseFlags } from '../../domain/stuffing-flags.ts';
import { marksOfResponse } from '../../domain/response-marks.ts';
import type {
  NewDailyChoiceTallyRow,
  NewDailyMarkCountRow,
  NewDailyFlagCountRow,
  NewDailyResponseCountRow,
  NewDailyTallyRow,
  NewResponseRow,
} from '../db/schema.ts';
import { choiceEntriesOfResponse, type ChoiceQuestions } from './choice-entries.ts';

/**
 * What a set of newly stored responses adds to the daily tables, summed in memory first so a batch of
 * 500 writes one row per key, not one per answer.
 */
export interface DailyAggregates {
  tallies: NewDailyTallyRow[];
  responseCounts: NewDailyResponseCountRow[];
  choices: NewDailyChoiceTallyRow[];
  flagCounts: NewDailyFlagCountRow[];
  markCounts: NewDailyMarkCountRow[];
}

/** The columns of a stored response that place it in the daily tables. */
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
  // Required here (optional on insert): a row without them would drop its marks and procedure unseen.
  Required<Pick<NewResponseRow, 'dossier_code' | 'procedure_id'>>;

export interface StoredResponse {
  row: AggregatedRow;
  answers: SurveyResponse['answers'];
  /** The scale of each tallied question of the response's questionnaire version. */
  scales: Map<string, ScaleKind>;
  /** The choice questions of that version and their options. */
  choiceQuestions: ChoiceQuestions;
  /** The free-text questions of that version (for the 'comment' mark). */
  freeTextIds: readonly string[];
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
}

type Dimensions = Omit<NewDailyTallyRow, 'criterion_id' | 'level' | 'count'>;

function addTo<Key>(counts: Map<Key, number>, key: Key, amount: number): void {
  counts.set(key, (counts.get(key) ?? 0) + amount);
}

/**
 * Responses are grouped by their dimensions first (a batch shares few of them), so each answer only
 * builds a short key within its group.
 */
export function dailyAggregatesOf(responses: readonly StoredResponse[]): DailyAggregates {
  const groups = new Map<string, DimensionGroup>();
  for (const { row, answers, scales, choiceQuestions, freeTextIds, themes, sign = 1 } of responses) {
    const flags = row.flags ? parseFlags(row.flags) : [];
    // '' rather than NULL: NULLs are never equal, so they could not be part of the upsert key.
    const counterId = row.counter_id ?? '';
    const serviceFieldId = row.service_field_id ?? '';
    const flagged = flags.length > 0 ? 1 : 0;
    // Ids cannot hold a newline (the id pattern), so the joined key is unambiguous.
    const groupKey = `${row.local_day}\n${row.unit_id}\n${counterId}\n${serviceFieldId}\n${row.questionnaire_id}\n${row.questionnaire_version}\n${flagged}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        dimensions: {
          local_day: row.local_day,
          unit_id: row.unit_id,
          counter_id: counterId,
          service_field_id: serviceFieldId,
          questionnaire_id: row.questionnaire_id,
          questionnaire_version: row.questionnaire_version,
          flagged,
        },
        responseCounts: new Map(),
        marks: new Map(),
        flags: new Map(),
        tallies: new Map(),
        choices: new Map(),
      };
      groups.set(groupKey, group);
    }
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
    for (const { questionId, optionId } of choiceEntriesOfResponse({ answers, complete }, choiceQuestions)) {
      const key = `${questionId}\n${optionId}`;
      const choice = group.choices.get(key);
      if (choice) choice.count += sign;
      else group.choices.set(key, { questionId, optionId, count: sign });
    }
  }

  // Counts that a taken-back and re-added response cancel out (a changed theme leaves the rest) are not written.
  const aggregates: DailyAggregates = { tallies: [], responseCounts: [], choices: [], flagCounts: [], markCounts: [] };
  for (const { dimensions, responseCounts, marks, flags, tallies, choices } of groups.values()) {
    for (const [complete, count] of responseCounts)
      if (count !== 0) aggregates.responseCounts.push({ ...dimensions, complete: complete as 0 | 1, count });
    for (const [mark, count] of marks)
      if (count !== 0) aggregates.markCounts.push({ ...dimensions, mark: mark as NewDailyMarkCountRow['mark'], count });
    const { flagged: _flagged, ...unflagged } = dimensions;
    for (const [flag, count] of flags) if (count !== 0) aggregates.flagCounts.push({ ...unflagged, flag, count });
    // Tallies and choices make most of a batch's rows: each is written as a literal of one shape, which
    // costs a fraction of spreading the dimensions into it.
    const { local_day, unit_id, counter_id, service_field_id, questionnaire_id, questionnaire_version, flagged } = dimensions;
    for (const [criterionId, levels] of tallies) {
      for (let index = 0; index < levels.length; index += 1) {
        const count = levels[index]!;
        if (count !== 0) {
          aggregates.tallies.push({
            local_day,
            unit_id,
            counter_id,
            service_field_id,
            questionnaire_id,
            questionnaire_version,
            flagged,
            criterion_id: criterionId,
            level: index + 1,
            count,
          });
        }
      }
    }
    for (const { questionId, optionId, count } of choices.values()) {
      if (count !== 0) {
        aggregates.choices.push({
          local_day,
          unit_id,
          counter_id,
          service_field_id,
          questionnaire_id,
          questionnaire_version,
          flagged,
          question_id: questionId,
          option_id: optionId,
          count,
        });
      }
    }
  }
  return aggregates;
}
