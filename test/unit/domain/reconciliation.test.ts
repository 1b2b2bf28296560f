import { describe, expect, it } from 'vitest';
import { reconcile, type ReconciledRecord } from '../../../src/domain/reconciliation.ts';

const records = (...statuses: ReconciledRecord['status'][]): ReconciledRecord[] =>
  statuses.map((status, index) => ({ deviceSequence: index + 1, status }));

describe('the daily reconciliation', () => {
  it('says everything was sent when the server confirmed every answer and lacks nothing', () => {
    const result = reconcile(records('synced', 'synced'), new Set(), { missing: [], at: '2026-11-22T03:00:00.000Z' });
    expect(result).toMatchObject({ answered: 2, confirmed: 2, pending: 0, rejected: 0, state: { kind: 'all-sent' } });
  });

  it('counts answers waiting for the network, never as missing', () => {
    const result = reconcile(records('synced', 'pending', 'pending'), new Set([2, 3]), { missing: [[2, 3]], at: '2026-11-22T03:00:00.000Z' });
    expect(result.state).toEqual({ kind: 'waiting', pending: 2 });
    expect(result.serverMissing).toMatchObject({ count: 0, sequences: [] });
  });

  it('names the sequence numbers the server is missing, leaving out rejected ones', () => {
    const result = reconcile(records('synced', 'rejected', 'pending'), new Set([2, 3]), {
      missing: [
        [2, 3],
        [37, 38],
      ],
      at: '2026-11-22T03:00:00.000Z',
    });
    expect(result.serverMissing).toEqual({ count: 2, sequences: [37, 38], asOf: '2026-11-22T03:00:00.000Z' });
    expect(result.state).toEqual({ kind: 'server-missing', count: 2 });
    expect(result.rejected).toBe(1);
  });

  it('knows nothing of the server before a first sync', () => {
    expect(reconcile(records('pending'), new Set([1]), null)).toMatchObject({ serverMissing: null, state: { kind: 'waiting', pending: 1 } });
  });
});
