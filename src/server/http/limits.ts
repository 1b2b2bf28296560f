import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * How long and how large a request may be, set on purpose rather than left to defaults (Node's allow a
 * half-sent body to hold a connection for minutes). Tablets on a weak commune network must still get a
 * 5 MB batch through: the whole request may take 2 minutes, silence on a connection 1 minute.
 */
export interface ServerTimeouts {
  /** The whole request, headers and body, must arrive within this (Node's requestTimeout → 408). */
  requestMs: number;
  /** A connection silent this long is closed (socket inactivity). */
  idleMs: number;
  /** An idle keep-alive connection is kept this long; longer than a proxy's usual 60 s, so the proxy closes first. */
  keepAliveMs: number;
  /** How often Node looks for requests past requestMs. */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = { requestMs: 120_000, idleMs: 60_000, keepAliveMs: 65_000, checkIntervalMs: 5_000 };

/** Admin forms and sign-in: small JSON. Routes that need more say so (sync batches, questionnaires). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Node's requestTimeout only covers a request until its headers are in; a body trickled a byte at a time
 * afterwards keeps the connection (and the body parser's buffer) for as long as the client likes. So a
 * body that has not fully arrived `requestMs` after the request began closes the connection.
 */
export function cutOffSlowBodies(app: FastifyInstance, requestMs: number): void {
  app.addHook('onRequest', async (request, reply) => {
    const { headers, raw } = request;
    const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
    const socket = raw.socket as Socket | undefined;
    if (!hasBody || typeof socket?.destroy !== 'function') return;
    const timer = setTimeout(() => {
      if (!raw.complete) socket.destroy();
    }, requestMs);
    timer.unref();
    const stop = () => clearTimeout(timer);
    raw.once('end', stop);
    raw.once('close', stop);
    reply.raw.once('close', stop);
  });
}
