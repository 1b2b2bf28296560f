import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDossierLink } from '../../src/domain/dossier-link.ts';
import { CSRF_HEADER } from '../../src/domain/csrf.ts';
import { launchBrowser } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { signIn } from './server-report.ts';

const UNIT = 'demo-an-hoa-centre';
const OTHER_UNIT = 'demo-tan-phu-mot-cua';
const BIRTH = '1.001193';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' };

interface Minted {
  url: string;
  token: string;
}

/**
 * The citizen's page behind a dossier link, in Chromium at a phone's size against the real server: a
 * link minted by a one-stop system's integration key, answered (through a dropped connection), counted
 * in the per-dossier export under the dossier-link channel; one rating from two tabs; every bad link.
 */
describe('a citizen rates a dossier from their phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: string;
  let vendorKey: string;
  const otherKey: { keyId: string; secret: Uint8Array } = { keyId: '', secret: new Uint8Array() };

  const api = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${server.origin}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
    return text === '' ? null : JSON.parse(text);
  };
  const asAdmin = (path: string, body?: unknown) => api(path, { method: body === undefined ? 'GET' : 'POST', body, headers: { cookie: admin } });
  const mint = (dossierCode: string, extra: Record<string, unknown> = {}): Promise<Minted> =>
    api('/api/v1/integration/dossiers', {
      method: 'POST',
      body: { unitId: UNIT, dossierCode, procedureCode: BIRTH, ...extra },
      headers: { authorization: `Bearer ${vendorKey}` },
    });
  const dossierRows = async (): Promise<{ dossierCode: string; channel: string; procedureCode: string | null }[]> => {
    // Today and yesterday in Việt Nam (UTC+7, no daylight saving time).
    const vietnamDay = (msAgo: number) => new Date(Date.now() + 7 * 3_600_000 - msAgo).toISOString().slice(0, 10);
    const [from, to] = [vietnamDay(86_400_000), vietnamDay(0)];
    return (await asAdmin(`/api/v1/reports/dossiers.json?unitId=${UNIT}&from=${from}&to=${to}`)).dossiers;
  };

  async function openOnPhone(url: string, context?: BrowserContext): Promise<Page> {
    const phone = context ?? (await browser.newContext(PHONE));
    const page = await phone.newPage();
    await page.goto(url);
    return page;
  }

  /** Chooses "Hài lòng" for the first criteria of the full survey. */
  async function rateSome(page: Page, criteria = 3): Promise<void> {
    await page.getByRole('heading', { name: '1. Tiếp cận dịch vụ' }).waitFor();
    for (let index = 0; index < criteria; index += 1) {
      await page.getByRole('radiogroup').nth(index).getByRole('radio', { name: 'Hài lòng', exact: true }).click();
    }
  }

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({
      port,
      databaseUrl: temporarySqliteFile(),
      env: { LINK_KEYS_SECRET: randomBytes(32).toString('base64'), PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    browser = await launchBrowser();
    admin = await signIn(server.origin, { username: 'admin', password: 'sipas-demo' });
    await asAdmin('/api/v1/admin/dossier-signing-keys', { unitId: UNIT });
    const other = await asAdmin('/api/v1/admin/dossier-signing-keys', { unitId: OTHER_UNIT });
    otherKey.keyId = other.keyId;
    otherKey.secret = new Uint8Array(Buffer.from(other.secret, 'base64url'));
    vendorKey = (await asAdmin('/api/v1/admin/integration-keys', { vendor: 'Một cửa điện tử tỉnh', unitIds: [UNIT] })).key;
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('shows what is rated, keeps the answers through a dropped connection and stores them once, under the dossier-link channel', async () => {
    const { url } = await mint('000.00.31.H99-261207-0001');
    expect(url.startsWith(`${server.origin}/d#`)).toBe(true);
    const context = await browser.newContext(PHONE);
    const page = await openOnPhone(url, context);
    await expect.poll(() => page.locator('.dl-about').textContent()).toContain('Đăng ký khai sinh (1.001193)');
    expect(await page.locator('.dl-about').textContent()).toContain('000.00.31.H99-261207-0001');
    // Nothing chosen: the page says so and sends nothing.
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('chưa chọn mức hài lòng nào');

    await rateSome(page);
    // Another language mid-form: the questions change, the answers stay.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: '1. Access to the service' }).waitFor();
    expect(await page.getByRole('radiogroup').first().getByRole('radio', { name: 'Satisfied', exact: true }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: '1. Tiếp cận dịch vụ' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByRole('heading', { name: 'Chưa gửi được vì mất kết nối' }).waitFor();
    // A reload while offline would fail to load the page; the answers are on the phone, and go when the network returns.
    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor({ timeout: 40_000 });

    const rows = (await dossierRows()).filter((row) => row.dossierCode === '000.00.31.H99-261207-0001');
    expect(rows).toEqual([expect.objectContaining({ channel: 'dossier-link', procedureCode: BIRTH })]);
    const rating = await api(`/api/v1/integration/dossier-ratings?unitId=${UNIT}&dossierCode=000.00.31.H99-261207-0001`, {
      headers: { authorization: `Bearer ${vendorKey}` },
    });
    expect(rating).toMatchObject({ rated: true });

    // Opened again on the same phone: the thank-you; on another phone: already rated.
    await page.reload();
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
    const elsewhere = await openOnPhone(url);
    await elsewhere.getByRole('heading', { name: 'Hồ sơ này đã được đánh giá' }).waitFor();
    await context.close();
  });

  it('stores one rating when two tabs send at once', async () => {
    const { url } = await mint('000.00.31.H99-261207-0002');
    const [first, second] = [await openOnPhone(url), await openOnPhone(url)];
    await rateSome(first, 2);
    await rateSome(second, 4);
    await Promise.all([first, second].map((page) => page.getByRole('button', { name: 'Gửi đánh giá' }).click()));
    const outcomes = await Promise.all(
      [first, second].map((page) =>
        page
          .getByRole('heading', { name: /Cảm ơn Ông\/Bà!|Hồ sơ này đã được đánh giá/ })
          .textContent()
          .then((text) => text?.trim()),
      ),
    );
    expect(outcomes.sort()).toEqual(['Cảm ơn Ông/Bà!', 'Hồ sơ này đã được đánh giá']);
    expect((await dossierRows()).filter((row) => row.dossierCode === '000.00.31.H99-261207-0002')).toHaveLength(1);
  });

  it('refuses forged, tampered, wrong-unit, expired and revoked links with a clear page, storing nothing', async () => {
    const before = (await dossierRows()).length;
    const { token } = await mint('000.00.31.H99-261207-0003');
    const [payload, tag] = token.split('.') as [string, string];
    const altered = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('0003', '0004'), 'utf8').toString('base64url');
    const fields = { unitId: UNIT, dossierCode: '000.00.31.H99-261207-0005', procedureCode: BIRTH, issuedOn: '2026-12-07', expiresOn: '2027-01-05' };
    const cases: { token: string; heading: string }[] = [
      { token: `${payload}.${'A'.repeat(tag.length)}`, heading: 'Đường dẫn không hợp lệ' },
      { token: `${altered}.${tag}`, heading: 'Đường dẫn không hợp lệ' },
      { token: token.slice(0, 40), heading: 'Đường dẫn không hợp lệ' },
      // Another unit's key signing for this unit.
      { token: signDossierLink({ ...fields, keyId: otherKey.keyId }, otherKey.secret), heading: 'Đường dẫn không hợp lệ' },
      { token: (await mint('000.00.31.H99-261207-0006', { issuedOn: '2026-01-05', validDays: 30 })).token, heading: 'Đã hết hạn đánh giá' },
    ];
    await asAdmin(`/api/v1/admin/dossier-signing-keys/${otherKey.keyId}/revoke`, {});
    cases.push({
      token: signDossierLink({ ...fields, unitId: OTHER_UNIT, keyId: otherKey.keyId }, otherKey.secret),
      heading: 'Đường dẫn đã bị thu hồi',
    });
    const phone = await browser.newContext(PHONE);
    for (const { token: bad, heading } of cases) {
      const page = await openOnPhone(`${server.origin}/d#${bad}`, phone);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
      await page.close();
    }
    await phone.close();
    expect(await dossierRows()).toHaveLength(before);
  });
});
