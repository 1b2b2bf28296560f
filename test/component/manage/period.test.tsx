import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PeriodPicker } from '../../../src/app/manage/report/PeriodPicker.tsx';
import { customPeriod, periodContaining, shiftPeriod, todayLocal, type Period } from '../../../src/domain/calendar.ts';
import { searchOfSelection, selectionFromSearch } from '../../../src/app/manage/report/report-url.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { unitTreeReply } from './report-factory.ts';

function Harness({ initial, seen }: { initial: Period; seen: Period[] }) {
  const [period, setPeriod] = useState(initial);
  return (
    <PeriodPicker
      period={period}
      onChange={(next) => {
        seen.push(next);
        setPeriod(next);
      }}
    />
  );
}

describe('period presets', () => {
  it('computes each preset as inclusive local days', () => {
    expect(periodContaining('day', '2026-02-14')).toEqual({ kind: 'day', from: '2026-02-14', to: '2026-02-14' });
    // 14 February 2026 is a Saturday; weeks run Monday to Sunday.
    expect(periodContaining('week', '2026-02-14')).toEqual({ kind: 'week', from: '2026-02-09', to: '2026-02-15' });
    expect(periodContaining('month', '2028-02-10')).toEqual({ kind: 'month', from: '2028-02-01', to: '2028-02-29' });
    expect(periodContaining('quarter', '2026-08-31')).toEqual({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(periodContaining('year', '2026-08-31')).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(customPeriod('2026-03-10', '2026-03-01')).toEqual({ kind: 'custom', from: '2026-03-01', to: '2026-03-10' });
  });

  it('steps to the previous and next period of the same kind', () => {
    expect(shiftPeriod(periodContaining('month', '2026-03-15'), -1)).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(shiftPeriod(periodContaining('quarter', '2026-11-01'), 1)).toEqual({ kind: 'quarter', from: '2027-01-01', to: '2027-03-31' });
    expect(shiftPeriod(periodContaining('week', '2026-12-30'), 1)).toEqual({ kind: 'week', from: '2027-01-04', to: '2027-01-10' });
    expect(shiftPeriod(customPeriod('2026-03-01', '2026-03-10'), 1)).toEqual({ kind: 'custom', from: '2026-03-11', to: '2026-03-20' });
  });

  it('counts today in Vietnam, not in the browser zone', () => {
    // 18:30 UTC on 31 December is already 1 January in Hà Nội (UTC+7).
    expect(todayLocal(new Date('2026-12-31T18:30:00Z'))).toBe('2027-01-01');
    expect(todayLocal(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  });

  it('lets a manager switch from a month to its quarter and to a custom range', async () => {
    const user = userEvent.setup();
    const seen: Period[] = [];
    renderWithManageI18n(<Harness initial={periodContaining('month', '2026-05-01')} seen={seen} />);
    expect(screen.getByText('Từ 01/05/2026 đến 31/05/2026 (giờ Việt Nam)')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Loại kỳ'), 'quarter');
    expect(seen.at(-1)).toEqual({ kind: 'quarter', from: '2026-04-01', to: '2026-06-30' });
    await user.selectOptions(screen.getByLabelText('Quý'), '4');
    expect(seen.at(-1)).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    await user.click(screen.getByRole('button', { name: 'Kỳ trước' }));
    expect(seen.at(-1)).toEqual({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    await user.selectOptions(screen.getByLabelText('Loại kỳ'), 'custom');
    expect(seen.at(-1)).toEqual({ kind: 'custom', from: '2026-07-01', to: '2026-09-30' });
    expect(screen.getByLabelText('Từ ngày')).toBeTruthy();
    expect(screen.getByLabelText('Đến ngày')).toBeTruthy();
  });
});

describe('the report address', () => {
  it('keeps the chosen unit, period and filters in the address and reads them back', () => {
    const tree = unitTreeReply();
    const selection = {
      unitId: 'xa-a',
      period: periodContaining('quarter', '2026-05-10'),
      serviceFieldId: 'ho-tich',
      procedureId: '1.001193',
      questionnaire: 'sipas@1',
      includeSubunits: false,
      includeFlagged: false,
      channel: 'dossier-link' as const,
      minimumSample: 50,
      commentTheme: 'waiting-time' as const,
      trendBy: 'day' as const,
    };
    expect(searchOfSelection(selection)).toContain('trend=day');
    expect(searchOfSelection(selection)).toContain('channel=dossier-link');
    expect(selectionFromSearch(searchOfSelection(selection), tree)).toEqual(selection);
  });

  it("falls back to the account's own unit and the last complete month for anything it cannot read", () => {
    const selection = selectionFromSearch(
      '?unit=another-province&period=month&from=2026-13-01&to=x&field=nope&min=-3&theme=nonsense&channel=fax',
      unitTreeReply(),
    );
    expect(selection).toMatchObject({
      unitId: 'tinh',
      serviceFieldId: '',
      includeSubunits: true,
      includeFlagged: true,
      minimumSample: 30,
      trendBy: '',
      commentTheme: '',
      channel: '',
    });
    expect(selectionFromSearch('?trend=hour', unitTreeReply()).trendBy).toBe('');
    expect(selection.period).toEqual(shiftPeriod(periodContaining('month', todayLocal()), -1));
  });
});
