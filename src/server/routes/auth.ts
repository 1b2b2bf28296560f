import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { Kysely } from 'kysely';
import { loginRequestSchema } from '../../domain/manage-api.ts';
import { clearSessionCookie, currentSession, logIn, logOut, sessionInfoOf, setSessionCookie } from '../auth/people-auth.ts';
import type { Database } from '../db/schema.ts';
import { limitRoutesOfPlugin, type RateLimitOptions } from './rate-limit.ts';
import { Unauthenticated } from '../errors.ts';

export interface AuthRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  /** Login attempts per address; the per-account lockout stops guessing one account from many addresses. */
  loginRateLimit: RateLimitOptions;
  /** Whether the demo accounts' published password may sign in (a demo server only). */
  demoPasswordAllowed: boolean;
}

/** POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/session. */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { db, now, loginRateLimit, demoPasswordAllowed }) => {
  await app.register(async (login) => {
    await limitRoutesOfPlugin(login, loginRateLimit, (request) => request.ip, { db, now, family: 'login' });
    login.post<{ Body: z.infer<typeof loginRequestSchema> }>(
      '/api/v1/auth/login',
      { schema: { body: loginRequestSchema } },
      async (request, reply) => {
        const { username, password } = request.body;
        const { token, signedIn } = await logIn(db, username, password, now(), { demoPasswordAllowed });
        setSessionCookie(request, reply, token, signedIn.expiresAt);
        return sessionInfoOf(signedIn);
      },
    );
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    await logOut(db, request);
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  app.get('/api/v1/auth/session', async (request) => {
    const signedIn = await currentSession(db, request, now());
    if (!signedIn) throw new Unauthenticated('Not signed in.');
    return sessionInfoOf(signedIn);
  });
};
