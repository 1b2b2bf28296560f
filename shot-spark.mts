import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [w, h, name] of [[1440, 900, 'wide'], [390, 844, 'phone']] as const) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto('http://127.0.0.1:8099/manage');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('sipas-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Kỳ sau' }).click();
  await page.waitForTimeout(3000);
  const change = page.getByTestId('headline-method-change');
  console.log(await change.count(), await change.first().textContent().catch(() => ''));
  await change.first().scrollIntoViewIfNeeded().catch(() => undefined);
  await page.screenshot({ path: `/tmp/x/spark-${name}.png` });
  await context.close();
}
await browser.close();
