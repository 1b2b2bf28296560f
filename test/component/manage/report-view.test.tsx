import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ReportView } from '../../../src/app/manage/report/ReportView.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { reportReply } from './report-factory.ts';

describe('the report screen', () => {
  it('shows the SIPAS index in Vietnamese style with its target and gap', () => {
    renderWithManageI18n(<ReportView report={reportReply()} />);
    expect(screen.getByTestId('overall-index').textContent).toBe('87,35%');
    const overall = screen.getByRole('region', { name: /Chỉ số chung/ });
    expect(within(overall).getByText('85,00%')).toBeTruthy();
    expect(within(overall).getByText('+2,35 điểm')).toBeTruthy();
    expect(within(overall).getByText('Chưa đủ kết luận')).toBeTruthy();
  });

  it('says how many answers came from the counter’s kiosks and how many through dossier links, and which channel a filtered report keeps to', () => {
    const { unmount } = renderWithManageI18n(<ReportView report={reportReply()} />);
    // A channel nobody used (no assisted answers here) is left out of the mix.
    expect(screen.getByTestId('channel-mix').textContent).toBe('Kiosk tại quầy: 102 (85,00%) · Đường dẫn hồ sơ (điện thoại): 18 (15,00%)');
    expect(screen.queryByText(/chỉ tính phiếu qua kênh/)).toBeNull();
    unmount();
    const base = reportReply();
    renderWithManageI18n(<ReportView report={{ ...base, filters: { ...base.filters, channel: 'dossier-link' } }} />);
    expect(screen.getByText('Mọi số liệu chỉ tính phiếu qua kênh: Đường dẫn hồ sơ (điện thoại).')).toBeTruthy();
  });

  it('lists every criterion with n, interval, gap, the answers that close the gap, and "—" with its explanation', () => {
    const { container } = renderWithManageI18n(<ReportView report={reportReply()} />);
    const below = container.querySelector('tr[data-criterion="E1.2"]') as HTMLElement;
    expect(within(below).getByText('60,00%')).toBeTruthy();
    expect(within(below).getByText('46,20–72,40%')).toBeTruthy();
    expect(within(below).getByText('-25,00')).toBeTruthy();
    expect(within(below).getByText('Cần thêm 84 câu trả lời hài lòng')).toBeTruthy();
    expect(within(below).getByText('Chưa đạt')).toBeTruthy();

    const first = container.querySelector('tr[data-criterion="E1.1"]') as HTMLElement;
    expect(within(first).getByText('Chưa đủ kết luận')).toBeTruthy();
    expect(within(first).getByText('Đã đạt')).toBeTruthy();

    const empty = container.querySelector('tr[data-criterion="E1.3"]') as HTMLElement;
    expect(within(empty).getAllByText('—').length).toBeGreaterThanOrEqual(3);
    expect(screen.getByText(/“—”: chưa có câu trả lời nào/)).toBeTruthy();
    expect(screen.getByText('Tiêu chí chưa có câu trả lời (không tính vào trung bình): Tiêu chí E1.3.')).toBeTruthy();
  });

  it('ranks sub-units and marks those below the minimum sample or without data instead of ranking them', () => {
    const { container } = renderWithManageI18n(<ReportView report={reportReply()} />);
    const rowOf = (unitId: string) => container.querySelector(`tr[data-unit="${unitId}"]`) as HTMLElement;
    expect(within(rowOf('xa-a')).getAllByRole('cell')[0]!.textContent).toBe('1');
    expect(within(rowOf('xa-b')).getByText('Chưa đủ mẫu')).toBeTruthy();
    expect(within(rowOf('xa-b')).getByText('95,00%')).toBeTruthy();
    expect(within(rowOf('xa-c')).getByText('Chưa có dữ liệu')).toBeTruthy();
    expect(screen.getByText(/dưới 30 được đánh dấu/)).toBeTruthy();
  });

  it('gives the ranking a block column only when units are ranked within blocks, one heading for each cell', () => {
    const headingsAndCells = (container: HTMLElement) => {
      const table = container.querySelector('.ranking-table') as HTMLElement;
      const row = table.querySelector('tr[data-unit="xa-a"]') as HTMLElement;
      return { headings: [...table.querySelectorAll('thead th')].map((cell) => cell.textContent), cells: row.children.length };
    };
    const single = renderWithManageI18n(<ReportView report={reportReply()} />);
    const withoutBlocks = headingsAndCells(single.container);
    expect(withoutBlocks.headings).not.toContain('Hạng trong khối');
    expect(withoutBlocks.headings).toHaveLength(withoutBlocks.cells);
    single.unmount();

    const base = reportReply();
    const ranking = { ...base.ranking, rows: base.ranking.rows.map((row) => (row.unitId === 'xa-a' ? { ...row, blockRank: 1 } : row)) };
    const blocks = renderWithManageI18n(<ReportView report={{ ...base, ranking }} />);
    const withBlocks = headingsAndCells(blocks.container);
    expect(withBlocks.headings.filter((heading) => heading === 'Hạng trong khối')).toHaveLength(1);
    expect(withBlocks.headings).toHaveLength(withBlocks.cells);
    expect(within(blocks.container.querySelector('tr[data-unit="xa-a"]') as HTMLElement).getByText('Khối xã, phường: 1')).toBeTruthy();
  });

  it('says how many flagged responses were excluded and why', () => {
    const flagged = {
      count: 1200,
      byReason: [
        { flag: 'burst', count: 1200 },
        { flag: 'too-fast', count: 3 },
      ],
    };
    renderWithManageI18n(<ReportView report={reportReply({ flagged, flaggedExcluded: true })} />);
    expect(
      screen.getByText('Đã loại trừ 1.200 phiếu bị gắn cờ (nhiều phiếu liên tiếp trong vài giây từ một máy: 1.200; hoàn thành quá nhanh: 3).'),
    ).toBeTruthy();
  });

  it('renders comments of dissatisfied people first, then newest first, as plain text, never as markup', () => {
    const { container } = renderWithManageI18n(<ReportView report={reportReply()} />);
    const comments = [...container.querySelectorAll('.comments__text')].map((node) => node.textContent);
    expect(comments).toEqual(['Cũ hơn', 'Mới nhất <b>không đậm</b>']);
    expect(container.querySelector('.comments b')).toBeNull();
  });

  it('shows the quick-mode index apart, the improvements chosen, and the level distribution as text', () => {
    renderWithManageI18n(<ReportView report={reportReply()} />);
    expect(screen.getByTestId('quick-index').textContent).toBe('87,50%');
    expect(screen.getByText('Rút ngắn thời gian giải quyết')).toBeTruthy();
    expect(screen.queryByText('Thêm dịch vụ trực tuyến')).toBeNull();
    expect(
      screen.getByRole('img', { name: 'Rất không hài lòng: 5; Không hài lòng: 5; Bình thường: 10; Hài lòng: 20; Rất hài lòng: 10' }),
    ).toBeTruthy();
  });

  it('says there is no index yet when nobody answered, and formats for English readers too', () => {
    renderWithManageI18n(
      <ReportView
        report={reportReply({
          overall: { index: null, target: 90, gap: null, standing: 'no-data', n: 0, interval: null, verdict: 'no-data' },
          quick: null,
        })}
      />,
      'en',
    );
    expect(screen.getByTestId('overall-index').textContent).toBe('—');
    expect(screen.getAllByText(/no index/).length).toBeGreaterThan(0);
    expect(screen.getByText('No quick ratings in this period.')).toBeTruthy();
  });
});
