import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFromReceived } from '../../src/domain/ledger.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import type { BatchReply } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { readLedger } from '../../src/server/db/responses-repository.ts';
import {
  COUNTER_IDS,
  batchOf,
  enrolNewDevice,
  recountedResponseCounts,
  recountedTallies,
  seedTestUnits,
  sipasResponse,
  storedResponseCounts,
  storedTallies,
  syncBatch,
  type EnrolledDevice,
} from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const DAY_MS = 86_400_000;

describe.each(databasesUnderTest)('exactly-once storage on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    // Generous limits: these tests send many batches quickly on purpose.
    app = buildApp({ db: opened.db, staticDir: null, rateLimit: { max: 10_000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const storedOf = async (deviceId: string) =>
    opened.db.selectFrom('responses').select(['id', 'device_sequence']).where('device_id', '=', deviceId).execute();

  async function expectTalliesToMatchRecount() {
    expect(await storedTallies(opened.db)).toEqual(await recountedTallies(opened.db));
    expect(await storedResponseCounts(opened.db)).toEqual(await recountedResponseCounts(opened.db));
  }

  it('stores two concurrent overlapping batches exactly once', async () => {
    for (let round = 0; round < 3; round += 1) {
      const device = await enrolNewDevice(app, opened.db);
      const records = Array.from({ length: 150 }, (_, index) => sipasResponse(device, index + 1));
      const left = batchOf(records.slice(0, 100), { highestIssuedSequence: 150 });
      const right = batchOf(records.slice(50, 150), { highestIssuedSequence: 150 });

      const replies = await Promise.all([syncBatch(app, device.token, left), syncBatch(app, device.token, right)]);

      const acceptedIds = replies.flatMap((reply) => reply.results.filter((r) => r.status === 'accepted').map((r) => r.id));
      const duplicateIds = replies.flatMap((reply) => reply.results.filter((r) => r.status === 'duplicate').map((r) => r.id));
      expect(new Set(acceptedIds).size).toBe(150);
      expect(acceptedIds).toHaveLength(150);
      expect(duplicateIds.sort()).toEqual(
        records
          .slice(50, 100)
          .map((record) => record.id)
          .sort(),
      );
      expect(await storedOf(device.deviceId)).toHaveLength(150);
      expect(await readLedger(opened.db, device.deviceId)).toEqual({ highestIssued: 150, receivedCount: 150, missing: [] });
    }
    await expectTalliesToMatchRecount();
  });

  it('keeps tallies exact when several devices write the same daily rows at once', async () => {
    const devices = await Promise.all([1, 2, 3].map(() => enrolNewDevice(app, opened.db)));
    const submittedAt = new Date().toISOString();
    await Promise.all(
      devices.map((device) =>
        syncBatch(
          app,
          device.token,
          batchOf(Array.from({ length: 60 }, (_, index) => sipasResponse(device, index + 1, { submittedAt, counterId: COUNTER_IDS[0] }))),
        ),
      ),
    );
    await expectTalliesToMatchRecount();
  });

  it('after random batches with duplicates, resends and races, the tally equals a recount of the raw responses', async () => {
    const recordArbitrary = fc.record({
      complete: fc.boolean(),
      daysAgo: fc.integer({ min: 0, max: 3 }),
      counter: fc.constantFrom<string | null>(null, ...COUNTER_IDS),
    });
    const scenario = fc.array(recordArbitrary, { minLength: 1, maxLength: 25 }).chain((records) =>
      fc.record({
        records: fc.constant(records),
        batches: fc.array(
          fc.record({
            indices: fc.array(fc.nat({ max: records.length - 1 }), { minLength: 0, maxLength: 12 }),
            concurrentWithNext: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
    );

    await fc.assert(
      fc.asyncProperty(scenario, async ({ records, batches }) => {
        const device: EnrolledDevice = await enrolNewDevice(app, opened.db);
        const responses: SurveyResponse[] = records.map((shape, index) =>
          sipasResponse(device, index + 1, {
            complete: shape.complete,
            counterId: shape.counter,
            submittedAt: new Date(Date.now() - shape.daysAgo * DAY_MS).toISOString(),
          }),
        );
        const sent = new Set<number>();
        const replies: BatchReply[] = [];
        for (let index = 0; index < batches.length; index += 1) {
          const group = [batches[index]!];
          while (group.at(-1)!.concurrentWithNext && index + 1 < batches.length) group.push(batches[++index]!);
          const sending = group.map((batch) =>
            batchOf(
              batch.indices.map((i) => responses[i]!),
              { highestIssuedSequence: records.length },
            ),
          );
          for (const batch of group) batch.indices.forEach((i) => sent.add(i + 1));
          replies.push(...(await Promise.all(sending.map((batch) => syncBatch(app, device.token, batch)))));
        }

        const accepted = replies.flatMap((reply) => reply.results.filter((r) => r.status === 'accepted').map((r) => r.id));
        expect(accepted).toHaveLength(sent.size);
        const stored = await storedOf(device.deviceId);
        expect(stored.map((row) => Number(row.device_sequence)).sort((a, b) => a - b)).toEqual([...sent].sort((a, b) => a - b));
        expect(await readLedger(opened.db, device.deviceId)).toEqual(ledgerFromReceived(sent, records.length));
        await expectTalliesToMatchRecount();
      }),
      { numRuns: 15 },
    );
  });
});
