import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/app/http/api-error.ts';
import { createApiClient } from '../../../../src/app/sync/api.ts';
import { classifyFailure } from '../../../../src/app/sync/run.ts';

/** A fetch that records each request and answers with `reply`. */
function recording(reply: () => Response | Promise<Response>) {
  const requests: { url: string; headers: Record<string, string>; cache: RequestCache | undefined }[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    requests.push({ url: String(input), headers: (init?.headers ?? {}) as Record<string, string>, cache: init?.cache });
    return reply();
  };
  return { fetch: fetchStub, requests };
}

describe('the kiosk’s sync client over the shared fetch wrapper', () => {
  it('asks for the configuration with the device token and the ETag it holds, and reads 304 as "current"', async () => {
    const server = recording(() => new Response(null, { status: 304 }));
    const api = createApiClient({ baseUrl: 'http://server', fetch: server.fetch });
    await expect(api.fetchConfig('device-token', '"v7"')).resolves.toBeNull();
    expect(server.requests[0]).toMatchObject({
      url: 'http://server/api/v1/sync/config',
      headers: { authorization: 'Bearer device-token', 'if-none-match': '"v7"' },
      cache: 'no-store',
    });
  });

  it('fails with the app’s ApiError, which the sync run classifies: 401 stops, no answer is offline, 429 waits', async () => {
    const refused = recording(() => Response.json({ error: { code: 'unauthorized', message: 'unknown token' } }, { status: 401 }));
    const unauthorized = await createApiClient({ fetch: refused.fetch })
      .sendBatch('old-token', { deviceId: 'd1', batchId: 'b1', responses: [] } as never)
      .catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(ApiError);
    expect(unauthorized).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(classifyFailure(unauthorized)).toEqual({ kind: 'stop', reason: 'unauthorized' });

    const offline = recording(() => Promise.reject(new TypeError('fetch failed')));
    const unanswered = await createApiClient({ fetch: offline.fetch })
      .fetchConfig('token', null)
      .catch((error: unknown) => error);
    expect(unanswered).toMatchObject({ status: 0, code: 'network' });
    expect(classifyFailure(unanswered)).toEqual({ kind: 'offline' });

    const busy = recording(() =>
      Response.json({ error: { code: 'rate-limited', message: 'slow down' } }, { status: 429, headers: { 'retry-after': '30' } }),
    );
    const limited = await createApiClient({ fetch: busy.fetch })
      .fetchConfig('token', null)
      .catch((error: unknown) => error);
    expect(classifyFailure(limited)).toEqual({ kind: 'retry', status: 429, retryAfterSeconds: 30 });
  });
});
