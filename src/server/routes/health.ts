import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { pendingMigrations } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';
import { errorBody } from '../http/api-failure.ts';
import type { ServerLifecycle } from '../http/lifecycle.ts';

export interface HealthRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  lifecycle: ServerLifecycle;
}

/**
 * For the service manager and the proxy in front: `live` says the process answers (restart it when not);
 * `ready` says it can take work — the database answers, its schema is this release's, and the process is
 * not shutting down (take it out of rotation when not). `/api/health` is the older combined check.
 */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { db, now, lifecycle }) => {
  const databaseAnswers = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    try {
      await sql`select 1`.execute(db);
      return true;
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      await reply.code(503).send(errorBody('database-unavailable', 'The database does not answer.'));
      return false;
    }
  };

  app.get('/api/health', async (request, reply) => {
    if (!(await databaseAnswers(request, reply))) return reply;
    return { status: 'ok', serverTime: now().toISOString() };
  });

  app.get('/api/v1/health/live', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'live', serverTime: now().toISOString() };
  });

  app.get('/api/v1/health/ready', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (lifecycle.shuttingDown) {
      return reply.code(503).send(errorBody('shutting-down', 'The server is finishing its requests and stopping.'));
    }
    if (!(await databaseAnswers(request, reply))) return reply;
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      return reply.code(503).send(errorBody('migrations-pending', `The database still needs ${pending.length} migration(s): ${pending.join(', ')}.`));
    }
    return { status: 'ready', serverTime: now().toISOString() };
  });
};
