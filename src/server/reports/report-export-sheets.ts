import type { ReportReply } from '../../domain/manage-api.ts';
import { localize } from '../../domain/questionnaire.ts';
import { OFFICIAL_REPORT_LABELS } from '../../domain/official-report-labels.ts';
import { rankChange } from '../../domain/report-headline.ts';

/**
 * The report's other tables as XLSX sheets, in the dashboard's words: the ranking, the quick index, the
 * improvement asks, the comments and the trend. Indices are numbers, days and times real dates.
 */

/** An index (two decimals); a local day 'YYYY-MM-DD' or an instant, written as an Excel date; a count; a text. */
export type SheetCell = { index: number } | { day: string } | { instant: string } | number | string | null;

export interface ExportSheet {
  name: string;
  columns: string[];
  /** Column widths in characters, one per column. */
  widths: number[];
  rows: SheetCell[][];
}

/** The verdict words of the screen (manage i18n "headline.verdict"), so a sheet never says otherwise. */
export const VERDICT_VI: Record<string, string> = {
  meets: 'Đạt',
  below: 'Chưa đạt',
  'not-conclusive': 'Chưa đủ kết luận',
  'no-data': 'Chưa có dữ liệu',
};

const REASON_VI: Record<string, string> = {
  'below-minimum-sample': 'Chưa đủ mẫu',
  'quick-only': 'Chỉ có đánh giá nhanh',
  'no-data': 'Chưa có dữ liệu',
};

const BLOCK_VI: Record<string, string> = { agency: 'Khối sở, ngành', commune: 'Khối xã, phường' };

const THEME_VI = OFFICIAL_REPORT_LABELS.vi.themes;

/** A method as a report states it: its name, then its id and version, as the questionnaire is stated. */
export function methodText(method: ReportReply['method'], locale: string): string {
  return `${localize(method.name, locale)} (${method.id} v${method.version})`;
}

const index = (value: number | null): SheetCell => (value === null ? null : { index: value });

export function reportSheets(report: ReportReply, locale: string): ExportSheet[] {
  return [
    rankingSheet(report, locale),
    quickSheet(report, locale),
    improvementsSheet(report, locale),
    commentsSheet(report, locale),
    trendSheet(report),
  ];
}

function rankingSheet(report: ReportReply, locale: string): ExportSheet {
  return {
    name: 'Xếp hạng',
    columns: [
      'Hạng',
      'Đơn vị',
      'Chỉ số (%)',
      'Cỡ mẫu (n)',
      'Hạng kỳ trước',
      'Thay đổi (bậc)',
      'Chỉ số đánh giá nhanh (%)',
      'Số lượt đánh giá nhanh',
      'Khối',
      'Hạng trong khối',
      'Ghi chú',
    ],
    widths: [8, 40, 12, 12, 14, 14, 16, 14, 18, 14, 24],
    rows: report.ranking.rows.map((row) => [
      row.rank,
      localize(row.name, locale),
      index(row.index),
      row.n,
      row.previousRank,
      rankChange(row.rank, row.previousRank),
      index(row.quickIndex),
      row.quickN,
      row.block === null ? null : BLOCK_VI[row.block]!,
      row.blockRank,
      row.reason === null ? null : REASON_VI[row.reason]!,
    ]),
  };
}

function quickSheet(report: ReportReply, locale: string): ExportSheet {
  const quick = report.quick;
  return {
    name: 'Đánh giá nhanh',
    columns: [
      'Bộ câu hỏi',
      'Chỉ số (%)',
      'Khoảng tin cậy 95% - thấp (%)',
      'Khoảng tin cậy 95% - cao (%)',
      'Số lượt (n)',
      'Số hài lòng',
      'Đánh giá',
      'Mức 1',
      'Mức 2',
      'Mức 3',
      'Phương pháp tính',
    ],
    widths: [36, 12, 16, 16, 12, 12, 18, 10, 10, 10, 40],
    rows: quick
      ? [
          [
            localize(quick.title, locale),
            index(quick.index),
            index(quick.interval?.low ?? null),
            index(quick.interval?.high ?? null),
            quick.n,
            quick.satisfied,
            VERDICT_VI[quick.verdict]!,
            ...quick.levelCounts,
            methodText(quick.method, locale),
          ],
        ]
      : [],
  };
}

function improvementsSheet(report: ReportReply, locale: string): ExportSheet {
  return {
    name: 'Mong muốn cải thiện',
    columns: ['Nội dung', 'Số lượt chọn'],
    widths: [60, 14],
    rows: report.improvements.map((item) => [localize(item.text, locale), item.count]),
  };
}

function commentsSheet(report: ReportReply, locale: string): ExportSheet {
  return {
    name: 'Góp ý',
    columns: ['Thời điểm', 'Ngày', 'Đơn vị', 'Lĩnh vực', 'Quầy', 'Người chưa hài lòng', 'Góp ý', 'Chủ đề'],
    widths: [18, 12, 30, 24, 16, 12, 80, 30],
    rows: report.comments.map((comment) => [
      { instant: comment.submittedAt },
      { day: comment.localDay },
      localize(comment.unitName, locale),
      comment.serviceFieldName ? localize(comment.serviceFieldName, locale) : null,
      comment.counterId,
      comment.dissatisfied ? 'Có' : 'Không',
      comment.text,
      comment.themes.map((theme) => THEME_VI[theme]).join(', '),
    ]),
  };
}

/** The trend with, after the index, how many comments of each theme of the period every point holds. */
function trendSheet(report: ReportReply): ExportSheet {
  const first = { day: 'Ngày', week: 'Từ ngày', month: 'Tháng' }[report.trend.granularity];
  const themes = report.commentThemes.map((entry) => entry.theme);
  return {
    name: 'Diễn biến',
    columns: [first, 'Đến ngày', 'Chỉ số (%)', 'Số phiếu', 'Mục tiêu (%)', ...themes.map((theme) => `Góp ý: ${THEME_VI[theme]}`)],
    widths: [14, 14, 12, 12, 12, ...themes.map(() => 16)],
    rows: report.trend.points.map((point) => [
      { day: point.from },
      { day: point.to },
      index(point.index),
      point.responses,
      report.trend.target,
      ...themes.map((theme) => point.themes.find((entry) => entry.theme === theme)?.count ?? 0),
    ]),
  };
}
