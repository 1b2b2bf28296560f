import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { alertsBenchmark } from './alerts.ts';
import { commentsBenchmark } from './comments.ts';
import { dashboardBrowserBenchmark } from './dashboard-browser.ts';
import { dashboardBundleBenchmark } from './dashboard-bundle.ts';
import { deploymentBenchmark } from './deployment.ts';
import { deviceViewBenchmark } from './device-view.ts';
import { dossierLinkBrowserBenchmark } from './dossier-link-browser.ts';
import { drainBenchmark } from './drain.ts';
import { ingestIntegrityBenchmark } from './ingest-integrity.ts';
import { ingestBenchmark } from './ingest.ts';
import { kioskBrowserBenchmark } from './kiosk-browser.ts';
import { kioskBundleBenchmark } from './kiosk-bundle.ts';
import { reportsBenchmark } from './reports.ts';
import { formatTable, verdictOf, type BenchmarkOutcome, type Metric, type TableRow } from './report.ts';

/**
 * `npm run bench [-- filter]`: runs the benchmarks one after another (the machine's two cores are shared,
 * so nothing heavy runs in parallel), prints each number next to its target and writes
 * test-results/bench.json. A missed target is a finding, not a failure: the exit code is non-zero only
 * when a benchmark crashed.
 */

const BENCHMARKS: { name: string; run: () => Promise<BenchmarkOutcome> }[] = [
  { name: 'kiosk-bundle', run: kioskBundleBenchmark },
  { name: 'kiosk-browser', run: kioskBrowserBenchmark },
  { name: 'ingest', run: ingestBenchmark },
  { name: 'ledger-flags', run: ingestIntegrityBenchmark },
  { name: 'drain', run: drainBenchmark },
  { name: 'reports', run: reportsBenchmark },
  { name: 'dashboard-bundle', run: dashboardBundleBenchmark },
  { name: 'dashboard-browser', run: dashboardBrowserBenchmark },
  { name: 'dossier-link-browser', run: dossierLinkBrowserBenchmark },
  { name: 'device-view', run: deviceViewBenchmark },
  { name: 'comments', run: commentsBenchmark },
  { name: 'deployment', run: deploymentBenchmark },
  { name: 'alerts', run: alertsBenchmark },
];

const RESULTS_FILE = resolve('test-results/bench.json');

interface BenchmarkRecord {
  name: string;
  durationSeconds: number;
  /** 1-minute load average before it started: on a shared 2-core machine, other work moves the timings. */
  loadBefore: number;
  metrics: (Metric & { verdict: string })[];
  details: Record<string, unknown>;
  error?: string;
}

async function main(): Promise<number> {
  const filter = process.argv[2]?.trim();
  const selected = BENCHMARKS.filter((benchmark) => !filter || benchmark.name.includes(filter));
  if (selected.length === 0) {
    console.error(`No benchmark matches "${filter}". Known: ${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')}`);
    return 2;
  }
  const startedAt = new Date();
  const records: BenchmarkRecord[] = [];
  const rows: TableRow[] = [];
  for (const benchmark of selected) {
    const loadBefore = loadavg()[0] ?? 0;
    console.info(`\n▶ ${benchmark.name} (load average ${loadBefore.toFixed(2)} on ${cpus().length} cores)`);
    const began = performance.now();
    try {
      const outcome = await benchmark.run();
      const durationSeconds = (performance.now() - began) / 1000;
      records.push({
        name: benchmark.name,
        durationSeconds,
        loadBefore,
        metrics: outcome.metrics.map((metric) => ({ ...metric, verdict: verdictOf(metric) })),
        details: outcome.details,
      });
      for (const metric of outcome.metrics) rows.push({ benchmark: benchmark.name, metric });
      console.info(`  done in ${durationSeconds.toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      console.error(`  ${benchmark.name} crashed:`, error);
      records.push({
        name: benchmark.name,
        durationSeconds: (performance.now() - began) / 1000,
        loadBefore,
        metrics: [],
        details: {},
        error: String(error instanceof Error ? (error.stack ?? error.message) : error),
      });
      rows.push({ benchmark: benchmark.name, metric: null, error: message });
    }
  }

  const table = formatTable(rows);
  console.info(`\n${table}\n`);
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), filter: filter ?? null, machine, table, benchmarks: records }, null, 2)}\n`,
  );
  console.info(`Results written to ${RESULTS_FILE}`);
  return records.some((record) => record.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The benchmark runner crashed:', error);
    process.exit(1);
  },
);
