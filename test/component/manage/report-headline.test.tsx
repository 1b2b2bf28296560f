import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HeadlineAnswer } from '../../../src/app/manage/report/HeadlineAnswer.tsx';
import { ReportScreen } from '../../../src/app/manage/report/ReportScreen.tsx';
import { ReportView } from '../../../src/app/manage/report/ReportView.tsx';
import type { ReportReply } from '../../../src/domain/manage-api.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { criterionReport, reportReply, stubFetch, unitTreeReply } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const place = { unitId: 'xa-a', unitName: { vi: 'Xã A' }, serviceFieldId: 'ho-tich', serviceFieldName: { vi: 'Hộ tịch' }, counterId: null };

function withComplaints(): ReportReply {
  const report = reportReply();
  const complaint = {
    responseId: 'r-complaint',
    themesCorrected: false,
    submittedAt: '2026-07-21T03:00:00.000Z',
    localDay: '2026-07-21',
    text: 'Chờ lâu quá, phải đi lại hai lần',
    ...place,
    dissatisfied: true,
    themes: ['waiting-time' as const],
  };
  return { ...report, comments: [complaint, ...report.comments], headline: { ...report.headline, complaints: [complaint] } };
}

describe('the report headline', () => {
  it('answers first: verdict, index against target with the gap, n, interval, change since last month, weakest criteria and complaints', () => {
    renderWithManageI18n(<HeadlineAnswer report={withComplaints()} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Tỉnh Demo — tháng 07/2026');
    expect(screen.getByTestId('headline-verdict').textContent).toBe('Chưa đủ kết luận');
    expect(screen.getByTestId('headline-index').textContent).toBe('87,35%');
    expect(screen.getByText('so với mục tiêu 85,00%')).toBeTruthy();
    expect(screen.getByTestId('headline-gap').textContent).toBe('Cao hơn mục tiêu 2,35 điểm');
    expect(screen.getByTestId('headline-n').textContent).toBe('120 phiếu');
    expect(screen.getByTestId('headline-interval').textContent).toBe('khoảng tin cậy 95%: 80,20–92,10%');
    expect(screen.getByTestId('headline-change').textContent).toBe('▲ +3,25 điểm so với tháng 06/2026 (84,10%)');
    expect(
      within(screen.getByTestId('weakest-criteria'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Tiêu chí E1.2 60,00%', 'Tiêu chí E1.1 87,50%']);
    expect(within(screen.getByTestId('weakest-units')).getByText('Xã A')).toBeTruthy();
    const complaint = within(screen.getByTestId('complaints')).getByRole('listitem');
    expect(complaint.textContent).toBe('Chờ lâu quá, phải đi lại hai lầnXã A · Hộ tịch · 21/07/2026');
    expect(screen.getByTestId('headline-quick').textContent).toBe('87,50%');
    expect(screen.getByTestId('headline-method').textContent).toBe('Phương pháp tính: Chỉ số SIPAS theo phương pháp năm 2017, phiên bản 1');
    expect(screen.getByTestId('headline-quick-method').textContent).toBe('Phương pháp tính: Đánh giá nhanh tại quầy (3 mức), phiên bản 1');
    const sparkline = screen.getByRole('img', { name: /^Chỉ số 12 tháng gần nhất: 01\/2025: 80,00%/ });
    expect(sparkline.getAttribute('aria-label')).not.toContain('04/2025');
    expect(sparkline.querySelectorAll('circle')).toHaveLength(11);
  });

  it('marks a change of questionnaire version on the sparkline and names the method on each side', () => {
    const report = reportReply();
    const sipas2023 = { id: 'sipas-2023', version: 1, name: { vi: 'SIPAS theo Quyết định 1001/QĐ-BNV', en: 'SIPAS, Decision 1001' } };
    const sparkline = {
      ...report.headline.sparkline,
      points: report.headline.sparkline.points.map((point, position) => (position >= 9 ? { ...point, version: 2 } : point)),
      methods: [...report.headline.sparkline.methods, { version: 2, method: sipas2023 }],
    };
    const { container } = renderWithManageI18n(<HeadlineAnswer report={{ ...report, headline: { ...report.headline, sparkline } }} />);
    expect(screen.getByTestId('headline-method-change').textContent).toBe(
      'Nét dọc: từ tháng 10/2025 chỉ số tính theo SIPAS theo Quyết định 1001/QĐ-BNV (bảng hỏi phiên bản 2); các điểm trước đó theo Chỉ số SIPAS theo phương pháp năm 2017 (bảng hỏi phiên bản 1), không so sánh trực tiếp được.',
    );
    expect(container.querySelectorAll('.sparkline__change')).toHaveLength(1);
    // Two runs: the line does not join the last month of the old method to the first of the new.
    expect(container.querySelector('.sparkline__line')!.getAttribute('d')!.match(/M/g)).toHaveLength(2);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('Từ tháng 10/2025 đổi bảng hỏi hoặc cách tính');
  });

  it('says the previous period was scored by another version instead of comparing or calling it empty', () => {
    const report = reportReply();
    const previous = { ...report.headline.previous, index: null, n: 0, verdict: 'no-data' as const, otherVersionsOnly: true };
    renderWithManageI18n(<HeadlineAnswer report={{ ...report, headline: { ...report.headline, previous } }} />);
    expect(screen.getByTestId('headline-change').textContent).toBe(
      'Tháng 06/2026 tính theo phiên bản bảng hỏi hoặc cách tính khác, không so sánh trực tiếp được.',
    );
  });

  it('draws one unbroken line and says nothing of methods while the version stays the same', () => {
    const { container } = renderWithManageI18n(<HeadlineAnswer report={reportReply()} />);
    expect(screen.queryByTestId('headline-method-change')).toBeNull();
    expect(container.querySelectorAll('.sparkline__change')).toHaveLength(0);
    expect(container.querySelector('.sparkline__line')!.getAttribute('d')!.match(/M/g)).toHaveLength(1);
  });

  it('writes English figures in English', () => {
    renderWithManageI18n(<HeadlineAnswer report={reportReply()} />, 'en');
    expect(screen.getByTestId('headline-verdict').textContent).toBe('Not yet conclusive');
    expect(screen.getByTestId('headline-index').textContent).toBe('87.35%');
    expect(screen.getByTestId('headline-n').textContent).toBe('120 responses');
    expect(screen.getByTestId('headline-method').textContent).toBe('Scoring method: SIPAS index, 2017 method, version 1');
  });

  it('says an empty period is empty and offers the latest period with data', async () => {
    const report = reportReply();
    const onChoosePeriod = vi.fn();
    const empty: ReportReply = {
      ...report,
      overall: { ...report.overall, index: null, gap: null, n: 0, interval: null, verdict: 'no-data', standing: 'no-data' },
    };
    renderWithManageI18n(<HeadlineAnswer report={empty} onChoosePeriod={onChoosePeriod} />);
    expect(screen.getByText('Kỳ này chưa có phiếu khảo sát nào.')).toBeTruthy();
    expect(screen.getByText(/Kỳ gần nhất có dữ liệu: tháng 12\/2025\./)).toBeTruthy();
    expect(screen.queryByTestId('headline-verdict')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Xem kỳ này' }));
    expect(onChoosePeriod).toHaveBeenCalledWith({ kind: 'month', from: '2025-12-01', to: '2025-12-31' });
  });

  it('for a single unit (no sub-units) shows no ranking card and says the weakest criteria rule', () => {
    renderWithManageI18n(<HeadlineAnswer report={{ ...reportReply(), ranking: { minimumSample: 30, rows: [] } }} />);
    expect(screen.queryByText('Đơn vị có chỉ số thấp nhất')).toBeNull();
    expect(screen.getByText('Chỉ xét đơn vị và tiêu chí có từ 30 câu trả lời trở lên.')).toBeTruthy();
  });

  it('labels a quick-rating report as itself: no SIPAS index, no "Yếu tố 1", no five-element mean, no "no quick ratings"', () => {
    const report = reportReply();
    const quick: ReportReply = {
      ...report,
      questionnaire: { ...report.questionnaire, id: 'counter-rating', mode: 'quick', title: { vi: 'Đánh giá nhanh tại quầy' } },
      method: report.quick!.method,
      elements: [{ id: 'Q', title: { vi: 'Mức độ hài lòng tại quầy' }, index: 87.5, gap: 2.5, criteria: [criterionReport({ id: 'Q.1' })] }],
      quick: null,
    };
    const { container } = renderWithManageI18n(<ReportView report={quick} />);
    const text = container.textContent ?? '';
    for (const absent of ['Chỉ số SIPAS', 'Yếu tố 1', 'trung bình cộng chỉ số của 5 yếu tố', 'Không có đánh giá nhanh'])
      expect(text).not.toContain(absent);
    expect(text).toContain('Chỉ số hài lòng (đánh giá nhanh)');
    expect(text).toContain('Mức độ hài lòng tại quầy');
    expect(text).toContain('phương pháp tính: Đánh giá nhanh tại quầy (3 mức), phiên bản 1.');
  });

  it('lists a quick-only sub-unit with its quick figure, never "no data", and rank changes in places', () => {
    const report = reportReply();
    const rows = report.ranking.rows.map((row) =>
      row.unitId === 'xa-c' ? { ...row, reason: 'quick-only' as const, quickIndex: 64.327485, quickN: 171 } : row,
    );
    const { container } = renderWithManageI18n(<ReportView report={{ ...report, ranking: { ...report.ranking, rows } }} />);
    const quickRow = container.querySelector('tr[data-unit="xa-c"]') as HTMLElement;
    expect(within(quickRow).getByText('Chỉ có đánh giá nhanh')).toBeTruthy();
    expect(within(quickRow).getByText('64,33% (đánh giá nhanh)')).toBeTruthy();
    expect(within(quickRow).getByText('171')).toBeTruthy();
    expect(within(quickRow).queryByText('Chưa có dữ liệu')).toBeNull();
    expect(within(container.querySelector('tr[data-unit="xa-a"]') as HTMLElement).getByText('▲ 1 bậc')).toBeTruthy();
  });

  it('gives no "more satisfied answers needed" for a criterion nobody answered', () => {
    const { container } = renderWithManageI18n(<ReportView report={reportReply()} />);
    const empty = container.querySelector('tr[data-criterion="E1.3"]') as HTMLElement;
    expect(within(empty).getByText('Chưa có câu trả lời')).toBeTruthy();
    expect(empty.textContent).not.toContain('Cần thêm');
  });

  it('counts comments per unit and filters them by unit', async () => {
    const report = withComplaints();
    const other = { ...report.comments[0]!, text: 'Cán bộ nhiệt tình', unitId: 'xa-b', unitName: { vi: 'Xã B' }, dissatisfied: false };
    const { container } = renderWithManageI18n(<ReportView report={{ ...report, comments: [...report.comments, other] }} />);
    const unit = screen.getByRole('combobox', { name: 'Đơn vị (số góp ý)' });
    expect(
      within(unit)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Tất cả đơn vị', 'Xã A (3)', 'Xã B (1)']);
    await userEvent.setup().selectOptions(unit, 'xa-b');
    expect([...container.querySelectorAll('.comments__text')].map((node) => node.textContent)).toEqual(['Cán bộ nhiệt tình']);
  });

  it('writes the trend table in Vietnamese dates, the days each point covers, and offers days on request', async () => {
    const chosen: string[] = [];
    const { container } = renderWithManageI18n(<ReportView report={reportReply()} trendBy="" onChooseTrendBy={(trendBy) => chosen.push(trendBy)} />);
    const firstRow = container.querySelector('.trend-table tbody th') as HTMLElement;
    expect(firstRow.textContent).toBe('01/07/2026–05/07/2026');
    expect(container.querySelector('.trend-table tbody td')!.textContent).toBe('80,00%');
    expect(screen.getByText(/Mỗi điểm là một tuần/)).toBeTruthy();
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Điểm theo' }), 'day');
    expect(chosen).toEqual(['day']);
  });

  it('finds comments without diacritics and filters to dissatisfied people', async () => {
    const user = userEvent.setup();
    const { container } = renderWithManageI18n(<ReportView report={withComplaints()} />);
    const texts = () => [...container.querySelectorAll('.comments__text')].map((node) => node.textContent);
    await user.type(screen.getByRole('searchbox', { name: 'Tìm trong góp ý' }), 'cho lau');
    expect(texts()).toEqual(['Chờ lâu quá, phải đi lại hai lần']);
    await user.clear(screen.getByRole('searchbox', { name: 'Tìm trong góp ý' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mức độ hài lòng' }), 'dissatisfied');
    expect(texts()).toEqual(['Chờ lâu quá, phải đi lại hai lần', 'Cũ hơn']);
  });
});

describe('the report screen states', () => {
  const tree = unitTreeReply();

  it('shows loading, then the answer, with the default period said in words', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fetchStub } = stubFetch((request) =>
      request.url.includes('/api/v1/units') ? { status: 200, body: tree } : { status: 200, body: reportReply() },
    );
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/reports/summary')) await gate;
      return fetchStub(input, init);
    });
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.getByTestId('default-period').textContent).toMatch(/^Tháng trước — tháng \d\d\/\d{4}$/);
    release();
    expect((await screen.findByTestId('headline-index')).textContent).toBe('87,35%');
    expect(screen.getByText('Thêm bộ lọc…')).toBeTruthy();
  });

  it('says what failed and offers to retry on a server error', async () => {
    const { fetchStub } = stubFetch((request) =>
      request.url.includes('/api/v1/units') ? { status: 200, body: tree } : { status: 500, body: { error: { code: 'internal', message: 'boom' } } },
    );
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Thử lại' })).toBeTruthy();
    expect(screen.queryByTestId('headline-index')).toBeNull();
  });

  it('says the server cannot be reached when offline', async () => {
    const { fetchStub } = stubFetch(() => ({ status: 200, body: tree }));
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/reports/summary')) throw new TypeError('Failed to fetch');
      return fetchStub(input, init);
    });
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
    expect(within(alert).getByRole('button', { name: 'Thử lại' })).toBeTruthy();
  });
});
