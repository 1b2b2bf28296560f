import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [w, h, name] of [[1440, 900, 'wide'], [390, 844, 'phone']] as const) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto('http://127.0.0.1:8099/manage');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('sipas-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForTimeout(4000);
  console.log(page.url());
  await page.screenshot({ path: `/tmp/x/dash-${name}.png`, fullPage: false });
  const mix = page.getByText('Theo kênh').first();
  console.log(await mix.count());
  await mix.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/x/mix-${name}.png` });
  await context.close();
}
await browser.close();
