import type { ReportReply } from '../../domain/manage-api.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { blockOfKind } from '../../domain/report-headline.ts';
import { rankUnits, scoreQuestionnaire, type RankedUnit } from '../../domain/scoring.ts';
import type { UnitRow } from '../db/schema.ts';
import { parseLocalizedText } from '../db/units-repository.ts';
import { groupBy, quickIndexOfTally, sumOf, tallyOf } from './report-sums.ts';
import type { ChildSum } from './report-reads.ts';

type RankingRow = ReportReply['ranking']['rows'][number];

interface RankingInput {
  children: readonly UnitRow[];
  questionnaire: Questionnaire;
  /** The quick questionnaire (its one criterion), or null when there is none to show. */
  quick: Questionnaire | null;
  sums: readonly ChildSum[];
  quickSums: readonly ChildSum[];
  previousSums: readonly ChildSum[];
  minimumSample: number;
}

/**
 * Direct sub-units ranked on the SIPAS index. A sub-unit with quick ratings only is listed with its quick
 * index as 'quick-only' (never "no data" while it has answers); small samples are listed with n, unranked.
 * Each row carries its previous rank and, when the ranking holds both agencies and communes, its rank there.
 */
export function rankChildren(input: RankingInput): RankingRow[] {
  const { children, questionnaire, quick, minimumSample } = input;
  const current = scoredChildren(children, questionnaire, input.sums);
  const previousRanks = new Map(
    rankUnits(scoredChildren(children, questionnaire, input.previousSums), minimumSample).map((row) => [row.unitId, row.rank]),
  );
  const quickByChild = groupBy(input.quickSums, (row) => row.unitId);
  const ranked = rankUnits(current, minimumSample).map((row): RankingRow => {
    const quickFigure = quick ? quickIndexOfTally(quick, tallyOf(quickByChild.get(row.unitId) ?? [])) : null;
    const quickOnly = row.reason === 'no-data' && (quickFigure?.n ?? 0) > 0;
    return {
      ...row,
      reason: quickOnly ? 'quick-only' : row.reason,
      quickIndex: quickFigure?.index ?? null,
      quickN: quickFigure?.n ?? 0,
      previousRank: previousRanks.get(row.unitId) ?? null,
      block: row.block,
      blockRank: null,
    };
  });
  return withBlockRanks(ranked, minimumSample);
}

function scoredChildren(children: readonly UnitRow[], questionnaire: Questionnaire, sums: readonly ChildSum[]) {
  const byChild = groupBy(sums, (row) => row.unitId);
  return children.map((child) => {
    const rows = byChild.get(child.id) ?? [];
    const responses = sumOf(rows.filter((row) => row.measure === 'responses' && row.item === '1'));
    const index = scoreQuestionnaire(questionnaire, tallyOf(rows)).overall;
    return { unitId: child.id, name: parseLocalizedText(child.name), responses, n: responses, index, block: blockOfKind(child.kind) };
  });
}

function withBlockRanks(rows: RankingRow[], minimumSample: number): RankingRow[] {
  const blocks = new Set(rows.map((row) => row.block).filter((block) => block !== null));
  if (blocks.size < 2) return rows;
  const blockRanks = new Map<string, number | null>();
  for (const block of blocks) {
    for (const row of rankUnits(
      rows.filter((candidate) => candidate.block === block),
      minimumSample,
    ) as RankedUnit<RankingRow>[]) {
      blockRanks.set(row.unitId, row.rank);
    }
  }
  return rows.map((row) => ({ ...row, blockRank: blockRanks.get(row.unitId) ?? null }));
}
