import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportView } from '../../../src/app/manage/report/ReportView.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { reportReply } from './report-factory.ts';

const place = { unitId: 'xa-a', unitName: { vi: 'Xã A' }, serviceFieldId: null, serviceFieldName: null, counterId: null, dissatisfied: false };

describe('the comments of a report, by theme', () => {
  it('shows each comment’s themes and filters the list by the theme a manager picks', async () => {
    const user = userEvent.setup();
    const report = reportReply({
      comments: [
        { responseId: 'r1', themesCorrected: false, submittedAt: '2026-07-20T03:00:00.000Z', localDay: '2026-07-20', text: 'Chờ lâu quá', themes: ['waiting-time'], ...place },
        { responseId: 'r2', themesCorrected: false, submittedAt: '2026-07-19T03:00:00.000Z', localDay: '2026-07-19', text: 'Lệ phí cao', themes: ['procedure', 'fees'], ...place },
        { responseId: 'r3', themesCorrected: false, submittedAt: '2026-07-18T03:00:00.000Z', localDay: '2026-07-18', text: 'Cảm ơn', themes: [], ...place },
      ],
      commentThemes: [
        { theme: 'waiting-time', count: 1 },
        { theme: 'procedure', count: 1 },
        { theme: 'fees', count: 1 },
      ],
    });
    const { container } = renderWithManageI18n(<ReportView report={report} />);
    const texts = () => [...container.querySelectorAll('.comments__text')].map((node) => node.textContent);
    expect(texts()).toEqual(['Chờ lâu quá', 'Lệ phí cao', 'Cảm ơn']);
    expect([...container.querySelectorAll('.comments__themes')].map((node) => node.textContent)).toEqual([
      'Chủ đề: Thời gian chờ',
      'Chủ đề: Thủ tục hành chính, Phí, lệ phí',
    ]);

    const filter = screen.getByRole('combobox', { name: 'Lọc theo chủ đề' });
    expect(within(filter).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Tất cả (3)',
      'Thời gian chờ (1)',
      'Thủ tục hành chính (1)',
      'Phí, lệ phí (1)',
    ]);
    await user.selectOptions(filter, 'fees');
    expect(texts()).toEqual(['Lệ phí cao']);
    await user.selectOptions(filter, '');
    expect(texts()).toHaveLength(3);
  });
});
