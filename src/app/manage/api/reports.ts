import type { CommentThemeId } from '../../../domain/comment-themes.ts';
import {
  commentThemesReplySchema,
  reportReplySchema,
  unitTreeReplySchema,
  type CommentThemesReply,
  type ReportQueryInput,
  type ReportReply,
  type UnitTreeReply,
} from '../../../domain/manage-api.ts';
import { apiRequest, withQuery } from './http.ts';

export function fetchUnitTree(signal: AbortSignal): Promise<UnitTreeReply> {
  return apiRequest('GET', '/api/v1/units', { schema: unitTreeReplySchema, signal });
}

function queryParameters(query: ReportQueryInput): Record<string, string | number | undefined> {
  return {
    unitId: query.unitId,
    from: query.from,
    to: query.to,
    serviceFieldId: query.serviceFieldId,
    procedureId: query.procedureId,
    questionnaireId: query.questionnaireId,
    version: query.version === undefined ? undefined : Number(query.version),
    includeSubunits: query.includeSubunits === undefined ? undefined : String(query.includeSubunits),
    includeFlagged: query.includeFlagged === undefined ? undefined : String(query.includeFlagged),
    minimumSample: query.minimumSample === undefined ? undefined : Number(query.minimumSample),
    commentTheme: query.commentTheme,
    channel: query.channel,
    locale: query.locale,
  };
}

export function fetchReport(query: ReportQueryInput, signal: AbortSignal): Promise<ReportReply> {
  return apiRequest('GET', withQuery('/api/v1/reports/summary', queryParameters(query)), { schema: reportReplySchema, signal });
}

/** A plain link: the browser downloads the file with the session cookie, and the server audits the export. */
export function reportExportUrl(format: 'csv' | 'xlsx', query: ReportQueryInput): string {
  return withQuery(`/api/v1/reports/export.${format}`, queryParameters(query));
}

/** The per-dossier ratings of the same query, for the province's one-stop system (the server audits each download). */
export function dossierExportUrl(format: 'csv' | 'xlsx' | 'json', query: ReportQueryInput): string {
  return withQuery(`/api/v1/reports/dossiers.${format}`, queryParameters(query));
}

/** The official numbered report (A4 PDF) of the same query; each download is numbered and audited by the server. */
export function reportPdfUrl(query: ReportQueryInput): string {
  return withQuery('/api/v1/reports/report.pdf', queryParameters(query));
}

/** A manager's themes for the comments of one response (the server audits the change). */
export function correctCommentThemes(responseId: string, themes: CommentThemeId[]): Promise<CommentThemesReply> {
  return apiRequest('PUT', `/api/v1/comments/${encodeURIComponent(responseId)}/themes`, { body: { themes }, schema: commentThemesReplySchema });
}
