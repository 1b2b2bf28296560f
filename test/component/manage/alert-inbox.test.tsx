import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AlertInbox } from '../../../src/app/manage/alerts/AlertInbox.tsx';
import { ManageLayout } from '../../../src/app/manage/layout/ManageLayout.tsx';
import type { Alert } from '../../../src/domain/alerts-api.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function burstAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    ruleId: 'default-dissatisfaction-burst',
    kind: 'dissatisfaction-burst',
    unit: { id: 'xa-a', name: { vi: 'Xã A', en: 'Commune A' } },
    subject: 'quay-1',
    subjectName: { vi: 'Quầy 1', en: 'Counter 1' },
    status: 'open',
    openedAt: '2026-12-04T02:05:00.000Z',
    detail: { answers: 4, dissatisfied: 3, percent: 75, windowMinutes: 15 },
    acknowledged: null,
    resolved: null,
    clearedAt: null,
    ...overrides,
  };
}

describe('the alert inbox', () => {
  it('shows what happened where, links the report of the day, and acknowledges then resolves with the CSRF header', async () => {
    let alert = burstAlert();
    const counts: number[] = [];
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.method === 'POST' && request.url.endsWith('/acknowledge')) {
        alert = { ...alert, status: 'acknowledged', acknowledged: { at: '2026-12-04T02:30:00.000Z', by: 'account:quan-ly' } };
        return { status: 200, body: alert };
      }
      if (request.method === 'POST' && request.url.endsWith('/resolve')) {
        alert = { ...alert, status: 'resolved', resolved: { at: '2026-12-04T03:00:00.000Z', by: 'account:quan-ly' } };
        return { status: 200, body: alert };
      }
      const open = alert.status === 'open' || alert.status === 'acknowledged';
      if (request.url.includes('status=open')) return { status: 200, body: { alerts: open ? [alert] : [], openCount: open ? 1 : 0 } };
      return { status: 200, body: { alerts: [alert], openCount: open ? 1 : 0 } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<AlertInbox onCountChanged={(count) => counts.push(count)} />);

    const row = (await screen.findByText('Nhiều lượt không hài lòng liên tiếp')).closest('tr')!;
    expect(within(row).getByText('09:05 04/12/2026')).toBeTruthy();
    expect(within(row).getByText('Xã A')).toBeTruthy();
    expect(within(row).getByText('3/4 lượt đánh giá không hài lòng trong 15 phút tại Quầy 1.')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Xem báo cáo' }).getAttribute('href')).toBe(
      '/manage?unit=xa-a&period=custom&from=2026-12-04&to=2026-12-04',
    );
    // On a phone the row is a card and each cell is shown under its column's name, which the table carries (manage.css).
    const table = row.closest('table')!;
    const columns = within(table)
      .getAllByRole('columnheader')
      .map((heading) => heading.textContent);
    expect(columns).toEqual(['Thời điểm', 'Đơn vị', 'Nội dung', 'Trạng thái', 'Thao tác']);
    expect(table.classList.contains('data-table--cards')).toBe(true);
    expect(columns.map((_, position) => table.style.getPropertyValue(`--column-${position + 1}`))).toEqual(columns.map((name) => `"${name}"`));

    await user.click(within(row).getByRole('button', { name: 'Ghi nhận' }));
    expect(await screen.findByText('Ghi nhận bởi quan-ly lúc 09:30 04/12/2026')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ghi nhận' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Đã xử lý' }));
    expect(await screen.findByText('Không có cảnh báo nào đang mở.')).toBeTruthy();
    expect(counts.at(-1)).toBe(0);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Hiển thị' }), 'all');
    expect(await screen.findByText('Xử lý bởi quan-ly lúc 10:00 04/12/2026')).toBeTruthy();
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.url)).toEqual(['/api/v1/alerts/a1/acknowledge', '/api/v1/alerts/a1/resolve']);
    expect(posts.every((request) => request.headers['x-sipas-csrf'] === '1')).toBe(true);
  });

  it('the navigation links the alerts with their open count, in English too', () => {
    const user = { id: 'u', username: 'quan-ly', displayName: 'Quản lý', role: 'manager' as const, unitId: 'xa-a' };
    renderWithManageI18n(
      <ManageLayout user={user} route={{ screen: 'report' }} onNavigate={() => undefined} onSignOut={async () => undefined} openAlerts={2}>
        <p>body</p>
      </ManageLayout>,
      'en',
    );
    const link = screen.getByRole('link', { name: /Alerts/ });
    expect(link.getAttribute('href')).toBe('/manage/alerts');
    expect(within(link).getByLabelText('2 open alerts').textContent).toBe('2');
  });
});
