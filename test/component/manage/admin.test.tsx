import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountsScreen } from '../../../src/app/manage/admin/AccountsScreen.tsx';
import { DevicesScreen } from '../../../src/app/manage/admin/DevicesScreen.tsx';
import { QuestionnairesScreen } from '../../../src/app/manage/admin/QuestionnairesScreen.tsx';
import type { AccountItem, DeviceItem } from '../../../src/domain/manage-api.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply } from './report-factory.ts';

const DEVICE: DeviceItem = {
  id: '0190f5a0-0000-7000-8000-0000000000b2',
  unitId: 'xa-a',
  counterId: null,
  name: 'Máy Xã A',
  enrolledAt: '2026-06-01T00:00:00.000Z',
  lastSeenAt: '2026-07-20T02:05:00.000Z',
  highestIssued: 183,
  received: 181,
  missingCount: 2,
  missing: [[37, 38]],
  pendingReported: 4,
  revokedAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('administration screens', () => {
  it('lists tablets with last seen, pending and ledger gaps, and shows a new enrolment code as text and QR image', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.url.startsWith('/api/v1/admin/devices')) return { status: 200, body: { devices: [DEVICE] } };
      if (request.url === '/api/v1/admin/enrolment-codes') {
        return {
          status: 201,
          body: {
            code: 'ABCD-1234',
            unitId: 'xa-a',
            expiresAt: '2026-07-27T00:00:00.000Z',
            kioskUrl: 'https://sipas.example/kiosk?enrol=ABCD-1234',
            qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
          },
        };
      }
      return { status: 404, body: { error: { code: 'not-found', message: request.url } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    const { container } = renderWithManageI18n(<DevicesScreen tree={unitTreeReply()} />);

    const row = (await screen.findByText('Máy Xã A')).closest('tr')!;
    expect(within(row).getByText('Thiếu 2: 37–38')).toBeTruthy();
    expect(within(row).getByText('181 / 183')).toBeTruthy();
    expect(within(row).getByText('4')).toBeTruthy();
    expect(within(row).getByText('09:05 20/07/2026')).toBeTruthy();
    // The status column says the tablet is in service, beside the button that revokes it.
    expect(within(row).getByText('Đang hoạt động')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Tạo mã đăng ký' }));
    expect(await screen.findByText('Vui lòng chọn đơn vị.')).toBeTruthy();
    await user.selectOptions(screen.getAllByRole('combobox').at(-1)!, 'xa-a');
    await user.click(screen.getByRole('button', { name: 'Tạo mã đăng ký' }));
    expect(await screen.findByText('ABCD-1234')).toBeTruthy();
    const qr = screen.getByRole('img', { name: 'Mã QR của đường dẫn đăng ký (mã ABCD-1234)' }) as HTMLImageElement;
    expect(qr.src.startsWith('data:image/svg+xml')).toBe(true);
    expect(container.querySelector('script')).toBeNull();
    const created = requests.find((request) => request.url === '/api/v1/admin/enrolment-codes')!;
    expect(created.headers['x-sipas-csrf']).toBe('1');
    expect(created.body).toEqual({ unitId: 'xa-a', expiresInDays: 7 });
  });

  it("changes an account's role and unit, refusing a manager without a unit before sending", async () => {
    const account: AccountItem = {
      id: 'acc-1',
      username: 'canbo-xa-a',
      displayName: 'Cán bộ Xã A',
      role: 'staff',
      unitId: 'xa-a',
      disabled: false,
      lockedUntil: null,
      createdAt: '2026-06-01T00:00:00.000Z',
    };
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.url === '/api/v1/admin/accounts' && request.method === 'GET') return { status: 200, body: { accounts: [account] } };
      if (request.url === '/api/v1/admin/accounts/acc-1' && request.method === 'PATCH') return { status: 200, body: { ...account, role: 'manager' } };
      return { status: 404, body: { error: { code: 'not-found', message: request.url } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<AccountsScreen tree={unitTreeReply()} />);

    const row = (await screen.findByText('canbo-xa-a')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Đổi vai trò, đơn vị' }));
    const form = screen.getByRole('form', { name: 'Vai trò và đơn vị của “canbo-xa-a”' });
    const [role, unit] = within(form).getAllByRole('combobox') as [HTMLSelectElement, HTMLSelectElement];
    expect(role.value).toBe('staff');
    await user.selectOptions(role, 'manager');
    await user.selectOptions(unit, '');
    await user.click(within(form).getByRole('button', { name: 'Lưu vai trò và đơn vị' }));
    expect(await within(form).findByText('Giá trị chưa hợp lệ: a manager or staff account needs a unit')).toBeTruthy();
    expect(requests.some((request) => request.method === 'PATCH')).toBe(false);

    await user.selectOptions(unit, 'xa-a');
    await user.click(within(form).getByRole('button', { name: 'Lưu vai trò và đơn vị' }));
    await screen.findByText('canbo-xa-a');
    const patch = requests.find((request) => request.method === 'PATCH')!;
    expect(patch.body).toEqual({ role: 'manager', unitId: 'xa-a' });
    expect(patch.headers['x-sipas-csrf']).toBe('1');
  });

  it('refuses a questionnaire that fails the domain schema, naming the path of each error, before sending it', async () => {
    const { fetchStub, requests } = stubFetch(() => ({ status: 500 }));
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={unitTreeReply()} onPublished={() => undefined} />);
    const json = '{"id":"x","version":0,"mode":"full","title":{"en":"t"},"locales":{"vi":"reviewed"},"elements":[],"sections":[]}';
    await user.click(screen.getByLabelText('Nội dung JSON'));
    await user.paste(json);
    await user.click(screen.getByRole('button', { name: 'Kiểm tra và công bố' }));
    const alert = await within(screen.getByRole('form', { name: 'Công bố phiên bản bảng hỏi mới' })).findByRole('alert');
    const paths = within(alert)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('code')?.textContent);
    expect(paths).toEqual(expect.arrayContaining(['version', 'title', 'elements']));
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('shows the server refusing an existing version with the field it names', async () => {
    const { fetchStub } = stubFetch(() => ({
      status: 409,
      body: { error: { code: 'conflict', message: 'sipas version 1 exists already; publish a new version.', field: 'version' } },
    }));
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<QuestionnairesScreen tree={unitTreeReply()} onPublished={() => undefined} />);
    const questionnaire = {
      id: 'sipas',
      version: 1,
      mode: 'quick',
      title: { vi: 'Đánh giá' },
      locales: { vi: 'reviewed' },
      elements: [{ id: 'E', title: { vi: 'Chung' }, scale: 'three-level', criteria: [{ id: 'Q', text: { vi: 'Hài lòng?' } }] }],
      sections: [],
    };
    await user.click(screen.getByLabelText('Nội dung JSON'));
    await user.paste(JSON.stringify(questionnaire));
    await user.click(screen.getByRole('button', { name: 'Kiểm tra và công bố' }));
    const alert = await within(screen.getByRole('form', { name: 'Công bố phiên bản bảng hỏi mới' })).findByRole('alert');
    expect(alert.textContent).toContain('Không thực hiện được: «Phiên bản» trùng hoặc mâu thuẫn với dữ liệu đã có.');
    expect(alert.textContent).not.toContain('exists already');
  });
});
