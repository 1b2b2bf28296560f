import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportScreen } from '../../../src/app/manage/report/ReportScreen.tsx';
import { ReportView } from '../../../src/app/manage/report/ReportView.tsx';
import type { ReportReply } from '../../../src/domain/manage-api.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { reportReply, stubFetch, unitTreeReply } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/manage');
});

const place = {
  unitId: 'xa-a',
  unitName: { vi: 'Xã A' },
  serviceFieldId: null,
  serviceFieldName: null,
  counterId: null,
  dissatisfied: false,
  themesCorrected: false,
};

/** Three listed comments; the theme counts are those of the whole period, far more than the list. */
function withComments(
  themeCounts: ReportReply['commentThemes'] = [
    { theme: 'waiting-time', count: 37 },
    { theme: 'procedure', count: 12 },
    { theme: 'fees', count: 5 },
  ],
): ReportReply {
  return reportReply({
    comments: [
      { responseId: 'r1', submittedAt: '2026-07-20T03:00:00.000Z', localDay: '2026-07-20', text: 'Chờ lâu quá', themes: ['waiting-time'], ...place },
      {
        responseId: 'r2',
        submittedAt: '2026-07-19T03:00:00.000Z',
        localDay: '2026-07-19',
        text: 'Lệ phí cao',
        themes: ['procedure', 'fees'],
        ...place,
      },
      {
        responseId: 'r3',
        submittedAt: '2026-07-18T03:00:00.000Z',
        localDay: '2026-07-18',
        text: 'Cảm ơn',
        themes: [],
        ...place,
        themesCorrected: true,
      },
    ],
    commentThemes: themeCounts,
  });
}

describe('the comments of a report, by theme', () => {
  it('shows the theme counts of the whole period and each comment’s themes, and says which a person corrected', () => {
    const { container } = renderWithManageI18n(<ReportView report={withComments()} />);
    expect([...container.querySelectorAll('.comment-themes__list li')].map((node) => node.textContent)).toEqual([
      'Thời gian chờ: 37',
      'Thủ tục hành chính: 12',
      'Phí, lệ phí: 5',
    ]);
    expect([...container.querySelectorAll('.comments__themes')].map((node) => node.textContent)).toEqual([
      'Chủ đề: Thời gian chờ',
      'Chủ đề: Thủ tục hành chính, Phí, lệ phí',
      'Chưa xếp chủ đề. · đã được cán bộ sửa chủ đề',
    ]);
    // A printed report or a view without actions offers no correction.
    expect(screen.queryByRole('button', { name: 'Sửa chủ đề' })).toBeNull();
  });

  it('shows each theme week by week, as bars and as a table with Vietnamese dates', async () => {
    const user = userEvent.setup();
    const report = withComments([
      { theme: 'waiting-time', count: 9 },
      { theme: 'fees', count: 2 },
    ]);
    const week = (period: string, from: string, to: string, themes: ReportReply['commentThemes']) => ({
      period,
      from,
      to,
      responses: 40,
      index: 88,
      themes,
    });
    report.trend = {
      granularity: 'week',
      target: 85,
      points: [
        week('2026-06-29', '2026-07-01', '2026-07-05', [{ theme: 'waiting-time', count: 1 }]),
        week('2026-07-06', '2026-07-06', '2026-07-12', []),
        week('2026-07-13', '2026-07-13', '2026-07-19', [
          { theme: 'waiting-time', count: 8 },
          { theme: 'fees', count: 2 },
        ]),
      ],
    };
    const { container } = renderWithManageI18n(<ReportView report={report} />);
    expect(
      screen.getByRole('img', { name: 'Thời gian chờ theo tuần: 01/07/2026–05/07/2026: 1; 06/07/2026–12/07/2026: 0; 13/07/2026–19/07/2026: 8' }),
    ).toBeTruthy();
    const bars = [...container.querySelectorAll('.comment-themes__list li:first-child rect')].map((bar) => Number(bar.getAttribute('height')));
    expect(bars[2]).toBe(16);
    expect(bars[1]).toBe(1);
    expect(bars[0]).toBeCloseTo(2, 5);
    await user.click(screen.getByText('Xem số góp ý theo chủ đề từng tuần (bảng)'));
    const table = container.querySelector('.comment-themes__table table')!;
    expect([...table.querySelectorAll('tr')].map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['Tuần', 'Thời gian chờ', 'Phí, lệ phí'],
      ['01/07/2026–05/07/2026', '1', '0'],
      ['06/07/2026–12/07/2026', '0', '0'],
      ['13/07/2026–19/07/2026', '8', '2'],
    ]);
  });

  it('asks the server for the comments of the theme a manager picks, and keeps it in the address', async () => {
    const user = userEvent.setup();
    const tree = unitTreeReply();
    const { fetchStub, requests } = stubFetch((request) =>
      request.url.includes('/api/v1/units') ? { status: 200, body: tree } : { status: 200, body: withComments() },
    );
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const filter = await screen.findByRole('combobox', { name: 'Lọc theo chủ đề' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Tất cả chủ đề', 'Thời gian chờ (37)', 'Thủ tục hành chính (12)', 'Phí, lệ phí (5)']);
    await user.selectOptions(filter, 'fees');
    await vi.waitFor(() => expect(requests.some((request) => request.url.includes('commentTheme=fees'))).toBe(true));
    expect(new URLSearchParams(window.location.search).get('theme')).toBe('fees');
  });

  it('lets a manager correct a comment’s themes, sends them to the server and reads the report again', async () => {
    const user = userEvent.setup();
    const tree = unitTreeReply();
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.url.includes('/api/v1/units')) return { status: 200, body: tree };
      if (request.method === 'PUT') return { status: 200, body: { responseId: 'r2', themes: ['fees'], themesCorrected: true } };
      return { status: 200, body: withComments() };
    });
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const second = (await screen.findByText('Lệ phí cao')).closest('li')!;
    await user.click(within(second).getByRole('button', { name: 'Sửa chủ đề' }));
    const group = within(second).getByRole('group', { name: 'Chọn các chủ đề đúng với góp ý này' });
    expect(within(group).getByRole('checkbox', { name: 'Thủ tục hành chính' })).toHaveProperty('checked', true);
    await user.click(within(group).getByRole('checkbox', { name: 'Thủ tục hành chính' }));
    const summariesBefore = requests.filter((request) => request.url.includes('/reports/summary')).length;
    await user.click(within(second).getByRole('button', { name: 'Lưu chủ đề' }));

    const put = requests.find((request) => request.method === 'PUT')!;
    expect(put.url).toBe('/api/v1/comments/r2/themes');
    expect(put.body).toEqual({ themes: ['fees'] });
    expect(put.headers['x-sipas-csrf']).toBe('1');
    await vi.waitFor(() =>
      expect(second.querySelector('.comments__themes')!.textContent).toMatch(/^Chủ đề: Phí, lệ phí · đã được cán bộ sửa chủ đề/),
    );
    await vi.waitFor(() => expect(requests.filter((request) => request.url.includes('/reports/summary')).length).toBe(summariesBefore + 1));
  });

  it('says why a correction failed, in Vietnamese, and keeps the choice open', async () => {
    const user = userEvent.setup();
    const tree = unitTreeReply();
    const { fetchStub } = stubFetch((request) => {
      if (request.url.includes('/api/v1/units')) return { status: 200, body: tree };
      if (request.method === 'PUT')
        return { status: 404, body: { error: { code: 'not-found', message: 'There is no such comment in your units.', field: 'responseId' } } };
      return { status: 200, body: withComments() };
    });
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const first = (await screen.findByText('Chờ lâu quá')).closest('li')!;
    await user.click(within(first).getByRole('button', { name: 'Sửa chủ đề' }));
    await user.click(within(first).getByRole('button', { name: 'Lưu chủ đề' }));
    const alert = await within(first).findByRole('alert');
    expect(alert.textContent).not.toContain('There is no such comment');
    expect(within(first).getByRole('button', { name: 'Lưu chủ đề' })).toBeTruthy();
  });

  it('offers no correction to staff', async () => {
    const tree = unitTreeReply();
    const { fetchStub } = stubFetch((request) =>
      request.url.includes('/api/v1/units') ? { status: 200, body: tree } : { status: 200, body: withComments() },
    );
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ReportScreen canCorrectThemes={false} />);
    await screen.findByText('Lệ phí cao');
    expect(screen.queryByRole('button', { name: 'Sửa chủ đề' })).toBeNull();
  });
});
