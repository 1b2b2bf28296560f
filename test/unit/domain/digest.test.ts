import { describe, expect, it } from 'vitest';
import { digestEmail, dueDigestRun } from '../../../src/domain/digest.ts';

describe('digest schedule', () => {
  it('is due from its local time (Asia/Ho_Chi_Minh) and covers the period just ended', () => {
    // Friday 04/12/2026 07:29 and 07:30 in Việt Nam.
    expect(dueDigestRun(new Date('2026-12-04T00:29:00.000Z'), 'daily', '07:30')).toBeNull();
    expect(dueDigestRun(new Date('2026-12-04T00:30:00.000Z'), 'daily', '07:30')).toEqual({
      runDay: '2026-12-04',
      runAt: new Date('2026-12-04T00:30:00.000Z'),
      period: { kind: 'day', from: '2026-12-03', to: '2026-12-03' },
    });
    // Monday 07/12/2026 08:00: last week, Monday to Sunday.
    expect(dueDigestRun(new Date('2026-12-07T01:00:00.000Z'), 'weekly', '07:30')?.period).toEqual({
      kind: 'week',
      from: '2026-11-30',
      to: '2026-12-06',
    });
    // 01/12/2026 09:00: November.
    expect(dueDigestRun(new Date('2026-12-01T02:00:00.000Z'), 'monthly', '07:30')?.period).toEqual({
      kind: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    // A run missed by more than six hours (the server was down) is not sent late; 'none' never runs.
    expect(dueDigestRun(new Date('2026-12-04T07:00:00.000Z'), 'daily', '07:30')).toBeNull();
    expect(dueDigestRun(new Date('2026-12-04T00:30:00.000Z'), 'none', '07:30')).toBeNull();
  });

  it('writes the headline figures, their change and the open alerts in Vietnamese', () => {
    const mail = digestEmail({
      frequency: 'weekly',
      period: { kind: 'week', from: '2026-11-30', to: '2026-12-06' },
      recipientName: 'Trần Thị B',
      units: [{ unitName: 'Xã Hòa Bình', index: 82.5, previousIndex: 85.25, n: 1234, target: 85 }],
      openAlerts: ['Xã Hòa Bình: Máy M1 không liên lạc với máy chủ đã 4 ngày.'],
      reportUrl: null,
    });
    expect(mail.subject).toBe('[SIPAS] Bản tin hằng tuần 30/11/2026 – 06/12/2026 — Xã Hòa Bình');
    expect(mail.text).toContain('• Xã Hòa Bình: chỉ số hài lòng 82,50% (mục tiêu 85,00%, 1.234 phiếu), giảm 2,75 điểm so với kỳ trước (85,25%).');
    expect(mail.text).toContain('Cảnh báo đang mở (1):');
  });
});
