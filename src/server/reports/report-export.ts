import type { ResponseChannel } from '../../domain/response-channel.ts';
import type { ReportReply } from '../../domain/manage-api.ts';
import { OFFICIAL_REPORT_LABELS } from '../../domain/official-report-labels.ts';
import { formatIndexForExport } from '../../domain/format.ts';
import { localDateTime } from '../../domain/local-day.ts';
import { localize } from '../../domain/questionnaire.ts';
import { neutraliseFormula, toCsv, type CellValue } from '../../domain/export/csv.ts';
import { methodText, reportSheets, VERDICT_VI, type ExportSheet, type SheetCell } from './report-export-sheets.ts';

/**
 * The report as a table for CSV and XLSX: one row per element and criterion with indices and counts,
 * Vietnamese headers, dot decimals. Both files are built from this one model, so they cannot disagree.
 */

/** An index with two decimals; a plain number (a count); a text; an empty cell. */
export type ExportCell = { index: number } | number | string | null;

export interface ExportTable {
  /** Label and value lines above the table (unit, period, SIPAS index, …). */
  heading: [string, ExportCell][];
  columns: string[];
  rows: ExportCell[][];
  /** The XLSX's further sheets (ranking, quick index, improvements, comments, trend). */
  sheets: ExportSheet[];
}

/** The stuffing-flag reasons of domain/stuffing-flags.ts, in the words of the dashboard. */
const FLAG_VI: Record<string, string> = {
  burst: 'Nhiều phiếu liên tiếp trong thời gian ngắn',
  'too-fast': 'Hoàn thành quá nhanh',
  'repeated-pattern': 'Lặp lại cùng một kiểu trả lời',
  'clock-skew': 'Đồng hồ thiết bị lệch',
  'clock-uncertain': 'Không xác định được thời điểm đánh giá (đồng hồ thiết bị bị đổi)',
};

/** The official report's words for the channels, so the spreadsheet and the paper name them alike. */
const CHANNEL_VI: Record<ResponseChannel, string> = OFFICIAL_REPORT_LABELS.vi.channels;

/** The lines above the table: what the report covers, how it was computed, its headline figures. */
function headingOf(report: ReportReply, locale: string): [string, ExportCell][] {
  const index = (value: number | null): ExportCell => (value === null ? null : { index: value });
  const heading: [string, ExportCell][] = [
    ['Đơn vị', localize(report.unit.name, locale)],
    ['Mã đơn vị', report.unit.id],
    ['Từ ngày', report.period.from],
    ['Đến ngày', report.period.to],
    ['Bao gồm đơn vị trực thuộc', report.filters.includeSubunits ? 'Có' : 'Không'],
    ['Lĩnh vực', report.filters.serviceFieldId ?? 'Tất cả'],
    ['Thủ tục', report.filters.procedureId ?? 'Tất cả'],
    ['Kênh đánh giá', report.filters.channel ? CHANNEL_VI[report.filters.channel] : 'Tất cả'],
    ['Bộ câu hỏi', `${localize(report.questionnaire.title, locale)} (${report.questionnaire.id} v${report.questionnaire.version})`],
    ['Phương pháp tính', methodText(report.method, locale)],
    ['Câu trả lời bị gắn cờ', report.flaggedExcluded ? 'Đã loại trừ' : 'Đã bao gồm'],
    ['Số phiếu bị gắn cờ', report.flagged.count],
    ...report.flagged.byReason.map(({ flag, count }): [string, ExportCell] => [`Lý do gắn cờ: ${FLAG_VI[flag] ?? flag}`, count]),
    ['Số phiếu hợp lệ', report.responses.complete],
    ['Số phiếu có mã hồ sơ', report.responses.withDossierCode],
    ...report.channels.map(({ channel, complete }): [string, ExportCell] => [`Số phiếu hợp lệ qua kênh: ${CHANNEL_VI[channel]}`, complete]),
    ['Chỉ số hài lòng chung (%)', index(report.overall.index)],
    ['Mục tiêu (%)', report.overall.target],
    ['Chênh lệch so với mục tiêu (điểm)', index(report.overall.gap)],
    ['Kết luận', VERDICT_VI[report.overall.verdict] ?? report.overall.verdict],
    ['Khoảng tin cậy 95% - thấp (%)', index(report.overall.interval?.low ?? null)],
    ['Khoảng tin cậy 95% - cao (%)', index(report.overall.interval?.high ?? null)],
    ['Chỉ số kỳ trước (%)', index(report.headline.previous.index)],
    ['Chỉ số đánh giá nhanh (%)', index(report.quick?.index ?? null)],
  ];
  if (report.criteriaWithoutAnswers.length > 0) {
    heading.push(['Tiêu chí chưa có câu trả lời (không tính vào trung bình)', report.criteriaWithoutAnswers.join(', ')]);
  }
  return heading;
}

const TABLE_COLUMNS = [
  'Mã',
  'Yếu tố / Tiêu chí',
  'Số câu trả lời (n)',
  'Số hài lòng',
  'Chỉ số (%)',
  'Khoảng tin cậy 95% - thấp (%)',
  'Khoảng tin cậy 95% - cao (%)',
  'Mục tiêu (%)',
  'Chênh lệch (điểm)',
  'Cần thêm số câu hài lòng',
  'Đánh giá',
  'Mức 1 - Rất không hài lòng',
  'Mức 2 - Không hài lòng',
  'Mức 3 - Bình thường',
  'Mức 4 - Hài lòng',
  'Mức 5 - Rất hài lòng',
];

export function reportTable(report: ReportReply, locale: string): ExportTable {
  const index = (value: number | null): ExportCell => (value === null ? null : { index: value });
  const rows: ExportCell[][] = [];
  for (const element of report.elements) {
    rows.push([
      element.id,
      localize(element.title, locale),
      null,
      null,
      index(element.index),
      null,
      null,
      report.overall.target,
      index(element.gap),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    for (const criterion of element.criteria) {
      rows.push([
        criterion.id,
        localize(criterion.text, locale),
        criterion.n,
        criterion.satisfied,
        index(criterion.index),
        index(criterion.interval?.low ?? null),
        index(criterion.interval?.high ?? null),
        criterion.target,
        index(criterion.gap),
        criterion.additionalNeeded,
        VERDICT_VI[criterion.standing] ?? criterion.standing,
        ...[0, 1, 2, 3, 4].map((level) => criterion.levelCounts[level] ?? null),
      ]);
    }
  }
  return { heading: headingOf(report, locale), columns: [...TABLE_COLUMNS], rows, sheets: reportSheets(report, locale) };
}

/** An index as the rounded figure with a dot, as every export writes it; other cells as they are. */
function csvValue(cell: ExportCell): CellValue {
  return cell !== null && typeof cell === 'object' ? formatIndexForExport(cell.index) : cell;
}

/** The domain's CSV (BOM, quoting, formula neutralisation): the heading lines, a blank line, the table. */
export function reportCsv(table: ExportTable): string {
  return toCsv([
    ...table.heading.map(([label, value]) => [label, csvValue(value)]),
    [],
    table.columns,
    ...table.rows.map((row) => row.map(csvValue)),
  ]);
}

/** An XLSX workbook of the same table and the further sheets; exceljs is loaded only when someone exports. */
export async function reportXlsx(table: ExportTable, timeZone: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Chỉ số');
  let rowNumber = 1;
  for (const [label, value] of table.heading) putRow(sheet.getRow(rowNumber++), [label, value], timeZone);
  rowNumber++;
  putRow(sheet.getRow(rowNumber), table.columns, timeZone);
  sheet.getRow(rowNumber).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: rowNumber, xSplit: 2 }];
  rowNumber++;
  for (const row of table.rows) putRow(sheet.getRow(rowNumber++), row, timeZone);
  sheet.columns.forEach((column, position) => (column.width = position === 1 ? 60 : position === 0 ? 34 : 14));
  for (const extra of table.sheets) {
    const added = workbook.addWorksheet(extra.name);
    putRow(added.getRow(1), extra.columns, timeZone);
    added.getRow(1).font = { bold: true };
    added.views = [{ state: 'frozen', ySplit: 1 }];
    extra.rows.forEach((row, position) => putRow(added.getRow(position + 2), row, timeZone));
    extra.widths.forEach((width, position) => (added.getColumn(position + 1).width = width));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type XlsxRow = { getCell: (column: number) => { value: unknown; numFmt: string } };

function putRow(row: XlsxRow, values: readonly (ExportCell | SheetCell)[], timeZone: string): void {
  values.forEach((cell, position) => {
    const target = row.getCell(position + 1);
    if (cell === null) return;
    if (typeof cell !== 'object') {
      target.value = typeof cell === 'string' ? neutraliseFormula(cell) : cell;
    } else if ('index' in cell) {
      // The rounded figure, as shown and as in the CSV, stored as a number with two decimals.
      target.value = Number(formatIndexForExport(cell.index));
      target.numFmt = '0.00';
    } else if ('day' in cell) {
      target.value = new Date(`${cell.day}T00:00:00Z`);
      target.numFmt = 'dd/mm/yyyy';
    } else {
      // Excel has no zones: the instant is written as the wall-clock time of the unit's zone.
      target.value = new Date(Date.parse(`${localDateTime(cell.instant, timeZone)}Z`));
      target.numFmt = 'dd/mm/yyyy hh:mm';
    }
  });
}
