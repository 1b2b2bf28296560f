import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryPreferencesPanel } from '../../../src/app/manage/alerts/DeliveryPreferencesForm.tsx';
import { DEFAULT_DELIVERY_PREFERENCES } from '../../../src/domain/alert-delivery.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('delivery preferences', () => {
  it('chooses e-mail with an address, quiet hours and a weekly digest, and says the webhook is not configured', async () => {
    const { fetchStub, requests } = stubFetch((request) => ({
      status: 200,
      body: { preferences: request.body ?? DEFAULT_DELIVERY_PREFERENCES, channelsAvailable: { email: true, webhook: false } },
    }));
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<DeliveryPreferencesPanel />);

    await user.type(await screen.findByLabelText('Địa chỉ thư điện tử'), 'quan.ly@example.test');
    await user.click(screen.getByRole('checkbox', { name: 'Thư điện tử' }));
    expect(screen.getByText('(máy chủ chưa cấu hình)')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Máy tính bảng không liên lạc' }));
    await user.type(screen.getByLabelText('Từ'), '21:00');
    await user.type(screen.getByLabelText('Đến'), '07:00');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tần suất bản tin' }), 'weekly');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await vi.waitFor(() => expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(1));
    const saved = requests.find((request) => request.method === 'PUT')!;
    expect(saved.url).toBe('/api/v1/alert-preferences');
    expect(saved.headers['x-sipas-csrf']).toBe('1');
    expect(saved.body).toEqual({
      email: 'quan.ly@example.test',
      channels: ['email'],
      ruleKinds: ['index-below-target', 'dissatisfaction-burst', 'ledger-gap', 'stuffing-flags'],
      quietHours: { from: '21:00', to: '07:00' },
      digest: { frequency: 'weekly', at: '07:30' },
    });
  });
});
