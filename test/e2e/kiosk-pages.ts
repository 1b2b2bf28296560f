import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { bootSnapshotKey } from '../../src/app/store/boot-snapshot.ts';
import { DEFERRED_ASSETS_CACHE, DEFERRED_ASSETS_LIST } from '../../src/app/pwa/deferred-assets.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: the page's CSP rightly refuses an inline <script> tag.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 3).map((node) => ({ target: node.target })),
    }));
  });
}

/** Runs axe-core on what the page shows now and fails on any serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page, screenName: string): Promise<void> {
  const serious = (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious, `axe on ${screenName}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Runs axe-core on what the page shows now and fails on any violation, whatever its impact. */
export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe on ${screenName}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

export const E2E_STAFF_PIN = '135790';

/**
 * Opens the kiosk link with its enrolment code and finishes enrolment as staff do: the code is filled
 * in from the link, staff choose the PIN, and the kiosk's welcome screen follows.
 */
export async function enrolTablet(page: Page, origin: string, code: string, pin = E2E_STAFF_PIN): Promise<void> {
  await page.goto(`${origin}/kiosk?enrol=${code}`);
  await page.getByLabel('Mã PIN nhân viên (4–8 chữ số)').fill(pin);
  await page.getByLabel('Nhập lại mã PIN').fill(pin);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 30_000 });
}

/** Levels per element, in order; `null` taps "no opinion". */
export interface FullSurveyAnswers {
  serviceField?: string;
  levels: (number | null)[][];
  overall?: number;
  improvements?: string[];
  comment?: string;
}

const FIVE_LEVEL_LABELS = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];

export async function completeFullSurvey(page: Page, answers: FullSurveyAnswers, onScreen?: (name: string) => Promise<void>) {
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
  const next = page.getByRole('button', { name: 'Tiếp tục' });
  if (answers.serviceField) {
    await onScreen?.('service field');
    await page.getByRole('radio', { name: answers.serviceField, exact: true }).click();
    await next.click();
  }
  for (const [elementIndex, levels] of answers.levels.entries()) {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(`Yếu tố ${elementIndex + 1}/5`);
    await onScreen?.(`element ${elementIndex + 1}`);
    const rows = page.getByRole('radiogroup');
    for (const [row, level] of levels.entries()) {
      const name = level === null ? 'Không có ý kiến' : FIVE_LEVEL_LABELS[level - 1]!;
      await rows.nth(row).getByRole('radio', { name, exact: true }).click();
    }
    await next.click();
  }
  await onScreen?.('overall');
  if (answers.overall) await page.getByRole('radio', { name: FIVE_LEVEL_LABELS[answers.overall - 1]!, exact: true }).click();
  await next.click();
  await onScreen?.('improvements');
  for (const improvement of answers.improvements ?? []) await page.getByRole('checkbox', { name: improvement }).click();
  await next.click();
  await onScreen?.('profile');
  await next.click();
  await onScreen?.('comment');
  if (answers.comment) await page.getByRole('textbox').fill(answers.comment);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();
  await onScreen?.('thank-you');
  await page.getByRole('button', { name: 'Xong' }).click();
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor();
}

/** One quick rating: the face, then (the unhappy face asks why on a screen of its own) a skip, then "Xong". */
export async function quickRate(page: Page, face: string): Promise<void> {
  await page.getByRole('radio', { name: face, exact: true }).click();
  if (face === 'Không hài lòng') await page.getByRole('button', { name: 'Bỏ qua' }).click();
  await page.getByRole('button', { name: 'Xong' }).click();
}

export interface RawStoredResponse {
  id: string;
  deviceSequence: number;
  status: string;
  complete: boolean;
  questionnaireId: string;
  serviceFieldId: string | null;
  answers: Record<string, unknown>;
  locale: string;
  [field: string]: unknown;
}

/** Reads the tablet's IndexedDB directly, not through the app, so the test checks what is really stored. */
export async function readStoredResponses(page: Page): Promise<RawStoredResponse[]> {
  return page.evaluate(
    () =>
      new Promise<RawStoredResponse[]>((resolve, reject) => {
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('responses').objectStore('responses').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as RawStoredResponse[]).sort((a, b) => a.deviceSequence - b.deviceSequence));
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** What the staff settings screen stores: an override of the unit's published kiosk settings. */
export async function overrideKioskSettings(page: Page, overrides: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ({ values, bootCopyKey }) =>
      new Promise<void>((resolve, reject) => {
        // Only the app keeps its boot copy current, and it does not see a write made behind its back:
        // without the copy, the next start reads the new settings from IndexedDB.
        localStorage.removeItem(bootCopyKey);
        const open = indexedDB.open('sipas-collect');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('settings', 'readwrite');
          transaction.objectStore('settings').put({ key: 'settings', overrides: values });
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { values: overrides, bootCopyKey: bootSnapshotKey('sipas-collect') },
  );
}

/** Waits until a service worker is active, which it becomes only after precaching what the kiosk needs. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** The deferred files (src/app/pwa/deferred-assets.ts) of the build the page runs, and which of them its cache holds. */
export async function deferredAssetsOf(page: Page): Promise<{ listed: string[]; cached: string[] }> {
  return page.evaluate(
    async ({ cacheName, list }) => {
      const listed = (await (await fetch(`/${list}`)).json()) as string[];
      const cache = await caches.open(cacheName);
      const cached = [];
      for (const path of listed) if (await cache.match(path)) cached.push(path);
      return { listed, cached };
    },
    { cacheName: DEFERRED_ASSETS_CACHE, list: DEFERRED_ASSETS_LIST },
  );
}

/**
 * Waits until the files left out of the install's precache (dashboard, staff view, QR scanner) are cached
 * too, as the kiosk does once its first screen is up: after this the staff view works offline.
 */
export async function waitForDeferredAssets(page: Page, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { listed, cached } = await deferredAssetsOf(page);
    if (listed.length > 0 && cached.length === listed.length) return;
    if (Date.now() > deadline) throw new Error(`after ${timeoutMs} ms, ${cached.length} of the ${listed.length} deferred files are cached`);
    await page.waitForTimeout(250);
  }
}
