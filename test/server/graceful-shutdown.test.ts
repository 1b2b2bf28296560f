import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { BatchReply, EnrolmentReply } from '../../src/domain/sync-protocol.ts';
import { freePort, startServer, type RunningServer } from '../e2e/server-process.ts';
import { batchOf, CENTRE_ID, newEnrolmentCode, seedTestUnits, sipasResponse } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * The real server process stopped as systemd stops it (SIGTERM) while a tablet's batch of 500 is on the
 * wire: the batch is stored whole or not at all, the process exits 0, and the tablet's retry of the same
 * records after the restart leaves each stored exactly once.
 */

const BATCH_SIZE = 500;
const SERVER_ENV = { SEED_DEMO: '0', STATIC_DIR: 'no-build-in-this-test' };

async function storedCount(db: OpenedDatabase['db'], ids: string[]): Promise<number> {
  const row = await db
    .selectFrom('responses')
    .where('id', 'in', ids)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** True once the port refuses new connections: the server has stopped accepting. */
async function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A POST whose body the test writes itself, so it can stop the server between two halves of it. */
function openUpload(
  server: RunningServer,
  token: string,
  body: string,
): { request: ClientRequest; reply: Promise<{ status: number; body: string }> } {
  const url = new URL('/api/v1/sync/responses', server.origin);
  const request = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
  });
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once('response', (response: IncomingMessage) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.once('error', reject);
  });
  return { request, reply };
}

async function post(server: RunningServer, token: string, body: string): Promise<BatchReply> {
  const reply = await fetch(`${server.origin}/api/v1/sync/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  if (!reply.ok) throw new Error(`the retry failed: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as BatchReply;
}

describe.each(databasesUnderTest)('graceful shutdown of the server process on $name', (database) => {
  let opened: OpenedDatabase;
  let server: RunningServer | null = null;

  beforeEach(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterEach(async () => {
    await server?.kill();
    server = null;
    await opened.close();
  });

  it('finishes the batch in flight at SIGTERM, stores one whose tablet went away whole or not at all, and the retries complete both once', async () => {
    const port = await freePort();
    server = await startServer({ port, databaseUrl: opened.url, env: SERVER_ENV });
    const enrolment = await fetch(`${server.origin}/api/v1/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: await newEnrolmentCode(opened.db), deviceId: uuidv7() }),
    });
    const device = (await enrolment.json()) as EnrolmentReply;
    expect(device.unitId).toBe(CENTRE_ID);
    const batch = (firstSequence: number) => {
      const responses = Array.from({ length: BATCH_SIZE }, (_, index) => sipasResponse(device, firstSequence + index));
      return { ids: responses.map((response) => response.id), body: JSON.stringify(batchOf(responses)) };
    };
    const first = batch(1);
    const second = batch(BATCH_SIZE + 1);

    // 1. SIGTERM while the body is half sent: the server stops accepting, still finishes this batch, exits 0.
    const upload = openUpload(server, device.token, first.body);
    const half = Math.floor(first.body.length / 2);
    await new Promise<void>((resolve) => upload.request.write(first.body.slice(0, half), () => resolve()));
    let exitCode = server.terminate();
    await waitUntil(() => refusesConnections(port), 'the stopping server refuses new connections');
    upload.request.end(first.body.slice(half));
    const reply = await upload.reply;
    expect(reply.status).toBe(200);
    const results = (JSON.parse(reply.body) as BatchReply).results;
    expect(results.filter((result) => result.status === 'accepted')).toHaveLength(BATCH_SIZE);
    expect(await exitCode).toBe(0);
    expect(await storedCount(opened.db, first.ids)).toBe(BATCH_SIZE);

    // 2. SIGTERM as a whole batch arrives, and the tablet loses the network at that moment, never reading the answer.
    server = await startServer({ port, databaseUrl: opened.url, env: SERVER_ENV });
    const lost = openUpload(server, device.token, second.body);
    lost.reply.catch(() => undefined);
    await new Promise<void>((resolve) => lost.request.end(second.body, () => resolve()));
    exitCode = server.terminate();
    lost.request.destroy();
    expect(await exitCode).toBe(0);
    expect([0, BATCH_SIZE]).toContain(await storedCount(opened.db, second.ids));

    // 3. After the restart the tablet sends both again (it never trusts one reply): each record is stored once.
    server = await startServer({ port, databaseUrl: opened.url, env: SERVER_ENV });
    const firstRetry = await post(server, device.token, first.body);
    expect(firstRetry.results.every((result) => result.status === 'duplicate')).toBe(true);
    const secondRetry = await post(server, device.token, second.body);
    const statuses = new Set(secondRetry.results.map((result) => result.status));
    expect(statuses.size).toBe(1);
    expect(['accepted', 'duplicate']).toContain([...statuses][0]);
    expect(await storedCount(opened.db, [...first.ids, ...second.ids])).toBe(2 * BATCH_SIZE);
    expect(secondRetry.ledger).toMatchObject({ highestContiguousSequence: 2 * BATCH_SIZE, missing: [] });
    // Three process starts: seconds each on a quiet machine, many more on a loaded one.
  }, 120_000);
});
