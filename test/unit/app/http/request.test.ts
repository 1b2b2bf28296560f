import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../../../src/app/http/api-error.ts';
import { requestJson, send } from '../../../../src/app/http/request.ts';

const replySchema = z.object({ id: z.string() });

/** A fetch that answers every request with `reply` and records what it was asked. */
function answering(reply: () => Response | Promise<Response>) {
  const requests: { url: string; init: RequestInit }[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    requests.push({ url: String(input), init: init ?? {} });
    return reply();
  };
  return { fetch: fetchStub, requests };
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the shared fetch wrapper', () => {
  it('sends JSON with the caller’s headers and returns the reply the schema accepts', async () => {
    const server = answering(() => json(200, { id: 'a1', extra: true }));
    const reply = await requestJson({
      method: 'POST',
      url: '/things',
      body: { name: 'x' },
      headers: { 'x-one': '1' },
      schema: replySchema,
      fetch: server.fetch,
    });
    expect(reply).toEqual({ id: 'a1' });
    const [request] = server.requests;
    expect(request?.init.body).toBe('{"name":"x"}');
    expect(request?.init.headers).toMatchObject({ 'x-one': '1', 'content-type': 'application/json', accept: 'application/json' });
  });

  it('maps a request that gets no answer to status 0 and code network', async () => {
    const server = answering(() => Promise.reject(new TypeError('fetch failed')));
    const error = await failureOf(requestJson({ method: 'GET', url: '/things', schema: replySchema, fetch: server.fetch }));
    expect(error).toMatchObject({ status: 0, code: 'network', field: null, issues: [], retryAfterSeconds: null });
  });

  it('gives up with status 0 and code timeout when the server does not answer in time', async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const error = await failureOf(requestJson({ method: 'GET', url: '/slow', schema: replySchema, fetch: never, timeoutMs: 20 }));
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
  });

  it('rejects with the abort itself, not an ApiError, when the caller cancels', async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const controller = new AbortController();
    const pending = requestJson({ method: 'GET', url: '/slow', schema: replySchema, fetch: never, signal: controller.signal, timeoutMs: 10_000 });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('maps a 4xx to the server’s code, message, field and issues', async () => {
    const server = answering(() =>
      json(400, {
        error: { code: 'invalid-request', message: 'unitId is required', field: 'unitId', issues: [{ path: ['unitId'], message: 'Required' }] },
      }),
    );
    const error = await failureOf(requestJson({ method: 'PUT', url: '/targets', body: {}, schema: replySchema, fetch: server.fetch }));
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid-request',
      message: 'unitId is required',
      field: 'unitId',
      issues: [{ path: ['unitId'], message: 'Required' }],
      retryAfterSeconds: null,
    });
  });

  it('reads the wait of a 429 from Retry-After', async () => {
    const server = answering(() => json(429, { error: { code: 'rate-limited', message: 'slow down' } }, { 'retry-after': '30' }));
    const error = await failureOf(send({ method: 'POST', url: '/sync', fetch: server.fetch }));
    expect(error).toMatchObject({ status: 429, code: 'rate-limited', retryAfterSeconds: 30 });
  });

  it('names an error reply that is not JSON by its status', async () => {
    const server = answering(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await failureOf(requestJson({ method: 'GET', url: '/things', schema: replySchema, fetch: server.fetch }));
    expect(error).toMatchObject({ status: 502, code: 'http-502', message: 'Bad Gateway' });
  });

  it('maps a 2xx whose body is not JSON to unexpected-reply', async () => {
    const server = answering(() => new Response('<html>a captive portal</html>', { status: 200 }));
    const error = await failureOf(requestJson({ method: 'GET', url: '/things', schema: replySchema, fetch: server.fetch }));
    expect(error).toMatchObject({ status: 200, code: 'unexpected-reply' });
  });

  it('maps a reply of the wrong shape to unexpected-reply', async () => {
    const server = answering(() => json(200, { id: 42 }));
    const error = await failureOf(requestJson({ method: 'GET', url: '/things', schema: replySchema, fetch: server.fetch }));
    expect(error).toMatchObject({ status: 200, code: 'unexpected-reply' });
  });

  it('hands back a 304 for the caller to read as "your copy is current", and reads an empty 204 as undefined', async () => {
    const notModified = answering(() => new Response(null, { status: 304 }));
    expect((await send({ method: 'GET', url: '/config', fetch: notModified.fetch })).status).toBe(304);
    const noContent = answering(() => new Response(null, { status: 204 }));
    await expect(requestJson({ method: 'POST', url: '/logout', schema: z.undefined(), fetch: noContent.fetch })).resolves.toBeUndefined();
  });
});
