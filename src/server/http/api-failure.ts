import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from '../../domain/sync-protocol.ts';
import { DomainError, InvalidInput, type DomainErrorKind } from '../errors.ts';

/**
 * An answer the HTTP layer itself decides (a media type it cannot read, a refusal table of a route): a
 * status, a code a program can switch on, a message a person can read. Services throw DomainErrors instead.
 */
export class ApiFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function errorBody(code: string, message: string, field?: string): ApiError {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** "answers["E1.1"]", "responses[3].submittedAt": the path as a developer would write it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** The refusal of a value a domain schema does not accept: 400 naming the first field at fault. */
function invalidInputOf(error: z.ZodError): InvalidInput {
  const issue = error.issues[0];
  const field = issue ? formatIssuePath(issue.path) : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return new InvalidInput(`${field || 'body'}: ${issue?.message ?? 'invalid'}${more}`, { field: field || undefined });
}

/** Parses a value with a domain schema, or answers 400 naming the first field at fault. */
export function parseOrFail<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInputOf(result.error);
}

/**
 * Fastify's validator compiler for routes that declare their parts (`schema: { body, querystring, params }`)
 * with the domain's zod schemas: the handler gets the parsed value (defaults and transforms applied), and a
 * value the schema refuses answers 400 in the same words parseOrFail uses.
 */
const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: invalidInputOf(result.error) };
  };

/**
 * On a route declared with `attachValidation: true`, whose handler decides where a refused part answers 400
 * (after a 404 or 403 it checks first): throws the refusal of `part`. Fastify validates params, then body,
 * then querystring, stopping at the first refused one, so a handler checks them in that order.
 */
export function refuseInvalidPart(request: FastifyRequest, part: 'params' | 'body' | 'querystring'): void {
  if (request.validationError?.validationContext === part) throw request.validationError;
}

/** Fastify's own errors, mapped to codes of our error body. */
const FASTIFY_ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
};

/** For errors of plugins (static files, rate limit) that carry only a status. */
const CODE_BY_STATUS: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  416: 'range-not-satisfiable',
  429: 'rate-limited',
};

/** The one place a domain error becomes an HTTP status. */
const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'too-many-requests': 429,
  'not-configured': 503,
};

/**
 * The API's two conventions, for the whole app and for any app a benchmark builds from its routes:
 * routes declare their body, query and params with the domain's zod schemas, and every error, a
 * service's or Fastify's or a plugin's, leaves as { error: { code, message, field? } }.
 */
export function useApiConventions(app: FastifyInstance): void {
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setErrorHandler((error: FastifyError | DomainError | ApiFailure, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      return reply.code(STATUS_OF_KIND[error.kind]).send(errorBody(error.code, error.message, error.field));
    }
    if (error instanceof ApiFailure) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.field));
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send(errorBody('internal-error', 'The server failed to handle the request; it was logged.'));
    }
    const code = FASTIFY_ERROR_CODES[error.code] ?? CODE_BY_STATUS[status] ?? (error instanceof SyntaxError ? 'malformed-json' : 'invalid-request');
    return reply.code(status).send(errorBody(code, error.message));
  });
}

/**
 * Fastify answers a few errors before routing (a path that is not valid percent-encoding: FST_ERR_BAD_URL)
 * in its own shape; this gives them ours. Passed as Fastify's frameworkErrors option.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message = error.code === 'FST_ERR_BAD_URL' ? 'The address is not valid (a malformed %-escape).' : 'The request is not valid.';
  void reply.code(status).send(errorBody('invalid-request', message));
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send(errorBody('not-found', `No route for ${request.method} ${request.url.split('?')[0]}`));
}
