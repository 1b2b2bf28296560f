import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { HEADLINE_PAINT_IDENTIFIER } from '../../src/app/manage/report/performance-marks.ts';
import { launchBrowser } from '../e2e/chromium.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from '../e2e/server-process.ts';
import { ELEMENT_PAINTED_SOURCE, evaluateInPage } from './element-timing.ts';
import { productionBundle } from './production-build.ts';
import { median, type BenchmarkOutcome } from './report.ts';
import { removeBenchDatabase } from './tablet.ts';

/**
 * The report page in real Chromium with the CPU throttled 4×, on the production bundle served by the real
 * server process with the demo province: a signed-in administrator opens /manage, the report screen asks
 * the report API for the default unit and period, and the headline's figure is painted (its Element
 * Timing, src/app/manage/report/performance-marks.ts). Timed: from the end of the report API's response
 * (its Resource Timing) to that paint. The floor is a hand-written page served by the same server that
 * fetches the same report URL with the same session and writes the headline's figures (verdict, index,
 * n, interval) into the DOM, timed alike. The two alternate, each in a fresh browser context with an
 * empty HTTP cache, so a noisy neighbour slows both; the result is the median and its ratio to the floor's.
 */

const CPU_THROTTLE = 4;
const ROUNDS = 9;
const TARGET_MS = 1_000;
const REPORT_API = '/api/v1/reports/summary';
const FLOOR_DIR = 'bench-floor';
const VIEWPORT = { width: 1440, height: 900 };

/** The floor: the least a page can do to show the headline from the report reply. */
const FLOOR_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Chỉ số hài lòng</title>
<script type="module" src="/${FLOOR_DIR}/dashboard.js"></script></head>
<body><main><h1>Chỉ số hài lòng</h1><p id="verdict"></p><p elementtiming="${HEADLINE_PAINT_IDENTIFIER}"><span id="index"></span></p><p id="sample"></p></main></body></html>
`;

const FLOOR_SCRIPT = `const verdicts = { meets: 'Đạt', below: 'Chưa đạt', 'not-conclusive': 'Chưa đủ kết luận', 'no-data': 'Chưa có dữ liệu' };
const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('vi-VN');
const url = new URLSearchParams(location.search).get('report');
const report = await (await fetch(url, { credentials: 'same-origin' })).json();
const overall = report.overall;
document.getElementById('verdict').textContent = verdicts[overall.verdict];
document.getElementById('index').textContent = overall.index === null ? '—' : percent.format(overall.index) + '%';
document.getElementById('sample').textContent = count.format(overall.n) + ' phiếu · ' +
  (overall.interval ? percent.format(overall.interval.low) + '–' + percent.format(overall.interval.high) + '%' : '—');
`;

/** One page load as timed in the page's own clock (ms from navigation start). */
export interface HeadlineRun {
  /** The report API's response fully received. */
  reportResponseEndMs: number;
  /** The headline's index painted. */
  headlinePaintedMs: number;
  /** headlinePaintedMs − reportResponseEndMs: what the target judges. */
  afterResponseMs: number;
  /** Bytes of JavaScript transferred (compressed, as sent) before the headline was painted. */
  scriptBytesBeforeHeadline: number;
  reportBytes: number;
  reportUrl: string;
}

/** Waits in the page for the headline's Element Timing entry, then reads the report request's timing. */
const READ_TIMINGS_SCRIPT = `async ({ identifier, api }) => {
  const painted = await (${ELEMENT_PAINTED_SOURCE})(identifier, 'headline');
  const resources = performance.getEntriesByType('resource');
  const reports = resources.filter((entry) => entry.name.includes(api) && entry.responseEnd <= painted);
  const report = reports.sort((a, b) => b.responseEnd - a.responseEnd)[0];
  if (!report) throw new Error('no report response before the headline');
  const scripts = resources.filter((entry) => entry.name.endsWith('.js') && entry.responseEnd <= painted);
  return {
    reportResponseEndMs: report.responseEnd,
    headlinePaintedMs: painted,
    afterResponseMs: painted - report.responseEnd,
    scriptBytesBeforeHeadline: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
    reportBytes: report.transferSize,
    reportUrl: report.name,
  };
}`;

async function timedLoad(browser: Browser, storageState: Awaited<ReturnType<BrowserContext['storageState']>>, url: string): Promise<HeadlineRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block', storageState });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await page.goto(url, { waitUntil: 'commit' });
    return await evaluateInPage<HeadlineRun>(
      cdp,
      `(${READ_TIMINGS_SCRIPT})(${JSON.stringify({ identifier: HEADLINE_PAINT_IDENTIFIER, api: REPORT_API })})`,
      url,
    );
  } finally {
    await context.close();
  }
}

/** The demo administrator main.ts prints at start ("demo admin: admin / sipas-demo"). */
function demoAdmin(server: RunningServer): { username: string; password: string } {
  const match = /demo admin: (\S+) \/ (\S+)/.exec(server.output());
  return match ? { username: match[1]!, password: match[2]! } : { username: 'admin', password: 'sipas-demo' };
}

export async function dashboardBrowserBenchmark(): Promise<BenchmarkOutcome> {
  const distDir = await productionBundle();
  const floorDir = join(distDir, FLOOR_DIR);
  mkdirSync(floorDir, { recursive: true });
  writeFileSync(join(floorDir, 'dashboard.html'), FLOOR_HTML);
  writeFileSync(join(floorDir, 'dashboard.js'), FLOOR_SCRIPT);
  const sqliteFile = temporarySqliteFile();
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const server = await startServer({ port, databaseUrl: sqliteFile, env: { STATIC_DIR: distDir, LOG_LEVEL: 'warn' } });
  const browser = await launchBrowser();
  const appRuns: HeadlineRun[] = [];
  const floorRuns: HeadlineRun[] = [];
  try {
    const signIn = await browser.newContext();
    const answer = await signIn.request.post(`${server.origin}/api/v1/auth/login`, { data: demoAdmin(server), headers: { 'x-sipas-csrf': '1' } });
    if (!answer.ok()) throw new Error(`the demo administrator could not sign in: ${answer.status()} ${await answer.text()}`);
    const storageState = await signIn.storageState();
    await signIn.close();

    // Untimed: learns the report URL the screen asks for, and warms the server's caches for both pages.
    const warmUp = await timedLoad(browser, storageState, `${server.origin}/manage`);
    const floorUrl = `${server.origin}/${FLOOR_DIR}/dashboard.html?report=${encodeURIComponent(new URL(warmUp.reportUrl).pathname + new URL(warmUp.reportUrl).search)}`;
    await timedLoad(browser, storageState, floorUrl);
    console.info(`    report: ${new URL(warmUp.reportUrl).search} (${(warmUp.reportBytes / 1024).toFixed(1)} KB as sent)`);
    for (let round = 0; round < ROUNDS; round += 1) {
      appRuns.push(await timedLoad(browser, storageState, `${server.origin}/manage`));
      floorRuns.push(await timedLoad(browser, storageState, floorUrl));
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    removeBenchDatabase(sqliteFile);
    rmSync(floorDir, { recursive: true, force: true });
  }
  const ms = (runs: HeadlineRun[], pick: (run: HeadlineRun) => number) => median(runs.map(pick));
  console.info(`    report page, response → headline painted (ms): ${appRuns.map((run) => run.afterResponseMs.toFixed(0)).join(', ')}`);
  console.info(`    floor page, the same (ms): ${floorRuns.map((run) => run.afterResponseMs.toFixed(0)).join(', ')}`);
  console.info(
    `    median from navigation: report response ${ms(appRuns, (run) => run.reportResponseEndMs).toFixed(0)} ms, headline ${ms(appRuns, (run) => run.headlinePaintedMs).toFixed(0)} ms; ` +
      `floor: response ${ms(floorRuns, (run) => run.reportResponseEndMs).toFixed(0)} ms, headline ${ms(floorRuns, (run) => run.headlinePaintedMs).toFixed(0)} ms; ` +
      `JS before the headline ${(ms(appRuns, (run) => run.scriptBytesBeforeHeadline) / 1024).toFixed(1)} KB as sent`,
  );
  const app = ms(appRuns, (run) => run.afterResponseMs);
  const floor = ms(floorRuns, (run) => run.afterResponseMs);
  const appFromStart = ms(appRuns, (run) => run.headlinePaintedMs);
  const floorFromStart = ms(floorRuns, (run) => run.headlinePaintedMs);
  return {
    metrics: [
      {
        label: `report response → headline painted, CPU ${CPU_THROTTLE}× slower, median`,
        value: app,
        unit: 'ms',
        target: { kind: 'under', limit: TARGET_MS },
      },
      { label: 'the floor page, the same, median', value: floor, unit: 'ms' },
      { label: 'response → headline, as a ratio to the floor', value: app / floor, unit: '×' },
      { label: `navigation → headline painted, CPU ${CPU_THROTTLE}×, median`, value: appFromStart, unit: 'ms' },
      { label: 'the floor page, the same, median', value: floorFromStart, unit: 'ms' },
      { label: 'navigation → headline, as a ratio to the floor', value: appFromStart / floorFromStart, unit: '×' },
      { label: 'JS transferred before the headline (all, as sent)', value: ms(appRuns, (run) => run.scriptBytesBeforeHeadline) / 1024, unit: 'KB' },
    ],
    details: { cpuThrottle: CPU_THROTTLE, rounds: ROUNDS, viewport: VIEWPORT, appRuns, floorRuns },
  };
}
