import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import km from '../../src/app/i18n/locales/km.json';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import {
  completeFullSurvey,
  enrolTablet,
  expectNoAxeViolations,
  overrideKioskSettings,
  readStoredResponses,
  waitForServiceWorker,
} from './kiosk-pages.ts';

const sipas = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
const counterRating = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'counter-rating')!;
const KM_FIVE = km.scale.five;

/** The same answers as a Vietnamese respondent's, given through the Khmer screens. */
const LEVELS: (keyof typeof KM_FIVE | null)[][] = [
  ['5', '4', null, '3'],
  ['4', '4', '4', '4', '4'],
  ['1', '2', '3', '4', '5', '5'],
  ['2', '2', '2'],
  ['5', null, null, '4'],
];

/** Font files the page has downloaded (the service worker answers them, but the page still asks). */
async function khmerFontRequests(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.includes('noto-sans-khmer')),
  );
}

async function answerFullSurveyInKhmer(page: Page) {
  await page.getByRole('button', { name: km.welcome.start }).click();
  for (const [elementIndex, levels] of LEVELS.entries()) {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(`កត្តាទី ${elementIndex + 1}/5`);
    const element = sipas.elements[elementIndex]!;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(element.title.km);
    for (const [row, level] of levels.entries()) {
      const group = page.getByRole('radiogroup', { name: element.criteria[row]!.text.km, exact: true });
      await group.getByRole('radio', { name: level === null ? km.scale.noOpinion : KM_FIVE[level], exact: true }).click();
    }
    await page.getByRole('button', { name: km.survey.next, exact: true }).click();
  }
  const overall = sipas.sections[0]!.questions[0]!;
  await page.getByRole('radiogroup', { name: overall.text.km, exact: true }).getByRole('radio', { name: KM_FIVE['4'], exact: true }).click();
  await page.getByRole('button', { name: km.survey.next, exact: true }).click();
  await page.getByRole('checkbox', { name: 'កាត់បន្ថយរយៈពេលដោះស្រាយ' }).click();
  await page.getByRole('button', { name: km.survey.next, exact: true }).click();
  await page.getByRole('radio', { name: 'ស្រី', exact: true }).click();
  await page.getByRole('button', { name: km.survey.next, exact: true }).click();
  await page.getByRole('textbox').fill('សេវាល្អ');
  await page.getByRole('button', { name: km.survey.submit }).click();
  await page.getByRole('heading', { name: km.thanks.title }).waitFor();
  await page.getByRole('button', { name: km.thanks.done }).click();
}

describe('the kiosk in Khmer, with no network', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('answers a full survey and a quick rating in Khmer, stored with locale km and the Vietnamese answer ids; the font loads only once Khmer is chosen', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sipas-tablet-'));
    const firstVisit = await launchTablet(profile);
    const setup = firstVisit.pages()[0] ?? (await firstVisit.newPage());
    await enrolTablet(setup, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(setup);
    await overrideKioskSettings(setup, { fixedServiceFieldId: 'ho-tich', languages: ['vi', 'en', 'km'] });
    await firstVisit.close();

    await server.kill();
    const tablet = await launchTablet(profile, { offline: true });
    const page = tablet.pages()[0] ?? (await tablet.newPage());
    await page.goto(`${server.origin}/kiosk`);
    const khmer = page.getByRole('button', { name: 'ភាសាខ្មែរ', exact: true });
    await khmer.waitFor({ timeout: 30_000 });
    expect(await khmerFontRequests(page)).toEqual([]);

    await khmer.click();
    await page.getByRole('heading', { name: km.welcome.invitation }).waitFor();
    expect(await khmer.getAttribute('aria-pressed')).toBe('true');
    // The Khmer texts and their font came from the service worker's cache: the browser is offline.
    await expect
      .poll(() => page.evaluate(() => [...document.fonts].some((face) => face.family.includes('Noto Sans Khmer') && face.status === 'loaded')))
      .toBe(true);
    await expect.poll(() => khmerFontRequests(page)).not.toEqual([]);
    // The staff button a citizen sees is in Khmer too.
    expect(await page.getByRole('button', { name: km.nav.staff, exact: true }).count()).toBe(1);

    await answerFullSurveyInKhmer(page);
    // The next person starts in Vietnamese.
    await page.getByRole('heading', { name: 'Mời Ông/Bà đánh giá sự phục vụ hôm nay' }).waitFor();
    await completeFullSurvey(page, {
      levels: LEVELS.map((levels) => levels.map((level) => (level === null ? null : Number(level)))),
      overall: 4,
      improvements: ['Rút ngắn thời gian giải quyết'],
    });

    await overrideKioskSettings(page, { mode: 'quick', languages: ['vi', 'en', 'km'] });
    await page.reload();
    await page.getByRole('button', { name: 'ភាសាខ្មែរ', exact: true }).click();
    const quickQuestion = counterRating.elements[0]!.criteria[0]!.text.km!;
    await page.getByRole('radiogroup', { name: quickQuestion, exact: true }).waitFor();
    await page.getByRole('radio', { name: km.scale.three['1'], exact: true }).click();
    // The reason comes after the tap, on its own screen.
    await page.getByRole('heading', { name: km.quickReason.title }).waitFor();
    await page.getByRole('checkbox', { name: 'យឺតពេលកំណត់' }).click();
    await page.getByRole('button', { name: km.quickReason.send }).click();
    await page.getByRole('heading', { name: km.thanks.title }).waitFor();

    const stored = await readStoredResponses(page);
    expect(stored.map((record) => [record.locale, record.questionnaireId, record.complete, record.status])).toEqual([
      ['km', 'sipas', true, 'pending'],
      ['vi', 'sipas', true, 'pending'],
      ['km', 'counter-rating', true, 'pending'],
    ]);
    const [inKhmer, inVietnamese, quick] = stored;
    const { comment, ...khmerAnswers } = inKhmer!.answers;
    expect(comment).toBe('សេវាល្អ');
    expect({ ...khmerAnswers, gender: undefined }).toEqual({ ...inVietnamese!.answers, gender: undefined });
    expect(khmerAnswers).toMatchObject({ 'E1.1': 5, 'E3.1': 1, 'E3.6': 5, overall: 4, improvements: ['shorter-time'], gender: 'female' });
    expect(quick!.answers).toEqual({ 'Q.1': 1, reason: ['late'] });
    await tablet.close();
  });

  describe('every citizen screen in Khmer', () => {
    /** Proper names may stay as they are written: the language's own name and the ward's. */
    const PROPER_NAMES = ['Tiếng Việt', 'An Hòa'];
    const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
    const SCREENSHOTS = 'test-results/kiosk-khmer';
    let citizenServer: RunningServer;
    let tablet: Awaited<ReturnType<typeof launchTablet>>;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      citizenServer = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
      tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
      page = tablet.pages()[0] ?? (await tablet.newPage());
      await enrolTablet(page, citizenServer.origin, citizenServer.enrolmentCode!);
    });
    afterAll(async () => {
      await tablet?.close().catch(() => undefined);
      await citizenServer?.stop().catch(() => undefined);
    });

    async function expectKhmerOnly(page: Page, screen: string) {
      await page.evaluate(() => document.fonts.ready);
      const text = await page.evaluate(() => document.body.innerText);
      const leftover = PROPER_NAMES.reduce((rest, name) => rest.replaceAll(name, ''), text);
      const vietnamese = leftover.split('\n').filter((line) => VIETNAMESE_LETTERS.test(line));
      expect(vietnamese, `Vietnamese on ${screen}`).toEqual([]);
      await expectNoAxeViolations(page, screen);
    }

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      for (const largeText of [false, true]) {
        const mode = largeText ? 'large text' : 'normal text';
        it(`shows no Vietnamese but proper names, with no axe violation, at ${viewport.width}×${viewport.height} in ${mode}`, async () => {
          {
            await page.setViewportSize(viewport);
            await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], askProcedure: true, largeText });
            await page.goto(`${citizenServer.origin}/kiosk`);
            await page.getByRole('button', { name: 'ភាសាខ្មែរ', exact: true }).click();
            await page.getByRole('heading', { name: km.welcome.invitation }).waitFor();
            const shot = async (name: string) =>
              page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport.width}x${viewport.height}${largeText ? '-large' : ''}.png` });
            await expectKhmerOnly(page, 'welcome');
            await shot('welcome');
            await page.getByRole('button', { name: km.welcome.start }).click();
            await page.getByRole('heading', { name: km.serviceField.title }).waitFor();
            await expectKhmerOnly(page, 'service field');
            await shot('service-field');
            await page.getByRole('radio', { name: 'អត្រានុកូលដ្ឋាន', exact: true }).click();
            await page.getByRole('button', { name: km.survey.next, exact: true }).click();
            await page.getByRole('heading', { name: km.procedure.title }).waitFor();
            await expectKhmerOnly(page, 'procedure');
            await page.getByRole('button', { name: km.survey.next, exact: true }).click();
            await page.getByRole('radiogroup').first().getByRole('radio', { name: KM_FIVE['4'], exact: true }).click();
            for (let screen = 1; ; screen += 1) {
              await expectKhmerOnly(page, `survey screen ${screen}`);
              if (screen === 1) await shot('first-element');
              const submit = page.getByRole('button', { name: km.survey.submit, exact: true });
              if ((await submit.count()) > 0) {
                await submit.click();
                break;
              }
              const progress = await page.locator('.kiosk__progress span').textContent();
              await page.getByRole('button', { name: km.survey.next, exact: true }).click();
              await expect.poll(() => page.locator('.kiosk__progress span').textContent()).not.toBe(progress);
            }
            await page.getByRole('heading', { name: km.thanks.title }).waitFor();
            await expectKhmerOnly(page, 'thank-you');

            await overrideKioskSettings(page, { languages: ['vi', 'en', 'km'], mode: 'quick', largeText });
            await page.goto(`${citizenServer.origin}/kiosk`);
            await page.getByRole('button', { name: 'ភាសាខ្មែរ', exact: true }).click();
            await page.getByRole('radio', { name: km.scale.three['1'], exact: true }).waitFor();
            await expectKhmerOnly(page, 'quick rating');
            await shot('quick');
            await page.getByRole('radio', { name: km.scale.three['1'], exact: true }).click();
            await page.getByRole('heading', { name: km.quickReason.title }).waitFor();
            await expectKhmerOnly(page, 'quick reason');
            await shot('quick-reason');
          }
        });
      }
    }
  });
});
