import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { StoreProvider } from '../../../src/app/store/StoreContext.tsx';
import { SyncProvider } from '../../../src/app/sync/SyncContext.tsx';
import { StaffApp } from '../../../src/app/staff/StaffApp.tsx';
import { buildDeviceConfig } from '../../fixtures/device-config.ts';
import { fixedStatusEngine, freshTablet, renderTabletWithPin, STAFF_PIN } from './render-staff.tsx';

describe('kiosk settings changed by staff', () => {
  it('stores valid changes as overrides the kiosk runs with, and explains invalid ones', async () => {
    const user = userEvent.setup();
    const { db } = await renderTabletWithPin();
    await user.click(await screen.findByRole('button', { name: 'Nhân viên' }));
    await user.type(await screen.findByLabelText('Mã PIN'), STAFF_PIN);
    await user.click(screen.getByRole('button', { name: 'Mở khóa' }));
    await user.click(await screen.findByRole('button', { name: 'Cài đặt' }));

    const idle = screen.getByLabelText('Thời gian chờ khi không thao tác (giây)');
    await user.clear(idle);
    await user.type(idle, '5');
    await user.click(screen.getByRole('checkbox', { name: 'Tiếng Việt' }));
    await user.click(screen.getByRole('checkbox', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Thời gian chờ là số nguyên từ 15 đến 600 giây.')).toBeTruthy();
    expect(screen.getByText('Chọn ít nhất một ngôn ngữ.')).toBeTruthy();
    expect(await db.settings.get('settings')).toBeUndefined();

    await user.clear(idle);
    await user.type(idle, '90');
    await user.click(screen.getByRole('checkbox', { name: 'Tiếng Việt' }));
    await user.click(screen.getByRole('radio', { name: 'Đánh giá nhanh' }));
    await user.selectOptions(screen.getByLabelText('Quầy'), '');
    const retention = screen.getByLabelText('Số ngày giữ phiếu đã gửi trên máy');
    await user.clear(retention);
    await user.type(retention, '30');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Đã lưu cài đặt.')).toBeTruthy();
    expect((await db.settings.get('settings'))?.overrides).toEqual({
      mode: 'quick',
      counterId: null,
      idleTimeoutSeconds: 90,
      languages: ['vi'],
      retentionDays: 30,
      largeText: false,
    });

    await user.click(screen.getByRole('button', { name: 'Về màn hình khảo sát' }));
    // Quick mode now: the kiosk opens straight on the one-screen rating.
    expect(await screen.findByRole('radio', { name: 'Rất hài lòng' })).toBeTruthy();
  });
});

describe('inactivity in the staff view', () => {
  it('returns to the kiosk after the inactivity time', async () => {
    const db = await freshTablet();
    const config = buildDeviceConfig();
    const onLeave = vi.fn();
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <StoreProvider db={db}>
          <SyncProvider engine={fixedStatusEngine()}>
            <StaffApp config={config} settings={config.kioskSettings} onLeave={onLeave} onAssist={() => undefined} inactivityMs={100} />
          </SyncProvider>
        </StoreProvider>
      </I18nextProvider>,
    );
    expect(await screen.findByLabelText('Mã PIN')).toBeTruthy();
    await vi.waitFor(() => expect(onLeave).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });
});
