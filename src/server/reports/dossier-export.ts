import type { Kysely } from 'kysely';
import { DEFAULT_TIME_ZONE } from '../../domain/local-day.ts';
import { dossierCells, dossierTable, type DossierRow, type DossierTable } from '../../domain/export/dossier-rows.ts';
import { toCsv, neutraliseFormula } from '../../domain/export/csv.ts';
import type { ReportQuery } from '../../domain/manage-api.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { ratedDossierResponses } from '../db/reports-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import { dailySliceOf } from './build-report.ts';

/**
 * The per-dossier export (domain/export/dossier-rows.ts) of a unit (with its sub-units unless the query
 * leaves them out) over the query's period and filters, read from the stored responses.
 */
export async function dossierExport(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  tree: UnitRowTree,
  unit: UnitRow,
  query: ReportQuery,
): Promise<DossierTable> {
  const rows = await ratedDossierResponses(db, dailySliceOf(query, tree, unit));
  const questionnaires = new Map<string, Questionnaire>();
  for (const row of rows) {
    const key = `${row.questionnaire_id}@${row.questionnaire_version}`;
    if (questionnaires.has(key)) continue;
    const questionnaire = await catalog.findPublished(row.questionnaire_id, Number(row.questionnaire_version));
    if (!questionnaire) throw new Error(`stored responses name questionnaire ${key}, which is not published`);
    questionnaires.set(key, questionnaire);
  }
  const dossiers = rows.map((row) => {
    const unit = tree.get(row.unit_id);
    return {
      responseId: row.id,
      unitId: row.unit_id,
      agencyCode: unit?.agency_code ?? null,
      timeZone: unit?.time_zone ?? DEFAULT_TIME_ZONE,
      dossierCode: row.dossier_code!,
      procedureCode: row.procedure_id ?? row.link_procedure_code,
      channel: row.channel,
      submittedAt: row.corrected_submitted_at,
      questionnaireId: row.questionnaire_id,
      questionnaireVersion: Number(row.questionnaire_version),
      answers: JSON.parse(row.answers) as Record<string, unknown>,
    };
  });
  return dossierTable(dossiers, [...questionnaires.values()]);
}

/** UTF-8 with a BOM, a header of column names, one line per dossier (the domain's CSV rules). */
export function dossierCsv(table: DossierTable): string {
  return toCsv([table.columns, ...dossierCells(table)]);
}

/** One sheet, the CSV's columns and cells, header frozen; exceljs is loaded only when someone exports. */
export async function dossierXlsx(table: DossierTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ho so');
  sheet.addRow(table.columns).font = { bold: true };
  for (const cells of dossierCells(table)) sheet.addRow(cells.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((column, position) => (column.width = position === 5 ? 26 : position < 4 ? 20 : 12));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The JSON a program reads: the rows as objects, criteria keyed by criterion id. */
export function dossierJson(table: DossierTable, query: ReportQuery): { unitId: string; from: string; to: string; dossiers: DossierRow[] } {
  return { unitId: query.unitId, from: query.from, to: query.to, dossiers: table.rows };
}
