import { addDays, periodContaining, shiftPeriod, type Period } from './calendar.ts';
import { DELIVERY_TIME_ZONE, instantOfLocalTime, localClockOf, type DigestFrequency } from './alert-delivery.ts';
import { formatIndex } from './format.ts';
import { localize, type LocalizedText } from './localize.ts';
import { foldVietnamese } from './text-fold.ts';

/**
 * Digests: when one is due (daily at a local time, weekly on Monday, monthly on the 1st, in
 * Asia/Ho_Chi_Minh), which period it covers (the day, week or month just ended) and what it says.
 */

/** A run missed for longer than this (the server was down) is skipped rather than sent late. */
export const DIGEST_GRACE_MS = 6 * 3_600_000;

export interface DigestRun {
  /** The local day of the run: with the account and the frequency, the digest's identity. */
  runDay: string;
  runAt: Date;
  period: Period;
}

/** The latest scheduled run at or before `now`, if it is recent enough to send; null for 'none'. */
export function dueDigestRun(now: Date, frequency: DigestFrequency, at: string, timeZone = DELIVERY_TIME_ZONE): DigestRun | null {
  if (frequency === 'none') return null;
  const today = localClockOf(now, timeZone).day;
  const runDayOf = (day: string) =>
    frequency === 'daily' ? day : frequency === 'weekly' ? periodContaining('week', day).from : periodContaining('month', day).from;
  let runDay = runDayOf(today);
  if (instantOfLocalTime(runDay, at, timeZone) > now) runDay = runDayOf(addDays(runDay, -1));
  const runAt = instantOfLocalTime(runDay, at, timeZone);
  if (now.getTime() - runAt.getTime() > DIGEST_GRACE_MS) return null;
  const kind = frequency === 'daily' ? 'day' : frequency === 'weekly' ? 'week' : 'month';
  return { runDay, runAt, period: shiftPeriod(periodContaining(kind, runDay), -1) };
}

export interface DigestUnitFigures {
  unitName: string;
  index: number | null;
  previousIndex: number | null;
  n: number;
  target: number;
}

export interface DigestContent {
  frequency: Exclude<DigestFrequency, 'none'>;
  period: Period;
  recipientName: string;
  units: DigestUnitFigures[];
  openAlerts: string[];
  reportUrl: string | null;
}

/** A file attached to a digest e-mail (the monthly official report), kept in the outbox row as base64. */
export interface DigestAttachment {
  fileName: string;
  contentType: 'application/pdf';
  contentBase64: string;
  reportNumber: number;
}

/**
 * The attached report's file name: "bao-cao-sipas-<unit>-<yyyy-mm>.pdf", the unit's Vietnamese name
 * without marks ("Xã An Bình" → "xa-an-binh") so every mail client shows it; the unit id when the name
 * leaves nothing (another script).
 */
export function digestReportFileName(unitName: LocalizedText, unitId: string, period: Period): string {
  const slug = (text: string) =>
    foldVietnamese(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  const unit = slug(localize(unitName, 'vi')) || slug(unitId) || 'don-vi';
  const span = period.kind === 'month' ? period.from.slice(0, 7) : `${period.from}-${period.to}`;
  return `bao-cao-sipas-${unit}-${span}.pdf`;
}

const FREQUENCY_NAMES = { daily: 'hằng ngày', weekly: 'hằng tuần', monthly: 'hằng tháng' } as const;

function shownDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

function change(index: number | null, previous: number | null): string {
  if (index === null || previous === null) return 'chưa so sánh được với kỳ trước';
  const points = Math.round((index - previous) * 100) / 100;
  const text = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(points));
  return points === 0
    ? 'không đổi so với kỳ trước'
    : `${points > 0 ? 'tăng' : 'giảm'} ${text} điểm so với kỳ trước (${formatIndex(previous, 'vi-VN')})`;
}

/** The digest as an e-mail in Vietnamese: the headline figures of the account's scope, their change, open alerts. */
export function digestEmail(
  content: DigestContent,
  attachments: readonly Pick<DigestAttachment, 'fileName' | 'reportNumber'>[] = [],
): { subject: string; text: string } {
  const range =
    content.period.from === content.period.to ? shownDay(content.period.from) : `${shownDay(content.period.from)} – ${shownDay(content.period.to)}`;
  const lines = [`Kính gửi ${content.recipientName},`, '', `Bản tin SIPAS ${FREQUENCY_NAMES[content.frequency]}, kỳ ${range}:`, ''];
  for (const unit of content.units) {
    lines.push(
      `• ${unit.unitName}: chỉ số hài lòng ${formatIndex(unit.index, 'vi-VN')} (mục tiêu ${formatIndex(unit.target, 'vi-VN')}, ${new Intl.NumberFormat('vi-VN').format(unit.n)} phiếu), ${change(unit.index, unit.previousIndex)}.`,
    );
  }
  lines.push('', content.openAlerts.length === 0 ? 'Không có cảnh báo nào đang mở.' : `Cảnh báo đang mở (${content.openAlerts.length}):`);
  for (const alert of content.openAlerts) lines.push(`• ${alert}`);
  if (attachments.length > 0) lines.push('', 'Đính kèm báo cáo chính thức của kỳ:');
  for (const attachment of attachments) lines.push(`• Số ${attachment.reportNumber}/BC-SIPAS: ${attachment.fileName}`);
  if (content.reportUrl) lines.push('', `Xem báo cáo: ${content.reportUrl}`);
  lines.push('', 'Thư được gửi tự động từ SIPAS Collect. Thay đổi tần suất bản tin tại trang Cảnh báo.');
  const first = content.units[0]?.unitName ?? '';
  return {
    subject: `[SIPAS] Bản tin ${FREQUENCY_NAMES[content.frequency]} ${range}${first ? ` — ${first}` : ''}`.normalize('NFC'),
    text: lines.join('\n').normalize('NFC'),
  };
}
