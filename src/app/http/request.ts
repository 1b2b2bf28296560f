import type { z } from 'zod';
import { ApiError, NETWORK_ERROR_CODE, TIMEOUT_ERROR_CODE, UNEXPECTED_REPLY_CODE, type ApiIssue } from './api-error.ts';

/**
 * The one fetch wrapper of the app. Each client adds what it needs (the kiosk's bearer token and timeout,
 * the dashboard's CSRF header and session cookie); this sends JSON, turns every failure into an ApiError
 * and checks every reply against the contract's zod schema.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller's cancellation: an aborted request rejects with the abort itself, not an ApiError. */
  signal?: AbortSignal;
  /** Gives up with code `timeout` when the server has not answered in this time. */
  timeoutMs?: number;
  credentials?: RequestCredentials;
  cache?: RequestCache;
  /** Tests and the kiosk's sync harness pass their own. */
  fetch?: typeof fetch;
}

function issuesOf(body: Record<string, unknown>): ApiIssue[] {
  const raw = body.issues ?? body.details;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((issue): ApiIssue[] => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    return [{ path: Array.isArray(path) ? (path as (string | number)[]) : [], message: String(message ?? '') }];
  });
}

/** Seconds from the Retry-After header, or the body's own figure; only a positive number is a wait. */
function retryAfterOf(response: Response, body: Record<string, unknown>): number | null {
  const seconds = Number(response.headers.get('retry-after') ?? body.retryAfterSeconds ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** The server's error reply (`{ error: { code, message, field?, issues? } }`, or the same fields flat) as an ApiError. */
async function failureOf(response: Response): Promise<ApiError> {
  const parsed: unknown = await response.json().catch(() => null);
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const nested = typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : body;
  return new ApiError({
    status: response.status,
    code: typeof nested.code === 'string' ? nested.code : `http-${response.status}`,
    message: typeof nested.message === 'string' ? nested.message : response.statusText || `HTTP ${response.status}`,
    issues: issuesOf(nested),
    retryAfterSeconds: retryAfterOf(response, nested),
    field: typeof nested.field === 'string' ? nested.field : null,
  });
}

function signalOf(request: HttpRequest): AbortSignal | undefined {
  const timeout = request.timeoutMs === undefined ? undefined : AbortSignal.timeout(request.timeoutMs);
  if (request.signal && timeout) return AbortSignal.any([request.signal, timeout]);
  return request.signal ?? timeout;
}

/** Sends the request; resolves with the response when it is 2xx or 304 (the caller's copy is current), else throws an ApiError. */
export async function send(request: HttpRequest): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const fetchImpl = request.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: signalOf(request),
      ...(request.credentials ? { credentials: request.credentials } : {}),
      ...(request.cache ? { cache: request.cache } : {}),
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(
      timedOut
        ? { status: 0, code: TIMEOUT_ERROR_CODE, message: 'the server did not answer in time' }
        : { status: 0, code: NETWORK_ERROR_CODE, message: 'no network' },
    );
  }
  if (response.ok || response.status === 304) return response;
  throw await failureOf(response);
}

/** The reply's JSON body checked against the contract (an empty body reads as `undefined`). */
export async function readReply<Schema extends z.ZodType>(response: Response, schema: Schema): Promise<z.infer<Schema>> {
  const unexpected = (reason: string) => new ApiError({ status: response.status, code: UNEXPECTED_REPLY_CODE, message: reason });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw unexpected('the reply is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unexpected(parsed.error.message);
  return parsed.data;
}

/** Sends the request and reads its reply against `schema`. */
export async function requestJson<Schema extends z.ZodType>(request: HttpRequest & { schema: Schema }): Promise<z.infer<Schema>> {
  return readReply(await send(request), request.schema);
}
