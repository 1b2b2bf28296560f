import { DEFAULT_MINIMUM_SAMPLE } from '../../../domain/scoring-method.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { isLocalDay, PERIOD_KINDS, periodContaining, TREND_GRANULARITIES, type PeriodKind, type TrendGranularity } from '../../../domain/calendar.ts';
import { lastCompleteMonth } from './report-periods.ts';
import { COMMENT_THEME_IDS } from '../../../domain/comment-themes.ts';
import type { ReportSelection } from './ReportFilters.tsx';
import { RESPONSE_CHANNELS } from '../../../domain/response-channel.ts';

/**
 * The report's choices live in the address too, so a reload, a bookmark or a link sent to a colleague
 * opens the same report. Anything unreadable falls back to the manager's own unit and the last complete month.
 */

export function selectionFromSearch(search: string, tree: UnitTreeReply): ReportSelection {
  const params = new URLSearchParams(search);
  const unitId = params.get('unit');
  const kind = params.get('period') as PeriodKind | null;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const minimum = Number(params.get('min'));
  const validRange = isLocalDay(from) && isLocalDay(to) && from <= to;
  const period =
    kind && PERIOD_KINDS.includes(kind) && validRange ? (kind === 'custom' ? { kind, from, to } : periodContaining(kind, from)) : lastCompleteMonth();
  return {
    unitId: unitId && tree.units.some((unit) => unit.id === unitId) ? unitId : (tree.rootIds[0] ?? tree.units[0]?.id ?? ''),
    period,
    serviceFieldId: tree.serviceFields.some((field) => field.id === params.get('field')) ? (params.get('field') ?? '') : '',
    procedureId: tree.procedures.some((procedure) => procedure.id === params.get('procedure')) ? (params.get('procedure') ?? '') : '',
    questionnaire: params.get('questionnaire') ?? '',
    includeSubunits: params.get('sub') !== '0',
    includeFlagged: params.get('flagged') !== '0',
    channel: RESPONSE_CHANNELS.find((channel) => channel === params.get('channel')) ?? '',
    minimumSample: Number.isInteger(minimum) && minimum >= 1 ? minimum : DEFAULT_MINIMUM_SAMPLE,
    commentTheme: COMMENT_THEME_IDS.find((theme) => theme === params.get('theme')) ?? '',
    trendBy: TREND_GRANULARITIES.includes(params.get('trend') as TrendGranularity) ? (params.get('trend') as TrendGranularity) : '',
  };
}

export function searchOfSelection(selection: ReportSelection): string {
  const params = new URLSearchParams({
    unit: selection.unitId,
    period: selection.period.kind,
    from: selection.period.from,
    to: selection.period.to,
  });
  if (selection.serviceFieldId) params.set('field', selection.serviceFieldId);
  if (selection.procedureId) params.set('procedure', selection.procedureId);
  if (selection.questionnaire) params.set('questionnaire', selection.questionnaire);
  if (!selection.includeSubunits) params.set('sub', '0');
  if (!selection.includeFlagged) params.set('flagged', '0');
  if (selection.channel) params.set('channel', selection.channel);
  if (selection.minimumSample !== DEFAULT_MINIMUM_SAMPLE) params.set('min', String(selection.minimumSample));
  if (selection.commentTheme) params.set('theme', selection.commentTheme);
  if (selection.trendBy) params.set('trend', selection.trendBy);
  return `?${params.toString()}`;
}
