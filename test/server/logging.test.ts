import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { serverLoggerOptions } from '../../src/server/http/logging.ts';
import { batchOf, enrolNewDevice, postBatch, seedTestUnits, sipasResponse } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const [sqlite] = databasesUnderTest;

describe('structured request logs', () => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    opened = await sqlite!.open();
    await seedTestUnits(opened.db);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    app = buildApp({ db: opened.db, staticDir: null, logger: { ...serverLoggerOptions('info'), stream } });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('writes one JSON object per line, each request under its id, with no credentials, codes or answers', async () => {
    const device = await enrolNewDevice(app, opened.db);
    const comment = 'Cán bộ Nguyễn Văn A rất nhiệt tình';
    const batch = batchOf([sipasResponse(device, 1, { answers: { 'E1.1': 9, comment } })]);
    const sync = await postBatch(app, device.token, batch);
    expect(sync.statusCode).toBe(200);
    const kiosk = await app.inject({
      url: '/api/v1/nothing?enrol=ABCD-EFGH-JKMN',
      headers: { 'x-request-id': 'caddy-7f3a', cookie: 'sipas_session=session-secret-value', authorization: 'Bearer not-a-real-token-123' },
    });
    expect(kiosk.headers['x-request-id']).toBe('caddy-7f3a');
    const forged = await app.inject({ url: '/api/v1/health/live', headers: { 'x-request-id': 'two\nlines' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; req?: { url: string }; msg: string });
    expect(entries.filter((entry) => entry.reqId === 'caddy-7f3a').map((entry) => entry.msg)).toEqual(['incoming request', 'request completed']);
    expect(entries.find((entry) => entry.reqId === 'caddy-7f3a' && entry.req)?.req?.url).toBe('/api/v1/nothing');
    const everything = lines.join('\n');
    for (const secret of [device.token, 'session-secret-value', 'not-a-real-token-123', 'ABCD-EFGH-JKMN', 'Nguyễn', comment]) {
      expect(everything).not.toContain(secret);
    }
  });
});
