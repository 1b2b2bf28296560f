import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { listUnits } from '../db/units-repository.ts';
import type { AccountRow, Database, UnitRow } from '../db/schema.ts';
import { UnitRowTree } from '../db/unit-row-tree.ts';
import { currentSession, rejectCrossSiteMutation, type SignedIn } from './people-auth.ts';
import { Forbidden, NotFound, Unauthenticated } from '../errors.ts';

/**
 * Who may read what. admin: every unit. manager: their unit and everything below it (and merged into
 * it). staff: their own unit only, without sub-units. Anything else answers 403, on every route.
 */
export interface Viewer extends SignedIn {
  tree: UnitRowTree;
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
 * Also declares request.viewer, which the role checks (signedInAs) fill in.
 */
export function guardPeopleApi(app: FastifyInstance): void {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const { config } = request.routeOptions;
    if (request.routeOptions.url === undefined || config.deviceApi === true || config.integrationApi === true) return;
    rejectCrossSiteMutation(request);
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person a route's role check (signedInAs) let through; null on routes without one. */
    viewer: Viewer | null;
  }
}

export type Role = AccountRow['role'];

export const EVERY_ROLE: readonly Role[] = ['admin', 'manager', 'staff'];

/**
 * A route's role check, as Fastify's docs show authentication: a hook (the route's `onRequest`, or a
 * plugin's for all its routes) that runs when the request arrives, before its body is read, validated or
 * handled: 401 without a session, 403 (with `refusal`) for a role not in `roles`. The handler reads the
 * person through viewerOf.
 */
export function signedInAs(
  db: Kysely<Database>,
  now: () => Date,
  roles: readonly Role[],
  refusal = 'Only an administrator may do this.',
): onRequestAsyncHookHandler {
  return async (request) => {
    const signedIn = await currentSession(db, request, now());
    if (!signedIn) throw new Unauthenticated('Sign in first (the session is missing or has expired).');
    if (!roles.includes(signedIn.account.role)) throw new Forbidden(refusal);
    request.viewer = { ...signedIn, tree: new UnitRowTree(await listUnits(db)) };
  };
}

/** Makes every route of the plugin `app` administrators-only (see signedInAs). */
export function onlyAdministrators(app: FastifyInstance, db: Kysely<Database>, now: () => Date): void {
  app.addHook('onRequest', signedInAs(db, now, ['admin']));
}

/** The person the route's role check let through. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new Error(`${request.routeOptions.url ?? request.url} has no role check (signedInAs)`);
  return request.viewer;
}

/** The unit ids an account may read, or 'all'. */
export function readableUnits(account: AccountRow, tree: UnitRowTree): 'all' | Set<string> {
  if (account.role === 'admin') return 'all';
  if (account.unit_id === null) return new Set();
  return new Set(tree.scopeOf(account.unit_id, account.role === 'manager'));
}

/** The unit `unitId` names in the viewer's tree; throws 404 when there is none. */
export function requireUnit(viewer: Viewer, unitId: string): UnitRow {
  const unit = viewer.tree.get(unitId);
  if (!unit) throw new NotFound(`There is no unit "${unitId}".`);
  return unit;
}

/** Throws 403 unless the account may read `unitId` (staff reports leave sub-units out: see the report route). */
export function requireReadable(viewer: Viewer, unitId: string): void {
  const { account } = viewer;
  if (account.role === 'admin') return;
  const allowed =
    account.unit_id !== null && (account.role === 'manager' ? viewer.tree.contains(account.unit_id, unitId) : unitId === account.unit_id);
  if (!allowed) throw new Forbidden('This unit is outside the units your account may read.', { field: 'unitId' });
}
