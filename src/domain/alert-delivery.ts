import { z } from 'zod';
import { ALERT_KIND_NAMES, alertSummary } from './alert-messages.ts';
import { ALERT_RULE_KINDS, type AlertRuleKind } from './alert-rules.ts';
import { DEFAULT_TIME_ZONE, localDateTimeWithOffset, localDayBoundsUtc } from './local-day.ts';

/**
 * How alerts and digests reach a person: their preferences (channels, which kinds, quiet hours, digest),
 * when a message may go out, how often a failed one is tried again, and the words it carries.
 */

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DIGEST_FREQUENCIES = ['none', 'daily', 'weekly', 'monthly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');

export const deliveryPreferencesSchema = z
  .object({
    /** Where e-mails go; the account table holds no address. */
    email: z.email().max(254).nullable(),
    channels: z.array(z.enum(DELIVERY_CHANNELS)).max(DELIVERY_CHANNELS.length),
    /** null: every kind of rule. */
    ruleKinds: z.array(z.enum(ALERT_RULE_KINDS)).nullable(),
    /** Local times in Asia/Ho_Chi_Minh; an alert within them waits for their end. from > to spans midnight. */
    quietHours: z.object({ from: localTimeSchema, to: localTimeSchema }).nullable(),
    digest: z.object({ frequency: z.enum(DIGEST_FREQUENCIES), at: localTimeSchema }),
  })
  .strict()
  .refine((preferences) => !preferences.channels.includes('email') || preferences.email !== null, {
    message: 'e-mail needs an address',
    path: ['email'],
  });
export type DeliveryPreferences = z.infer<typeof deliveryPreferencesSchema>;

/** An account that has set nothing is reached by nothing but the inbox. */
export const DEFAULT_DELIVERY_PREFERENCES: DeliveryPreferences = {
  email: null,
  channels: [],
  ruleKinds: null,
  quietHours: null,
  digest: { frequency: 'none', at: '07:30' },
};

export const DELIVERY_TIME_ZONE = DEFAULT_TIME_ZONE;

export function wantsAlert(preferences: DeliveryPreferences, kind: AlertRuleKind): boolean {
  return preferences.ruleKinds === null || preferences.ruleKinds.includes(kind);
}

function minutesOf(localTime: string): number {
  return Number(localTime.slice(0, 2)) * 60 + Number(localTime.slice(3, 5));
}

/** The local wall-clock time of an instant, 'HH:MM', and its local day. */
export function localClockOf(at: Date, timeZone = DELIVERY_TIME_ZONE): { day: string; time: string } {
  const text = localDateTimeWithOffset(at.toISOString(), timeZone);
  return { day: text.slice(0, 10), time: text.slice(11, 16) };
}

/** The instant a local day shows `time` (Việt Nam keeps no daylight saving, so a day is always 24 h). */
export function instantOfLocalTime(day: string, time: string, timeZone = DELIVERY_TIME_ZONE): Date {
  return new Date(Date.parse(localDayBoundsUtc(day, timeZone).startUtcIso) + minutesOf(time) * 60_000);
}

/** When a message made at `now` may be sent: now, or the end of the account's quiet hours. */
export function afterQuietHours(now: Date, quietHours: DeliveryPreferences['quietHours'], timeZone = DELIVERY_TIME_ZONE): Date {
  if (quietHours === null || quietHours.from === quietHours.to) return now;
  const { day, time } = localClockOf(now, timeZone);
  const minute = minutesOf(time);
  const from = minutesOf(quietHours.from);
  const to = minutesOf(quietHours.to);
  const quiet = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!quiet) return now;
  const end = instantOfLocalTime(day, quietHours.to, timeZone);
  return minute < to ? end : new Date(end.getTime() + 86_400_000);
}

export const MAX_DELIVERY_ATTEMPTS = 6;
export const FIRST_RETRY_DELAY_MS = 30_000;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min after the 1st to 5th failure; the 6th is final. */
export function retryDelayMs(failedAttempts: number): number {
  return FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1);
}

export interface AlertMessageInput {
  kind: AlertRuleKind;
  detail: Readonly<Record<string, number | string | null>>;
  unitName: string;
  subjectName: string;
  openedAt: string;
  /** The report of the case, absolute (PUBLIC_URL + path), or null without a public address. */
  reportUrl: string | null;
  recipientName: string;
}

function shownTime(iso: string): string {
  const text = localDateTimeWithOffset(iso, DELIVERY_TIME_ZONE);
  return `${text.slice(11, 16)} ${text.slice(8, 10)}/${text.slice(5, 7)}/${text.slice(0, 4)}`;
}

/** The e-mail of an alert, in Vietnamese (the relay's headers carry the subject RFC 2047-encoded). */
export function alertEmail(input: AlertMessageInput): { subject: string; text: string } {
  const kind = ALERT_KIND_NAMES[input.kind].vi;
  const lines = [
    `Kính gửi ${input.recipientName},`,
    '',
    alertSummary({ kind: input.kind, detail: input.detail, subjectName: input.subjectName }, 'vi'),
    '',
    `Loại cảnh báo: ${kind}`,
    `Đơn vị: ${input.unitName}`,
    `Thời điểm: ${shownTime(input.openedAt)} (giờ Việt Nam)`,
    ...(input.reportUrl ? [`Xem báo cáo: ${input.reportUrl}`] : []),
    '',
    'Thư được gửi tự động từ SIPAS Collect. Thay đổi loại cảnh báo, kênh nhận và giờ yên lặng tại trang Cảnh báo.',
  ];
  return { subject: `[SIPAS] Cảnh báo: ${kind} — ${input.unitName}`.normalize('NFC'), text: lines.join('\n').normalize('NFC') };
}
