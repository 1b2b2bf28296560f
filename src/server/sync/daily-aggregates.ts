import type { ScaleKind } from '../../domain/questionnaire.ts';
import type { SurveyResponse } from '../../domain/response.ts';
import { tallyEntriesOfResponse } from '../../domain/tally.ts';
import type { NewDailyChoiceTallyRow, NewDailyResponseCountRow, NewDailyTallyRow, NewResponseRow } from '../db/schema.ts';
import { choiceEntriesOfResponse, type ChoiceQuestions } from './choice-entries.ts';

/**
 * What a set of newly stored responses adds to the daily tables, summed in memory first so a batch of
 * 500 writes one row per key, not one per answer.
 */
export interface DailyAggregates {
  tallies: NewDailyTallyRow[];
  responseCounts: NewDailyResponseCountRow[];
  choices: NewDailyChoiceTallyRow[];
}

export interface StoredResponse {
  row: NewResponseRow;
  answers: SurveyResponse['answers'];
  /** The scale of each tallied question of the response's questionnaire version. */
  scales: Map<string, ScaleKind>;
  /** The choice questions of that version and their options. */
  choiceQuestions: ChoiceQuestions;
}

/** Responses carry no flags yet; the stuffing checks of the ledger issue will set this dimension. */
const NOT_FLAGGED = 0;

export function dailyAggregatesOf(responses: readonly StoredResponse[]): DailyAggregates {
  const tallies = new Map<string, NewDailyTallyRow>();
  const responseCounts = new Map<string, NewDailyResponseCountRow>();
  const choices = new Map<string, NewDailyChoiceTallyRow>();
  for (const { row, answers, scales, choiceQuestions } of responses) {
    const dimensions = {
      local_day: row.local_day,
      unit_id: row.unit_id,
      // '' rather than NULL: NULLs are never equal, so they could not be part of the upsert key.
      counter_id: row.counter_id ?? '',
      service_field_id: row.service_field_id ?? '',
      questionnaire_id: row.questionnaire_id,
      questionnaire_version: row.questionnaire_version,
      flagged: NOT_FLAGGED,
    } as const;
    const dimensionKey = JSON.stringify(Object.values(dimensions));

    const countKey = `${dimensionKey}|${row.complete}`;
    const count = responseCounts.get(countKey);
    if (count) count.count += 1;
    else responseCounts.set(countKey, { ...dimensions, complete: row.complete, count: 1 });

    for (const entry of tallyEntriesOfResponse({ answers, complete: row.complete === 1 }, scales)) {
      // Criterion ids come from the questionnaire, whose id pattern has no "|", so the key is unambiguous.
      const tallyKey = `${dimensionKey}|${entry.criterionId}|${entry.level}`;
      const tally = tallies.get(tallyKey);
      if (tally) tally.count += entry.count;
      else tallies.set(tallyKey, { ...dimensions, criterion_id: entry.criterionId, level: entry.level, count: entry.count });
    }

    for (const { questionId, optionId } of choiceEntriesOfResponse({ answers, complete: row.complete === 1 }, choiceQuestions)) {
      const choiceKey = `${dimensionKey}|${questionId}|${optionId}`;
      const choice = choices.get(choiceKey);
      if (choice) choice.count += 1;
      else choices.set(choiceKey, { ...dimensions, question_id: questionId, option_id: optionId, count: 1 });
    }
  }
  return { tallies: [...tallies.values()], responseCounts: [...responseCounts.values()], choices: [...choices.values()] };
}
