import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { reportQuerySchema, type ReportQuery } from '../../domain/manage-api.ts';
import { requireReadable, requireUnit, signedInAs, viewerOf } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { dossierCsv, dossierExport, dossierJson, dossierXlsx } from '../reports/dossier-export.ts';
import { actorOf, sendReportFile } from './reports.ts';

export interface DossierExportRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
}

const FORMATS = ['csv', 'xlsx', 'json'] as const;

/**
 * GET /api/v1/reports/dossiers.{csv,xlsx,json}: the per-dossier export (domain/export/dossier-rows.ts)
 * for the province's one-stop system, with the report's query. Administrators and managers within their
 * units only: staff never see dossier codes. Every export is audited.
 */
export const dossierExportRoutes: FastifyPluginAsync<DossierExportRoutesOptions> = async (app, { db, catalog, now }) => {
  app.addHook('onRequest', signedInAs(db, now, ['admin', 'manager'], 'Only administrators and managers export dossiers.'));

  for (const format of FORMATS) {
    app.get<{ Querystring: ReportQuery }>(
      `/api/v1/reports/dossiers.${format}`,
      { schema: { querystring: reportQuerySchema } },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const query = request.query;
        const unit = requireUnit(viewer, query.unitId);
        requireReadable(viewer, unit.id);
        const table = await dossierExport(db, catalog, viewer.tree, unit, query);
        await appendAudit(db, {
          at: now(),
          actor: actorOf(viewer),
          action: 'report.exported.dossiers',
          detail: { ...query, format, dossiers: table.rows.length },
        });
        if (format === 'csv') return sendReportFile(reply, query, 'csv', dossierCsv(table), 'dossiers');
        if (format === 'xlsx') return sendReportFile(reply, query, 'xlsx', await dossierXlsx(table), 'dossiers');
        return sendReportFile(reply, query, 'json', JSON.stringify(dossierJson(table, query)), 'dossiers');
      },
    );
  }
};
