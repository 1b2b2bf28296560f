import type { SurveyResponse } from '../../domain/response.ts';
import { MAX_BATCH_SIZE, type BatchReply, type RecordResult } from '../../domain/sync-protocol.ts';
import type { KioskDatabase, StoredResponse } from '../store/db.ts';
import { recordTrustedTime } from '../store/device-clock.ts';
import { nextPendingBatch } from '../store/responses.ts';
import type { ApiClient } from './api.ts';

/** The fields only the tablet keeps; the server must never receive them. */
type LocalOnlyField = Exclude<keyof StoredResponse, keyof SurveyResponse>;

/**
 * The wire record is exactly a SurveyResponse. The annotation below fails to compile when StoredResponse
 * gains a local field that is not stripped here, so a new field cannot leak to the server unnoticed.
 */
export function toWireRecord(record: StoredResponse): SurveyResponse {
  const { status: _status, localDay: _localDay, rejection: _rejection, syncedAt: _syncedAt, reasonOpenUntil: _reasonOpenUntil, ...wire } = record;
  const checked: SurveyResponse & { [field in LocalOnlyField]?: never } = wire;
  return checked;
}

export interface PushProgress {
  batches: number;
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Records the server did not answer for; they stay pending and go again in the next run. */
  unanswered: number;
  /** True when the run had nothing to send and reported its sequence with an empty batch. */
  heartbeat: boolean;
  ledger: BatchReply['ledger'] | null;
}

/** A run's counts before it has sent anything: no batch, no record, no heartbeat. */
export function nothingSentYet(): Omit<PushProgress, 'ledger'> {
  return { batches: 0, sent: 0, accepted: 0, duplicate: 0, rejected: 0, unanswered: 0, heartbeat: false };
}

export interface PushOutcome extends PushProgress {
  /** The error of the batch that failed as a whole; batches before it stay applied. */
  failure: unknown;
}

export interface PushOptions {
  db: KioskDatabase;
  api: Pick<ApiClient, 'sendBatch'>;
  token: string;
  now: () => Date;
  batchSize?: number;
  /** Called after each applied batch, so the status can follow a long drain. */
  onBatch?: (progress: PushProgress, applied: { synced: number; rejected: number }) => void;
}

/** Records written back per put call: a reply of 500 whole records cloned in one task blocked the kiosk's UI. */
const REPLY_WRITE_CHUNK = 100;

/** A batch read and serialised, ready to go as soon as the previous reply is in. */
interface PreparedBatch {
  records: StoredResponse[];
  lastSequence: number | null;
  send: () => Promise<BatchReply>;
}

/**
 * Sends every pending record the kiosk does not hold open, oldest sequence first, in batches of at most
 * MAX_BATCH_SIZE, and applies each reply in one transaction. The cursor moves past each batch, so a record the server left
 * unanswered is sent at most once per run instead of looping; it stays pending for the next run.
 * One request at a time, as before, but the tablet's own work overlaps the server's: the next batch is
 * read while a reply is awaited, and sent before that reply is written to IndexedDB. A reply is always
 * applied before the next failure is reported, so the batches before a failed one stay applied.
 */
export async function pushPending({ db, api, token, now, batchSize = MAX_BATCH_SIZE, onBatch }: PushOptions): Promise<PushOutcome> {
  const progress: PushProgress = { ...nothingSentYet(), ledger: null };
  const size = Math.min(Math.max(1, batchSize), MAX_BATCH_SIZE);
  // Counted once and lowered as batches are sent: counting the index before every batch would cost
  // more than the information is worth (the server only reports it to administrators).
  let pendingCount = await db.responses.where('status').equals('pending').count();

  /** The next batch after `afterSequence`, or null when nothing is left to send in this run. */
  async function prepare(afterSequence: number, first: boolean): Promise<PreparedBatch | null> {
    for (;;) {
      const { records, lastSequence } = await nextPendingBatch(db, afterSequence, size, now());
      if (lastSequence === null && !first) return null;
      if (records.length === 0 && lastSequence !== null) {
        // Only records still held open in this stretch: move past them without an empty batch.
        afterSequence = lastSequence;
        continue;
      }
      const identity = await db.device.get('device');
      const batch = {
        deviceTime: now().toISOString(),
        highestIssuedSequence: identity?.highestIssuedSequence ?? 0,
        pendingCount: Math.max(pendingCount, records.length),
        responses: records.map(toWireRecord),
      };
      // Counted as sent when prepared, so the next batch reports what is left after this one.
      pendingCount = Math.max(0, pendingCount - records.length);
      return { records, lastSequence, send: () => api.sendBatch(token, { ...batch, deviceTime: now().toISOString() }) };
    }
  }

  try {
    let current = await prepare(0, true);
    let reply = current ? current.send() : null;
    while (current && reply) {
      // An unread rejection is handled where it is awaited below; this only keeps it from being reported as unhandled.
      reply.catch(() => undefined);
      const upcoming = current.lastSequence === null ? null : await prepare(current.lastSequence, false);
      const answered = await reply;
      const nextReply = upcoming ? upcoming.send() : null;
      nextReply?.catch(() => undefined);
      await applyReply(current.records, answered);
      if (current.lastSequence === null) progress.heartbeat = true;
      current = upcoming;
      reply = nextReply;
    }
  } catch (failure) {
    return { ...progress, failure };
  }
  return { ...progress, failure: null };

  async function applyReply(records: StoredResponse[], reply: BatchReply): Promise<void> {
    const at = now().toISOString();
    const changes = changesFromReply(records, reply.results, at);
    await db.transaction('rw', db.responses, db.sync, async () => {
      // The records are in hand already: writing them whole skips bulkUpdate's read-back of each one.
      // In chunks, each put after the previous one's success event, so the cloning is spread over tasks.
      for (let start = 0; start < changes.length; start += REPLY_WRITE_CHUNK) {
        await db.responses.bulkPut(changes.slice(start, start + REPLY_WRITE_CHUNK).map(({ record, changes: fields }) => ({ ...record, ...fields })));
      }
      const state = (await db.sync.get('sync')) ?? { key: 'sync' as const };
      await db.sync.put({ ...state, serverLedger: { ...reply.ledger, at } });
    });

    // Once a run is enough to keep the tablet's clock anchored; a drain need not write it per batch.
    if (progress.batches === 0) await recordTrustedTime(db, reply.serverTime);
    const applied = tallyChanges(changes);
    progress.batches += 1;
    progress.sent += records.length;
    progress.accepted += applied.accepted;
    progress.duplicate += applied.duplicate;
    progress.rejected += applied.rejected;
    progress.unanswered += records.length - changes.length;
    progress.ledger = reply.ledger;
    onBatch?.({ ...progress }, { synced: applied.accepted + applied.duplicate, rejected: applied.rejected });
  }
}

type RecordChange = { record: StoredResponse; changes: Partial<StoredResponse>; outcome: RecordResult['status'] };

/** One change per answered record of the batch; results naming records not in the batch are ignored. */
function changesFromReply(records: readonly StoredResponse[], results: readonly RecordResult[], at: string): RecordChange[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const changes = new Map<string, RecordChange>();
  for (const result of results) {
    // `#<index>` names a record whose id the server could not read; the index is its place in the batch.
    const record = result.id.startsWith('#') ? records[Number(result.id.slice(1))] : byId.get(result.id);
    if (!record) {
      console.warn(`sync: the server answered for ${result.id}, which was not in the batch`);
      continue;
    }
    const changesForRecord: Partial<StoredResponse> =
      result.status === 'rejected'
        ? { status: 'rejected', rejection: { code: result.code, message: result.message, at } }
        : { status: 'synced', syncedAt: at };
    changes.set(record.id, { record, changes: changesForRecord, outcome: result.status });
  }
  return [...changes.values()];
}

function tallyChanges(changes: readonly RecordChange[]) {
  const tally = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const change of changes) tally[change.outcome] += 1;
  return tally;
}
