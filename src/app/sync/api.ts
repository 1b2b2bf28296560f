import { z } from 'zod';
import { deviceConfigSchema, type DeviceConfig } from '../../domain/device-config.ts';
import {
  apiErrorSchema,
  batchReplySchema,
  enrolmentReplySchema,
  type BatchReply,
  type EnrolmentReply,
  type ResponseBatch,
} from '../../domain/sync-protocol.ts';

/** A failed call, with the server's code when it answered and `network` when it did not. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createApiClient({ baseUrl = '', fetch: fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = 30_000 }: ApiClientOptions = {}) {
  async function call(path: string, init: RequestInit & { token?: string }): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('content-type', 'application/json');
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiCallError(timedOut ? 'timeout' : 'network', timedOut ? 'the server did not answer in time' : 'no network', null);
    }
    if (response.ok || response.status === 304) return response;
    const retryAfter = Number(response.headers.get('retry-after'));
    const parsed = apiErrorSchema.safeParse(await response.json().catch(() => null));
    const { code, message } = parsed.success
      ? parsed.data.error
      : { code: `http-${response.status}`, message: response.statusText || `HTTP ${response.status}` };
    throw new ApiCallError(code, message, response.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }

  async function parse<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
    const result = schema.safeParse(await response.json().catch(() => null));
    if (!result.success) throw new ApiCallError('bad-reply', 'the server answered in an unexpected format', response.status);
    return result.data;
  }

  return {
    async enrol(body: { code: string; deviceId: string; deviceName?: string }): Promise<EnrolmentReply> {
      return parse(await call('/api/v1/devices/enrol', { method: 'POST', body: JSON.stringify(body) }), enrolmentReplySchema);
    },
    /** `null` when the server says the copy we hold (by ETag) is current. */
    async fetchConfig(token: string, etag: string | null): Promise<{ config: DeviceConfig; etag: string | null } | null> {
      const response = await call('/api/v1/sync/config', {
        method: 'GET',
        token,
        headers: etag ? { 'if-none-match': etag } : {},
        cache: 'no-store',
      });
      if (response.status === 304) return null;
      return { config: await parse(response, deviceConfigSchema), etag: response.headers.get('etag') };
    },
    async sendBatch(token: string, batch: ResponseBatch): Promise<BatchReply> {
      return parse(await call('/api/v1/sync/responses', { method: 'POST', token, body: JSON.stringify(batch) }), batchReplySchema);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
