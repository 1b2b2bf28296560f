import type { FastifyPluginAsync } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { errorBody } from '../http/api-failure.ts';

/** For load balancers and the start-up check: answers 200 only when the database answers too. */
export const healthRoutes: FastifyPluginAsync<{ db: Kysely<Database>; now: () => Date }> = async (app, { db, now }) => {
  app.get('/api/health', async (request, reply) => {
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send(errorBody('database-unavailable', 'The database does not answer.'));
    }
    return { status: 'ok', serverTime: now().toISOString() };
  });
};
