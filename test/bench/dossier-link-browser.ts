import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { FIRST_QUESTION_PAINT_IDENTIFIER } from '../../src/app/dossier-link/performance-marks.ts';
import { signDossierLink } from '../../src/domain/dossier-link.ts';
import { launchBrowser } from '../e2e/chromium.ts';
import { freePort, startServer, temporarySqliteFile } from '../e2e/server-process.ts';
import { ELEMENT_PAINTED_SOURCE, evaluateInPage } from './element-timing.ts';
import { NETWORKS, type Network } from './networks.ts';
import { productionBundle } from './production-build.ts';
import { median, type BenchmarkOutcome } from './report.ts';
import { removeBenchDatabase } from './tablet.ts';

/**
 * The citizen's dossier-link page (issue 21) on a phone profile: 390×844, CPU throttled 4×, each load in a
 * fresh context with an empty cache, on the production bundle served by the real server, over two 3G-like
 * networks: Lighthouse's mobile profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up: "the bottom of
 * 4G, the top of 3G"), which the < 2 s target is judged on, and Chromium DevTools' "Fast 3G" (562.5 ms round
 * trip, 1.44 Mbit/s), reported: at that latency the four round trips any page needs (connection, page,
 * script, the link's data) take 2.25 s before anything runs, so no page meets 2 s there, the floor included.
 * Timed: navigation → the first question painted (its Element Timing). The floor is a hand-written page
 * served by the same server that asks the same link's API and writes the first question and its five
 * faces, timed alike; the two alternate. Also counted: the JavaScript as sent before the first question
 * (target ≤ 50 KB).
 */

const CPU_THROTTLE = 4;
const ROUNDS = 5;
const TARGET_MS = 2_000;
const SCRIPT_BUDGET_KB = 50;
const VIEWPORT = { width: 390, height: 844 };
const FLOOR_DIR = 'bench-floor-link';
const UNIT = 'demo-an-hoa-centre';

const FLOOR_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đánh giá</title><script type="module" src="/${FLOOR_DIR}/link.js"></script></head>
<body><main><h1>Đánh giá kết quả giải quyết hồ sơ</h1><p id="unit"></p><fieldset><legend elementtiming="${FIRST_QUESTION_PAINT_IDENTIFIER}" id="question"></legend><div id="faces"></div></fieldset></main></body></html>
`;

const FLOOR_SCRIPT = `const token = location.hash.slice(1);
const page = await (await fetch('/api/v1/dossier-links/' + token)).json();
document.getElementById('unit').textContent = page.unit.name.vi + ' · ' + page.dossierCode;
const criterion = page.questionnaire.elements[0].criteria[0];
const labels = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];
document.getElementById('faces').append(...labels.map((label) => Object.assign(document.createElement('button'), { textContent: label })));
document.getElementById('question').textContent = criterion.text.vi;
`;

interface LinkRun {
  firstQuestionMs: number;
  scriptBytes: number;
}

const READ_TIMINGS_SCRIPT = `async (identifier) => {
  const painted = await (${ELEMENT_PAINTED_SOURCE})(identifier, 'first question');
  const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js') && entry.responseEnd <= painted);
  return { firstQuestionMs: painted, scriptBytes: scripts.reduce((sum, entry) => sum + entry.transferSize, 0) };
}`;

async function timedLoad(browser: Browser, url: string, network: Network): Promise<LinkRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, locale: 'vi-VN', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORKS[network].conditions);
    await page.goto(url, { waitUntil: 'commit' });
    return await evaluateInPage<LinkRun>(cdp, `(${READ_TIMINGS_SCRIPT})(${JSON.stringify(FIRST_QUESTION_PAINT_IDENTIFIER)})`, url);
  } finally {
    await context.close();
  }
}

export async function dossierLinkBrowserBenchmark(): Promise<BenchmarkOutcome> {
  const distDir = await productionBundle();
  const floorDir = join(distDir, FLOOR_DIR);
  mkdirSync(floorDir, { recursive: true });
  writeFileSync(join(floorDir, 'link.html'), FLOOR_HTML);
  writeFileSync(join(floorDir, 'link.js'), FLOOR_SCRIPT);
  const sqliteFile = temporarySqliteFile();
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const server = await startServer({
    port,
    databaseUrl: sqliteFile,
    env: { STATIC_DIR: distDir, LOG_LEVEL: 'warn', LINK_KEYS_SECRET: Buffer.alloc(32, 7).toString('base64') },
  });
  const browser = await launchBrowser();
  const runs: Record<Network, { app: LinkRun[]; floor: LinkRun[] }> = { lighthouse: { app: [], floor: [] }, fast3g: { app: [], floor: [] } };
  try {
    const admin = await browser.newContext();
    const login = await admin.request.post(`${server.origin}/api/v1/auth/login`, {
      data: { username: 'admin', password: 'sipas-demo' },
      headers: { 'x-sipas-csrf': '1' },
    });
    if (!login.ok()) throw new Error(`the demo administrator could not sign in: ${login.status()}`);
    const key = await admin.request.post(`${server.origin}/api/v1/admin/dossier-signing-keys`, {
      data: { unitId: UNIT },
      headers: { 'x-sipas-csrf': '1' },
    });
    if (!key.ok()) throw new Error(`no signing key: ${key.status()} ${await key.text()}`);
    const { keyId, secret } = (await key.json()) as { keyId: string; secret: string };
    await admin.close();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const token = signDossierLink(
      { keyId, unitId: UNIT, dossierCode: '000.00.31.H99-BENCH-0001', procedureCode: '1.001193', issuedOn: today, expiresOn: today },
      new Uint8Array(Buffer.from(secret, 'base64url')),
    );
    const appUrl = `${server.origin}/d#${token}`;
    const floorUrl = `${server.origin}/${FLOOR_DIR}/link.html#${token}`;
    await timedLoad(browser, appUrl, 'lighthouse');
    await timedLoad(browser, floorUrl, 'lighthouse');
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const network of Object.keys(NETWORKS) as Network[]) {
        runs[network].app.push(await timedLoad(browser, appUrl, network));
        runs[network].floor.push(await timedLoad(browser, floorUrl, network));
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    removeBenchDatabase(sqliteFile);
    rmSync(floorDir, { recursive: true, force: true });
  }
  const metrics: BenchmarkOutcome['metrics'] = [];
  for (const network of Object.keys(NETWORKS) as Network[]) {
    const { app: appRuns, floor: floorRuns } = runs[network];
    const label = NETWORKS[network].label;
    console.info(
      `    ${label}: dossier-link page, navigation → first question (ms): ${appRuns.map((run) => run.firstQuestionMs.toFixed(0)).join(', ')}`,
    );
    console.info(`    ${label}: floor page, the same (ms): ${floorRuns.map((run) => run.firstQuestionMs.toFixed(0)).join(', ')}`);
    const app = median(appRuns.map((run) => run.firstQuestionMs));
    const floor = median(floorRuns.map((run) => run.firstQuestionMs));
    metrics.push(
      {
        label: `navigation → first question painted, 390×844, CPU ${CPU_THROTTLE}×, ${label}, median`,
        value: app,
        unit: 'ms',
        ...(network === 'lighthouse' ? { target: { kind: 'under' as const, limit: TARGET_MS } } : {}),
      },
      { label: `the floor page, the same (${label}), median`, value: floor, unit: 'ms' },
      { label: `as a ratio to the floor (${label})`, value: app / floor, unit: '×' },
    );
  }
  metrics.push({
    label: 'JS transferred before the first question (as sent)',
    value: median(runs.lighthouse.app.map((run) => run.scriptBytes)) / 1024,
    unit: 'KB',
    target: { kind: 'under', limit: SCRIPT_BUDGET_KB },
  });
  return { metrics, details: { cpuThrottle: CPU_THROTTLE, networks: NETWORKS, rounds: ROUNDS, viewport: VIEWPORT, runs } };
}
