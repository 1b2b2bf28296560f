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

/** Clicks an export button and returns the downloaded file's suggested name and bytes. */
export async function downloadByButton(page: Page, buttonName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** RFC 4180 by hand: quoted cells may hold commas, doubled quotes and line breaks; rows end with CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
