import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import { draftKeyOf, saveDraftRequestSchema } from '../../domain/questionnaire-drafts.ts';
import { viewerOf } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import {
  deleteQuestionnaireDraft,
  findQuestionnaireDraft,
  listQuestionnaireDrafts,
  saveQuestionnaireDraft,
} from '../db/questionnaire-drafts-repository.ts';
import { questionnaireVersionExists } from '../db/units-admin-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { Conflict, InvalidInput, NotFound } from '../errors.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { QUESTIONNAIRE_BODY_LIMIT_BYTES, versionParams } from './admin-config.ts';
import { actorOf } from './reports.ts';

/** /api/v1/admin/questionnaire-drafts: versions being written, kept until they are published or deleted. */
export const adminDraftRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  /**
   * Drafts kept on the server while a version is being written: any JSON that says which version it is
   * (its id and version), valid or not yet; never a version already published. Saving again replaces it.
   */
  app.get('/api/v1/admin/questionnaire-drafts', async (request) => {
    viewerOf(request);
    return { drafts: await listQuestionnaireDrafts(db) };
  });

  app.put<{ Body: z.infer<typeof saveDraftRequestSchema> }>(
    '/api/v1/admin/questionnaire-drafts',
    { bodyLimit: QUESTIONNAIRE_BODY_LIMIT_BYTES, schema: { body: saveDraftRequestSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { text } = request.body;
      const key = draftKeyOf(text);
      if (!key.ok) {
        throw key.problem === 'not-json'
          ? new InvalidInput('text: the draft is not JSON.', { field: 'text', code: 'draft-not-json' })
          : new InvalidInput('text: a draft names its questionnaire id and a version number.', { field: 'text', code: 'draft-without-version' });
      }
      if (await questionnaireVersionExists(db, key.id, key.version)) {
        throw new Conflict(`${key.id} version ${key.version} is published; a draft is for a new version.`, {
          field: 'version',
          code: 'version-published',
        });
      }
      const savedAt = now();
      const savedBy = viewer.account.username;
      await inWriteTransaction(db, async (trx) => {
        await saveQuestionnaireDraft(trx, { id: key.id, version: key.version, title: key.title, text, savedAt, savedBy });
        await appendAudit(trx, {
          at: savedAt,
          actor: actorOf(viewer),
          action: 'questionnaire.draft-saved',
          detail: { id: key.id, version: key.version },
        });
      });
      return { id: key.id, version: key.version, title: key.title, savedAt: savedAt.toISOString(), savedBy };
    },
  );

  app.get<{ Params: z.infer<typeof versionParams> }>(
    '/api/v1/admin/questionnaire-drafts/:id/:version',
    { schema: { params: versionParams } },
    async (request) => {
      viewerOf(request);
      const draft = await findQuestionnaireDraft(db, request.params.id, request.params.version);
      if (!draft) throw new NotFound(`There is no draft of version ${request.params.version} of "${request.params.id}".`);
      return draft;
    },
  );

  app.delete<{ Params: z.infer<typeof versionParams> }>(
    '/api/v1/admin/questionnaire-drafts/:id/:version',
    { schema: { params: versionParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { id, version } = request.params;
      await inWriteTransaction(db, async (trx) => {
        if (!(await deleteQuestionnaireDraft(trx, id, version))) throw new NotFound(`There is no draft of version ${version} of "${id}".`);
        await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'questionnaire.draft-deleted', detail: { id, version } });
      });
      return reply.code(204).send();
    },
  );
};
