import type { TFunction } from 'i18next';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { DailySummary } from '../../domain/daily-summary.ts';
import { localize } from '../../domain/localize.ts';
import { isLocalDateTime, toCsv, type CellValue, type CsvDialect } from '../../domain/export/csv.ts';
import { exportFileName } from '../../domain/export/file-names.ts';
import { localDateTimeWithOffset } from '../../domain/local-day.ts';
import { responseTable, type ResponseTable } from '../../domain/export/response-rows.ts';
import { SUMMARY_COLUMNS, summaryRowCells, summaryRows, type SummaryNames } from '../../domain/export/summary-rows.ts';
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

function localeOf(t: TFunction): string {
  return t('staff.export.locale');
}

function tableOf(context: ExportContext, responses: readonly StoredResponse[]): ResponseTable {
  const { config, t } = context;
  return responseTable(responses, config.questionnaires, config.unit.timeZone, {
    locale: localeOf(t),
    counters: config.counters,
    serviceFields: config.serviceFields,
    procedures: config.procedures,
    yes: t('staff.export.yes'),
    no: t('staff.export.no'),
  });
}

function summaryNames(context: ExportContext): SummaryNames {
  const { config, t } = context;
  return {
    locale: localeOf(t),
    questionnaires: config.questionnaires,
    counters: config.counters,
    serviceFields: config.serviceFields,
    unspecified: t('staff.results.unspecified'),
  };
}

function responseHeaders(table: ResponseTable, t: TFunction): string[] {
  return table.columns.map((column) => column.label ?? t(`staff.export.columns.${column.key}`));
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

/** The `excel-vi` file's name says what it is for, so the two variants never overwrite each other. */
function dialectKind(dialect: CsvDialect): string[] {
  return dialect === 'excel-vi' ? ['excel-vi'] : [];
}

export function responsesCsv(context: ExportContext, responses: readonly StoredResponse[], dialect: CsvDialect = 'standard'): ExportFile {
  const table = tableOf(context, responses);
  const csv = toCsv([responseHeaders(table, context.t), ...table.rows], dialect);
  const kind = dialectKind(dialect).join('_') || undefined;
  return {
    name: exportFileName({ unitName: unitName(context.config), from: context.from, to: context.to, kind, extension: 'csv' }),
    blob: csvBlob(csv),
  };
}

export function summaryCsv(
  context: ExportContext,
  summary: DailySummary,
  reconciliation?: Reconciliation,
  dialect: CsvDialect = 'standard',
): ExportFile {
  const rows = summaryRows(summary, summaryNames(context), reconciliation).map((row) => kindLabel(summaryRowCells(row, dialect), context.t));
  const csv = toCsv([summaryHeaders(context.t), ...rows], dialect);
  const kind = ['tong-hop', ...dialectKind(dialect)].join('_');
  const name = exportFileName({ unitName: unitName(context.config), from: context.from, to: context.to, kind, extension: 'csv' });
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

/**
 * Two sheets, summary then responses: numbers stay numbers, times are real dates (the unit's wall clock,
 * shown as 04/12/2026 14:05:30), headers frozen and bold, columns wide enough to read. Loads exceljs only now.
 */
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
  const summarySheet = book.addWorksheet(context.t('staff.export.sheetSummary'), { views: [{ state: 'frozen', ySplit: 1 }] });
  summarySheet.addRow(summaryHeaders(context.t));
  for (const row of summaryRows(summary, summaryNames(context), reconciliation)) {
    summarySheet.addRow([context.t(`staff.export.kinds.${row.kind}`), row.questionnaire, row.name, row.responses, row.index, row.target]);
  }
  summarySheet.getColumn(5).numFmt = '0.00';
  [22, 40, 40, 10, 12, 12].forEach((width, index) => (summarySheet.getColumn(index + 1).width = width));
  const table = tableOf(context, responses);
  const responseSheet = book.addWorksheet(context.t('staff.export.sheetResponses'), { views: [{ state: 'frozen', ySplit: 1 }] });
  responseSheet.addRow(responseHeaders(table, context.t));
  // exceljs writes strings as shared strings, never formulas, so "=1+1" from a citizen stays text here.
  for (const row of table.rows) responseSheet.addRow(row.map(xlsxValue));
  table.columns.forEach((column, index) => {
    const sheetColumn = responseSheet.getColumn(index + 1);
    sheetColumn.width = column.kind === 'criterion' ? 14 : column.key === 'comment' || column.key === 'id' ? 40 : 20;
    if (column.key === 'localTime') sheetColumn.numFmt = 'dd/mm/yyyy hh:mm:ss';
  });
  responseSheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const sheet of [summarySheet, responseSheet]) sheet.getRow(1).font = { bold: true };
  const buffer = await book.xlsx.writeBuffer();
  const name = exportFileName({ unitName: unitName(context.config), from: context.from, to: context.to, extension: 'xlsx' });
  return { name, blob: new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) };
}

/**
 * A wall-clock time as the Date whose UTC reading is that wall clock: exceljs stores a Date by its UTC
 * value, so Excel shows 14:05:30 for an answer given at 14:05:30 in the unit, whatever the tablet's zone.
 */
function xlsxValue(cell: CellValue): string | number | boolean | Date | null {
  return isLocalDateTime(cell) ? new Date(`${cell.localDateTime}Z`) : cell;
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
