import type { FastifyPluginAsync } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  dossierLinkRequestSchema,
  integrationKeyRequestSchema,
  signingKeyRequestSchema,
  type DossierLinkRequest,
} from '../../domain/dossier-links-api.ts';
import { mintOneLink } from '../dossier-links/mint-one.ts';
import { publicOrigin } from './admin-devices.ts';
import { viewerOf } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import {
  findIntegrationKey,
  findSigningKeyById,
  insertIntegrationKey,
  listIntegrationKeys,
  listSigningKeys,
  revokeIntegrationKey,
  revokeSigningKey,
} from '../db/dossier-links-repository.ts';
import { integrationKeyHash, newIntegrationKey } from '../dossier-links/integration-auth.ts';
import { createSigningKey, requireLinkKeysSecret } from '../dossier-links/link-service.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';
import { InvalidInput, NotFound } from '../errors.ts';

const unitFilter = z.object({ unitId: z.string().min(1).max(64).optional() });
const keyParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Per-unit signing keys of dossier links and the one-stop vendors' integration keys. A secret is in the
 * reply that creates it and nowhere else: never listed, never audited, never logged.
 */
export const adminDossierLinkRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  await app.register(signingKeyRoutes, options);
  await app.register(adminMintRoutes, options);
  await app.register(integrationKeyRoutes, options);
};

const signingKeyRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now, linkKeysSecret }) => {
  app.get<{ Querystring: z.infer<typeof unitFilter> }>(
    '/api/v1/admin/dossier-signing-keys',
    { schema: { querystring: unitFilter } },
    async (request) => {
      const { unitId } = request.query;
      const keys = await listSigningKeys(db, unitId);
      return {
        keys: keys.map((key) => ({
          id: key.id,
          unitId: key.unit_id,
          createdAt: key.created_at,
          createdBy: key.created_by,
          rotatedAt: key.rotated_at,
          lastIssueDay: key.last_issue_day,
          revokedAt: key.revoked_at,
        })),
      };
    },
  );

  app.post<{ Body: z.infer<typeof signingKeyRequestSchema> }>(
    '/api/v1/admin/dossier-signing-keys',
    { schema: { body: signingKeyRequestSchema } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const sealingKey = requireLinkKeysSecret(linkKeysSecret);
      const { unitId } = request.body;
      if (!viewer.tree.get(unitId)) throw new InvalidInput(`unitId: there is no unit "${unitId}"`, { code: 'unknown-unit', field: 'unitId' });
      const at = now();
      const created = await inWriteTransaction(db, async (trx) => {
        const key = await createSigningKey(trx, sealingKey, { unitId, at, actor: actorOf(viewer) });
        await appendAudit(trx, {
          at,
          actor: actorOf(viewer),
          action: 'dossier-signing-key.created',
          detail: { keyId: key.keyId, unitId, rotated: key.rotated },
        });
        return key;
      });
      return reply.code(201).send({ keyId: created.keyId, unitId, secret: created.secret, rotated: created.rotated });
    },
  );

  app.post<{ Params: z.infer<typeof keyParams> }>(
    '/api/v1/admin/dossier-signing-keys/:id/revoke',
    { schema: { params: keyParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const key = await findSigningKeyById(db, id);
      if (!key) throw new NotFound(`There is no signing key "${id}".`);
      const at = now();
      await inWriteTransaction(db, async (trx) => {
        if (await revokeSigningKey(trx, id, at)) {
          await appendAudit(trx, { at, actor: actorOf(viewer), action: 'dossier-signing-key.revoked', detail: { keyId: id, unitId: key.unit_id } });
        }
      });
      return reply.code(204).send();
    },
  );
};

/**
 * An administrator makes one dossier's link and QR code: to try the unit's key and the citizen's page, to put
 * a real QR into a result slip's template, or for a unit whose one-stop system cannot sign links yet.
 */
const adminMintRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now, publicUrl, linkKeysSecret }) => {
  app.post<{ Body: DossierLinkRequest }>(
    '/api/v1/admin/dossier-links',
    { preValidation: async () => void requireLinkKeysSecret(linkKeysSecret), schema: { body: dossierLinkRequestSchema } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const at = now();
      const link = request.body;
      // An administrator acts for every unit: the caller's scope is the unit asked for.
      const caller = { id: `admin:${viewer.account.id}`, vendor: actorOf(viewer), unitIds: [link.unitId] };
      const minted = await mintOneLink(db, { origin: publicOrigin(publicUrl), sealingKey: requireLinkKeysSecret(linkKeysSecret), caller, link, at });
      await appendAudit(db, { at, actor: actorOf(viewer), action: 'dossier-links.minted', detail: { unitIds: [link.unitId], count: 1 } });
      return reply.code(201).send(minted);
    },
  );
};

const integrationKeyRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.get('/api/v1/admin/integration-keys', async () => ({
    keys: (await listIntegrationKeys(db)).map((key) => ({
      id: key.id,
      vendor: key.vendor,
      unitIds: JSON.parse(key.unit_ids) as string[],
      createdAt: key.created_at,
      createdBy: key.created_by,
      revokedAt: key.revoked_at,
      lastUsedAt: key.last_used_at,
    })),
  }));

  app.post<{ Body: z.infer<typeof integrationKeyRequestSchema> }>(
    '/api/v1/admin/integration-keys',
    { schema: { body: integrationKeyRequestSchema } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { vendor, unitIds } = request.body;
      const unknown = unitIds.findIndex((unitId) => !viewer.tree.get(unitId));
      if (unknown >= 0)
        throw new InvalidInput(`unitIds[${unknown}]: there is no unit "${unitIds[unknown]}"`, { code: 'unknown-unit', field: `unitIds[${unknown}]` });
      const key = newIntegrationKey();
      const id = uuidv7();
      const at = now();
      const units = [...new Set(unitIds)];
      await inWriteTransaction(db, async (trx) => {
        await insertIntegrationKey(trx, { id, vendor, secretHash: integrationKeyHash(key), unitIds: units, at, actor: actorOf(viewer) });
        await appendAudit(trx, {
          at,
          actor: actorOf(viewer),
          action: 'integration-key.created',
          detail: { integrationKeyId: id, vendor, unitIds: units },
        });
      });
      return reply.code(201).send({ id, vendor, unitIds: units, key });
    },
  );

  app.post<{ Params: z.infer<typeof keyParams> }>(
    '/api/v1/admin/integration-keys/:id/revoke',
    { schema: { params: keyParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const key = await findIntegrationKey(db, id);
      if (!key) throw new NotFound(`There is no integration key "${id}".`);
      const at = now();
      await inWriteTransaction(db, async (trx) => {
        if (await revokeIntegrationKey(trx, id, at)) {
          await appendAudit(trx, {
            at,
            actor: actorOf(viewer),
            action: 'integration-key.revoked',
            detail: { integrationKeyId: id, vendor: key.vendor },
          });
        }
      });
      return reply.code(204).send();
    },
  );
};
