import type { AlertRuleKind } from './alert-rules.ts';
import { formatIndex } from './format.ts';

/**
 * What an alert says, in Vietnamese and English: the inbox, the e-mail subject and body and the webhook
 * all use these words, so a manager reads the same sentence wherever the alert reaches them.
 */

export type AlertLocale = 'vi' | 'en';

export const ALERT_KIND_NAMES: Record<AlertRuleKind, Record<AlertLocale, string>> = {
  'index-below-target': { vi: 'Chỉ số dưới mục tiêu', en: 'Index below target' },
  'dissatisfaction-burst': { vi: 'Nhiều lượt không hài lòng liên tiếp', en: 'Burst of dissatisfaction' },
  'device-silent': { vi: 'Máy tính bảng không liên lạc', en: 'Tablet not seen' },
  'ledger-gap': { vi: 'Thiếu phiếu trong sổ đánh số', en: 'Ledger gap' },
  'stuffing-flags': { vi: 'Nhiều phiếu bị gắn cờ', en: 'Stuffing flags' },
};

type Detail = Readonly<Record<string, number | string | null>>;

function count(value: unknown, locale: AlertLocale): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 0 }).format(value) : '?';
}

function percent(value: unknown, locale: AlertLocale): string {
  return typeof value === 'number' ? formatIndex(value, locale === 'vi' ? 'vi-VN' : 'en-US') : '?';
}

/** One sentence with the figures behind the alert; `subject` is the counter's or tablet's name. */
export function alertSummary(alert: { kind: AlertRuleKind; detail: Detail; subjectName: string }, locale: AlertLocale): string {
  const d = alert.detail;
  const vi = locale === 'vi';
  switch (alert.kind) {
    case 'index-below-target':
      return vi
        ? `Chỉ số hài lòng ${percent(d.index, locale)} thấp hơn mục tiêu ${percent(d.target, locale)} (${count(d.n, locale)} phiếu trong ${count(d.windowDays, locale)} ngày).`
        : `Satisfaction index ${percent(d.index, locale)} is below the target of ${percent(d.target, locale)} (${count(d.n, locale)} responses over ${count(d.windowDays, locale)} days).`;
    case 'dissatisfaction-burst':
      return vi
        ? `${count(d.dissatisfied, locale)}/${count(d.answers, locale)} lượt đánh giá không hài lòng trong ${count(d.windowMinutes, locale)} phút tại ${alert.subjectName}.`
        : `${count(d.dissatisfied, locale)} of ${count(d.answers, locale)} answers dissatisfied within ${count(d.windowMinutes, locale)} minutes at ${alert.subjectName}.`;
    case 'device-silent':
      return vi
        ? `Máy ${alert.subjectName} không liên lạc với máy chủ đã ${count(d.silentDays, locale)} ngày.`
        : `Tablet ${alert.subjectName} has not reached the server for ${count(d.silentDays, locale)} days.`;
    case 'ledger-gap':
      return vi
        ? `Máy ${alert.subjectName} còn thiếu ${count(d.missing, locale)} phiếu chưa gửi về, đã ${count(d.openHours, locale)} giờ.`
        : `Tablet ${alert.subjectName} has ${count(d.missing, locale)} numbered responses missing, for ${count(d.openHours, locale)} hours.`;
    case 'stuffing-flags':
      return vi
        ? `${count(d.flags, locale)} dấu hiệu phiếu bất thường trong ${count(d.windowDays, locale)} ngày (ngưỡng ${count(d.maxFlags, locale)}).`
        : `${count(d.flags, locale)} stuffing flags within ${count(d.windowDays, locale)} days (threshold ${count(d.maxFlags, locale)}).`;
  }
}
