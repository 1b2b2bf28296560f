import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProceduresScreen } from '../../../src/app/manage/admin/ProceduresScreen.tsx';
import { ServiceFieldsScreen } from '../../../src/app/manage/admin/ServiceFieldsScreen.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('service fields screen', () => {
  it('asks for the Vietnamese name before saving, then sends the id and both names', async () => {
    const { fetchStub, requests } = stubFetch((request) =>
      request.method === 'GET' ? { status: 200, body: { serviceFields: [{ id: 'ho-tich', name: { vi: 'Hộ tịch' } }] } } : { status: 201, body: {} },
    );
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<ServiceFieldsScreen />);
    expect(await screen.findByText('ho-tich')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Thêm hoặc đổi tên lĩnh vực (cùng mã thì đổi tên)' });
    await user.type(within(form).getByRole('textbox', { name: 'Mã' }), 'dat-dai');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: 'Tên tiếng Việt (bắt buộc)' }), 'Đất đai');
    await user.type(within(form).getByRole('textbox', { name: 'Tên tiếng Anh (không bắt buộc)' }), 'Land');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1));
    expect(requests.find((request) => request.method === 'POST')!.body).toMatchObject({ id: 'dat-dai', name: { vi: 'Đất đai', en: 'Land' } });
  });
});

describe('procedures screen', () => {
  it('lists the procedures under their service field and saves one in the chosen field', async () => {
    const { fetchStub, requests } = stubFetch((request) =>
      request.method === 'GET'
        ? { status: 200, body: { procedures: [{ id: '1.001193', serviceFieldId: 'ho-tich', name: { vi: 'Đăng ký khai sinh' } }] } }
        : { status: 201, body: {} },
    );
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<ProceduresScreen tree={unitTreeReply()} />);
    const civilStatus = await screen.findByRole('region', { name: 'Hộ tịch' });
    expect(within(civilStatus).getByText('1.001193')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Thêm hoặc sửa thủ tục (cùng mã thì sửa)' });
    await user.type(within(form).getByRole('textbox', { name: 'Mã thủ tục (ví dụ 1.001193)' }), '1.000894');
    await user.type(within(form).getByRole('textbox', { name: 'Tên tiếng Việt (bắt buộc)' }), 'Đăng ký kết hôn');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    // No service field chosen yet: nothing is sent.
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Lĩnh vực' }), 'ho-tich');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1));
    expect(requests.find((request) => request.method === 'POST')!.body).toEqual({
      id: '1.000894',
      serviceFieldId: 'ho-tich',
      name: { vi: 'Đăng ký kết hôn' },
    });
  });
});
