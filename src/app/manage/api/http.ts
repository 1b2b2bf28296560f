import type { z } from 'zod';
import { CSRF_HEADER } from '../../../domain/manage-api.ts';
import { requestJson, type HttpMethod } from '../../http/request.ts';

/**
 * The dashboard's door to the server: same-origin JSON with the session cookie and the CSRF header on
 * every mutation, through the app's one fetch wrapper (failures are ApiErrors a screen switches on by code).
 */

/** The custom header the server requires on mutations (manage-api.ts): a cross-site form cannot set it. */
const CSRF_HEADER_VALUE = '1';

export function apiRequest<Schema extends z.ZodType>(
  method: HttpMethod,
  path: string,
  options: { body?: unknown; schema: Schema; signal?: AbortSignal },
): Promise<z.infer<Schema>> {
  return requestJson({
    method,
    url: path,
    body: options.body,
    schema: options.schema,
    signal: options.signal,
    credentials: 'same-origin',
    headers: method === 'GET' ? {} : { [CSRF_HEADER]: CSRF_HEADER_VALUE },
  });
}

/** Adds a query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
