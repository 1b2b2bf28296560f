import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FlagThresholdsScreen } from '../../../src/app/manage/admin/FlagThresholdsScreen.tsx';
import { DEFAULT_FLAG_THRESHOLDS } from '../../../src/domain/stuffing-flags.ts';
import { renderWithManageI18n } from './render-manage.tsx';
import { stubFetch, unitTreeReply } from './report-factory.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('stuffing-flag thresholds screen', () => {
  it('shows where a unit inherits its thresholds from, refuses a nonsensical value and saves a valid one', async () => {
    const { fetchStub, requests } = stubFetch((request) => {
      if (request.method === 'GET') return { status: 200, body: { unitId: 'xa-a', thresholds: DEFAULT_FLAG_THRESHOLDS, inheritedFrom: 'tinh' } };
      return { status: 200, body: { unitId: 'xa-a', thresholds: request.body, inheritedFrom: 'xa-a' } };
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderWithManageI18n(<FlagThresholdsScreen tree={unitTreeReply()} />);
    // Before a unit is chosen the screen says what to do, instead of a lone picker.
    expect(screen.getByText('Chọn một đơn vị ở trên để xem và chỉnh sửa.')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox'), 'xa-a');
    expect(screen.queryByText('Chọn một đơn vị ở trên để xem và chỉnh sửa.')).toBeNull();
    expect(await screen.findByText('Đơn vị dùng ngưỡng của đơn vị cấp trên (tinh).')).toBeTruthy();
    const burstCount = screen.getByRole('spinbutton', { name: 'Số lượt hoàn thành liên tiếp từ một máy' }) as HTMLInputElement;
    expect(burstCount.value).toBe('10');

    await user.clear(burstCount);
    await user.type(burstCount, '1');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(0);

    await user.clear(burstCount);
    await user.type(burstCount, '8');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await vi.waitFor(() => expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(1));
    const saved = requests.find((request) => request.method === 'PUT')!;
    expect(saved.url).toBe('/api/v1/admin/flag-thresholds/xa-a');
    expect(saved.body).toEqual({ ...DEFAULT_FLAG_THRESHOLDS, burst: { count: 8, withinSeconds: 20 } });
    expect(saved.headers['x-sipas-csrf']).toBe('1');
  });
});
