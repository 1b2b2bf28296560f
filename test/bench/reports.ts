import { sql, type Insertable, type Kysely } from 'kysely';
import { reportQuerySchema } from '../../src/domain/manage-api.ts';
import { methodFor, SIPAS_2017, SIPAS_SERVICE_2023 } from '../../src/domain/methods/index.ts';
import { questionnaireSchema, type Questionnaire } from '../../src/domain/questionnaire.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import { SCALES, type ScaleKind } from '../../src/domain/scales.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../src/domain/templates/index.ts';
import { dialectOf } from '../../src/server/db/database.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { insertMissingQuestionnaires, QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import type { CountMeasure, CountPlace, Database } from '../../src/server/db/schema.ts';
import { rebuildScopeCounts } from '../../src/server/db/scope-members-repository.ts';
import { listUnits } from '../../src/server/db/units-repository.ts';
import { buildReport } from '../../src/server/reports/build-report.ts';
import { UnitRowTree } from '../../src/server/db/unit-row-tree.ts';
import { onBothDatabases, type OpenedDatabase } from './ingest.ts';
import type { BenchmarkOutcome, Metric } from './report.ts';

/**
 * Issue 4's realistic year: 1,000 units (a province, 100 communes, 9 service centres under each) and the
 * daily count rows that 10 million responses over the weekdays of 2025 leave behind, on a fresh SQLite
 * file and a fresh PostgreSQL database, once for each shipped scoring method (issue 19) with a
 * questionnaire it scores. The rows are written straight into the daily tables by one INSERT … SELECT per
 * commune (ingesting 10 M responses through the API would take hours): these are "count rows equivalent to
 * N responses", N being the sum of the complete counts, printed with the run.
 * Simplifications, stated with the numbers: each centre-day has one service field, no counter, no
 * flagged responses, every scale item (criteria and scale questions) × every level and the options of the
 * questionnaire's first choice question; the responses table holds no raw rows, so the comment lookup
 * walks every day of the period and finds nothing (its worst case).
 * Timed: the unit tree read (as every request does) plus buildReport, the whole report the API returns.
 */

const YEAR = 2025;
/** BENCH_REPORT_COMMUNES: fewer communes for a quick try of the generator; the year is 100. */
const COMMUNES = Number(process.env.BENCH_REPORT_COMMUNES ?? 100);
const CENTRES_PER_COMMUNE = 9;
const TARGET_MS = 200;
const RUNS = Math.max(5, Number(process.env.BENCH_REPORT_RUNS ?? 5));
const SERVICE_FIELDS = ['dat-dai', 'ho-tich', 'tu-phap', 'xay-dung', 'khac'];
/** Answers per level of one item on a centre-day before the 0–2 variation per level: 38–48 answers a day on five levels, 38–44 on three. */
const LEVEL_BASE: Record<ScaleKind, readonly number[]> = { 'five-level': [1, 2, 4, 15, 16], 'three-level': [4, 14, 20] };
const bundled = (id: string) => BUNDLED_QUESTIONNAIRES.find((questionnaire) => questionnaire.id === id)!;

/**
 * SIPAS service delivery 2023–2026 (Decision 1001) scores each element by its "in general" question, which
 * the bundled 2017 questionnaire lacks: the bench's version adds E1.general…E5.general, as a province's own
 * questionnaire for that method would.
 */
function sipasServiceQuestionnaire(): Questionnaire {
  const sipas = bundled('sipas');
  const inGeneral = sipas.elements.map((element) => ({
    id: `${element.id}.general`,
    kind: 'scale' as const,
    scale: element.scale,
    text: { vi: `Nhìn chung, Ông/Bà hài lòng thế nào về ${element.title.vi?.toLocaleLowerCase('vi')}?` },
  }));
  return questionnaireSchema.parse({
    ...sipas,
    id: 'sipas-2023',
    version: 1,
    sections: [{ id: 'in-general', title: { vi: 'Nhìn chung' }, questions: inGeneral }, ...sipas.sections],
    scoringMethod: SIPAS_SERVICE_2023,
  });
}

/** The 2017 method with respondent-level shares: the one shape of method that reads counts of its own ('respondent'). */
function sipasRespondentsQuestionnaire(): Questionnaire {
  return questionnaireSchema.parse({
    ...bundled('sipas'),
    id: 'sipas-respondents',
    version: 1,
    scoringMethod: { ...SIPAS_2017, id: 'sipas-2017-respondent-level', shares: 'respondent-level' },
  });
}

/** One survey per shipped method, and the respondent-level variant; BENCH_REPORT_METHODS (method ids, comma-separated) picks some. */
export function benchSurveys(): Questionnaire[] {
  const surveys = [
    bundled('sipas'),
    sipasServiceQuestionnaire(),
    bundled('counter-rating'),
    ...QUESTIONNAIRE_TEMPLATES,
    sipasRespondentsQuestionnaire(),
  ];
  const chosen = process.env.BENCH_REPORT_METHODS?.split(',').map((id) => id.trim());
  return chosen ? surveys.filter((survey) => chosen.includes(methodFor(survey).id)) : surveys;
}

export interface Generated {
  units: number;
  tallyRows: number;
  responseCountRows: number;
  choiceRows: number;
  respondentRows: number;
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

/** Every item a response rates on a scale: the elements' criteria and the scale questions ("in general", overall). */
function scaleItemsOf(questionnaire: Questionnaire): { id: string; scale: ScaleKind }[] {
  return [
    ...questionnaire.elements.flatMap((element) => element.criteria.map((criterion) => ({ id: criterion.id, scale: element.scale }))),
    ...questionnaire.sections.flatMap((section) =>
      section.questions.flatMap((question) => (question.kind === 'scale' ? [{ id: question.id, scale: question.scale }] : [])),
    ),
  ];
}

/**
 * For a respondent-level method, the respondents per element and "satisfied/answered" share a centre-day
 * adds before the 0–2 variation: most answer every criterion at a satisfied level, some all but one.
 */
function respondentSharesOf(questionnaire: Questionnaire): { element_id: string; detail: string; base: number }[] {
  if (methodFor(questionnaire).shares !== 'respondent-level') return [];
  return questionnaire.elements.flatMap((element) => {
    const answered = element.criteria.length;
    return Array.from({ length: answered + 1 }, (_, satisfied) => ({
      element_id: element.id,
      detail: `${satisfied}/${answered}`,
      base: satisfied === answered ? 28 : satisfied === answered - 1 ? 9 : 1,
    }));
  });
}

/**
 * `days`: the weekdays that get rows (default every weekday of the year); the alerts benchmark writes two
 * months. `survey`: the questionnaire answered (published first when it is not bundled).
 */
export async function generate(
  pool: Kysely<Database>,
  days: readonly string[] = weekdaysOf(YEAR),
  survey: Questionnaire = bundled('sipas'),
): Promise<Generated> {
  return pool.connection().execute(async (db) => {
    // PostgreSQL sorts the scope totals' GROUP BY on disk with its default 4 MB; a bulk load gets more, in this session only.
    if (dialectOf(db) === 'postgres') await sql`set work_mem = '1GB'`.execute(db);
    return generateOn(db, days, survey);
  });
}

async function generateOn(db: Kysely<Database>, days: readonly string[], survey: Questionnaire): Promise<Generated> {
  const began = performance.now();
  await prepareDatabase(db);
  await insertMissingQuestionnaires(db, [survey], new Date(`${YEAR - 1}-12-01T00:00:00Z`));
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
    .addColumn('item_id', 'text')
    .addColumn('level', 'integer')
    .addColumn('base', 'integer')
    .execute();
  await db.schema
    .createTable('bench_shares')
    .addColumn('k', 'integer')
    .addColumn('element_id', 'text')
    .addColumn('detail', 'text')
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
  const levels = scaleItemsOf(survey).flatMap((item, i) =>
    LEVEL_BASE[item.scale].map((base, l) => ({ k: i * SCALES[item.scale].levels.length + l, item_id: item.id, level: l + 1, base })),
  );
  for (let start = 0; start < levels.length; start += 100)
    await db
      .insertInto('bench_levels' as never)
      .values(levels.slice(start, start + 100) as never)
      .execute();
  const shares = respondentSharesOf(survey).map((share, k) => ({ k, ...share }));
  if (shares.length > 0)
    await db
      .insertInto('bench_shares' as never)
      .values(shares as never)
      .execute();
  const choice = survey.sections
    .flatMap((section) => section.questions)
    .find((question) => question.kind === 'single-choice' || question.kind === 'multiple-choice');
  if (choice)
    await db
      .insertInto('bench_options' as never)
      .values(choice.options.map((option, k) => ({ k, option_id: option.id })) as never)
      .execute();
  await db
    .insertInto('bench_fields' as never)
    .values(SERVICE_FIELDS.map((id, k) => ({ k, id })) as never)
    .execute();

  // One service field per centre-day, chosen by position and day so every field has answers.
  const columns = sql.raw(
    'place, unit_id, questionnaire_id, granularity, period, service_field_id, procedure_id, counter_id, channel, questionnaire_version, flagged, measure, item, detail, count',
  );
  const dims = sql`'unit', u.id, ${sql.lit(survey.id)}, 'day', d.local_day, f.id, '*', '', 'kiosk', ${sql.lit(survey.version)}, 0`;
  const fromCentres = sql`from units u cross join bench_days d join bench_fields f on f.k = (u.position + d.n) % ${sql.lit(SERVICE_FIELDS.length)}`;
  for (let c = 0; c < COMMUNES; c++) {
    const commune = `xa-${c}`;
    await sql`insert into counts (${columns})
      select ${dims}, 'tally', l.item_id, cast(l.level as text), l.base + (u.position * 7 + d.n * 13 + l.k) % 3
      ${fromCentres} cross join bench_levels l where u.parent_id = ${commune}`.execute(db);
    if (shares.length > 0)
      await sql`insert into counts (${columns})
        select ${dims}, 'respondent', s.element_id, s.detail, s.base + (u.position * 5 + d.n * 11 + s.k) % 3
        ${fromCentres} cross join bench_shares s where u.parent_id = ${commune}`.execute(db);
    await sql`insert into counts (${columns})
      select ${dims}, 'responses', '1', '', 41 + (u.position * 3 + d.n * 5) % 5 ${fromCentres} where u.parent_id = ${commune}
      union all select ${dims}, 'responses', '0', '', 1 + (u.position + d.n) % 3 ${fromCentres} where u.parent_id = ${commune}`.execute(db);
    if (choice)
      await sql`insert into counts (${columns})
        select ${dims}, 'choice', ${choice.id}, o.option_id, 1 + (u.position + d.n * 3 + o.k) % 6
        ${fromCentres} cross join bench_options o where u.parent_id = ${commune}`.execute(db);
  }
  for (const table of ['bench_days', 'bench_levels', 'bench_shares', 'bench_options', 'bench_fields']) await db.schema.dropTable(table).execute();
  // The scope totals the sync transaction would have written, built the way the migration builds them.
  const totalsBegan = performance.now();
  // Statistics of the rows just loaded first: without them PostgreSQL plans the totals' GROUP BY for a small table, eight times slower.
  await sql`analyze`.execute(db);
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
    respondentRows: await count(db, 'unit', 'respondent'),
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
  /** What the report says it scored by, and the index it found: a report that scored nothing would time nothing. */
  methodId: string;
  index: number | null;
}

async function timeReport(db: Kysely<Database>, params: { unitId: string; questionnaireId: string; from: string; to: string }): Promise<Timing> {
  const catalog = new QuestionnaireCatalog(db);
  const query = reportQuerySchema.parse(params);
  const runsMs: number[] = [];
  let reply: Awaited<ReturnType<typeof buildReport>>['reply'] | undefined;
  // One untimed run first: the catalog cache and the database's own caches warm up, as on a server in use.
  for (let run = 0; run <= RUNS; run++) {
    const began = performance.now();
    const tree = new UnitRowTree(await listUnits(db));
    reply = (await buildReport(db, catalog, tree, query)).reply;
    const ms = performance.now() - began;
    if (run > 0) runsMs.push(ms);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    runsMs: runsMs.map((ms) => Math.round(ms * 10) / 10),
    complete: reply!.responses.complete,
    methodId: reply!.method.id,
    index: reply!.overall.index,
  };
}

/** The year of one survey on one database: generated, then its reports timed and checked against the survey's method. */
async function benchSurveyOn(opened: OpenedDatabase, label: string, survey: Questionnaire, metrics: Metric[]): Promise<Record<string, unknown>> {
  const methodId = methodFor(survey).id;
  const caseLabel = `${label} ${methodId}`;
  const generated = await generate(opened.db, weekdaysOf(YEAR), survey);
  console.info(
    `    ${caseLabel}: ${generated.units} units; count rows equivalent to ${generated.completeResponses.toLocaleString('en-US')} complete responses ` +
      `(${generated.tallyRows.toLocaleString('en-US')} unit tally rows, ${generated.respondentRows.toLocaleString('en-US')} unit respondent rows, ` +
      `${generated.responseCountRows.toLocaleString('en-US')} unit response-count rows, ${generated.choiceRows.toLocaleString('en-US')} unit choice rows) ` +
      `generated in ${generated.seconds.toFixed(0)} s, of which ${generated.scopeTotalsSeconds.toFixed(0)} s to build ${generated.scopeTotalRows.toLocaleString('en-US')} scope rows`,
  );
  const periods: { name: string; unitId: string; from: string; to: string }[] = [
    { name: 'province × year', unitId: 'tinh', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
    { name: 'one commune × month', unitId: `xa-${Math.min(42, COMMUNES - 1)}`, from: `${YEAR}-06-01`, to: `${YEAR}-06-30` },
  ];
  // The calendar's other covers are the same for every method: timed once, under the default method.
  if (methodId === SIPAS_2017.id)
    periods.push(
      { name: 'province × month', unitId: 'tinh', from: `${YEAR}-06-01`, to: `${YEAR}-06-30` },
      { name: 'province × 17 Feb–12 Nov (months and days)', unitId: 'tinh', from: `${YEAR}-02-17`, to: `${YEAR}-11-12` },
    );
  const timings: Record<string, Timing> = {};
  const target = { kind: 'under' as const, limit: TARGET_MS };
  for (const period of periods) {
    const timing = await timeReport(opened.db, { unitId: period.unitId, questionnaireId: survey.id, from: period.from, to: period.to });
    if (timing.methodId !== methodId || timing.index === null || timing.complete === 0)
      throw new Error(`${caseLabel}, ${period.name}: the report scored by ${timing.methodId} to ${timing.index} over ${timing.complete} responses`);
    console.info(
      `    ${caseLabel}, ${period.name}: median ${timing.medianMs.toFixed(1)} ms of ${timing.runsMs.join(', ')} ` +
        `(${timing.complete.toLocaleString('en-US')} responses, index ${timing.index})`,
    );
    const scale = period.name === 'province × year' ? ` (count rows ≈ ${(generated.completeResponses / 1e6).toFixed(1)} M responses)` : '';
    metrics.push({ label: `${caseLabel} report, ${period.name}${scale}`, value: timing.medianMs, unit: 'ms', target });
    timings[period.name] = timing;
  }
  return { generated, timings };
}

export async function reportsBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {
    year: YEAR,
    communes: COMMUNES,
    centresPerCommune: CENTRES_PER_COMMUNE,
    runs: RUNS,
    rows: 'count rows written directly, not ingested responses; a fresh database per method',
  };
  // A fresh database per survey and engine: each method's year is the 10 M responses of its own questionnaire.
  for (const survey of benchSurveys()) {
    const perSurvey: Record<string, unknown> = {};
    details[methodFor(survey).id] = perSurvey;
    await onBothDatabases(metrics, perSurvey, (opened, label, into) => benchSurveyOn(opened, label, survey, into));
  }
  return { metrics, details };
}
