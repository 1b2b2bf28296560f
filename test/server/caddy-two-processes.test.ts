import { request as httpsRequest, Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import type { BatchReply, EnrolmentReply } from '../../src/domain/sync-protocol.ts';
import { createAccount } from '../../src/server/auth/create-account.ts';
import { LOCKOUT_FAILURES } from '../../src/server/auth/people-auth.ts';
import { caddyExecutable, startCaddy, waitFor, type RunningCaddy } from '../e2e/caddy-process.ts';
import { freePort, startServer, type RunningServer } from '../e2e/server-process.ts';
import { batchOf, newEnrolmentCode, seedTestUnits, sipasResponse } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/**
 * The shipped deploy/caddy/Caddyfile, run by Debian's Caddy with `tls internal` on a loopback address, in
 * front of two server processes on one database, round-robin: what a province runs when one process is
 * not enough. The client trusts only Caddy's own root certificate, as a tablet would once given it.
 */

const PASSWORD = 'Mật-khẩu-thử-2026';

interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe.each(databasesUnderTest)('two server processes behind Caddy (tls internal, round-robin) on $name', (database) => {
  caddyExecutable();
  let opened: OpenedDatabase;
  const servers: RunningServer[] = [];
  let caddy: RunningCaddy | undefined;
  let origin: string;
  let agent: Agent;

  function send(method: 'GET' | 'POST', path: string, options: { body?: unknown; cookie?: string } = {}): Promise<HttpsReply> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolvePromise, reject) => {
      const request = httpsRequest(
        new URL(path, origin),
        {
          method,
          agent,
          headers: {
            [CSRF_HEADER]: '1',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(options.cookie ? { cookie: options.cookie } : {}),
          },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body }));
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Which of the two processes answered: each logs the request id Caddy gave the request, and echoes it. */
  async function servedBy(reply: HttpsReply): Promise<number> {
    const id = reply.headers['x-request-id'];
    expect(typeof id).toBe('string');
    const owners = () =>
      servers.map((server, index) => (server.output().includes(`"reqId":"${String(id)}"`) ? index : -1)).filter((index) => index >= 0);
    // The log line reaches this process through the server's stdout pipe, a moment after the answer.
    const found = await waitFor(
      'the request in a server log',
      async () => (owners().length > 0 ? owners() : null),
      () => '',
    );
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    const now = new Date();
    for (const username of ['quantri', 'bikhoa']) {
      await createAccount(opened.db, { username, displayName: username, password: PASSWORD, role: 'admin', unitId: null }, { now, actor: 'test' });
    }
    for (let index = 0; index < 2; index += 1) {
      servers.push(
        await startServer({
          port: await freePort(),
          databaseUrl: opened.url,
          env: { SEED_DEMO: '0', STATIC_DIR: 'no-build-in-this-test', LOG_LEVEL: 'info', TRUST_PROXY: '127.0.0.1' },
        }),
      );
    }

    caddy = await startCaddy(servers.map((server) => new URL(server.origin).host));
    origin = caddy.origin;
    agent = new Agent({ ca: caddy.ca, keepAlive: true });
    // Two server processes and Caddy start: seconds on a quiet machine, more on a loaded one.
  }, 120_000);

  afterAll(async () => {
    agent?.destroy();
    await caddy?.stop();
    for (const server of servers) await server.stop();
    await opened?.close();
  }, 60_000);

  it('keeps a sign-in across both processes, with a Secure cookie over TLS', async () => {
    const login = await send('POST', '/api/v1/auth/login', { body: { username: 'quantri', password: PASSWORD } });
    expect(login.status).toBe(200);
    const setCookie = [login.headers['set-cookie'] ?? []].flat();
    expect(setCookie.join('\n')).toMatch(/;\s*Secure/i);
    const cookie = setCookie.map((header) => header.split(';')[0]).join('; ');

    const answeredBy = new Set<number>();
    for (let round = 0; round < 6; round += 1) {
      const session = await send('GET', '/api/v1/auth/session', { cookie });
      expect(session.status).toBe(200);
      expect(session.body).toContain('quantri');
      answeredBy.add(await servedBy(session));
    }
    expect([...answeredBy].sort()).toEqual([0, 1]);
    expect((await send('GET', '/metrics')).status).toBe(404);
  });

  it('stores a batch sent through the proxy once, however often the tablet resends it', async () => {
    const enrolment = await send('POST', '/api/v1/devices/enrol', { body: { code: await newEnrolmentCode(opened.db), deviceId: uuidv7() } });
    expect(enrolment.status).toBe(200);
    const device = JSON.parse(enrolment.body) as EnrolmentReply;
    const responses = Array.from({ length: 50 }, (_, index) => sipasResponse(device, index + 1));
    const batch = batchOf(responses);
    const answeredBy = new Set<number>();
    const statuses: string[][] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const reply = await new Promise<HttpsReply>((resolvePromise, reject) => {
        const payload = JSON.stringify(batch);
        const request = httpsRequest(
          new URL('/api/v1/sync/responses', origin),
          {
            method: 'POST',
            agent,
            headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body }));
          },
        );
        request.on('error', reject);
        request.end(payload);
      });
      expect(reply.status).toBe(200);
      answeredBy.add(await servedBy(reply));
      statuses.push([...new Set((JSON.parse(reply.body) as BatchReply).results.map((result) => result.status))]);
    }
    expect(statuses).toEqual([['accepted'], ['duplicate'], ['duplicate']]);
    expect([...answeredBy].sort()).toEqual([0, 1]);
    const stored = await opened.db
      .selectFrom('responses')
      .where(
        'id',
        'in',
        responses.map((response) => response.id),
      )
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBe(50);
  });

  it('locks an account after repeated wrong passwords, whichever process each attempt reaches', async () => {
    const answeredBy = new Set<number>();
    for (let attempt = 0; attempt < LOCKOUT_FAILURES; attempt += 1) {
      const wrong = await send('POST', '/api/v1/auth/login', { body: { username: 'bikhoa', password: `sai-${attempt}-mật-khẩu` } });
      expect(wrong.status).toBe(401);
      answeredBy.add(await servedBy(wrong));
    }
    expect([...answeredBy].sort()).toEqual([0, 1]);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const right = await send('POST', '/api/v1/auth/login', { body: { username: 'bikhoa', password: PASSWORD } });
      expect(right.status).toBe(401);
    }
    const account = await opened.db.selectFrom('accounts').where('username', '=', 'bikhoa').select('locked_until').executeTakeFirstOrThrow();
    expect(account.locked_until).not.toBeNull();
  });

  // Last: it uses up the address's sign-in attempts for this window.
  it('counts an address’s sign-in attempts once for both processes, and refuses them past the limit', async () => {
    const remaining: number[] = [];
    const answeredBy = new Set<number>();
    let refusedAt = -1;
    // One window allows DEFAULT_LOGIN_RATE_LIMIT.max attempts per address: 30, whichever process counts them.
    // Each unknown name still costs a password hash's time, by design: seconds on a loaded machine.
    for (let attempt = 0; attempt < 40 && refusedAt < 0; attempt += 1) {
      const reply = await send('POST', '/api/v1/auth/login', { body: { username: `khong-co-${attempt}`, password: 'sai' } });
      if (reply.status === 429) {
        refusedAt = attempt;
        expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'rate-limited' } });
        expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
      } else {
        expect(reply.status).toBe(401);
        remaining.push(Number(reply.headers['x-ratelimit-remaining']));
        if (attempt < 6) answeredBy.add(await servedBy(reply));
      }
    }
    expect([...answeredBy].sort()).toEqual([0, 1]);
    // Per-process counters would let 40 alternating attempts through (20 each, under 30).
    expect(refusedAt).toBeGreaterThanOrEqual(0);
    // Each answer, from either process, saw the one shared counter go down by one.
    expect(remaining.slice(0, 6)).toEqual(remaining.slice(0, 6).map((_, index) => remaining[0]! - index));
  }, 120_000);
});
