import type { z } from 'zod';
import { CSRF_HEADER } from '../../../domain/manage-api.ts';

/**
 * The one door to the server for the dashboard: same-origin JSON with the session cookie, the CSRF
 * header on every mutation, and failures turned into an ApiError a screen can switch on by code.
 */

/** The custom header the server requires on mutations (manage-api.ts): a cross-site form cannot set it. */
const CSRF_HEADER_VALUE = '1';

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  readonly retryAfterSeconds: number | null;
  /** The request field the server names as wrong, if any. */
  readonly field: string | null;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    issues?: ApiIssue[];
    retryAfterSeconds?: number | null;
    field?: string | null;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.field = options.field ?? null;
  }
}

/** Status 0: the request never got an answer (no network, server down). */
export const NETWORK_ERROR_CODE = 'network';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function issuesOf(body: Record<string, unknown>): ApiIssue[] {
  const raw = body.issues ?? body.details;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((issue): ApiIssue[] => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    return [{ path: Array.isArray(path) ? (path as (string | number)[]) : [], message: String(message ?? '') }];
  });
}

async function failureOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const nested = typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : body;
  const retryAfter = Number(response.headers.get('retry-after') ?? nested.retryAfterSeconds ?? Number.NaN);
  return new ApiError({
    status: response.status,
    code: typeof nested.code === 'string' ? nested.code : `http-${response.status}`,
    message: typeof nested.message === 'string' ? nested.message : response.statusText,
    issues: issuesOf(nested),
    retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
    field: typeof nested.field === 'string' ? nested.field : null,
  });
}

export async function apiRequest<Schema extends z.ZodType>(
  method: Method,
  path: string,
  options: { body?: unknown; schema: Schema; signal?: AbortSignal },
): Promise<z.infer<Schema>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, message: String(error) });
  }
  if (!response.ok) throw await failureOf(response);
  const text = await response.text();
  const parsed = options.schema.safeParse(text === '' ? undefined : JSON.parse(text));
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'unexpected-reply', message: parsed.error.message });
  }
  return parsed.data;
}

/** Adds a query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
