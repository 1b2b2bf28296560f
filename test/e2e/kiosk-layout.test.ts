import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { enrolTablet, overrideKioskSettings, waitForServiceWorker } from './kiosk-pages.ts';

const SCREENSHOTS = 'test-results/kiosk-layout';

/** Opens the densest element: "Công chức trực tiếp giải quyết công việc", six criteria. */
async function openDensestElement(page: Page) {
  await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
  for (let step = 0; step < 2; step += 1) await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect.poll(() => page.getByRole('radiogroup').count()).toBe(6);
}

async function geometry(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('.kiosk__main')!;
    const lastRow = [...document.querySelectorAll('[role="radiogroup"]')].at(-1)!.getBoundingClientRect();
    const next = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Tiếp tục')!.getBoundingClientRect();
    return {
      verticalScroll: main.scrollHeight - main.clientHeight,
      horizontalOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      lastRowBottom: lastRow.bottom,
      nextButtonBottom: next.bottom,
      viewportHeight: window.innerHeight,
    };
  });
}

describe('kiosk layout', () => {
  let server: RunningServer;
  let tablet: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    page = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich' });
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  for (const [name, viewport] of [
    ['landscape 1280×800', { width: 1280, height: 800 }],
    ['portrait 800×1280', { width: 800, height: 1280 }],
  ] as const) {
    it(`shows the densest element without scrolling on a ${name} tablet`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(`${server.origin}/kiosk`);
      await openDensestElement(page);
      const measured = await geometry(page);
      await page.screenshot({ path: `${SCREENSHOTS}/densest-${viewport.width}x${viewport.height}.png` });
      expect(measured.verticalScroll).toBeLessThanOrEqual(0);
      expect(measured.horizontalOverflow).toBeLessThanOrEqual(0);
      expect(measured.lastRowBottom).toBeLessThanOrEqual(measured.viewportHeight);
      expect(measured.nextButtonBottom).toBeLessThanOrEqual(measured.viewportHeight);
    });
  }

  it('shows the five profile questions without scrolling on a landscape 1280×800 tablet, each beside its options', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.origin}/kiosk`);
    await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    for (let step = 0; step < 12 && !(await heading.textContent())?.startsWith('Thông tin về Ông/Bà'); step += 1) {
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
    }
    await expect.poll(() => page.getByRole('radiogroup').count()).toBe(5);
    const measured = await geometry(page);
    await page.screenshot({ path: `${SCREENSHOTS}/profile-1280x800.png` });
    expect(measured.verticalScroll).toBeLessThanOrEqual(0);
    expect(measured.lastRowBottom).toBeLessThanOrEqual(measured.viewportHeight);
    const beside = await page.evaluate(`[...document.querySelectorAll('.questions > .choices')].every((group) => {
      const legend = group.querySelector('.choices__legend').getBoundingClientRect();
      const options = group.querySelector('.choices__options').getBoundingClientRect();
      return legend.right <= options.left && legend.bottom > options.top;
    })`);
    expect(beside).toBe(true);
  });

  it('never needs horizontal scrolling on a 390×844 phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.origin}/kiosk`);
    await openDensestElement(page);
    const measured = await geometry(page);
    await page.screenshot({ path: `${SCREENSHOTS}/densest-390x844.png`, fullPage: true });
    expect(measured.horizontalOverflow).toBeLessThanOrEqual(0);
    expect(measured.nextButtonBottom).toBeLessThanOrEqual(measured.viewportHeight);
  });

  it('gives every touch target at least 56 px', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.origin}/kiosk`);
    await openDensestElement(page);
    const smallest = await page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll('button')].map((button) =>
          Math.min(button.getBoundingClientRect().width, button.getBoundingClientRect().height),
        ),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(56);
  });

  /**
   * Every face of every criterion on a screen: fully visible in the survey area (above the footer), or
   * brought there by scrolling an area that shows it scrolls (its edge shadow), never hidden under the footer.
   */
  async function facesOutOfReach(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const main = document.querySelector<HTMLElement>('.kiosk__main')!;
      const footer = document.querySelector('.kiosk__footer')!.getBoundingClientRect();
      const scrolls = main.scrollHeight > main.clientHeight;
      const showsItScrolls = getComputedStyle(main).backgroundAttachment.includes('local');
      const problems: string[] = [];
      for (const group of document.querySelectorAll<HTMLElement>('[role="radiogroup"]')) {
        for (const face of group.querySelectorAll<HTMLElement>('[role="radio"]')) {
          const inView = () => {
            const area = main.getBoundingClientRect();
            const box = face.getBoundingClientRect();
            return box.top >= area.top - 0.5 && box.bottom <= Math.min(area.bottom, footer.top) + 0.5 && box.width > 0;
          };
          if (inView()) continue;
          if (!scrolls || !showsItScrolls) {
            problems.push(`${group.getAttribute('aria-label')}: "${face.textContent}" hidden and the area does not visibly scroll`);
            continue;
          }
          face.scrollIntoView({ block: 'nearest' });
          if (!inView()) problems.push(`${group.getAttribute('aria-label')}: "${face.textContent}" not reachable by scrolling`);
        }
      }
      main.scrollTop = 0;
      return problems;
    });
  }

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 800, height: 1280 },
    { width: 390, height: 844 },
  ]) {
    for (const largeText of [false, true]) {
      it(`shows or visibly scrolls to every criterion's faces at ${viewport.width}×${viewport.height}${largeText ? ' in large text' : ''}`, async () => {
        await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', largeText });
        await page.setViewportSize(viewport);
        await page.goto(`${server.origin}/kiosk`);
        await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
        let screens = 0;
        for (;;) {
          const heading = await page.getByRole('heading', { level: 1 }).textContent();
          if (!heading?.startsWith('Yếu tố')) break;
          await page.getByRole('radiogroup').first().waitFor();
          expect(await facesOutOfReach(page), `${heading} at ${viewport.width}×${viewport.height}`).toEqual([]);
          if (largeText && viewport.width === 1280) {
            // On the landscape tablet no criterion needs scrolling at all in large text.
            expect(
              await page.evaluate(() => {
                const main = document.querySelector('.kiosk__main')!;
                return main.scrollHeight - main.clientHeight;
              }),
              heading,
            ).toBeLessThanOrEqual(0);
          }
          await page.screenshot({ path: `${SCREENSHOTS}/faces-${viewport.width}x${viewport.height}${largeText ? '-large' : ''}-${screens + 1}.png` });
          await page.getByRole('button', { name: 'Tiếp tục' }).click();
          await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).not.toBe(heading);
          screens += 1;
        }
        expect(screens).toBe(largeText ? 9 : 5);
      });
    }
  }
});
