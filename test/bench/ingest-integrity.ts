import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { countMissing, recordIssued, recordReceived } from '../../src/domain/ledger.ts';
import { freeTextQuestionIds } from '../../src/domain/response-marks.ts';
import { DEFAULT_TIME_ZONE, clockSkewMs } from '../../src/domain/local-day.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import type { ResponseBatch } from '../../src/domain/sync-protocol.ts';
import { scaleByQuestionId } from '../../src/domain/tally.ts';
import { seededRandom } from '../../src/server/demo/demo-history.ts';
import { saveEnrolledDevice } from '../../src/server/db/devices-repository.ts';
import { setResponseFlags } from '../../src/server/db/flags-repository.ts';
import { addToCounts } from '../../src/server/db/counts-repository.ts';
import { prepareDatabase } from '../../src/server/db/prepare.ts';
import { QuestionnaireCatalog } from '../../src/server/db/questionnaires-repository.ts';
import { readLedger, writeLedger } from '../../src/server/db/responses-repository.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { findUnit, insertCounter, insertServiceField, insertUnit, offerServiceFields } from '../../src/server/db/units-repository.ts';
import { inWriteTransaction } from '../../src/server/db/write-transaction.ts';
import { choiceQuestionsOf } from '../../src/server/sync/choice-entries.ts';
import { unitCountsOf, type StoredResponse } from '../../src/server/sync/unit-counts.ts';
import { ingestBatch, responseRow } from '../../src/server/sync/ingest-batch.ts';
import { parseRecord } from '../../src/server/sync/record-checks.ts';
import { flagNewResponses } from '../../src/server/sync/stuffing-checks.ts';
import { onBothDatabases, type OpenedDatabase } from './ingest.ts';
import type { BenchmarkOutcome, Metric } from './report.ts';
import { SIPAS_V1, sipasResponses } from './survey-responses.ts';

/**
 * What the device ledger and the stuffing flags cost at ingest (issue 7: within 10% of ingest without
 * them). There is no switch to turn them off in production, and there must not be one, so the cost is
 * measured beside the real thing:
 * - The stream: 20 tablets in 4 service centres send their answers in batches of 500, taking turns
 *   (batch 1 of every tablet, then batch 2, …), straight into the real ingestBatch on a fresh SQLite
 *   file and a fresh PostgreSQL database. A tablet answers every 45 s; about one answer in a thousand
 *   never reaches the server (a gap in its ledger); in every 500 answers 12 come 1.5 s apart, a burst
 *   the burst rule flags, and every other burst straddles two batches, so stored answers get
 *   re-flagged too; each batch reports a few answers issued after it was cut.
 * - Before each batch is ingested, the ledger step and the flag step run as ingestBatch calls them,
 *   on the same batch and the same database state, in a write transaction that is then rolled back:
 *   ledger = readLedger, recordIssued, recordReceived, writeLedger; flags = flagNewResponses, the
 *   re-flag updates (setResponseFlags) and the flag counts' rows of the one count upsert (addToCounts). The rows they get are built the way
 *   ingestBatch builds them (its responseRow is private; fields copied here).
 * - with = the sum of ingestBatch's wall times; without = with − the two stages; overhead =
 *   stages / without. Conservative: the rolled-back run warms the caches the real one then reads, so
 *   `with` is if anything low and the overhead high. Not subtracted (so counted as "without"): the
 *   flagged dimension of the daily tallies (moving a re-flagged answer between tally rows) and the
 *   ledger row's share of the commit; the number of re-flagged answers is printed with the run.
 */

const BATCH_SIZE = 500;
const TABLETS_PER_CENTRE = 5;
const CENTRES = 4;
/** BENCH_INGEST_INTEGRITY_BATCHES: batches per tablet; fewer for a quick try, 10 for the numbers. */
const BATCHES_PER_TABLET = Math.max(2, Number(process.env.BENCH_INGEST_INTEGRITY_BATCHES ?? 10));
const TARGET_OVERHEAD_PERCENT = 10;
const ANSWER_SPACING_MS = 45_000;
const LOST_SHARE = 0.001;
const BURST_EVERY = 500;
const BURST_LENGTH = 12;
const BURST_SPACING_MS = 1_500;
const MAX_ISSUED_AFTER_CUT = 20;
const COUNTER_IDS = ['quay-1', 'quay-2', 'quay-3'];
const SERVICE_FIELD_IDS = ['dat-dai', 'ho-tich', 'tu-phap', 'khac'];

interface Tablet {
  id: string;
  unitId: string;
  /** What its sync engine sends, but for the device clock, which is read when a batch goes out. */
  batches: Omit<ResponseBatch, 'deviceTime'>[];
  /** Sequence numbers the tablet issued and never sent. */
  lost: number;
}

interface StageTimes {
  ledgerMs: number;
  flagsMs: number;
  reflagged: number;
}

interface Totals {
  batches: number;
  responses: number;
  withMs: number;
  ledgerMs: number;
  flagsMs: number;
  flagged: number;
  reflagged: number;
  missingInLedgers: number;
}

async function seedCentres(db: Kysely<Database>): Promise<string[]> {
  await insertUnit(db, { id: 'tinh', parentId: null, kind: 'province', name: { vi: 'Tỉnh Đo' } });
  const centres: string[] = [];
  for (let c = 0; c < CENTRES; c++) {
    const unitId = `trung-tam-${c}`;
    centres.push(unitId);
    await insertUnit(db, { id: unitId, parentId: 'tinh', kind: 'service-centre', name: { vi: `Trung tâm ${c}` } });
    for (const [position, counter] of COUNTER_IDS.entries())
      await insertCounter(db, { id: `${unitId}-${counter}`, unitId, name: { vi: `Quầy ${position + 1}` }, position });
  }
  for (const [position, id] of SERVICE_FIELD_IDS.entries()) await insertServiceField(db, { id, name: { vi: id }, position });
  await offerServiceFields(db, 'tinh', SERVICE_FIELD_IDS);
  return centres;
}

/**
 * One tablet's answers, in batches as its sync engine sends them. Times are rewritten to one answer
 * every ANSWER_SPACING_MS ending a minute ago, then bursts are pressed together; the survey durations
 * the generator chose are kept.
 */
function tabletStream(id: string, unitId: string, seed: number, endMs: number): Tablet {
  const random = seededRandom(seed);
  const sent = BATCHES_PER_TABLET * BATCH_SIZE;
  const issued = Math.ceil(sent * (1 + 2 * LOST_SHARE)) + BURST_LENGTH;
  const answers = sipasResponses({
    deviceId: id,
    unitId,
    counterIds: COUNTER_IDS.map((counter) => `${unitId}-${counter}`),
    serviceFieldIds: SERVICE_FIELD_IDS,
    firstSequence: 1,
    count: issued,
    seed,
  });
  const firstMs = endMs - issued * ANSWER_SPACING_MS;
  for (const [index, answer] of answers.entries()) retime(answer, firstMs + index * ANSWER_SPACING_MS);
  // In every block of BURST_EVERY answers one burst: mid-block in even blocks, across the block's end (and so
  // across two batches) in odd ones.
  for (let blockStart = 0; blockStart + BURST_EVERY <= issued; blockStart += BURST_EVERY) {
    const first = blockStart + ((blockStart / BURST_EVERY) % 2 === 0 ? BURST_EVERY / 2 : BURST_EVERY - BURST_LENGTH / 2);
    for (let k = 0; k < BURST_LENGTH && first + k < issued; k++)
      retime(answers[first + k]!, firstMs + first * ANSWER_SPACING_MS + k * BURST_SPACING_MS);
  }
  const kept: SurveyResponse[] = [];
  let lost = 0;
  for (const answer of answers) {
    if (kept.length === sent) break;
    // Never the first one: a lost first answer would look like a tablet that started at 2.
    if (answer.deviceSequence > 1 && random() < LOST_SHARE) lost += 1;
    else kept.push(answer);
  }
  const lastIssued = kept.at(-1)!.deviceSequence;
  const batches: Tablet['batches'] = [];
  for (let start = 0; start < kept.length; start += BATCH_SIZE) {
    const responses = kept.slice(start, start + BATCH_SIZE);
    const last = responses.at(-1)!.deviceSequence;
    // The final batch carries everything issued; earlier ones a few answers given after the cut.
    const highestIssuedSequence = last === lastIssued ? lastIssued : Math.min(lastIssued, last + Math.floor(random() * (MAX_ISSUED_AFTER_CUT + 1)));
    batches.push({ highestIssuedSequence, pendingCount: kept.length - start - responses.length, responses });
  }
  return { id, unitId, batches, lost };
}

/** Moves an answer to another submit time, keeping how long the survey took. */
function retime(answer: SurveyResponse, submittedMs: number): void {
  const durationMs = Date.parse(answer.submittedAt) - Date.parse(answer.startedAt);
  answer.submittedAt = new Date(submittedMs).toISOString();
  answer.startedAt = new Date(submittedMs - durationMs).toISOString();
}

class RolledBack extends Error {
  constructor(readonly times: StageTimes) {
    super('the stage measurement is rolled back');
  }
}

const SIPAS_SHAPE = {
  scales: scaleByQuestionId(SIPAS_V1),
  choiceQuestions: choiceQuestionsOf(SIPAS_V1),
  freeTextIds: freeTextQuestionIds(SIPAS_V1),
  // SIPAS 2017 counts answers, not respondents' shares.
  respondentElements: [],
  themes: [],
};

/** The ledger and flag steps of one batch as ingestBatch runs them, timed, then rolled back. */
async function timeStages(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  tablet: Tablet,
  batch: ResponseBatch,
  receivedAt: Date,
  timeZone: string,
): Promise<StageTimes> {
  const skewMs = clockSkewMs(batch.deviceTime, receivedAt.toISOString());
  const responses = batch.responses.map((raw, index) => {
    const parsed = parseRecord(raw, index);
    if ('status' in parsed) throw new Error(`a generated record does not parse: ${parsed.message}`);
    return parsed.response;
  });
  // Loaded before the transaction, as ingestBatch does: on SQLite the catalog's own query would wait for
  // the connection the transaction holds.
  const loaded = await catalog.findPublished(SIPAS_V1.id, SIPAS_V1.version);
  const questionnaireOf = async (id: string, version: number) =>
    id === loaded?.id && version === loaded.version ? loaded : await catalog.findPublished(id, version);
  try {
    await inWriteTransaction(db, async (trx) => {
      const rows = responses.map((response) => responseRow(response, { receivedAt, skewMs, timeZone }));
      const flagsBegan = performance.now();
      const { reflagged } = await flagNewResponses(
        trx,
        { id: tablet.id, unitId: tablet.unitId },
        rows.map((row, position) => ({ row, answers: responses[position]!.answers })),
        questionnaireOf,
      );
      const moves: StoredResponse[] = [];
      for (const { row, flags } of reflagged) {
        if (!(await questionnaireOf(row.questionnaire_id, Number(row.questionnaire_version)))) continue;
        const answers = JSON.parse(row.answers) as SurveyResponse['answers'];
        const asStored = { ...row, complete: Number(row.complete) as 0 | 1 };
        moves.push({ ...SIPAS_SHAPE, answers, row: asStored, sign: -1 }, { ...SIPAS_SHAPE, answers, row: { ...asStored, flags } });
        await setResponseFlags(trx, row.id, flags);
      }
      let flagsMs = performance.now() - flagsBegan;
      // The daily aggregation itself is ingest work with or without flags; only the flag counts' upserts are the flags'.
      const flagCounts = unitCountsOf([
        ...rows.map((row, position) => ({ ...SIPAS_SHAPE, row, answers: responses[position]!.answers })),
        ...moves,
      ]).filter((count) => count.measure === 'flag');
      const countsBegan = performance.now();
      await addToCounts(trx, flagCounts);
      flagsMs += performance.now() - countsBegan;

      const ledgerBegan = performance.now();
      const before = await readLedger(trx, tablet.id);
      const after = recordReceived(
        recordIssued(before, batch.highestIssuedSequence),
        rows.map((row) => row.device_sequence),
      );
      if (after !== before) await writeLedger(trx, tablet.id, after, receivedAt);
      const ledgerMs = performance.now() - ledgerBegan;
      throw new RolledBack({ ledgerMs, flagsMs, reflagged: reflagged.length });
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.times;
    throw error;
  }
  throw new Error('the stage measurement was not rolled back');
}

async function benchOn(opened: OpenedDatabase, label: string, metrics: Metric[]): Promise<Totals> {
  const { db } = opened;
  await prepareDatabase(db);
  const centres = await seedCentres(db);
  const catalog = new QuestionnaireCatalog(db);
  const endMs = Date.now() - 60_000;
  const tablets: Tablet[] = [];
  for (const [c, unitId] of centres.entries()) {
    for (let t = 0; t < TABLETS_PER_CENTRE; t++) {
      const id = uuidv7();
      await saveEnrolledDevice(db, {
        id,
        unitId,
        name: `Quầy ${t + 1}`,
        tokenHash: randomBytes(32).toString('hex'),
        enrolledAt: new Date(endMs - 30 * 86_400_000),
      });
      tablets.push(tabletStream(id, unitId, 100 + c * TABLETS_PER_CENTRE + t, endMs));
    }
  }
  const timeZoneOf = new Map<string, string>();
  for (const unitId of centres) timeZoneOf.set(unitId, (await findUnit(db, unitId))?.time_zone ?? DEFAULT_TIME_ZONE);

  const totals: Totals = { batches: 0, responses: 0, withMs: 0, ledgerMs: 0, flagsMs: 0, flagged: 0, reflagged: 0, missingInLedgers: 0 };
  for (let round = 0; round < BATCHES_PER_TABLET; round++) {
    for (const tablet of tablets) {
      const receivedAt = new Date();
      const batch = { ...tablet.batches[round]!, deviceTime: receivedAt.toISOString() };
      const stages = await timeStages(db, catalog, tablet, batch, receivedAt, timeZoneOf.get(tablet.unitId)!);
      const began = performance.now();
      const reply = await ingestBatch(db, catalog, { device: { id: tablet.id, unitId: tablet.unitId }, batch, receivedAt });
      totals.withMs += performance.now() - began;
      const notAccepted = reply.results.filter((result) => result.status !== 'accepted');
      if (notAccepted.length > 0)
        throw new Error(`${notAccepted.length} generated records were not accepted, e.g. ${JSON.stringify(notAccepted[0])}`);
      totals.batches += 1;
      totals.responses += batch.responses.length;
      totals.ledgerMs += stages.ledgerMs;
      totals.flagsMs += stages.flagsMs;
      totals.reflagged += stages.reflagged;
    }
  }
  // The stream did what it says: each ledger names exactly the answers that were never sent, and bursts were flagged.
  for (const tablet of tablets) {
    const missing = countMissing(await readLedger(db, tablet.id));
    if (missing !== tablet.lost) throw new Error(`tablet ${tablet.id}: its ledger misses ${missing} numbers, ${tablet.lost} were never sent`);
    totals.missingInLedgers += missing;
  }
  const flagged = await db
    .selectFrom('responses')
    .where('flags', '!=', '')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  totals.flagged = Number(flagged.n);
  if (totals.flagged === 0) throw new Error('no burst was flagged: the stream does not exercise the flags');

  const withoutMs = totals.withMs - totals.ledgerMs - totals.flagsMs;
  const overheadPercent = ((totals.ledgerMs + totals.flagsMs) / withoutMs) * 100;
  const rate = (ms: number) => totals.responses / (ms / 1000);
  console.info(
    `    ${label}: ${totals.responses.toLocaleString('en-US')} responses in ${totals.batches} batches from ${tablets.length} tablets; ` +
      `${totals.flagged.toLocaleString('en-US')} flagged (${totals.reflagged} re-flagged later), ${totals.missingInLedgers} missing in the ledgers`,
  );
  console.info(
    `    ${label}: with ledger and flags ${(totals.withMs / 1000).toFixed(2)} s = ${Math.round(rate(totals.withMs)).toLocaleString('en-US')}/s; ` +
      `ledger ${totals.ledgerMs.toFixed(0)} ms, flags ${totals.flagsMs.toFixed(0)} ms; without ${(withoutMs / 1000).toFixed(2)} s = ${Math.round(rate(withoutMs)).toLocaleString('en-US')}/s; ` +
      `overhead ${overheadPercent.toFixed(1)}% (target ≤ ${TARGET_OVERHEAD_PERCENT}%)`,
  );
  metrics.push(
    {
      label: `${label} ledger and flags overhead on ingest`,
      value: overheadPercent,
      unit: '%',
      target: { kind: 'at most', limit: TARGET_OVERHEAD_PERCENT },
    },
    { label: `${label} ingestBatch with ledger and flags`, value: rate(totals.withMs), unit: 'responses/s' },
    { label: `${label} ingestBatch without them (with − stages)`, value: rate(withoutMs), unit: 'responses/s' },
  );
  return totals;
}

export async function ingestIntegrityBenchmark(): Promise<BenchmarkOutcome> {
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {
    batchSize: BATCH_SIZE,
    tablets: CENTRES * TABLETS_PER_CENTRE,
    batchesPerTablet: BATCHES_PER_TABLET,
    lostShare: LOST_SHARE,
    burstEvery: BURST_EVERY,
    burstLength: BURST_LENGTH,
  };
  return onBothDatabases(metrics, details, benchOn);
}
