import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchTablet } from './chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';
import {
  completeFullSurvey,
  enrolTablet,
  expectNoSeriousAxeViolations,
  overrideKioskSettings,
  readStoredResponses,
  waitForServiceWorker,
  type FullSurveyAnswers,
} from './kiosk-pages.ts';

const SURVEYS: FullSurveyAnswers[] = [
  {
    serviceField: 'Hộ tịch',
    levels: [
      [5, 5, 4, 4],
      [5, 4, 4, 4, 5],
      [5, 5, 5, 5, 5, 5],
      [4, 4, 4],
      [3, 3, null, 3],
    ],
    overall: 5,
    improvements: ['Rút ngắn thời gian giải quyết'],
    comment: 'Cán bộ hướng dẫn rất tận tình, chu đáo.',
  },
  {
    serviceField: 'Đất đai',
    levels: [
      [1, 2, 3, null],
      [2, 2, 2, 2, 2],
      [1, 1, 1, 1, 1, 1],
      [2, 3, 4],
      [5, 4, 3, 2],
    ],
    overall: 2,
  },
  { serviceField: 'Hộ tịch', levels: [[4], [], [null, 5], [], []] },
];

describe('the kiosk with no network', () => {
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile() });
    origin = server.origin;
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('starts from the service-worker cache after a browser restart and stores three surveys and a quick rating', async () => {
    expect(server.enrolmentCode, server.output()).toBeTruthy();
    const profile = mkdtempSync(join(tmpdir(), 'sipas-tablet-'));

    const firstVisit = await launchTablet(profile);
    const page = firstVisit.pages()[0] ?? (await firstVisit.newPage());
    await enrolTablet(page, origin, server.enrolmentCode!);
    await waitForServiceWorker(page);
    await firstVisit.close();

    // The network is really gone: the server is dead and the browser is offline.
    await server.kill();
    const tablet = await launchTablet(profile, { offline: true });
    const kiosk = tablet.pages()[0] ?? (await tablet.newPage());
    await kiosk.goto(`${origin}/kiosk`);
    await kiosk.getByRole('button', { name: 'Bắt đầu đánh giá' }).waitFor({ timeout: 30_000 });
    expect(await kiosk.getByText('Phường An Hòa').count()).toBeGreaterThan(0);
    // The text font came from the HTML's preloads, each file once: none waited for the first layout to ask,
    // and the Vietnamese letters came from the Vietnamese subset, not Latin Extended (src/app/fonts.css).
    const fontRequests = await kiosk.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => entry.name.endsWith('.woff2'))
        .map((entry) => ({
          file: entry.name
            .split('/')
            .pop()!
            .replace(/-[\w-]{8}\.woff2$/, ''),
          initiator: entry.initiatorType,
        })),
    );
    expect(fontRequests.map((request) => request.file).sort()).toEqual(
      ['latin-400', 'latin-700', 'vietnamese-400', 'vietnamese-700'].map((subset) => `noto-sans-${subset}-normal`),
    );
    expect(new Set(fontRequests.map((request) => request.initiator))).toEqual(new Set(['link']));
    // The start-up scripts, stylesheet and fonts came from Cache Storage by the worker's static route,
    // not through its fetch handler (public/sw-static-routes.js); Chromium says which in Resource Timing.
    const assetSources = await kiosk.evaluate(() =>
      (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { workerFinalSourceType?: string })[])
        // The app's own fetch() of a dashboard or staff file not cached yet (pwa/deferred-assets.ts) rightly goes
        // to the network, fails offline and is tried again later: only what the page loads to run is asked here.
        .filter((entry) => new URL(entry.name).pathname.startsWith('/assets/') && entry.initiatorType !== 'fetch')
        .map((entry) => ({ file: new URL(entry.name).pathname, source: entry.workerFinalSourceType })),
    );
    expect(assetSources.length).toBeGreaterThanOrEqual(6);
    expect(
      assetSources.filter((entry) => entry.source !== 'cache'),
      JSON.stringify(assetSources),
    ).toEqual([]);
    await expectNoSeriousAxeViolations(kiosk, 'welcome');

    await completeFullSurvey(kiosk, SURVEYS[0]!, (name) => expectNoSeriousAxeViolations(kiosk, name));
    await completeFullSurvey(kiosk, SURVEYS[1]!);
    await completeFullSurvey(kiosk, SURVEYS[2]!);

    // Quick mode asking why after every face, not only the unhappy one.
    await overrideKioskSettings(kiosk, { mode: 'quick', askReasonForEveryRating: true });
    await kiosk.reload();
    await kiosk.getByRole('radio', { name: 'Rất hài lòng' }).waitFor();
    await expectNoSeriousAxeViolations(kiosk, 'quick rating');
    await kiosk.getByRole('radio', { name: 'Hài lòng', exact: true }).click();
    await kiosk.getByRole('checkbox', { name: 'Đúng hẹn' }).click();
    await expectNoSeriousAxeViolations(kiosk, 'quick reason');
    await kiosk.getByRole('button', { name: 'Gửi lý do' }).click();
    await kiosk.getByRole('heading', { name: 'Xin cảm ơn Ông/Bà!' }).waitFor();

    const stored = await readStoredResponses(kiosk);
    expect(stored).toHaveLength(4);
    expect(stored.map((record) => [record.deviceSequence, record.status, record.complete, record.questionnaireId])).toEqual([
      [1, 'pending', true, 'sipas'],
      [2, 'pending', true, 'sipas'],
      [3, 'pending', true, 'sipas'],
      [4, 'pending', true, 'counter-rating'],
    ]);
    expect(stored[0]!.answers).toMatchObject({
      'E1.1': 5,
      'E1.4': 4,
      'E3.6': 5,
      'E5.1': 3,
      overall: 5,
      improvements: ['shorter-time'],
      comment: 'Cán bộ hướng dẫn rất tận tình, chu đáo.',
    });
    expect(stored[0]!.answers).not.toHaveProperty('E5.3');
    expect(stored[0]!.serviceFieldId).toBe('ho-tich');
    expect(stored[1]!.answers).toMatchObject({ 'E1.1': 1, 'E2.5': 2, 'E3.1': 1, 'E4.3': 4, 'E5.1': 5, overall: 2 });
    expect(stored[2]!.answers).toEqual({ 'E1.1': 4, 'E3.2': 5 });
    expect(stored[3]!.answers).toEqual({ 'Q.1': 2, reason: ['on-time'] });
    await tablet.close();
  });
});
