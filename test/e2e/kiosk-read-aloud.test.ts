import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import km from '../../src/app/i18n/locales/km.json';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import type { Questionnaire } from '../../src/domain/questionnaire.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import { E2E_STAFF_PIN, enrolTablet, overrideKioskSettings, waitForServiceWorker } from './kiosk-pages.ts';

/** Recordings made with espeak-ng (`espeak-ng -v vi`), committed so machines without it run the test. */
const audioDataUrl = (file: string) => `data:audio/wav;base64,${readFileSync(join('test/fixtures/audio', file)).toString('base64')}`;
const POLITE = audioDataUrl('giao-tiep-lich-su.vi.wav');
const LISTENED = audioDataUrl('chu-y-lang-nghe.vi.wav');

const sipas = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;

/** Version 2 of the SIPAS survey: version 1 with the Vietnamese recordings of E3.1 and E3.2. */
function withRecordings(questionnaire: Questionnaire): Questionnaire {
  return {
    ...questionnaire,
    version: 2,
    elements: questionnaire.elements.map((element) => ({
      ...element,
      criteria: element.criteria.map((criterion) =>
        criterion.id === 'E3.1'
          ? { ...criterion, audio: { vi: POLITE } }
          : criterion.id === 'E3.2'
            ? { ...criterion, audio: { vi: LISTENED } }
            : criterion,
      ),
    })),
  };
}

async function publishAsAdmin(origin: string, questionnaire: Questionnaire) {
  const headers = { 'content-type': 'application/json', [CSRF_HEADER]: '1' };
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: 'admin', password: 'sipas-demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const published = await fetch(`${origin}/api/v1/admin/questionnaires`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify(questionnaire),
  });
  expect(published.status, await published.clone().text()).toBe(201);
}

/**
 * Speech synthesis and audio playback are observed, not heard: the voices the page sees come from
 * localStorage ("test-voices"), every utterance and every played source is recorded in the page.
 */
const OBSERVE_READING = () => {
  const heard = { spoken: [] as { text: string; lang: string; voice: string | null }[], played: [] as string[] };
  Object.assign(window, { heard });
  const voices = JSON.parse(localStorage.getItem('test-voices') ?? '[]') as { name: string; lang: string; localService: boolean }[];
  class Utterance {
    lang = '';
    voice: { name: string } | null = null;
    constructor(public text: string) {}
  }
  const synthesis = {
    getVoices: () => voices.map((voice) => ({ ...voice, default: false, voiceURI: voice.name })),
    speak: (utterance: Utterance) => heard.spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name ?? null }),
    cancel: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    heard.played.push(this.src);
    return Promise.resolve();
  };
};

type Heard = { spoken: { text: string; lang: string; voice: string | null }[]; played: string[] };
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard }).heard);

async function openThirdElement(page: Page, start: string, next: string) {
  await page.getByRole('button', { name: start }).click();
  for (let step = 0; step < 2; step += 1) await page.getByRole('button', { name: next, exact: true }).click();
  await expect.poll(() => page.getByRole('radiogroup').count()).toBe(6);
}

describe('reading aloud on the kiosk', () => {
  let server: RunningServer;
  let tablet: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    await publishAsAdmin(server.origin, withRecordings(sipas));
    tablet = await launchTablet(mkdtempSync(join(tmpdir(), 'sipas-tablet-')));
    await tablet.addInitScript(OBSERVE_READING);
    page = tablet.pages()[0] ?? (await tablet.newPage());
    await enrolTablet(page, server.origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await overrideKioskSettings(page, { fixedServiceFieldId: 'ho-tich', languages: ['vi', 'en', 'km'] });
  });
  afterAll(async () => {
    await tablet?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  });

  it('plays the recording attached to exactly the question tapped when the tablet has no voice', async () => {
    // A remote voice does not count: the counter may have no network.
    await page.evaluate(() =>
      localStorage.setItem('test-voices', JSON.stringify([{ name: 'Online Vietnamese', lang: 'vi-VN', localService: false }])),
    );
    await page.goto(`${server.origin}/kiosk`);
    await openThirdElement(page, 'Bắt đầu đánh giá', 'Tiếp tục');
    // Only the two criteria with a recording offer the speaker.
    expect(await page.getByRole('button', { name: /^Nghe đọc: / }).count()).toBe(2);

    await page.getByRole('button', { name: 'Nghe đọc: Chú ý lắng nghe ý kiến' }).click();
    expect(await heard(page)).toEqual({ spoken: [], played: [LISTENED] });
    await page.getByRole('button', { name: 'Nghe đọc: Giao tiếp lịch sự' }).click();
    expect(await heard(page)).toEqual({ spoken: [], played: [LISTENED, POLITE] });

    // In Khmer the words on screen are Khmer: the Vietnamese recordings are not theirs.
    await page.getByRole('button', { name: 'ភាសាខ្មែរ', exact: true }).click();
    await page.getByRole('radiogroup', { name: sipas.elements[2]!.criteria[0]!.text.km, exact: true }).waitFor();
    expect(await page.locator('button.speaker').count()).toBe(0);
  });

  it('speaks the question and its levels in the question’s language with an on-device voice, and staff see how each language is read', async () => {
    await page.evaluate(() =>
      localStorage.setItem(
        'test-voices',
        JSON.stringify([
          { name: 'Khmer (tablet)', lang: 'km-KH', localService: true },
          { name: 'Online Vietnamese', lang: 'vi-VN', localService: false },
        ]),
      ),
    );
    await page.goto(`${server.origin}/kiosk`);
    await page.getByRole('button', { name: 'ភាសាខ្មែរ', exact: true }).click();
    await openThirdElement(page, km.welcome.start, km.survey.next);
    const question = sipas.elements[2]!.criteria[3]!.text.km!;
    await page.getByRole('button', { name: `ស្តាប់៖ ${question}` }).click();
    const levels = Object.values(km.scale.five);
    expect((await heard(page)).spoken).toEqual(
      [question, ...levels, km.scale.noOpinion].map((text) => ({ text, lang: 'km', voice: 'Khmer (tablet)' })),
    );
    expect((await heard(page)).played).toEqual([]);

    await page.goto(`${server.origin}/kiosk`);
    await page.getByRole('button', { name: 'Nhân viên' }).click();
    await page.getByLabel('Mã PIN').fill(E2E_STAFF_PIN);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    const khmer = page.locator('[data-language="km"]');
    await khmer.waitFor();
    expect(await khmer.textContent()).toContain('Giọng đọc của máy: Khmer (tablet)');
    const vietnamese = await page.locator('[data-language="vi"]').textContent();
    expect(vietnamese).toContain('Máy không có giọng đọc (không mạng) cho ngôn ngữ này');
    expect(vietnamese).toMatch(/Bản ghi âm trong bảng hỏi: 2\/\d+ câu/);
    expect(await page.locator('[data-language="en"]').textContent()).toContain('Không đọc to được');
  });
});
