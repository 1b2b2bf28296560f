import type { TFunction } from 'i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { DailySummary } from '../../domain/daily-summary.ts';
import { localize } from '../../domain/localize.ts';
import { toCsv, type CellValue } from '../../domain/export/csv.ts';
import { exportFileName } from '../../domain/export/file-names.ts';
import { localDateTimeWithOffset } from '../../domain/local-day.ts';
import { responseTable, type ResponseTable } from '../../domain/export/response-rows.ts';
import { SUMMARY_COLUMNS, summaryRowCells, summaryRows } from '../../domain/export/summary-rows.ts';
import type { Reconciliation } from '../../domain/reconciliation.ts';
import type { StoredResponse } from '../store/db.ts';

/** Builds the files staff download; the rows come from the pure domain export, headers from i18n. */

export interface ExportContext {
  config: DeviceConfig;
  from: string;
  to: string;
  t: TFunction;
}

function unitName(config: DeviceConfig): string {
  return localize(config.unit.name, 'vi');
}

function responseHeaders(table: ResponseTable, t: TFunction): string[] {
  return table.columns.map((column) =>
    column.kind === 'fixed' || column.kind === 'comment' ? t(`staff.export.columns.${column.key}`) : column.key,
  );
}

function summaryHeaders(t: TFunction): string[] {
  return SUMMARY_COLUMNS.map((key) => t(`staff.export.summaryColumns.${key}`));
}

function kindLabel(cells: CellValue[], t: TFunction): CellValue[] {
  return [t(`staff.export.kinds.${String(cells[0])}`), ...cells.slice(1)];
}

export interface ExportFile {
  name: string;
  blob: Blob;
}

export function responsesCsv(context: ExportContext, responses: readonly StoredResponse[]): ExportFile {
  const table = responseTable(responses, context.config.questionnaires, context.config.unit.timeZone);
  const csv = toCsv([responseHeaders(table, context.t), ...table.rows]);
  return { name: exportFileName({ unitName: unitName(context.config), from: context.from, to: context.to, extension: 'csv' }), blob: csvBlob(csv) };
}

export function summaryCsv(context: ExportContext, summary: DailySummary, reconciliation?: Reconciliation): ExportFile {
  const rows = summaryRows(summary, reconciliation).map((row) => kindLabel(summaryRowCells(row), context.t));
  const csv = toCsv([summaryHeaders(context.t), ...rows]);
  const name = exportFileName({ unitName: unitName(context.config), from: context.from, to: context.to, kind: 'tong-hop', extension: 'csv' });
  return { name, blob: csvBlob(csv) };
}

export function rejectedCsv(context: Omit<ExportContext, 'from' | 'to'> & { today: string }, rejected: readonly StoredResponse[]): ExportFile {
  const { t, config } = context;
  const header = ['id', 'sequence', 'localTime', 'code', 'message'].map((key) => t(`staff.sync.rejectedColumns.${key}`));
  const rows = [...rejected]
    .sort((a, b) => a.deviceSequence - b.deviceSequence)
    .map((response): CellValue[] => [
      response.id,
      response.deviceSequence,
      localDateTimeWithOffset(response.submittedAt, config.unit.timeZone),
      response.rejection?.code ?? 'unknown',
      response.rejection?.message ?? '',
    ]);
  const name = exportFileName({ unitName: unitName(config), from: context.today, to: context.today, kind: 'bi-tu-choi', extension: 'csv' });
  return { name, blob: csvBlob(toCsv([header, ...rows])) };
}

/** Two sheets, summary then responses; numbers stay numbers, headers in Vietnamese. Loads exceljs only now. */
export async function workbook(
  context: ExportContext,
  summary: DailySummary,
  responses: readonly StoredResponse[],
  reconciliation?: Reconciliation,
): Promise<ExportFile> {
  const module = await import('exceljs');
  const ExcelJS = ((module as unknown as { default?: typeof module }).default ?? module) as typeof module;
  const book = new ExcelJS.Workbook();
  book.creator = 'SIPAS Collect';
  const summarySheet = book.addWorksheet(context.t('staff.export.sheetSummary'));
  summarySheet.addRow(summaryHeaders(context.t));
  for (const row of summaryRows(summary, reconciliation)) {
    summarySheet.addRow([context.t(`staff.export.kinds.${row.kind}`), row.questionnaire, row.id, row.responses, row.index, row.target]);
  }
  summarySheet.getColumn(5).numFmt = '0.00';
  const table = responseTable(responses, context.config.questionnaires, context.config.unit.timeZone);
  const responseSheet = book.addWorksheet(context.t('staff.export.sheetResponses'));
  responseSheet.addRow(responseHeaders(table, context.t));
  // exceljs writes strings as shared strings, never formulas, so "=1+1" from a citizen stays text here.
  for (const row of table.rows) responseSheet.addRow(row);
  for (const sheet of [summarySheet, responseSheet]) sheet.getRow(1).font = { bold: true };
  const buffer = await book.xlsx.writeBuffer();
  const name = exportFileName({ unitName: unitName(context.config), from: context.from, to: context.to, extension: 'xlsx' });
  return { name, blob: new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) };
}

function csvBlob(csv: string): Blob {
  return new Blob([csv], { type: 'text/csv;charset=utf-8' });
}

/** Hands a file to the browser's download; works offline, nothing leaves the tablet. */
export function downloadFile({ name, blob }: ExportFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
