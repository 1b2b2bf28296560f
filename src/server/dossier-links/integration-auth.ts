import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { bearerTokenOf } from '../auth/device-auth.ts';
import { sha256Base64Url } from '../auth/secrets.ts';
import { findIntegrationKeyByHash, recordIntegrationKeyUse } from '../db/dossier-links-repository.ts';
import type { Database } from '../db/schema.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';

/**
 * Integration keys of one-stop systems: "sipas_ik_" and 32 random bytes in base64url. The prefix lets a
 * secret scanner recognise a leaked key; only its SHA-256 is stored (enough randomness for a fast hash).
 */
const KEY_PATTERN = /^sipas_ik_[A-Za-z0-9_-]{43}$/;

export function newIntegrationKey(): string {
  return `sipas_ik_${randomBytes(32).toString('base64url')}`;
}

export function integrationKeyHash(key: string): string {
  return sha256Base64Url(`integration:${key}`);
}

export interface IntegrationCaller {
  id: string;
  vendor: string;
  unitIds: string[];
}

/** The rate-limit bucket: the key's hash, or the address when no well-formed key is sent. */
export function integrationRateLimitKeyOf(request: FastifyRequest): string {
  const key = bearerTokenOf(request);
  return key && KEY_PATTERN.test(key) ? `key:${integrationKeyHash(key)}` : `ip:${request.ip}`;
}

/** 401 for a missing or unknown key, 403 for a revoked one. */
export async function authenticateIntegration(db: Kysely<Database>, request: FastifyRequest, now: Date): Promise<IntegrationCaller> {
  const key = bearerTokenOf(request);
  if (!key || !KEY_PATTERN.test(key)) {
    throw new Unauthenticated('An integration key is required: "Authorization: Bearer sipas_ik_…".', { code: 'unauthorized' });
  }
  const row = await findIntegrationKeyByHash(db, integrationKeyHash(key));
  if (!row) throw new Unauthenticated('This integration key is not known.', { code: 'unauthorized' });
  if (row.revoked_at !== null) throw new Forbidden('This integration key has been revoked by an administrator.', { code: 'integration-key-revoked' });
  await recordIntegrationKeyUse(db, row.id, now);
  return { id: row.id, vendor: row.vendor, unitIds: JSON.parse(row.unit_ids) as string[] };
}

/** A key acts for the units it names and every unit below them. */
export function integrationCovers(caller: IntegrationCaller, tree: UnitRowTree, unitId: string): boolean {
  return caller.unitIds.some((root) => tree.contains(root, unitId));
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The integration key a one-stop system's route let through (onlyIntegrationKeys); null on other routes. */
    integrationCaller: IntegrationCaller | null;
  }
}

/**
 * Makes every route of the plugin `app` a one-stop system's route: a hook that authenticates the key when
 * the request arrives, before its body is read or validated (401, 403). Handlers read it through callerOf.
 */
export function onlyIntegrationKeys(app: FastifyInstance, db: Kysely<Database>, now: () => Date): void {
  app.decorateRequest('integrationCaller', null);
  app.addHook('onRequest', async (request) => {
    request.integrationCaller = await authenticateIntegration(db, request, now());
  });
}

/** The integration key the plugin's hook (onlyIntegrationKeys) let through. */
export function callerOf(request: FastifyRequest): IntegrationCaller {
  if (!request.integrationCaller) throw new Error(`${request.routeOptions.url ?? request.url} has no key check (onlyIntegrationKeys)`);
  return request.integrationCaller;
}
