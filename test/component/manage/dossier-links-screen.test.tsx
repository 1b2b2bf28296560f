import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DossierLinksScreen } from '../../../src/app/manage/admin/DossierLinksScreen.tsx';
import type { IntegrationKeyItem, SigningKeyItem } from '../../../src/domain/dossier-links-api.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply } from './report-factory.ts';

const CURRENT: SigningKeyItem = {
  id: 'k2026b',
  unitId: 'xa-a',
  createdAt: '2026-12-05T02:00:00.000Z',
  createdBy: 'admin',
  rotatedAt: null,
  lastIssueDay: null,
  revokedAt: null,
};
const ROTATED: SigningKeyItem = {
  ...CURRENT,
  id: 'k2026a',
  createdAt: '2026-11-01T02:00:00.000Z',
  rotatedAt: '2026-12-05T02:00:00.000Z',
  lastIssueDay: '2026-12-05',
};
const VENDOR: IntegrationKeyItem = {
  id: '0190f5a0-0000-7000-8000-00000000aaaa',
  vendor: 'Một cửa điện tử tỉnh',
  unitIds: ['tinh'],
  createdAt: '2026-12-01T01:00:00.000Z',
  createdBy: 'admin',
  revokedAt: null,
  lastUsedAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the dossier-link keys screen', () => {
  it('lists signing keys with what each still verifies, shows a new secret once, and revokes only after a confirmation', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.url.startsWith('/api/v1/admin/dossier-signing-keys') && request.method === 'GET')
        return { status: 200, body: { keys: [CURRENT, ROTATED] } };
      if (request.url === '/api/v1/admin/dossier-signing-keys') {
        return { status: 201, body: { keyId: 'k2026c', unitId: 'xa-a', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I', rotated: ['k2026b'] } };
      }
      if (request.url.endsWith('/revoke')) return { status: 204 };
      if (request.url === '/api/v1/admin/integration-keys') return { status: 200, body: { keys: [VENDOR] } };
      return { status: 404, body: { error: { code: 'not-found', message: request.url } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const confirm = vi.spyOn(window, 'confirm');
    const user = userEvent.setup();
    renderWithManageI18n(<DossierLinksScreen tree={unitTreeReply()} />);

    const current = (await screen.findByText('k2026b')).closest('tr')!;
    expect(within(current).getByText(/Đang dùng/)).toBeTruthy();
    expect(within(screen.getByText('k2026a').closest('tr')!).getByText(/vẫn nhận đường dẫn phát hành đến hết ngày 05\/12\/2026/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tạo khóa ký mới cho đơn vị' }).hasAttribute('disabled')).toBe(true);

    await user.selectOptions(screen.getByLabelText('Xem khóa của đơn vị'), 'xa-a');
    confirm.mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: 'Tạo khóa ký mới cho đơn vị' }));
    expect(await screen.findByText('c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I')).toBeTruthy();
    expect(screen.getByText(/Chỉ hiện một lần/)).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST' && request.url === '/api/v1/admin/dossier-signing-keys')!.body).toEqual({
      unitId: 'xa-a',
    });

    // Declined: nothing is sent; accepted: the key is revoked.
    confirm.mockReturnValueOnce(false);
    await user.click(within(screen.getByText('k2026b').closest('tr')!).getByRole('button', { name: 'Thu hồi' }));
    expect(requests.some((request) => request.url.endsWith('/k2026b/revoke'))).toBe(false);
    confirm.mockReturnValueOnce(true);
    await user.click(within(screen.getByText('k2026b').closest('tr')!).getByRole('button', { name: 'Thu hồi' }));
    expect(requests.some((request) => request.url === '/api/v1/admin/dossier-signing-keys/k2026b/revoke' && request.method === 'POST')).toBe(true);
  });

  it('creates an integration key for a unit and its subtree, refusing an empty form before sending', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.url.startsWith('/api/v1/admin/dossier-signing-keys')) return { status: 200, body: { keys: [] } };
      if (request.url === '/api/v1/admin/integration-keys' && request.method === 'GET') return { status: 200, body: { keys: [VENDOR] } };
      if (request.url === '/api/v1/admin/integration-keys') {
        return {
          status: 201,
          body: { id: 'new', vendor: 'VNPT iGate', unitIds: ['xa-a'], key: 'sipas_ik_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG' },
        };
      }
      return { status: 404, body: { error: { code: 'not-found', message: request.url } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<DossierLinksScreen tree={unitTreeReply()} />);

    const row = (await screen.findByText('Một cửa điện tử tỉnh')).closest('tr')!;
    expect(within(row).getByText('Tỉnh Demo')).toBeTruthy();
    expect(within(row).getByText('Chưa dùng')).toBeTruthy();
    expect(await screen.findByText('Chưa có khóa ký nào.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Tạo khóa tích hợp' }));
    expect(screen.getByText('Nhập tên nhà cung cấp và chọn đơn vị.')).toBeTruthy();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Nhà cung cấp / hệ thống'), 'VNPT iGate');
    await user.selectOptions(screen.getByLabelText('Dùng cho đơn vị (và các đơn vị cấp dưới)'), 'xa-a');
    await user.click(screen.getByRole('button', { name: 'Tạo khóa tích hợp' }));
    expect(await screen.findByText('sipas_ik_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG')).toBeTruthy();
    expect(requests.find((request) => request.method === 'POST')!.body).toEqual({ vendor: 'VNPT iGate', unitIds: ['xa-a'] });
  });

  it('makes one dossier’s link and QR code for a result slip, refusing an incomplete form before sending', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.method === 'GET') return { status: 200, body: { keys: [] } };
      if (request.url === '/api/v1/admin/dossier-links') {
        return {
          status: 201,
          body: {
            keyId: 'k2026b',
            unitId: 'xa-a',
            dossierCode: 'H12-0001',
            procedureCode: '1.001193',
            issuedOn: '2026-12-07',
            expiresOn: '2027-01-05',
            token: 'abc.def',
            url: 'https://sipas.example/d#abc.def',
            qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            qrPngBase64: 'iVBORw0KGgo=',
          },
        };
      }
      return { status: 404, body: { error: { code: 'not-found', message: request.url } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    const { container } = renderWithManageI18n(<DossierLinksScreen tree={unitTreeReply()} />);
    const form = (await screen.findByRole('heading', { name: 'Đường dẫn và mã QR cho một hồ sơ' })).closest('section')!;
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn và mã QR' }));
    expect(within(form).getByText('Chọn đơn vị, nhập mã hồ sơ và chọn thủ tục.')).toBeTruthy();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    await user.selectOptions(within(form).getByLabelText('Đơn vị'), 'xa-a');
    await user.type(within(form).getByLabelText('Mã hồ sơ (như in trên giấy tiếp nhận)'), ' H12-0001 ');
    await user.selectOptions(within(form).getByLabelText('Thủ tục'), '1.001193');
    await user.click(within(form).getByRole('button', { name: 'Tạo đường dẫn và mã QR' }));
    const qr = (await within(form).findByRole('img', { name: 'Mã QR đánh giá hồ sơ H12-0001' })) as HTMLImageElement;
    expect(qr.src.startsWith('data:image/svg+xml')).toBe(true);
    expect(container.querySelector('script')).toBeNull();
    expect(within(form).getByText('https://sipas.example/d#abc.def')).toBeTruthy();
    expect(within(form).getByRole('link', { name: 'Tải ảnh mã QR (PNG)' }).getAttribute('download')).toBe('ma-qr-H12-0001.png');
    expect(requests.find((request) => request.method === 'POST')!.body).toEqual({
      unitId: 'xa-a',
      dossierCode: 'H12-0001',
      procedureCode: '1.001193',
    });
  });
});
