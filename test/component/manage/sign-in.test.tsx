import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ManageApp from '../../../src/app/manage/ManageApp.tsx';
import { renderWithManageI18n } from './render-manage.tsx';
import { reportReply, stubFetch, unitTreeReply, type StubbedRequest } from './report-factory.ts';

const MANAGER = { id: 'u1', username: 'manager', displayName: 'Nguyễn Văn An', role: 'manager', unitId: 'tinh' } as const;

function serverWith(login: (request: StubbedRequest) => { status: number; body?: unknown; headers?: Record<string, string> }) {
  return stubFetch((request) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path === '/api/v1/auth/session') return { status: 401, body: { error: { code: 'unauthenticated', message: 'sign in' } } };
    if (path === '/api/v1/auth/login') return login(request);
    if (path === '/api/v1/auth/logout') return { status: 204 };
    if (path === '/api/v1/units') return { status: 200, body: unitTreeReply() };
    if (path === '/api/v1/reports/summary') return { status: 200, body: reportReply() };
    return { status: 404, body: { error: { code: 'not-found', message: path } } };
  });
}

async function signIn(username: string, password: string) {
  const user = userEvent.setup();
  await screen.findByRole('heading', { name: 'Đăng nhập trang quản lý' });
  if (username) await user.type(screen.getByLabelText('Tên đăng nhập'), username);
  if (password) await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
  return user;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signing in to the dashboard', () => {
  it('asks for both fields before calling the server', async () => {
    const { fetchStub, requests } = serverWith(() => ({ status: 500 }));
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ManageApp />);
    await signIn('', '');
    expect(await screen.findByText('Vui lòng nhập tên đăng nhập.')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập mật khẩu.')).toBeTruthy();
    expect(requests.some((request) => request.url.includes('/auth/login'))).toBe(false);
  });

  it('says a wrong username or password is wrong, without telling which', async () => {
    const { fetchStub } = serverWith(() => ({ status: 401, body: { error: { code: 'invalid-credentials', message: 'no' } } }));
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ManageApp />);
    await signIn('manager', 'sai-mat-khau');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng. Sau nhiều lần sai liên tiếp, tài khoản sẽ bị tạm khóa trong ít phút.',
    );
  });

  it('explains a lockout with the minutes left', async () => {
    const { fetchStub } = serverWith(() => ({
      status: 423,
      body: { error: { code: 'account-locked', message: 'locked' } },
      headers: { 'retry-after': '540' },
    }));
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ManageApp />);
    await signIn('manager', 'sai-mat-khau');
    expect((await screen.findByRole('alert')).textContent).toBe('Tài khoản đang tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 9 phút.');
  });

  it('signs in with the CSRF header, shows the report, and signs out', async () => {
    const { fetchStub, requests } = serverWith(() => ({ status: 200, body: { user: MANAGER, expiresAt: '2026-07-02T00:00:00.000Z' } }));
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ManageApp />);
    const user = await signIn('manager', 'mat-khau-dung-1');
    expect(await screen.findByTestId('overall-index')).toBeTruthy();
    expect(screen.getByTestId('overall-index').textContent).toBe('87,35%');
    const login = requests.find((request) => request.url.endsWith('/api/v1/auth/login'))!;
    expect(login.method).toBe('POST');
    expect(login.headers['x-sipas-csrf']).toBe('1');
    expect(login.body).toEqual({ username: 'manager', password: 'mat-khau-dung-1' });
    expect(screen.queryByRole('link', { name: 'Máy tính bảng' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    await screen.findByText('Đã đăng xuất.');
    const logout = requests.find((request) => request.url.endsWith('/api/v1/auth/logout'))!;
    expect(logout.headers['x-sipas-csrf']).toBe('1');
  });

  it('shows the sign-in screen again when a report answers 401 mid-session, and the report after signing in again', async () => {
    let sessionValid = true;
    const { fetchStub, requests } = stubFetch((request) => {
      const path = new URL(request.url, 'http://localhost').pathname;
      const expired = { status: 401, body: { error: { code: 'unauthenticated', message: 'sign in' } } };
      if (path === '/api/v1/auth/session')
        return sessionValid ? { status: 200, body: { user: MANAGER, expiresAt: '2026-07-02T00:00:00.000Z' } } : expired;
      if (path === '/api/v1/auth/login') return { status: 200, body: { user: MANAGER, expiresAt: '2026-07-02T00:00:00.000Z' } };
      if (path === '/api/v1/units') return { status: 200, body: unitTreeReply() };
      if (path === '/api/v1/reports/summary') return sessionValid ? { status: 200, body: reportReply() } : expired;
      return { status: 404, body: { error: { code: 'not-found', message: path } } };
    });
    vi.stubGlobal('fetch', fetchStub);
    renderWithManageI18n(<ManageApp />);
    expect((await screen.findByTestId('overall-index')).textContent).toBe('87,35%');

    // An administrator ends the session; the next report the manager asks for is refused.
    sessionValid = false;
    const user = userEvent.setup();
    const filters = screen.getByRole('form', { name: 'Chọn phạm vi báo cáo' });
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Thủ tục' }), '1.001193');
    expect(await screen.findByText('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.')).toBeTruthy();
    expect(screen.queryByTestId('overall-index')).toBeNull();

    // Signing in again asks the server for the report again.
    sessionValid = true;
    const reportsBefore = requests.filter((request) => request.url.includes('/reports/summary')).length;
    await signIn('manager', 'mat-khau-dung-1');
    expect(await screen.findByTestId('overall-index')).toBeTruthy();
    expect(requests.filter((request) => request.url.includes('/reports/summary')).length).toBeGreaterThan(reportsBefore);
  });

  it('says when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    renderWithManageI18n(<ManageApp />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.'));
  });
});
