import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/server/http/limits.ts';
import { SYNC_BODY_LIMIT_BYTES } from '../../src/server/routes/sync.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** A client that starts a request and never finishes it must not hold a connection for long. */
describe.each(databasesUnderTest)('timeouts and body limits on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    opened = await database.open();
    app = buildApp({ db: opened.db, staticDir: null, timeouts: { requestMs: 1_500, idleMs: 800, keepAliveMs: 1_000, checkIntervalMs: 200 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  /** Sends the headers and part of the body, then `feed` keeps writing (or not); answers how the server ended it. */
  function halfSentLogin(feed: (socket: Socket) => void): Promise<{ afterMs: number; answer: string }> {
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${CSRF_HEADER}: 1\r\nContent-Length: 1000\r\n\r\n{"username":`,
        );
        feed(socket);
      });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ afterMs: Date.now() - started, answer }));
    });
  }

  it('closes a connection whose body stops arriving', async () => {
    const { afterMs } = await halfSentLogin(() => undefined);
    expect(afterMs).toBeLessThan(5_000);
  });

  it('cuts off a body trickled byte by byte past the request timeout', async () => {
    let timer: NodeJS.Timeout | undefined;
    const { afterMs, answer } = await halfSentLogin((socket) => {
      timer = setInterval(() => socket.writable && socket.write(' '), 300);
    });
    clearInterval(timer);
    expect(afterMs).toBeGreaterThanOrEqual(1_400);
    expect(afterMs).toBeLessThan(5_000);
    expect(answer).toBe('');
  });

  it('refuses an admin form larger than 1 MiB, while a sync batch may be larger', async () => {
    expect(SYNC_BODY_LIMIT_BYTES).toBeGreaterThan(DEFAULT_BODY_LIMIT_BYTES);
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { [CSRF_HEADER]: '1', 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(DEFAULT_BODY_LIMIT_BYTES) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload-too-large');
    const batch = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/responses',
      headers: { authorization: `Bearer ${'t'.repeat(43)}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        deviceTime: new Date().toISOString(),
        highestIssuedSequence: 0,
        responses: [],
        padding: 'p'.repeat(2 * DEFAULT_BODY_LIMIT_BYTES),
      }),
    });
    expect(batch.statusCode).toBe(401);
  });
});
