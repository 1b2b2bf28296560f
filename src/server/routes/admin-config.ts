import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { kioskSettingsSchema } from '../../domain/kiosk-settings.ts';
import { questionnaireSchema } from '../../domain/questionnaire.ts';
import { methodPreviewRequestSchema, type MethodPreviewRequest } from '../../domain/method-preview.ts';
import { methodPreviewOf } from '../reports/method-preview.ts';
import { deleteQuestionnaireDraft } from '../db/questionnaire-drafts-repository.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../domain/templates/index.ts';
import { requireUnit, viewerOf } from '../auth/access.ts';
import { appendAudit, writeAudited } from '../db/audit-repository.ts';
import { insertMissingQuestionnaires } from '../db/questionnaires-repository.ts';
import { questionnaireVersionExists } from '../db/units-admin-repository.ts';
import { kioskSettingsOfUnit, saveKioskSettings } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';
import { Conflict, NotFound } from '../errors.ts';

const unitParams = z.object({ unitId: z.string().min(1).max(64) });
export const versionParams = z.object({ id: z.string().min(1).max(64), version: z.coerce.number().int().min(1) });

/**
 * A version carries its recordings (audio data URLs of at most 512 KB each, see questionnaire.ts), so it
 * may be far larger than Fastify's default 1 MB body.
 */
export const QUESTIONNAIRE_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** Questionnaire versions (published as validated data) and kiosk settings per unit. */
export const adminConfigRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, catalog, now }) => {
  app.post<{ Body: z.infer<typeof questionnaireSchema> }>(
    '/api/v1/admin/questionnaires',
    { bodyLimit: QUESTIONNAIRE_BODY_LIMIT_BYTES, schema: { body: questionnaireSchema } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const questionnaire = request.body;
      // A published version is immutable: responses are tied to it, so a change must be a new version.
      if (await questionnaireVersionExists(db, questionnaire.id, questionnaire.version)) {
        throw new Conflict(`${questionnaire.id} version ${questionnaire.version} exists already; publish a new version.`, { field: 'version' });
      }
      const publishedAt = now();
      await inWriteTransaction(db, async (trx) => {
        await insertMissingQuestionnaires(trx, [questionnaire], publishedAt);
        // The version is out: its draft has done its work.
        await deleteQuestionnaireDraft(trx, questionnaire.id, questionnaire.version);
        await appendAudit(trx, {
          at: publishedAt,
          actor: actorOf(viewer),
          action: 'questionnaire.published',
          detail: { id: questionnaire.id, version: questionnaire.version, mode: questionnaire.mode },
        });
      });
      return reply.code(201).send({ id: questionnaire.id, version: questionnaire.version, publishedAt: publishedAt.toISOString() });
    },
  );

  /**
   * A draft's method tried on a past period before it is published: the unit's figures by the method in
   * force and by the draft's, side by side. Reads only; nothing is stored or audited.
   */
  app.post<{ Body: MethodPreviewRequest }>(
    '/api/v1/admin/questionnaires/method-preview',
    { bodyLimit: QUESTIONNAIRE_BODY_LIMIT_BYTES, schema: { body: methodPreviewRequestSchema } },
    async (request) => {
      // Administrators read every unit; an unknown one is refused with its field by methodPreviewOf.
      return methodPreviewOf(db, catalog, viewerOf(request).tree, request.body);
    },
  );

  /** The shipped questionnaires for other services, each with its method, to publish as they are or edited. */
  app.get('/api/v1/admin/questionnaire-templates', async (request) => {
    viewerOf(request);
    return { templates: QUESTIONNAIRE_TEMPLATES };
  });

  /** A published version as published: exported for another province, or the start of the next version. */
  app.get<{ Params: z.infer<typeof versionParams> }>(
    '/api/v1/admin/questionnaires/:id/versions/:version',
    { schema: { params: versionParams } },
    async (request) => {
      viewerOf(request);
      const { id, version } = request.params;
      const questionnaire = await catalog.findPublished(id, version);
      if (!questionnaire) throw new NotFound(`There is no published version ${version} of "${id}".`);
      return questionnaire;
    },
  );

  app.get<{ Params: z.infer<typeof unitParams> }>('/api/v1/admin/kiosk-settings/:unitId', { schema: { params: unitParams } }, async (request) => {
    const viewer = viewerOf(request);
    const { unitId } = request.params;
    requireUnit(viewer, unitId);
    return { unitId, settings: (await kioskSettingsOfUnit(db, unitId)) ?? null };
  });

  app.put<{ Params: z.infer<typeof unitParams>; Body: z.infer<typeof kioskSettingsSchema> }>(
    '/api/v1/admin/kiosk-settings/:unitId',
    { schema: { params: unitParams, body: kioskSettingsSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { unitId } = request.params;
      requireUnit(viewer, unitId);
      const settings = request.body;
      await writeAudited(db, now, { actor: actorOf(viewer), action: 'kiosk-settings.saved', detail: { unitId, settings } }, (trx) =>
        saveKioskSettings(trx, unitId, settings, now()),
      );
      return { unitId, settings };
    },
  );
};
