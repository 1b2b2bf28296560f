import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import vi from '../../src/app/i18n/locales/vi.json';
import en from '../../src/app/i18n/locales/en.json';
import km from '../../src/app/i18n/locales/km.json';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { enrolTablet, expectNoSeriousAxeViolations, overrideKioskSettings, waitForServiceWorker } from './kiosk-pages.ts';

const SCREENSHOTS = 'test-results/kiosk-accessibility';
const TEXTS = { vi, en, km } as const;
const LANGUAGE_NAMES = { vi: 'Tiếng Việt', en: 'English', km: 'ភាសាខ្មែរ' } as const;
type Locale = keyof typeof TEXTS;
const LOCALES: Locale[] = ['vi', 'en', 'km'];
const MODES = ['normal', 'large text'] as const;
type Mode = (typeof MODES)[number];

/** Picks the language and the display mode on the first screen (welcome, or the quick rating), as a citizen does. */
async function chooseOnWelcome(page: Page, locale: Locale, mode: Mode) {
  await page.getByRole('button', { name: LANGUAGE_NAMES[locale], exact: true }).click();
  await page.getByRole('button', { name: TEXTS[locale].display.largeText }).waitFor();
  if (mode === 'large text') {
    const toggle = page.getByRole('button', { name: TEXTS[locale].display.largeText });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.kiosk--large').count()).toBe(1);
  }
}

/** Everything inside the viewport's width, and the page itself no wider than the viewport. */
async function horizontalGeometry(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflowing = [...document.querySelectorAll<HTMLElement>('.kiosk *')]
      .filter((element) => !element.closest('.visually-hidden'))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < -0.5 || box.right > width + 0.5))
      .map(({ element }) => `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').slice(0, 30)}"`);
    return { pageOverflow: document.documentElement.scrollWidth - width, overflowing };
  });
}

describe('kiosk accessibility in Vietnamese, English and Khmer, normal and large text', () => {
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
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  for (const locale of LOCALES) {
    for (const mode of MODES) {
      it(`has no serious or critical axe violation on any screen in ${locale}, ${mode}`, async () => {
        const texts = TEXTS[locale];
        await page.setViewportSize({ width: 1280, height: 800 });
        await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], dossierCode: { ask: 'optional', pattern: '^[A-Za-z0-9./-]{4,40}$' } });
        await page.goto(`${server.origin}/kiosk`);
        await chooseOnWelcome(page, locale, mode);
        await expectNoSeriousAxeViolations(page, `welcome (${locale}, ${mode})`);

        await page.getByRole('button', { name: texts.welcome.start }).click();
        await page.getByRole('heading', { name: texts.serviceField.title }).waitFor();
        // Focus moves to the new screen's heading, where a screen reader starts reading.
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        await expectNoSeriousAxeViolations(page, `service field (${locale}, ${mode})`);
        // Going on without a field is refused, and the refusal is announced.
        await page.getByRole('button', { name: texts.survey.next, exact: true }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toBe(texts.serviceField.hint);
        await page.getByRole('radiogroup').getByRole('radio').first().click();

        let screens = 0;
        let rated = false;
        for (;;) {
          const submit = page.getByRole('button', { name: texts.survey.submit, exact: true });
          if ((await submit.count()) > 0) {
            await expectNoSeriousAxeViolations(page, `last screen (${locale}, ${mode})`);
            await submit.click();
            break;
          }
          const progress = await page.locator('.kiosk__progress span').textContent();
          // One rated criterion, so the survey can be stored as complete.
          if (!rated && (await page.locator('.element-step').count()) > 0) {
            await page.getByRole('radiogroup').first().getByRole('radio').first().click();
            rated = true;
          }
          await page.getByRole('button', { name: texts.survey.next, exact: true }).click();
          // The step announced in the live region moves on.
          await expect.poll(() => page.locator('.kiosk__progress span').textContent()).not.toBe(progress);
          await expectNoSeriousAxeViolations(page, `${progress} (${locale}, ${mode})`);
          screens += 1;
        }
        // The dossier code, five elements and four sections; large text pages the four elements above three criteria in two.
        expect(screens).toBe(mode === 'large text' ? 14 : 10);
        await page.getByRole('heading', { name: texts.thanks.title }).waitFor();
        await expectNoSeriousAxeViolations(page, `thank-you (${locale}, ${mode})`);

        await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], mode: 'quick', largeText: mode === 'large text' });
        await page.goto(`${server.origin}/kiosk`);
        await page.getByRole('button', { name: LANGUAGE_NAMES[locale], exact: true }).click();
        await page.getByRole('radio', { name: texts.scale.three['3'], exact: true }).waitFor();
        expect(await page.locator('.kiosk--large').count()).toBe(mode === 'large text' ? 1 : 0);
        await expectNoSeriousAxeViolations(page, `quick rating (${locale}, ${mode})`);
        await page.getByRole('radio', { name: texts.scale.three['1'], exact: true }).click();
        await page.getByRole('heading', { name: texts.quickReason.title }).waitFor();
        await expectNoSeriousAxeViolations(page, `quick reason (${locale}, ${mode})`);
        await page.getByRole('button', { name: texts.quickReason.skip }).click();
        await page.getByRole('heading', { name: texts.thanks.title }).waitFor();
      });
    }
  }

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`lays out the quick rating in every language and mode at ${viewport.width}×${viewport.height}`, async () => {
      await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], mode: 'quick' });
      await page.setViewportSize(viewport);
      for (const locale of LOCALES) {
        for (const mode of MODES) {
          await page.goto(`${server.origin}/kiosk`);
          await chooseOnWelcome(page, locale, mode);
          const name = `quick-${locale}-${mode.replace(' ', '-')}-${viewport.width}x${viewport.height}`;
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
          expect(await horizontalGeometry(page), name).toEqual({ pageOverflow: 0, overflowing: [] });
        }
      }
    });
  }

  it('has no serious or critical axe violation on the "are you still there?" dialog in every language and mode', async () => {
    // A page of its own with a fake clock, so the minute without a touch passes at once.
    const idlePage = await tablet.newPage();
    await idlePage.clock.install();
    try {
      await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], fixedServiceFieldId: 'ho-tich' });
      for (const locale of LOCALES) {
        for (const mode of MODES) {
          await idlePage.goto(`${server.origin}/kiosk`);
          await chooseOnWelcome(idlePage, locale, mode);
          await idlePage.getByRole('button', { name: TEXTS[locale].welcome.start }).click();
          // The survey's code may still be loading after a quick tap: its idle timer starts when it is up.
          await idlePage.getByRole('radiogroup').first().waitFor();
          await idlePage.clock.runFor(61_000);
          await idlePage.getByRole('alertdialog', { name: TEXTS[locale].idle.title }).waitFor();
          await expectNoSeriousAxeViolations(idlePage, `idle dialog (${locale}, ${mode})`);
        }
      }
    } finally {
      await idlePage.close();
    }
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    for (const locale of LOCALES) {
      for (const mode of MODES) {
        it(`lays out the densest element in ${locale}, ${mode}, at ${viewport.width}×${viewport.height}`, async () => {
          const texts = TEXTS[locale];
          await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], fixedServiceFieldId: 'ho-tich' });
          await page.setViewportSize(viewport);
          await page.goto(`${server.origin}/kiosk`);
          await chooseOnWelcome(page, locale, mode);
          const welcome = `welcome-${locale}-${mode.replace(' ', '-')}-${viewport.width}x${viewport.height}`;
          await page.screenshot({ path: `${SCREENSHOTS}/${welcome}.png` });
          expect(await horizontalGeometry(page), welcome).toEqual({ pageOverflow: 0, overflowing: [] });
          await page.getByRole('button', { name: texts.welcome.start }).click();
          const next = page.getByRole('button', { name: texts.survey.next, exact: true });
          // Past the first two elements: two screens, or four in large text, which pages both (four and five criteria).
          for (let step = 0; step < (mode === 'large text' ? 4 : 2); step += 1) await next.click();
          // "The civil servant who handled it", six criteria: all on one screen, or two pages of three in large text.
          const pages =
            mode === 'large text'
              ? [
                  [0, 3],
                  [3, 6],
                ]
              : [[0, 6]];
          for (const [pageIndex, [from, to]] of pages.entries()) {
            await expect.poll(() => page.getByRole('radiogroup').count()).toBe(to! - from!);
            await page.evaluate(() => document.fonts.ready);
            const geometry = await horizontalGeometry(page);
            const name = `densest-${locale}-${mode.replace(' ', '-')}-${viewport.width}x${viewport.height}-${pageIndex + 1}`;
            await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
            expect(geometry.pageOverflow, name).toBeLessThanOrEqual(0);
            expect(geometry.overflowing, name).toEqual([]);
            const nextBox = (await next.boundingBox())!;
            expect(nextBox.y + nextBox.height, name).toBeLessThanOrEqual(viewport.height);
            expect(nextBox.x + nextBox.width, name).toBeLessThanOrEqual(viewport.width);
            if (viewport.width === 1280) {
              // On the tablet the whole element (or page) fits without scrolling.
              const verticalScroll = await page.evaluate(() => {
                const main = document.querySelector('.kiosk__main')!;
                return main.scrollHeight - main.clientHeight;
              });
              expect(verticalScroll, name).toBeLessThanOrEqual(0);
            }
            if (pageIndex < pages.length - 1) await next.click();
          }
        });
      }
    }
  }
});
