import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { reportQuerySchema } from '../../src/domain/manage-api.ts';
import { officialReportLayout } from '../../src/domain/official-report.ts';
import { AlertEngine } from '../../src/server/alerts/alert-engine.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { addToCounts } from '../../src/server/db/counts-repository.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import { todayLocal } from '../../src/domain/calendar.ts';
import type { CountRow, Database } from '../../src/server/db/schema.ts';
import { listUnits } from '../../src/server/db/units-repository.ts';
import { useApiConventions } from '../../src/server/http/api-failure.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/server/http/limits.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { numberAndAuditPdfReport } from '../../src/server/reports/report-number.ts';
import { renderReportPdf } from '../../src/server/reports/report-pdf.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { enrolmentRoutes } from '../../src/server/routes/enrolment.ts';
import { syncRoutes } from '../../src/server/routes/sync.ts';
import { batchBodies, enrol, openSqlite, seedUnit } from './ingest.ts';
import { generate, weekdaysOf } from './reports.ts';
import { median, type BenchmarkOutcome, type Metric } from './report.ts';

/**
 * Issue 20's three numbers, each on SQLite in this process:
 * - ingest: the same kind of batches (6 × 500 SIPAS responses a run) through the sync routes with the alert
 *   engine's afterBatch wired and not wired, in paired, alternating rounds on one database. A wired run's
 *   time ends when the engine is idle again, so every evaluation its batches caused is charged to it.
 *   The engine evaluates every default rule (migration 0015) for the batch's unit and the units above it.
 * - evaluation: every enabled default rule over 1,001 units (a province, 100 communes, 9 centres under
 *   each) with two months of daily tallies (October–November 2025, written straight into the aggregates as
 *   the reports benchmark writes them), at 08:00 on 1 December 2025 local time. The first evaluation opens
 *   the alerts (every unit is under its 85% target) and reads every unit's window: it is reported apart.
 *   The timed ones are what the engine's timer meets: nothing changed (its steady state); the window moved
 *   a day (the next mornings); answers reached ten centres since the last evaluation (added to their
 *   counts through addToCounts, as the sync adds them). No tablets, so the tablet and ledger rules judge
 *   nothing, and no raw responses, so the burst rule reads an empty window.
 * - the province's official PDF for November 2025 (ranking of its 100 communes): the route's path —
 *   the unit tree, buildReport, numbering and audit, layout, pdfmake — median of rounds after one warm-up
 *   (which loads pdfmake and the fonts, once per process).
 */

const INGEST_ROUNDS = Number(process.env.BENCH_ALERTS_ROUNDS ?? 8);
const INGEST_BATCHES = 6;
const EVALUATION_RUNS = 5;
const PDF_RUNS = 5;
const GENEROUS_LIMIT = { max: 1_000_000, timeWindowMs: 60_000 };
const NOW = new Date('2025-12-01T01:00:00Z'); // 08:00 in Asia/Ho_Chi_Minh
const CHANGED_CENTRES = 10;

/** One satisfied answer's tally and response rows at each of ten centres (a different ten each run), today. */
function changedCentreRows(run: number, day: string): CountRow[] {
  const rows: CountRow[] = [];
  for (let k = 0; k < CHANGED_CENTRES; k += 1) {
    const unitId = `xa-${(run * CHANGED_CENTRES + k) % 100}-tt-${k % 9}`;
    const key = {
      place: 'unit' as const,
      unit_id: unitId,
      questionnaire_id: 'sipas',
      granularity: 'day' as const,
      period: day,
      service_field_id: 'khac',
      procedure_id: '*',
      counter_id: '',
      channel: 'kiosk' as const,
      questionnaire_version: 1,
      flagged: 0 as const,
    };
    rows.push({ ...key, measure: 'responses', item: '1', detail: '', count: 1 }, { ...key, measure: 'tally', item: 'E1.1', detail: '5', count: 1 });
  }
  return rows;
}

function syncApp(db: Kysely<Database>, alerts: AlertEngine | undefined): FastifyInstance {
  const app = Fastify({ bodyLimit: DEFAULT_BODY_LIMIT_BYTES });
  useApiConventions(app);
  app.register(enrolmentRoutes, { db, now: () => new Date(), rateLimit: GENEROUS_LIMIT });
  app.register(syncRoutes, { db, catalog: new QuestionnaireCatalog(db), now: () => new Date(), rateLimit: GENEROUS_LIMIT, alerts });
  return app;
}

async function ingestCost(metrics: Metric[]): Promise<Record<string, unknown>> {
  const opened = await openSqlite();
  const engine = new AlertEngine({ db: opened.db, catalog: new QuestionnaireCatalog(opened.db), now: () => new Date() });
  const wired = syncApp(opened.db, engine);
  const bare = syncApp(opened.db, undefined);
  try {
    await prepareDatabase(opened.db);
    await seedUnit(opened.db);
    const origins = { wired: await wired.listen({ port: 0, host: '127.0.0.1' }), bare: await bare.listen({ port: 0, host: '127.0.0.1' }) };
    const rates: Record<'wired' | 'bare', number[]> = { wired: [], bare: [] };
    for (let round = 0; round <= INGEST_ROUNDS; round += 1) {
      // Alternating which goes first, so neither always meets the larger database or the warmer machine.
      const order: ('wired' | 'bare')[] = round % 2 === 0 ? ['wired', 'bare'] : ['bare', 'wired'];
      for (const which of order) {
        const device = await enrol(origins.wired, opened.db);
        const bodies = batchBodies(device, INGEST_BATCHES, 700 + round);
        const began = performance.now();
        for (const body of bodies) {
          const reply = await fetch(`${origins[which]}/api/v1/sync/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
            body,
          });
          if (!reply.ok) throw new Error(`a batch failed: ${reply.status} ${await reply.text()}`);
        }
        if (which === 'wired') await engine.idle();
        // Round 0 warms both up and is not counted.
        if (round > 0) rates[which].push((bodies.length * 500) / ((performance.now() - began) / 1000));
      }
    }
    // Paired by round: each round's two runs met the same machine and nearly the same database.
    const costPercent = median(rates.bare.map((bareRate, round) => (bareRate / rates.wired[round]! - 1) * 100));
    console.info(
      `    ingest without the engine ${Math.round(median(rates.bare))}/s, with it ${Math.round(median(rates.wired))}/s: rule evaluation costs ${costPercent.toFixed(1)}%`,
    );
    metrics.push(
      { label: 'SQLite ingest in process, alert engine not wired (floor)', value: median(rates.bare), unit: 'responses/s' },
      { label: 'SQLite ingest in process, afterBatch wired (until the engine is idle)', value: median(rates.wired), unit: 'responses/s' },
      { label: 'Rule evaluation: cost to ingest throughput', value: costPercent, unit: '%', target: { kind: 'at most', limit: 5 } },
    );
    return { rates, rounds: INGEST_ROUNDS, batchesPerRun: INGEST_BATCHES };
  } finally {
    await wired.close();
    await bare.close();
    await engine.idle();
    await opened.close();
  }
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ first: number; runsMs: number[]; medianMs: number; last: T }> {
  let last: T | undefined;
  const samples: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const began = performance.now();
    last = await work();
    samples.push(performance.now() - began);
  }
  const runsMs = samples.slice(1);
  return { first: samples[0]!, runsMs: runsMs.map((ms) => Math.round(ms)), medianMs: median(runsMs), last: last! };
}

async function evaluationAndPdf(metrics: Metric[]): Promise<Record<string, unknown>> {
  const opened = await openSqlite();
  try {
    const days = weekdaysOf(2025).filter((day) => day >= '2025-10-01' && day <= '2025-11-30');
    const generated = await generate(opened.db, days);
    console.info(
      `    ${generated.units} units, ${generated.tallyRows.toLocaleString('en-US')} unit tally rows (${generated.completeResponses.toLocaleString('en-US')} responses, Oct–Nov 2025) generated in ${generated.seconds.toFixed(0)} s`,
    );
    const catalog = new QuestionnaireCatalog(opened.db);
    let now = NOW;
    const engine = new AlertEngine({ db: opened.db, catalog, now: () => now });
    const rules = await opened.db.selectFrom('alert_rules').select(['kind', 'unit_id']).where('enabled', '=', 1).execute();
    const evaluation = await timed(EVALUATION_RUNS, () => engine.evaluate({}));
    const firstOpened = await opened.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.info(
      `    evaluation of ${rules.length} rules (${rules.map((rule) => rule.kind).join(', ')}) over ${generated.units} units: first ${Math.round(evaluation.first)} ms (opened ${Number(firstOpened.n)} alerts, every unit's window read), then median ${Math.round(evaluation.medianMs)} ms of ${evaluation.runsMs.join(', ')}`,
    );
    // The next mornings: each evaluation finds the window moved one day (a weekday's rows leave or come).
    const movedMs: number[] = [];
    for (let day = 1; day <= EVALUATION_RUNS; day += 1) {
      now = new Date(NOW.getTime() + day * 86_400_000);
      const began = performance.now();
      await engine.evaluate({});
      movedMs.push(performance.now() - began);
    }
    // Answers reached ten centres since the last evaluation (as the timer finds it during a working day).
    const changedMs: number[] = [];
    for (let run = 0; run < EVALUATION_RUNS; run += 1) {
      await addToCounts(opened.db, changedCentreRows(run, todayLocal(now)));
      const began = performance.now();
      await engine.evaluate({});
      changedMs.push(performance.now() - began);
    }
    console.info(
      `    after the window moved a day: median ${Math.round(median(movedMs))} ms of ${movedMs.map(Math.round).join(', ')}; after answers reached ${CHANGED_CENTRES} centres: median ${Math.round(median(changedMs))} ms of ${changedMs.map(Math.round).join(', ')}`,
    );

    const query = reportQuerySchema.parse({ unitId: 'tinh', from: '2025-11-01', to: '2025-11-30', locale: 'vi' });
    const pdf = await timed(PDF_RUNS, async () => {
      const tree = new UnitRowTree(await listUnits(opened.db));
      const { reply } = await buildReport(opened.db, catalog, tree, query);
      const generatedAt = new Date();
      const reportNumber = await numberAndAuditPdfReport(opened.db, {
        at: generatedAt,
        actor: 'bench',
        unitId: query.unitId,
        timeZone: reply.unit.timeZone,
        detail: { ...query },
      });
      const bytes = await renderReportPdf(officialReportLayout(reply, { locale: 'vi', reportNumber, generatedAt }));
      return { bytes: bytes.length, ranked: reply.ranking.rows.length };
    });
    console.info(
      `    province PDF, November 2025, ${pdf.last.ranked} communes ranked: first ${Math.round(pdf.first)} ms (loads pdfmake), then median ${Math.round(pdf.medianMs)} ms of ${pdf.runsMs.join(', ')} (${Math.round(pdf.last.bytes / 1024)} KiB)`,
    );
    metrics.push(
      {
        label: `Evaluation of all ${rules.length} default rules, ${generated.units} units (steady state)`,
        value: evaluation.medianMs,
        unit: 'ms',
        target: { kind: 'under', limit: 1_000 },
      },
      {
        label: `  after answers reached ${CHANGED_CENTRES} centres`,
        value: median(changedMs),
        unit: 'ms',
        target: { kind: 'under', limit: 1_000 },
      },
      { label: '  the next morning (the window moved a day)', value: median(movedMs), unit: 'ms', target: { kind: 'under', limit: 1_000 } },
      {
        label: `  the first after a start, reading every unit's window and opening ${Number(firstOpened.n)} alerts`,
        value: evaluation.first,
        unit: 'ms',
      },
      { label: `Province monthly PDF, ${pdf.last.ranked} communes ranked`, value: pdf.medianMs, unit: 'ms', target: { kind: 'under', limit: 2_000 } },
    );
    return { generated, evaluation, movedMs, changedMs, pdf: { ...pdf, last: undefined, ...pdf.last } };
  } finally {
    await opened.close();
  }
}

export async function alertsBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const ingest = await ingestCost(metrics);
  const figures = await evaluationAndPdf(metrics);
  return { metrics, details: { ingest, ...figures, now: NOW.toISOString() } };
}
