import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportScreen } from '../../../src/app/manage/report/ReportScreen.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { reportReply, stubFetch, unitTreeReply } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the report filters', () => {
  it('filter by a procedure of the chosen service field, in the request, the address and the heading', async () => {
    const tree = unitTreeReply();
    tree.serviceFields.push({ id: 'dat-dai', name: { vi: 'Đất đai' } });
    tree.procedures.push({ id: '1.004227', serviceFieldId: 'dat-dai', name: { vi: 'Đăng ký biến động đất đai' } });
    const { fetchStub, requests } = stubFetch((request) => {
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/api/v1/units') return { status: 200, body: tree };
      const procedureId = url.searchParams.get('procedureId');
      const reply = reportReply();
      return { status: 200, body: { ...reply, filters: { ...reply.filters, procedureId } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const filters = await screen.findByRole('form', { name: 'Chọn phạm vi báo cáo' });
    const procedure = within(filters).getByRole('combobox', { name: 'Thủ tục' });
    expect(
      within(procedure)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Tất cả thủ tục', 'Đăng ký khai sinh (1.001193)', 'Đăng ký biến động đất đai (1.004227)']);

    await user.selectOptions(procedure, '1.001193');
    await vi.waitFor(() => expect(requests.some((request) => request.url.includes('procedureId=1.001193'))).toBe(true));
    expect(window.location.search).toContain('procedure=1.001193');
    expect(await screen.findByText(/Thủ tục: Đăng ký khai sinh/)).toBeTruthy();

    // Another service field: its own procedures only, and the one of the other field is dropped.
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Lĩnh vực' }), 'dat-dai');
    expect((procedure as HTMLSelectElement).value).toBe('');
    expect(
      within(procedure)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Tất cả thủ tục', 'Đăng ký biến động đất đai (1.004227)']);
  });

  it('keeps a report to one channel, in the request and the address', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/api/v1/units') return { status: 200, body: unitTreeReply() };
      const reply = reportReply();
      return { status: 200, body: { ...reply, filters: { ...reply.filters, channel: url.searchParams.get('channel') } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<ReportScreen canCorrectThemes />);
    const filters = await screen.findByRole('form', { name: 'Chọn phạm vi báo cáo' });
    const channel = within(filters).getByRole('combobox', { name: 'Kênh đánh giá' });
    expect(
      within(channel)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Mọi kênh', 'Kiosk tại quầy', 'Kiosk có cán bộ hỗ trợ', 'Đường dẫn hồ sơ (điện thoại)']);
    await user.selectOptions(channel, 'dossier-link');
    await vi.waitFor(() => expect(requests.some((request) => request.url.includes('channel=dossier-link'))).toBe(true));
    expect(window.location.search).toContain('channel=dossier-link');
    expect(await screen.findByText('Mọi số liệu chỉ tính phiếu qua kênh: Đường dẫn hồ sơ (điện thoại).')).toBeTruthy();
  });
});
