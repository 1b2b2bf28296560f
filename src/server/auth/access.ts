import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { listUnits } from '../db/units-repository.ts';
import type { AccountRow, Database } from '../db/schema.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { UnitTree } from '../reports/unit-tree.ts';
import { currentSession, rejectCrossSiteMutation, type SignedIn } from './people-auth.ts';

/**
 * Who may read what. admin: every unit. manager: their unit and everything below it (and merged into
 * it). staff: their own unit only, without sub-units. Anything else answers 403, on every route.
 */
export interface Viewer extends SignedIn {
  tree: UnitTree;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A tablet's route (its bearer token, or an enrolment code in the body), never authenticated by a
     * cookie, so a foreign page has no credentials to borrow: the CSRF rules do not apply to it. Every
     * other state-changing route gets them.
     */
    deviceApi?: boolean;
    /**
     * A one-stop system's route, authenticated only by its integration key (a bearer header a foreign page
     * cannot add): the CSRF rules do not apply; the text rule does.
     */
    integrationApi?: boolean;
  }
}

/**
 * CSRF rules on every state-changing route that is not declared a device API route. Decided on the route
 * the router matched (after it decoded the path), never on the URL text: "/api/v1/%61dmin/…" is the
 * admin route and is guarded as such. A request no route matches changes nothing and answers 404.
 */
export function guardPeopleApi(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const { config } = request.routeOptions;
    if (request.routeOptions.url === undefined || config.deviceApi === true || config.integrationApi === true) return;
    rejectCrossSiteMutation(request);
  });
}

export async function requireViewer(db: Kysely<Database>, request: FastifyRequest, now: Date): Promise<Viewer> {
  const signedIn = await currentSession(db, request, now);
  if (!signedIn) throw new ApiFailure(401, 'unauthenticated', 'Sign in first (the session is missing or has expired).');
  return { ...signedIn, tree: new UnitTree(await listUnits(db)) };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in administrator, on routes registered under onlyAdministrators. */
    administrator: Viewer | null;
  }
}

/**
 * Makes every route of the plugin `app` administrators-only: the session is checked when the request
 * arrives (401 without one, 403 for another role), before its body is read or any handler runs.
 */
export function onlyAdministrators(app: FastifyInstance, db: Kysely<Database>, now: () => Date): void {
  app.decorateRequest('administrator', null);
  app.addHook('onRequest', async (request) => {
    request.administrator = await requireAdmin(db, request, now());
  });
}

/** The administrator onlyAdministrators let through. */
export function administratorOf(request: FastifyRequest): Viewer {
  if (!request.administrator) throw new Error(`${request.routeOptions.url ?? request.url} is not registered under onlyAdministrators`);
  return request.administrator;
}

export async function requireAdmin(db: Kysely<Database>, request: FastifyRequest, now: Date): Promise<Viewer> {
  const viewer = await requireViewer(db, request, now);
  if (viewer.account.role !== 'admin') throw new ApiFailure(403, 'forbidden', 'Only an administrator may do this.');
  return viewer;
}

/** The unit ids an account may read, or 'all'. */
export function readableUnits(account: AccountRow, tree: UnitTree): 'all' | Set<string> {
  if (account.role === 'admin') return 'all';
  if (account.unit_id === null) return new Set();
  return new Set(tree.scopeOf(account.unit_id, account.role === 'manager'));
}

/** Throws 403 unless the account may read `unitId` (staff reports leave sub-units out: see the report route). */
export function requireReadable(viewer: Viewer, unitId: string): void {
  const { account } = viewer;
  if (account.role === 'admin') return;
  const allowed =
    account.unit_id !== null && (account.role === 'manager' ? viewer.tree.contains(account.unit_id, unitId) : unitId === account.unit_id);
  if (!allowed) throw new ApiFailure(403, 'forbidden', 'This unit is outside the units your account may read.', 'unitId');
}
