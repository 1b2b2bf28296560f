/**
 * The tablet's daily reconciliation (issue "Proof that nothing is missing"): of the answers given here on
 * a day, how many the server confirmed, how many wait for the network, how many it rejected, and, from
 * the ledger the server sent with its last reply, which sequence numbers it is missing, device-wide.
 */

export interface ReconciledRecord {
  deviceSequence: number;
  status: 'pending' | 'synced' | 'rejected';
}

export interface LedgerSnapshot {
  /** Missing sequence numbers as inclusive ranges, oldest first, as the server reported them. */
  missing: readonly (readonly [number, number])[];
  at: string;
}

export type ReconciliationState = { kind: 'all-sent' } | { kind: 'waiting'; pending: number } | { kind: 'server-missing'; count: number };

export interface Reconciliation {
  answered: number;
  confirmed: number;
  pending: number;
  rejected: number;
  /** Numbers the server lacks that the tablet is not about to send or was told are invalid. */
  serverMissing: { count: number; sequences: number[]; asOf: string } | null;
  state: ReconciliationState;
}

/** Long gaps are counted in full but listed only this far, so a screen and a file stay readable. */
export const MAX_LISTED_MISSING = 100;

/**
 * `dayRecords` are the records of the day(s) shown; `openSequences` are every pending or rejected
 * sequence on the tablet, whatever the day: those are waiting or refused, not lost, so they never count
 * as missing even though the server has not received them.
 */
export function reconcile(
  dayRecords: readonly ReconciledRecord[],
  openSequences: ReadonlySet<number>,
  ledger: LedgerSnapshot | null,
): Reconciliation {
  const count = (status: ReconciledRecord['status']) => dayRecords.filter((record) => record.status === status).length;
  const pending = count('pending');
  let serverMissing: Reconciliation['serverMissing'] = null;
  if (ledger) {
    let missingCount = 0;
    const sequences: number[] = [];
    for (const [from, to] of ledger.missing) {
      for (let sequence = from; sequence <= to; sequence += 1) {
        if (openSequences.has(sequence)) continue;
        missingCount += 1;
        if (sequences.length < MAX_LISTED_MISSING) sequences.push(sequence);
      }
    }
    serverMissing = { count: missingCount, sequences, asOf: ledger.at };
  }
  const state: ReconciliationState =
    serverMissing && serverMissing.count > 0
      ? { kind: 'server-missing', count: serverMissing.count }
      : pending > 0
        ? { kind: 'waiting', pending }
        : { kind: 'all-sent' };
  return { answered: dayRecords.length, confirmed: count('synced'), pending, rejected: count('rejected'), serverMissing, state };
}
