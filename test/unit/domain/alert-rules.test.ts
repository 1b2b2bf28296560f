import { describe, expect, it } from 'vitest';
import { afterQuietHours, alertEmail, deliveryPreferencesSchema, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../../src/domain/alert-delivery.ts';
import { alertSummary } from '../../../src/domain/alert-messages.ts';
import {
  alertRuleParamsSchema,
  alertTransition,
  DEFAULT_ALERT_RULES,
  isDissatisfied,
  judgeBursts,
  judgeDeviceSilence,
  judgeIndex,
  judgeLedgerGap,
  judgeStuffingFlags,
  ratingOfAnswers,
} from '../../../src/domain/alert-rules.ts';
import { reportPathOfAlert } from '../../../src/domain/alerts-api.ts';
import { methodFor } from '../../../src/domain/methods/index.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../../src/domain/questionnaires/index.ts';

const NOW = new Date('2026-12-04T03:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const BURST = { windowMinutes: 15, minimumAnswers: 4, dissatisfiedPercent: 50 };

describe('alert rules', () => {
  it('ship valid defaults, and refuse thresholds out of range', () => {
    for (const rule of DEFAULT_ALERT_RULES) expect(alertRuleParamsSchema.safeParse(rule).success).toBe(true);
    expect(
      alertRuleParamsSchema.safeParse({ kind: 'index-below-target', params: { windowDays: 0, minimumN: 30, targetPercent: null } }).success,
    ).toBe(false);
    expect(alertRuleParamsSchema.safeParse({ kind: 'dissatisfaction-burst', params: { ...BURST, dissatisfiedPercent: 120 } }).success).toBe(false);
    expect(alertRuleParamsSchema.safeParse({ kind: 'device-silent', params: { days: 2, extra: 1 } }).success).toBe(false);
  });

  it('judge the index against the rule target or the unit target, only with enough responses', () => {
    const params = { windowDays: 30, minimumN: 30, targetPercent: null };
    expect(judgeIndex({ index: 80, n: 29, target: 85 }, params).firing).toBe(false);
    expect(judgeIndex({ index: 80, n: 30, target: 85 }, params)).toEqual({ firing: true, detail: { index: 80, target: 85, n: 30, windowDays: 30 } });
    expect(judgeIndex({ index: 85, n: 30, target: 85 }, params).firing).toBe(false);
    expect(judgeIndex({ index: 80, n: 30, target: 85 }, { ...params, targetPercent: 75 }).firing).toBe(false);
    expect(judgeIndex({ index: null, n: 0, target: 85 }, params).firing).toBe(false);
  });

  it('find a burst per counter: at least 4 answers within 15 minutes, half of them dissatisfied', () => {
    const answer = (counterId: string, minutes: number, satisfied: number) => ({ counterId, at: minutesAgo(minutes), rated: 2, satisfied });
    const findings = judgeBursts(
      [
        answer('q1', 1, 0),
        answer('q1', 5, 0),
        answer('q1', 10, 2),
        answer('q1', 14, 2),
        answer('q1', 30, 0),
        answer('q2', 1, 0),
        answer('q2', 2, 0),
        answer('q2', 3, 0),
      ],
      NOW,
      BURST,
    );
    expect(findings.get('q1')).toEqual({ firing: true, detail: { answers: 4, dissatisfied: 2, percent: 50, windowMinutes: 15 } });
    expect(findings.get('q2')!.firing).toBe(false);
    expect(isDissatisfied({ rated: 3, satisfied: 1 })).toBe(true);
    expect(isDissatisfied({ rated: 2, satisfied: 1 })).toBe(false);
    expect(isDissatisfied({ rated: 0, satisfied: 0 })).toBe(false);
  });

  it('rate a response by its scale: "no opinion" and text leave the count', () => {
    const quick = BUNDLED_QUESTIONNAIRES.find((q) => q.mode === 'quick')!;
    const criterion = quick.elements[0]!.criteria[0]!.id;
    const method = methodFor(quick);
    const satisfiedLevel = method.satisfiedLevels[quick.elements[0]!.scale]![0]!;
    expect(ratingOfAnswers(quick, method, { [criterion]: 1 })).toEqual({ rated: 1, satisfied: 0 });
    expect(ratingOfAnswers(quick, method, { [criterion]: satisfiedLevel })).toEqual({ rated: 1, satisfied: 1 });
    expect(ratingOfAnswers(quick, method, { [criterion]: 0, comment: 'x' })).toEqual({ rated: 0, satisfied: 0 });
  });

  it('time the silence of a tablet and the age of a ledger gap, and count stuffing flags', () => {
    expect(judgeDeviceSilence({ lastSeenAt: minutesAgo(3 * 1440 - 1), enrolledAt: minutesAgo(9999) }, NOW, { days: 3 }).firing).toBe(false);
    expect(judgeDeviceSilence({ lastSeenAt: null, enrolledAt: minutesAgo(3 * 1440) }, NOW, { days: 3 })).toEqual({
      firing: true,
      detail: { lastSeenAt: null, silentDays: 3 },
    });
    expect(judgeLedgerGap({ missing: 2, openSince: minutesAgo(23 * 60) }, NOW, { hours: 24 }).firing).toBe(false);
    expect(judgeLedgerGap({ missing: 2, openSince: minutesAgo(24 * 60) }, NOW, { hours: 24 }).firing).toBe(true);
    expect(judgeLedgerGap({ missing: 0, openSince: minutesAgo(48 * 60) }, NOW, { hours: 24 }).firing).toBe(false);
    expect(judgeStuffingFlags(10, { windowDays: 1, maxFlags: 10 }).firing).toBe(false);
    expect(judgeStuffingFlags(11, { windowDays: 1, maxFlags: 10 }).firing).toBe(true);
  });

  it('open once, keep while firing, clear when quiet', () => {
    const firing = { firing: true as const, detail: {} };
    expect(alertTransition(false, firing)).toBe('open');
    expect(alertTransition(true, firing)).toBe('keep');
    expect(alertTransition(true, { firing: false })).toBe('clear');
    expect(alertTransition(false, { firing: false })).toBe('none');
  });

  it('say what happened in Vietnamese with its figures, and link the report of the case', () => {
    const text = alertSummary({ kind: 'index-below-target', detail: { index: 63.666, target: 85, n: 1234, windowDays: 30 }, subjectName: '' }, 'vi');
    expect(text).toBe('Chỉ số hài lòng 63,67% thấp hơn mục tiêu 85,00% (1.234 phiếu trong 30 ngày).');
    expect(text).toBe(text.normalize('NFC'));
    expect(reportPathOfAlert({ unitId: 'xa-a', openedAt: '2026-12-03T18:00:00.000Z', detail: {} }, 'Asia/Ho_Chi_Minh')).toBe(
      '/manage?unit=xa-a&period=custom&from=2026-12-04&to=2026-12-04',
    );
    expect(
      reportPathOfAlert({ unitId: 'xa-a', openedAt: NOW.toISOString(), detail: { from: '2026-11-05', to: '2026-12-04' } }, 'Asia/Ho_Chi_Minh'),
    ).toContain('from=2026-11-05&to=2026-12-04');
  });
});

describe('alert delivery timing and words', () => {
  const quiet = { from: '21:00', to: '07:00' };
  it('holds a message made within quiet hours (Asia/Ho_Chi_Minh) until they end, across midnight', () => {
    // 22:30 in Việt Nam: held until 07:00 the next morning.
    expect(afterQuietHours(new Date('2026-12-04T15:30:00.000Z'), quiet).toISOString()).toBe('2026-12-05T00:00:00.000Z');
    // 05:00 in Việt Nam: held until 07:00 the same morning.
    expect(afterQuietHours(new Date('2026-12-03T22:00:00.000Z'), quiet).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    const noon = new Date('2026-12-04T05:00:00.000Z');
    expect(afterQuietHours(noon, quiet)).toBe(noon);
    expect(afterQuietHours(noon, { from: '11:30', to: '13:30' }).toISOString()).toBe('2026-12-04T06:30:00.000Z');
    expect(afterQuietHours(noon, null)).toBe(noon);
  });

  it('backs off exponentially and gives up after the last attempt', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(6);
  });

  it('writes the e-mail in Vietnamese with the report link, and checks the preferences', () => {
    const mail = alertEmail({
      kind: 'device-silent',
      detail: { silentDays: 4, lastSeenAt: null },
      unitName: 'Xã Hòa Bình',
      subjectName: 'Máy quầy 2',
      openedAt: '2026-12-04T02:05:00.000Z',
      reportUrl: 'https://sipas.example/manage?unit=x',
      recipientName: 'Nguyễn Văn A',
    });
    expect(mail.subject).toBe('[SIPAS] Cảnh báo: Máy tính bảng không liên lạc — Xã Hòa Bình');
    expect(mail.text).toContain('Máy Máy quầy 2 không liên lạc với máy chủ đã 4 ngày.');
    expect(mail.text).toContain('Thời điểm: 09:05 04/12/2026 (giờ Việt Nam)');
    expect(mail.text).toContain('Xem báo cáo: https://sipas.example/manage?unit=x');
    const valid = { email: 'a@example.test', channels: ['email'], ruleKinds: null, quietHours: quiet, digest: { frequency: 'weekly', at: '07:30' } };
    expect(deliveryPreferencesSchema.safeParse(valid).success).toBe(true);
    expect(deliveryPreferencesSchema.safeParse({ ...valid, email: null }).success).toBe(false);
    expect(deliveryPreferencesSchema.safeParse({ ...valid, quietHours: { from: '25:00', to: '07:00' } }).success).toBe(false);
  });
});
