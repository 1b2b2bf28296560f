import { sql, type Insertable, type Kysely } from 'kysely';
import { reportQuerySchema } from '../../src/domain/manage-api.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import type { CountMeasure, CountPlace, Database } from '../../src/server/db/schema.ts';
import { rebuildScopeCounts } from '../../src/server/db/scope-members-repository.ts';
import { listUnits } from '../../src/server/db/units-repository.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { onBothDatabases, type OpenedDatabase } from './ingest.ts';
import type { BenchmarkOutcome, Metric } from './report.ts';

/**
 * Issue 4's realistic year: 1,000 units (a province, 100 communes, 9 service centres under each) and the
 * daily tally rows that 10 million responses over the weekdays of 2025 leave behind, on a fresh SQLite
 * file and a fresh PostgreSQL database. The rows are written straight into the daily tables by one
 * INSERT … SELECT per commune (ingesting 10 M responses through the API would take hours): these are
 * "tally rows equivalent to N responses", N being the sum of the complete counts, printed with the run.
 * Simplifications, stated with the numbers: each centre-day has one service field, no counter, no
 * flagged responses, all 22 SIPAS criteria × 5 levels and the 8 improvement options; the responses table
 * holds no raw rows, so the comment lookup walks every day of the period and finds nothing (its worst case).
 * Timed: the unit tree read (as every request does) plus buildReport, the whole report the API returns.
 */

const YEAR = 2025;
/** BENCH_REPORT_COMMUNES: fewer communes for a quick try of the generator; the year is 100. */
const COMMUNES = Number(process.env.BENCH_REPORT_COMMUNES ?? 100);
const CENTRES_PER_COMMUNE = 9;
const TARGET_MS = 200;
const RUNS = Math.max(5, Number(process.env.BENCH_REPORT_RUNS ?? 5));
const SERVICE_FIELDS = ['dat-dai', 'ho-tich', 'tu-phap', 'xay-dung', 'khac'];
/** Answers per level of one criterion on a centre-day before the 0–2 variation: 38–48 answers a day. */
const LEVEL_BASE = [1, 2, 4, 15, 16];

export interface Generated {
  units: number;
  tallyRows: number;
  responseCountRows: number;
  choiceRows: number;
  completeResponses: number;
  scopeTotalRows: number;
  scopeTotalsSeconds: number;
  seconds: number;
}

export function weekdaysOf(year: number): string[] {
  const days: string[] = [];
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
    const day = new Date(time).getUTCDay();
    if (day !== 0 && day !== 6) days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

/** Rows of the count table in one place (and measure). */
async function count(db: Kysely<Database>, place: CountPlace, measure?: CountMeasure): Promise<number> {
  let query = db.selectFrom('counts').where('place', '=', place);
  if (measure) query = query.where('measure', '=', measure);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `days`: the weekdays that get rows (default every weekday of the year); the alerts benchmark writes two months. */
export async function generate(db: Kysely<Database>, days: readonly string[] = weekdaysOf(YEAR)): Promise<Generated> {
  const began = performance.now();
  await prepareDatabase(db);
  const sipas = BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === 'sipas')!;
  const criteria = sipas.elements.flatMap((element) => element.criteria.map((criterion) => criterion.id));
  const units: Insertable<Database['units']>[] = [];
  const name = (vi: string) => JSON.stringify({ vi });
  units.push({
    id: 'tinh',
    parent_id: null,
    kind: 'province',
    name: name('Tỉnh Đo'),
    merged_into_id: null,
    full_questionnaire_id: null,
    quick_questionnaire_id: null,
    position: 0,
  });
  for (let c = 0; c < COMMUNES; c++) {
    units.push({
      id: `xa-${c}`,
      parent_id: 'tinh',
      kind: 'commune',
      name: name(`Xã ${c}`),
      merged_into_id: null,
      full_questionnaire_id: null,
      quick_questionnaire_id: null,
      position: c,
    });
    for (let s = 0; s < CENTRES_PER_COMMUNE; s++) {
      units.push({
        id: `xa-${c}-tt-${s}`,
        parent_id: `xa-${c}`,
        kind: 'service-centre',
        name: name(`Bộ phận ${c}.${s}`),
        merged_into_id: null,
        full_questionnaire_id: null,
        quick_questionnaire_id: null,
        position: c * CENTRES_PER_COMMUNE + s,
      });
    }
  }
  for (let start = 0; start < units.length; start += 200)
    await db
      .insertInto('units')
      .values(units.slice(start, start + 200))
      .execute();

  // Small helper tables the INSERT … SELECT statements cross-join; dropped before timing.
  await db.schema.createTable('bench_days').addColumn('n', 'integer').addColumn('local_day', 'text').execute();
  await db.schema
    .createTable('bench_levels')
    .addColumn('k', 'integer')
    .addColumn('criterion_id', 'text')
    .addColumn('level', 'integer')
    .addColumn('base', 'integer')
    .execute();
  await db.schema.createTable('bench_options').addColumn('k', 'integer').addColumn('option_id', 'text').execute();
  await db.schema.createTable('bench_fields').addColumn('k', 'integer').addColumn('id', 'text').execute();
  for (let start = 0; start < days.length; start += 100) {
    await db
      .insertInto('bench_days' as never)
      .values(days.slice(start, start + 100).map((day, i) => ({ n: start + i, local_day: day })) as never)
      .execute();
  }
  const levels = criteria.flatMap((criterionId, c) => LEVEL_BASE.map((base, l) => ({ k: c * 5 + l, criterion_id: criterionId, level: l + 1, base })));
  await db
    .insertInto('bench_levels' as never)
    .values(levels as never)
    .execute();
  await db
    .insertInto('bench_options' as never)
    .values(
      ['access', 'procedure', 'staff', 'result', 'feedback', 'shorter-time', 'fewer-documents', 'online-services'].map((option_id, k) => ({
        k,
        option_id,
      })) as never,
    )
    .execute();
  await db
    .insertInto('bench_fields' as never)
    .values(SERVICE_FIELDS.map((id, k) => ({ k, id })) as never)
    .execute();

  // One service field per centre-day, chosen by position and day so every field has answers.
  const columns = sql.raw(
    'place, unit_id, questionnaire_id, granularity, period, service_field_id, procedure_id, counter_id, channel, questionnaire_version, flagged, measure, item, detail, count',
  );
  const dims = sql`'unit', u.id, 'sipas', 'day', d.local_day, f.id, '*', '', 'kiosk', 1, 0`;
  const fromCentres = sql`from units u cross join bench_days d join bench_fields f on f.k = (u.position + d.n) % ${sql.lit(SERVICE_FIELDS.length)}`;
  for (let c = 0; c < COMMUNES; c++) {
    const commune = `xa-${c}`;
    await sql`insert into counts (${columns})
      select ${dims}, 'tally', l.criterion_id, cast(l.level as text), l.base + (u.position * 7 + d.n * 13 + l.k) % 3
      ${fromCentres} cross join bench_levels l where u.parent_id = ${commune}`.execute(db);
    await sql`insert into counts (${columns})
      select ${dims}, 'responses', '1', '', 41 + (u.position * 3 + d.n * 5) % 5 ${fromCentres} where u.parent_id = ${commune}
      union all select ${dims}, 'responses', '0', '', 1 + (u.position + d.n) % 3 ${fromCentres} where u.parent_id = ${commune}`.execute(db);
    await sql`insert into counts (${columns})
      select ${dims}, 'choice', 'improvements', o.option_id, 1 + (u.position + d.n * 3 + o.k) % 6
      ${fromCentres} cross join bench_options o where u.parent_id = ${commune}`.execute(db);
  }
  for (const table of ['bench_days', 'bench_levels', 'bench_options', 'bench_fields']) await db.schema.dropTable(table).execute();
  // The scope totals the sync transaction would have written, built the way the migration builds them.
  const totalsBegan = performance.now();
  const memberships = new UnitRowTree(await listUnits(db)).scopeMemberships();
  for (let start = 0; start < memberships.length; start += 500) {
    await db
      .insertInto('unit_scope_members')
      .values(memberships.slice(start, start + 500).map((row) => ({ scope_unit_id: row.scopeUnitId, member_unit_id: row.memberUnitId })))
      .execute();
  }
  await rebuildScopeCounts(db);
  const scopeTotalsSeconds = (performance.now() - totalsBegan) / 1000;
  // Fresh statistics, as a database that has been running for a year would have.
  await sql`analyze`.execute(db);
  const complete = await db
    .selectFrom('counts')
    .where('place', '=', 'unit')
    .where('measure', '=', 'responses')
    .where('item', '=', '1')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .executeTakeFirstOrThrow();
  return {
    units: units.length,
    tallyRows: await count(db, 'unit', 'tally'),
    responseCountRows: await count(db, 'unit', 'responses'),
    choiceRows: await count(db, 'unit', 'choice'),
    completeResponses: Number(complete.n),
    scopeTotalRows: await count(db, 'scope'),
    scopeTotalsSeconds,
    seconds: (performance.now() - began) / 1000,
  };
}

interface Timing {
  medianMs: number;
  runsMs: number[];
  complete: number;
}

async function timeReport(db: Kysely<Database>, params: { unitId: string; from: string; to: string }): Promise<Timing> {
  const catalog = new QuestionnaireCatalog(db);
  const query = reportQuerySchema.parse(params);
  const runsMs: number[] = [];
  let complete = 0;
  // One untimed run first: the catalog cache and the database's own caches warm up, as on a server in use.
  for (let run = 0; run <= RUNS; run++) {
    const began = performance.now();
    const tree = new UnitRowTree(await listUnits(db));
    const { reply } = await buildReport(db, catalog, tree, query);
    const ms = performance.now() - began;
    complete = reply.responses.complete;
    if (run > 0) runsMs.push(ms);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs: runsMs.map((ms) => Math.round(ms * 10) / 10), complete };
}

async function benchOn(opened: OpenedDatabase, label: string, metrics: Metric[]): Promise<Record<string, unknown>> {
  const generated = await generate(opened.db);
  console.info(
    `    ${label}: ${generated.units} units; tally rows equivalent to ${generated.completeResponses.toLocaleString('en-US')} complete responses ` +
      `(${generated.tallyRows.toLocaleString('en-US')} unit tally rows, ${generated.responseCountRows.toLocaleString('en-US')} unit response-count rows, ` +
      `${generated.choiceRows.toLocaleString('en-US')} unit choice rows) generated in ${generated.seconds.toFixed(0)} s, ` +
      `of which ${generated.scopeTotalsSeconds.toFixed(0)} s to build ${generated.scopeTotalRows.toLocaleString('en-US')} scope rows`,
  );
  const province = await timeReport(opened.db, { unitId: 'tinh', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
  console.info(
    `    ${label}, province × year: median ${province.medianMs.toFixed(1)} ms of ${province.runsMs.join(', ')} (${province.complete.toLocaleString('en-US')} responses)`,
  );
  const provinceMonth = await timeReport(opened.db, { unitId: 'tinh', from: `${YEAR}-06-01`, to: `${YEAR}-06-30` });
  console.info(
    `    ${label}, province × month: median ${provinceMonth.medianMs.toFixed(1)} ms of ${provinceMonth.runsMs.join(', ')} (${provinceMonth.complete.toLocaleString('en-US')} responses)`,
  );
  const provinceRange = await timeReport(opened.db, { unitId: 'tinh', from: `${YEAR}-02-17`, to: `${YEAR}-11-12` });
  console.info(
    `    ${label}, province × 17 Feb–12 Nov: median ${provinceRange.medianMs.toFixed(1)} ms of ${provinceRange.runsMs.join(', ')} (${provinceRange.complete.toLocaleString('en-US')} responses)`,
  );
  const commune = await timeReport(opened.db, { unitId: `xa-${Math.min(42, COMMUNES - 1)}`, from: `${YEAR}-06-01`, to: `${YEAR}-06-30` });
  console.info(
    `    ${label}, one commune × month: median ${commune.medianMs.toFixed(1)} ms of ${commune.runsMs.join(', ')} (${commune.complete.toLocaleString('en-US')} responses)`,
  );
  const target = { kind: 'under' as const, limit: TARGET_MS };
  metrics.push(
    {
      label: `${label} report, province × year (tally rows ≈ ${(generated.completeResponses / 1e6).toFixed(1)} M responses)`,
      value: province.medianMs,
      unit: 'ms',
      target,
    },
    { label: `${label} report, one commune × month`, value: commune.medianMs, unit: 'ms', target },
    { label: `${label} report, province × month`, value: provinceMonth.medianMs, unit: 'ms', target },
    { label: `${label} report, province × 17 Feb–12 Nov (months and days)`, value: provinceRange.medianMs, unit: 'ms', target },
  );
  return { generated, province, provinceMonth, provinceRange, commune };
}

export async function reportsBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {
    year: YEAR,
    communes: COMMUNES,
    centresPerCommune: CENTRES_PER_COMMUNE,
    runs: RUNS,
    rows: 'tally rows written directly, not ingested responses',
  };
  return onBothDatabases(metrics, details, benchOn);
}
