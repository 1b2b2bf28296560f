import type { Kysely } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import { digestReportFileName, type DigestAttachment } from '../../domain/digest.ts';
import { reportQuerySchema } from '../../domain/manage-api.ts';
import { officialReportLayout } from '../../domain/official-report.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import { parseLocalizedText } from '../db/units-repository.ts';
import { buildReport } from '../reports/build-report.ts';
import { auditPdfReportNumbered, expectedPdfReportNumber, type PdfReportEntry } from '../reports/report-number.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';

/** Who the audit log names for reports a digest attaches. */
export const DIGEST_ACTOR = 'system:digest';

/** An official report rendered for a monthly digest, its number not yet registered. */
export interface DraftedReport {
  entry: PdfReportEntry;
  number: number;
  attachment: DigestAttachment;
}

/**
 * The official A4 report of a unit (with its sub-units) for the digest's period, rendered by the code the
 * /api/v1/reports/report.pdf route uses, with the query that route would get from the dashboard's defaults.
 * Rendered outside any transaction under the number the unit's next report should get;
 * `registerDraftedReport` then numbers and audits it in the transaction that queues the e-mail.
 */
export async function draftDigestReport(
  context: { db: Kysely<Database>; catalog: QuestionnaireCatalog; tree: UnitRowTree },
  unit: UnitRow,
  period: Period,
  extra: { at: Date; accountId: string; runDay: string },
): Promise<DraftedReport> {
  const query = reportQuerySchema.parse({ unitId: unit.id, from: period.from, to: period.to, locale: 'vi' });
  const { reply } = await buildReport(context.db, context.catalog, context.tree, query);
  const entry: PdfReportEntry = {
    at: extra.at,
    actor: DIGEST_ACTOR,
    unitId: unit.id,
    timeZone: reply.unit.timeZone,
    detail: { ...query, digest: { accountId: extra.accountId, frequency: 'monthly', runDay: extra.runDay } },
  };
  const number = await expectedPdfReportNumber(context.db, entry);
  // pdfmake is loaded on the first PDF, never at start-up.
  const { renderReportPdf } = await import('../reports/report-pdf.ts');
  const pdf = await renderReportPdf(officialReportLayout(reply, { locale: 'vi', reportNumber: number, generatedAt: extra.at }));
  const fileName = digestReportFileName(parseLocalizedText(unit.name), unit.id, period);
  return { entry, number, attachment: { fileName, contentType: 'application/pdf', contentBase64: pdf.toString('base64'), reportNumber: number } };
}

/** Thrown inside the queueing transaction when another report took a drafted number: the pass renders again. */
export class ReportNumberTaken extends Error {}

/** Numbers and audits the drafted reports in the caller's transaction, or rolls it back with ReportNumberTaken. */
export async function registerDraftedReports(trx: Kysely<Database>, drafts: readonly DraftedReport[]): Promise<void> {
  for (const draft of drafts) {
    if (!(await auditPdfReportNumbered(trx, draft.entry, draft.number))) throw new ReportNumberTaken(draft.entry.unitId);
  }
}
