import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditScreen } from '../../../src/app/manage/admin/AuditScreen.tsx';
import type { AuditEntry } from '../../../src/domain/manage-api.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply } from './report-factory.ts';

const EXPORT: AuditEntry = {
  id: '0193a000-0000-7000-8000-000000000002',
  at: '2026-12-01T03:00:00.000Z',
  actor: 'admin',
  action: 'report.exported.xlsx',
  detail: { unitId: 'xa-a', from: '2026-11-01', to: '2026-11-30', locale: 'vi' },
};
const UNKNOWN: AuditEntry = {
  id: '0193a000-0000-7000-8000-000000000001',
  at: '2026-11-30T03:00:00.000Z',
  actor: 'lan',
  action: 'backup.made',
  detail: { size: 3 },
};

const TABLET_ID = '0193a000-1111-7000-8000-00000000aaaa';
const ENROLLED: AuditEntry = {
  id: '0193a000-0000-7000-8000-000000000003',
  at: '2026-11-29T03:00:00.000Z',
  actor: `device:${TABLET_ID}`,
  action: 'device.enrolled',
  detail: { deviceId: TABLET_ID, unitId: 'xa-a' },
};
const TABLET = {
  id: TABLET_ID,
  unitId: 'xa-a',
  counterId: null,
  name: 'Máy quầy 1',
  enrolledAt: ENROLLED.at,
  lastSeenAt: null,
  highestIssued: 0,
  received: 0,
  missingCount: 0,
  missing: [],
  pendingReported: null,
  revokedAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('audit log screen', () => {
  it('reads each entry as a sentence with the raw record one click away, and asks the server for one kind of action and one actor', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/api/v1/admin/devices') return { status: 200, body: { devices: [TABLET] } };
      const entries = [EXPORT, UNKNOWN, ENROLLED].filter((entry) =>
        url.searchParams.get('group') === 'exports' ? entry.action.startsWith('report.') : true,
      );
      return {
        status: 200,
        body: { entries: entries.filter((entry) => !url.searchParams.get('actor') || entry.actor === url.searchParams.get('actor')) },
      };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<AuditScreen tree={unitTreeReply()} />);

    const sentence = await screen.findByText('admin đã xuất báo cáo Excel của Xã A, 01/11/2026–30/11/2026');
    const item = sentence.closest('li')!;
    expect(within(item).getByText('10:00 01/12/2026')).toBeTruthy();
    const raw = within(item).getByText('Bản ghi gốc').closest('details')!;
    expect(raw.open).toBe(false);
    await user.click(within(item).getByText('Bản ghi gốc'));
    expect(raw.open).toBe(true);
    expect(within(raw).getByText(/"action": "report.exported.xlsx"/)).toBeTruthy();
    expect(screen.getByText('lan đã thực hiện thao tác “backup.made”')).toBeTruthy();
    // A tablet by the name the Devices screen lists it under.
    expect(await screen.findByText('Máy tính bảng “Máy quầy 1” đã đăng ký vào Xã A')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Loại thao tác' }), 'Xuất báo cáo');
    await screen.findByText('admin đã xuất báo cáo Excel của Xã A, 01/11/2026–30/11/2026');
    expect(screen.queryByText(/backup\.made/)).toBeNull();
    expect(requests.at(-1)!.url).toBe('/api/v1/admin/audit?limit=100&group=exports');

    await user.type(screen.getByRole('textbox', { name: 'Người thực hiện' }), 'lan{Enter}');
    expect(await screen.findByText('Không có mục nào khớp bộ lọc.')).toBeTruthy();
    expect(requests.at(-1)!.url).toBe('/api/v1/admin/audit?limit=100&group=exports&actor=lan');
  });

  it('reads the same entry in English', async () => {
    const { fetchStub } = stubFetch(() => ({ status: 200, body: { entries: [EXPORT] } }));
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<AuditScreen tree={unitTreeReply()} />, 'en');
    expect(await screen.findByText('admin exported the Excel report of Xã A, 01/11/2026–30/11/2026')).toBeTruthy();
  });
});
