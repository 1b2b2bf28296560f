import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequest, forgetRateLimitWindowsBefore, readRequestCount } from '../../src/server/db/rate-limit-repository.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const WINDOW_MS = 60_000;
const START_MS = Date.UTC(2026, 11, 5, 2, 0, 0);

describe.each(databasesUnderTest)('rate-limit windows counted in the database on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('gives simultaneous requests of one bucket distinct counts, as several processes would send them', async () => {
    const counts = await Promise.all(Array.from({ length: 40 }, () => countRequest(opened.db, 'login:10.0.0.7', START_MS, WINDOW_MS)));
    expect(counts.map((count) => count.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(new Set(counts.map((count) => count.windowStartedMs))).toEqual(new Set([START_MS]));
  });

  it('reads a window without counting, and keeps buckets apart', async () => {
    expect(await readRequestCount(opened.db, 'login:10.0.0.7', START_MS + 1_000, WINDOW_MS)).toEqual({ hits: 40, windowStartedMs: START_MS });
    expect(await readRequestCount(opened.db, 'login:10.0.0.7', START_MS + 2_000, WINDOW_MS)).toEqual({ hits: 40, windowStartedMs: START_MS });
    expect(await countRequest(opened.db, 'enrolment:10.0.0.7', START_MS + 2_000, WINDOW_MS)).toEqual({ hits: 1, windowStartedMs: START_MS + 2_000 });
  });

  it('starts a new window once the stored one has ended', async () => {
    const ended = START_MS + WINDOW_MS;
    expect(await readRequestCount(opened.db, 'login:10.0.0.7', ended, WINDOW_MS)).toEqual({ hits: 0, windowStartedMs: ended });
    expect(await countRequest(opened.db, 'login:10.0.0.7', ended, WINDOW_MS)).toEqual({ hits: 1, windowStartedMs: ended });
    expect(await countRequest(opened.db, 'login:10.0.0.7', ended + 10, WINDOW_MS)).toEqual({ hits: 2, windowStartedMs: ended });
  });

  it('forgets only the windows that started before the given time', async () => {
    await forgetRateLimitWindowsBefore(opened.db, START_MS + WINDOW_MS);
    const buckets = await opened.db.selectFrom('rate_limit_buckets').select('bucket').orderBy('bucket').execute();
    expect(buckets.map((row) => row.bucket)).toEqual(['login:10.0.0.7']);
  });
});
