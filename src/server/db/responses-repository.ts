import type { Kysely } from 'kysely';
import { EMPTY_LEDGER, type DeviceLedger, type SequenceRange } from '../../domain/ledger.ts';
import { insertNewRows } from './bulk-statements.ts';
import type { Database, NewResponseRow } from './schema.ts';

/** Responses (append-only) and the per-device ledger. */

/** Rows per SQLite insert of responses (20 columns): a power of two (bulk-statements.ts), well under its bound-parameter limit. */
const RESPONSE_ROWS_PER_STATEMENT = 512;

export interface StoredIdentity {
  id: string;
  device_id: string;
  device_sequence: number;
}

export async function findStoredByIds(db: Kysely<Database>, ids: readonly string[]): Promise<StoredIdentity[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('responses')
    .select(['id', 'device_id', 'device_sequence'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function findStoredBySequences(db: Kysely<Database>, deviceId: string, sequences: readonly number[]): Promise<StoredIdentity[]> {
  if (sequences.length === 0) return [];
  return db
    .selectFrom('responses')
    .select(['id', 'device_id', 'device_sequence'])
    .where('device_id', '=', deviceId)
    .where('device_sequence', 'in', [...sequences])
    .execute();
}

const RESPONSE_COLUMNS = [
  'id',
  'questionnaire_id',
  'questionnaire_version',
  'device_id',
  'device_sequence',
  'unit_id',
  'counter_id',
  'service_field_id',
  'locale',
  'started_at',
  'submitted_at',
  'complete',
  'answers',
  'screen_durations_ms',
  'dossier_code',
  'received_at',
  'clock_skew_ms',
  'corrected_submitted_at',
  'local_day',
  'flags',
  'procedure_id',
  'channel',
] as const satisfies readonly (keyof NewResponseRow)[];

/** Inserts the rows whose id is new and answers the ids actually inserted; a stored record is never touched. */
export async function insertNewResponses(db: Kysely<Database>, rows: readonly NewResponseRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const complete = rows.map((row) => ({ ...row, flags: row.flags ?? '', channel: row.channel ?? 'kiosk' }));
  for (const id of await insertNewRows(db, 'responses', RESPONSE_COLUMNS, complete, RESPONSE_ROWS_PER_STATEMENT)) inserted.add(id);
  return inserted;
}

export async function readLedger(db: Kysely<Database>, deviceId: string): Promise<DeviceLedger> {
  const row = await db
    .selectFrom('device_ledgers')
    .select(['highest_issued', 'received_count', 'missing'])
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  if (!row) return EMPTY_LEDGER;
  return {
    highestIssued: Number(row.highest_issued),
    receivedCount: Number(row.received_count),
    missing: JSON.parse(row.missing) as SequenceRange[],
  };
}

export async function writeLedger(db: Kysely<Database>, deviceId: string, ledger: DeviceLedger, at: Date): Promise<void> {
  const values = {
    highest_issued: ledger.highestIssued,
    received_count: ledger.receivedCount,
    missing: JSON.stringify(ledger.missing),
    updated_at: at.toISOString(),
  };
  await db
    .insertInto('device_ledgers')
    .values({ device_id: deviceId, ...values })
    .onConflict((conflict) => conflict.column('device_id').doUpdateSet(values))
    .execute();
}
