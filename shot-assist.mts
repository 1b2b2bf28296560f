import { chromium } from 'playwright-core';
const code = process.argv[2]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:8099/kiosk?enrol=${code}`);
await page.getByLabel('Mã PIN nhân viên (4–8 chữ số)').fill('246810');
await page.getByLabel('Nhập lại mã PIN').fill('246810');
await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 30000 });
for (const [w, h, name] of [[1280, 800, 'land'], [800, 1280, 'port'], [390, 844, 'phone']] as const) {
  await page.setViewportSize({ width: w, height: h });
  await page.getByRole('button', { name: 'Nhân viên' }).click();
  await page.getByLabel('Mã PIN').fill('246810');
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await page.getByRole('button', { name: 'Kết quả' }).waitFor();
  await page.screenshot({ path: `/tmp/x/staff-${name}.png` });
  await page.getByRole('button', { name: 'Hỗ trợ người dân đánh giá' }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/x/assist-${name}.png` });
  if (name === 'land') {
    await page.getByRole('button', { name: 'A+' }).first().click().catch(() => undefined);
  }
  // Leave the survey by the idle path is slow; reload returns to the welcome screen.
  await page.reload();
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 30000 });
}
await browser.close();
