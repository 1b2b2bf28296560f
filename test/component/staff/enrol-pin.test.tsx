import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n/index.ts';
import { KioskDatabase } from '../../../src/app/store/db.ts';
import { StoreProvider } from '../../../src/app/store/StoreContext.tsx';
import { ensureDeviceIdentity } from '../../../src/app/store/device.ts';
import { verifyStaffPin } from '../../../src/app/store/staff-pin.ts';
import { EnrolScreen } from '../../../src/app/kiosk/EnrolScreen.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('choosing the staff PIN at enrolment', () => {
  it('keeps the code from the link, refuses a short or unconfirmed PIN, and stores the PIN hashed on success', async () => {
    const db = new KioskDatabase('enrol-pin-test');
    const identity = await ensureDeviceIdentity(db);
    const fetch = vi.fn(async () => Response.json({ deviceId: identity.deviceId, token: 't'.repeat(43), unitId: 'hcc-an-hoa' }));
    vi.stubGlobal('fetch', fetch);
    const onEnrolled = vi.fn();
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <StoreProvider db={db}>
          <EnrolScreen initialCode="ABCD-1234" onEnrolled={onEnrolled} />
        </StoreProvider>
      </I18nextProvider>,
    );
    expect((screen.getByLabelText('Mã đăng ký') as HTMLInputElement).value).toBe('ABCD-1234');
    // The link no longer enrols by itself: staff must choose the PIN first.
    expect(fetch).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Mã PIN nhân viên (4–8 chữ số)'), '123');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    expect(await screen.findByText('Mã PIN gồm 4 đến 8 chữ số.')).toBeTruthy();

    await user.type(screen.getByLabelText('Mã PIN nhân viên (4–8 chữ số)'), '4');
    await user.type(screen.getByLabelText('Nhập lại mã PIN'), '1235');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    expect(await screen.findByText('Hai lần nhập mã PIN không khớp nhau.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Nhập lại mã PIN'));
    await user.type(screen.getByLabelText('Nhập lại mã PIN'), '1234');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    await vi.waitFor(() => expect(onEnrolled).toHaveBeenCalledTimes(1));
    expect((await db.device.get('device'))?.token).toBe('t'.repeat(43));
    expect(JSON.stringify(await db.staffAccess.get('pin'))).not.toContain('1234');
    expect(await verifyStaffPin(db, '1234')).toEqual({ kind: 'ok' });
  });

  it("says why a code is refused in the person's language, by the server's code, never with its English message", async () => {
    const db = new KioskDatabase('enrol-refused-test');
    await ensureDeviceIdentity(db);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { error: { code: 'enrolment-code-unknown', message: 'This enrolment code is not known; check it or ask for a new one.', field: 'code' } },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <StoreProvider db={db}>
          <EnrolScreen initialCode="WRONG-0000" onEnrolled={() => undefined} />
        </StoreProvider>
      </I18nextProvider>,
    );
    await user.type(screen.getByLabelText('Mã PIN nhân viên (4–8 chữ số)'), '1234');
    await user.type(screen.getByLabelText('Nhập lại mã PIN'), '1234');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
    const alert = await screen.findByText(/^Không đăng ký được\./);
    expect(alert.textContent).toBe('Không đăng ký được. Mã đăng ký không đúng. Hãy kiểm tra lại mã hoặc xin quản trị viên cấp mã mới.');
    expect(document.body.textContent).not.toContain('not known');
  });
});
