import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { E2E_STAFF_PIN } from './kiosk-pages.ts';

/** Opens the staff view from the kiosk header with the PIN chosen at enrolment. */
export async function unlockStaffView(page: Page, pin = E2E_STAFF_PIN): Promise<void> {
  await page.getByRole('button', { name: 'Nhân viên' }).click();
  await page.getByLabel('Mã PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Mở khóa' }).click();
  await page.getByRole('button', { name: 'Kết quả' }).waitFor();
}

/** Clicks an export button (by its exact name: the CSV buttons share a beginning) and returns the downloaded file's suggested name and bytes. */
export async function downloadByButton(page: Page, buttonName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}
