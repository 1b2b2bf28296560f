import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountsScreen } from '../../../src/app/manage/admin/AccountsScreen.tsx';
import { KioskSettingsScreen } from '../../../src/app/manage/admin/KioskSettingsScreen.tsx';
import { UnitsScreen } from '../../../src/app/manage/admin/UnitsScreen.tsx';
import { DEFAULT_KIOSK_SETTINGS } from '../../../src/domain/kiosk-settings.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply, type StubbedRequest } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answering(answer: (request: StubbedRequest) => { status: number; body?: unknown } | undefined) {
  const stub = stubFetch((request) => answer(request) ?? { status: 404, body: { error: { code: 'not-found', message: request.url } } });
  vi.stubGlobal('fetch', stub.fetchStub);
  return stub.requests;
}

describe('administration in plain language', () => {
  it('names unit kinds in Vietnamese and sends the kind code the server stores', async () => {
    const requests = answering((request) => (request.method === 'POST' ? { status: 201, body: {} } : undefined));
    const user = userEvent.setup();
    const tree = unitTreeReply();
    tree.units.push({ ...tree.units[1]!, id: 'cu', kind: 'old-kind', name: { vi: 'Đơn vị cũ' } });
    renderWithManageI18n(<UnitsScreen tree={tree} onChanged={() => undefined} />);

    const table = screen.getAllByRole('table')[0]!;
    expect(within(within(table).getByText('Xã A').closest('tr')!).getByText('Xã')).toBeTruthy();
    expect(within(table).getByText('Tỉnh, thành phố')).toBeTruthy();
    expect(within(table).getByText('Khác: old-kind')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Thêm đơn vị' });
    const kind = within(form).getByRole('combobox', { name: 'Loại đơn vị' }) as HTMLSelectElement;
    expect(within(kind).getByRole('option', { name: 'Bộ phận Một cửa, Trung tâm phục vụ hành chính công' })).toBeTruthy();
    await user.selectOptions(kind, 'Phường');
    await user.type(within(form).getByRole('textbox', { name: 'Mã' }), 'phuong-b');
    await user.type(within(form).getByRole('textbox', { name: /^Tên tiếng Việt/ }), 'Phường B');
    await user.click(within(form).getByRole('button', { name: 'Thêm đơn vị' }));
    await vi.waitFor(() => expect(requests.find((request) => request.method === 'POST')?.body).toMatchObject({ id: 'phuong-b', kind: 'ward' }));
  });

  it('takes a unit’s agency code, says in Vietnamese when it is not one, and sends it in capitals', async () => {
    const requests = answering((request) => (request.method === 'PATCH' ? { status: 200, body: {} } : undefined));
    const user = userEvent.setup();
    const tree = unitTreeReply();
    tree.units[1] = { ...tree.units[1]!, agencyCode: 'H12.22' };
    renderWithManageI18n(<UnitsScreen tree={tree} onChanged={() => undefined} />);
    const table = screen.getAllByRole('table')[0]!;
    expect(within(within(table).getByText('Xã A').closest('tr')!).getByText('H12.22')).toBeTruthy();
    expect(within(within(table).getByText('Tỉnh Demo').closest('tr')!).getByText('Chưa có')).toBeTruthy();

    // Both unit forms carry the field; each hint is its own description.
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    const form = screen.getByRole('form', { name: 'Đổi tên hoặc chuyển đơn vị' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Đơn vị' }), 'tinh');
    const code = within(form).getByRole('textbox', { name: /^Mã định danh điện tử/ });
    await user.type(code, 'Sở Nội vụ');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(await within(form).findByText(/Mã định danh chưa đúng dạng/)).toBeTruthy();
    expect(requests.some((request) => request.method === 'PATCH')).toBe(false);

    await user.clear(code);
    await user.type(code, '000.00.31.h12');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(requests.find((request) => request.method === 'PATCH')?.body).toMatchObject({ agencyCode: '000.00.31.H12' }));
  });

  it('says what the chosen role may do', async () => {
    answering((request) => (request.url === '/api/v1/admin/accounts' ? { status: 200, body: { accounts: [] } } : undefined));
    const user = userEvent.setup();
    renderWithManageI18n(<AccountsScreen tree={unitTreeReply()} />);
    const form = screen.getByRole('form', { name: 'Tạo tài khoản' });
    const role = within(form).getByRole('combobox', { name: 'Vai trò' });
    expect(
      within(role)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Quản trị viên', 'Lãnh đạo, quản lý', 'Nhân viên']);
    expect(role.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(form).getByText(/Xem và xuất báo cáo của đơn vị mình và các đơn vị cấp dưới/)).toBeTruthy();
    await user.selectOptions(role, 'staff');
    expect(within(form).getByText(/Chỉ xem báo cáo của riêng đơn vị mình/)).toBeTruthy();
  });

  it('offers kiosk languages by name, counters by name and the dossier-code rule as formats with a live check', async () => {
    const stored = { ...DEFAULT_KIOSK_SETTINGS, dossierCode: { ask: 'optional' as const, pattern: DEFAULT_KIOSK_SETTINGS.dossierCode.pattern } };
    const requests = answering((request) => {
      if (request.url === '/api/v1/admin/kiosk-settings/xa-a' && request.method === 'GET')
        return { status: 200, body: { unitId: 'xa-a', settings: stored } };
      if (request.url === '/api/v1/admin/kiosk-settings/xa-a') return { status: 204 };
      if (request.url.startsWith('/api/v1/admin/counters'))
        return { status: 200, body: { counters: [{ id: 'q1', unitId: 'xa-a', name: { vi: 'Quầy số 1' } }] } };
      return undefined;
    });
    const user = userEvent.setup();
    const tree = unitTreeReply();
    tree.questionnaires[0]!.locales = { vi: 'reviewed', en: 'reviewed', km: 'awaiting-review' };
    renderWithManageI18n(<KioskSettingsScreen tree={tree} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Đơn vị' }), 'xa-a');

    const languages = (await screen.findByRole('group', { name: 'Ngôn ngữ người dân được chọn trên kiosk' })) as HTMLFieldSetElement;
    expect((within(languages).getByRole('checkbox', { name: 'Tiếng Việt' }) as HTMLInputElement).checked).toBe(true);
    expect((within(languages).getByRole('checkbox', { name: /^Tiếng Anh/ }) as HTMLInputElement).checked).toBe(true);
    const khmer = within(languages).getByRole('checkbox', { name: 'Tiếng Khmer (ខ្មែរ)' }) as HTMLInputElement;
    expect(khmer.checked).toBe(false);
    await user.click(khmer);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Quầy cố định của máy' }), 'Quầy số 1');

    const rule = screen.getByRole('group', { name: 'Mã hồ sơ người dân nhập' });
    const format = within(rule).getByRole('combobox', { name: 'Dạng mã hồ sơ' });
    await user.selectOptions(format, 'portal');
    expect(within(rule).getByText('Ví dụ: 000.00.12.H56-261122-0007')).toBeTruthy();
    const trial = within(rule).getByRole('textbox', { name: 'Thử một mã' });
    await user.type(trial, 'H12.34-261122-0042');
    expect(within(rule).getByRole('status').textContent).toBe('Mã này hợp lệ với dạng đã chọn.');
    await user.type(trial, ' x');
    expect(within(rule).getByRole('status').textContent).toMatch(/^Mã này không đúng dạng/);
    const advanced = within(rule).getByText('Nâng cao').closest('details')!;
    expect(advanced.open).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(requests.some((request) => request.method === 'PUT')).toBe(true));
    const saved = requests.find((request) => request.method === 'PUT')!.body as typeof stored;
    expect(saved.languages).toEqual(['vi', 'en', 'km']);
    expect(saved.counterId).toBe('q1');
    expect(saved.dossierCode).toEqual({ ask: 'optional', pattern: '^[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*-\\d{6}-\\d{4,6}$' });
  });
});
