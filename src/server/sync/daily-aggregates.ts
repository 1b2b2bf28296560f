import type { ScaleKind } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { tallyEntriesOfResponse } from '../../domain/tally.ts';
import { parseFlags } from '../../domain/stuffing-flags.ts';
import type {
  NewDailyChoiceTallyRow,
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
}

/** The columns of a stored response that place it in the daily tables. */
export type AggregatedRow = Pick<
  NewResponseRow,
  'local_day' | 'unit_id' | 'counter_id' | 'service_field_id' | 'questionnaire_id' | 'questionnaire_version' | 'complete' | 'flags' | 'device_sequence'
>;

export interface StoredResponse {
  row: AggregatedRow;
  answers: SurveyResponse['answers'];
  /** The scale of each tallied question of the response's questionnaire version. */
  scales: Map<string, ScaleKind>;
  /** The choice questions of that version and their options. */
  choiceQuestions: ChoiceQuestions;
  /**
   * -1 takes a stored response's contribution back out: when a later batch flags it (a burst completed
   * by newer answers), it moves from the unflagged rows to the flagged ones.
   */
  sign?: 1 | -1;
}

export function dailyAggregatesOf(responses: readonly StoredResponse[]): DailyAggregates {
  const tallies = new Map<string, NewDailyTallyRow>();
  const responseCounts = new Map<string, NewDailyResponseCountRow>();
  const choices = new Map<string, NewDailyChoiceTallyRow>();
  const flagCounts = new Map<string, NewDailyFlagCountRow>();
  for (const { row, answers, scales, choiceQuestions, sign = 1 } of responses) {
    const flags = parseFlags(row.flags ?? '');
    const dimensions = {
      local_day: row.local_day,
      unit_id: row.unit_id,
      // '' rather than NULL: NULLs are never equal, so they could not be part of the upsert key.
      counter_id: row.counter_id ?? '',
      service_field_id: row.service_field_id ?? '',
      questionnaire_id: row.questionnaire_id,
      questionnaire_version: row.questionnaire_version,
      flagged: flags.length > 0 ? 1 : 0,
    } as const;
    const dimensionKey = JSON.stringify(Object.values(dimensions));

    const countKey = `${dimensionKey}|${row.complete}`;
    const count = responseCounts.get(countKey);
    if (count) count.count += sign;
    else responseCounts.set(countKey, { ...dimensions, complete: row.complete, count: sign });

    for (const flag of flags) {
      const { flagged: _flagged, ...unflaggedDimensions } = dimensions;
      const flagKey = `${dimensionKey}|${flag}`;
      const flagCount = flagCounts.get(flagKey);
      if (flagCount) flagCount.count += sign;
      else flagCounts.set(flagKey, { ...unflaggedDimensions, flag, count: sign });
    }

    for (const entry of tallyEntriesOfResponse({ answers, complete: row.complete === 1 }, scales)) {
      // Criterion ids come from the questionnaire, whose id pattern has no "|", so the key is unambiguous.
      const tallyKey = `${dimensionKey}|${entry.criterionId}|${entry.level}`;
      const tally = tallies.get(tallyKey);
      if (tally) tally.count += sign * entry.count;
      else tallies.set(tallyKey, { ...dimensions, criterion_id: entry.criterionId, level: entry.level, count: sign * entry.count });
    }

    for (const { questionId, optionId } of choiceEntriesOfResponse({ answers, complete: row.complete === 1 }, choiceQuestions)) {
      const choiceKey = `${dimensionKey}|${questionId}|${optionId}`;
      const choice = choices.get(choiceKey);
      if (choice) choice.count += sign;
      else choices.set(choiceKey, { ...dimensions, question_id: questionId, option_id: optionId, count: sign });
    }
  }
  return {
    tallies: [...tallies.values()],
    responseCounts: [...responseCounts.values()],
    choices: [...choices.values()],
    flagCounts: [...flagCounts.values()],
  };
}
