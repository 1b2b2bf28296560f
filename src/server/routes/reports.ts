import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { reportQuerySchema, type ReportQuery, type UnitTreeReply } from '../../domain/manage-api.ts';
import { EVERY_ROLE, readableUnits, requireReadable, signedInAs, viewerOf, type Viewer } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { listPublishedQuestionnaireHeads, listProcedures, listServiceFields } from '../db/catalog-repository.ts';
import { unitNodeOf } from '../db/units-repository.ts';
import { buildReport } from '../reports/build-report.ts';
import { reportCsv, reportTable, reportXlsx } from '../reports/report-export.ts';
import { numberAndAuditPdfReport } from '../reports/report-number.ts';
import { officialReportLayout } from '../../domain/official-report.ts';

export interface ReportRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
}

export function actorOf(viewer: Viewer): string {
  return `account:${viewer.account.username}`;
}

/** What every report route reads: the unit, the period and the filters of reportQuerySchema. */
const reportQuery = { schema: { querystring: reportQuerySchema } };

/** GET /api/v1/units, /api/v1/reports/summary, /api/v1/reports/export.csv, /api/v1/reports/export.xlsx, /api/v1/reports/report.pdf. */
export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, { db, catalog, now }) => {
  // Every role reads reports, each within its units (requireReadable).
  app.addHook('onRequest', signedInAs(db, now, EVERY_ROLE));

  async function reportOf(request: FastifyRequest<{ Querystring: ReportQuery }>) {
    const viewer = viewerOf(request);
    requireReadable(viewer, request.query.unitId);
    // Staff read their own unit's figures, never those of units below it.
    const query: ReportQuery = viewer.account.role === 'staff' ? { ...request.query, includeSubunits: false } : request.query;
    return { viewer, query, ...(await buildReport(db, catalog, viewer.tree, query)) };
  }

  app.get('/api/v1/units', async (request): Promise<UnitTreeReply> => {
    const viewer = viewerOf(request);
    const readable = readableUnits(viewer.account, viewer.tree);
    const rootIds = readable === 'all' ? viewer.tree.roots().map((row) => row.id) : viewer.account.unit_id === null ? [] : [viewer.account.unit_id];
    const rows = viewer.tree.inTreeOrder(rootIds).filter((row) => readable === 'all' || readable.has(row.id));
    return {
      rootIds,
      units: rows.map(unitNodeOf),
      serviceFields: await listServiceFields(db),
      procedures: await listProcedures(db),
      questionnaires: await listPublishedQuestionnaireHeads(db),
    };
  });

  app.get<{ Querystring: ReportQuery }>('/api/v1/reports/summary', reportQuery, async (request) => (await reportOf(request)).reply);

  app.get<{ Querystring: ReportQuery }>('/api/v1/reports/export.csv', reportQuery, async (request, reply) => {
    const { viewer, query, reply: report } = await reportOf(request);
    await auditExport(viewer, 'csv', query);
    return sendReportFile(reply, query, 'csv', reportCsv(reportTable(report, query.locale)));
  });

  app.get<{ Querystring: ReportQuery }>('/api/v1/reports/export.xlsx', reportQuery, async (request, reply) => {
    const { viewer, query, reply: report } = await reportOf(request);
    await auditExport(viewer, 'xlsx', query);
    return sendReportFile(reply, query, 'xlsx', await reportXlsx(reportTable(report, query.locale), report.unit.timeZone));
  });

  app.get<{ Querystring: ReportQuery }>('/api/v1/reports/report.pdf', reportQuery, async (request, reply) => {
    const { viewer, query, reply: report } = await reportOf(request);
    const generatedAt = now();
    const reportNumber = await numberAndAuditPdfReport(db, {
      at: generatedAt,
      actor: actorOf(viewer),
      unitId: query.unitId,
      timeZone: report.unit.timeZone,
      detail: { ...query },
    });
    // pdfmake is loaded on the first PDF, never at start-up.
    const { renderReportPdf } = await import('../reports/report-pdf.ts');
    const pdf = await renderReportPdf(officialReportLayout(report, { locale: query.locale, reportNumber, generatedAt }));
    return sendReportFile(reply, query, 'pdf', pdf);
  });

  async function auditExport(viewer: Viewer, format: string, query: ReportQuery): Promise<void> {
    await appendAudit(db, { at: now(), actor: actorOf(viewer), action: `report.exported.${format}`, detail: { ...query } });
  }
};

const REPORT_FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
} as const;

/** A report file sent as a download, named after its query (and what it holds, when not the report itself). */
export function sendReportFile(
  reply: FastifyReply,
  query: ReportQuery,
  format: keyof typeof REPORT_FILE_TYPES,
  file: string | Uint8Array,
  contents?: string,
): FastifyReply {
  return reply
    .header('content-type', REPORT_FILE_TYPES[format])
    .header('content-disposition', `attachment; filename="${fileName(query, contents ? `${contents}.${format}` : format)}"`)
    .send(file);
}

function fileName(query: ReportQuery, extension: string): string {
  // Unit ids are [A-Za-z0-9._-]-like but not guaranteed; keep the header safe whatever they hold.
  const unit = query.unitId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `sipas-${unit}-${query.from}-${query.to}.${extension}`;
}
