/**
 * The one error model of the app's calls to the server (the kiosk's sync client and the dashboard alike):
 * the server's code when it answered, `network` or `timeout` (status 0) when it did not, and
 * `unexpected-reply` when its answer was not what the contract says.
 */

/** Status 0, no answer: the request never reached the server or its reply never came back. */
export const NETWORK_ERROR_CODE = 'network';
/** Status 0, no answer in the time the caller allows. */
export const TIMEOUT_ERROR_CODE = 'timeout';
/** The server answered, but not in the shape the contract promises (or not JSON at all). */
export const UNEXPECTED_REPLY_CODE = 'unexpected-reply';

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  /** The HTTP status, 0 when the server gave no answer. */
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

/** Anything a call threw, as an ApiError (a bug on this side becomes code `unknown`). */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError({ status: 0, code: 'unknown', message: String(error) });
}
