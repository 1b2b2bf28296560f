import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenForLog } from '../../domain/dossier-link.ts';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * The server's logs: one JSON object per line (pino, Fastify's logger) on stdout, for journald or any
 * collector. Every line of a request carries its `reqId`; the proxy's `X-Request-Id` is kept when it sends
 * one, so a line of Caddy's log and the server's name the same request. Nothing personal or secret is
 * logged: request lines hold the method and the path without its query (an enrolment link's code is in the
 * query), and headers that carry credentials are redacted wherever they would appear.
 */

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-sipas-csrf"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.pin',
];

/** What a proxy may send as the request id: short and plain, so it cannot forge log lines or grow them. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/** A dossier link's token in a path is cut to its first characters (tokenForLog): a whole one is a credential. */
const DOSSIER_LINK_IN_PATH = /(\/dossier-links\/)([^/]+)/;

export function pathWithoutQuery(url: string | undefined): string {
  const path = ((url ?? '').split('?')[0] ?? '').replace(
    DOSSIER_LINK_IN_PATH,
    (_match, prefix: string, token: string) => `${prefix}${tokenForLog(token)}`,
  );
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

export function serverLoggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | FastifyBaseLogger | undefined> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: pathWithoutQuery(request.url), remoteAddress: request.ip }),
    },
  };
}

/** Every answer names its request id, so a tablet's or browser's report can be matched to the server's log. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}
