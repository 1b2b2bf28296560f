import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { commentThemesCorrectionSchema, type CommentThemesReply } from '../../domain/manage-api.ts';
import { readableUnits, signedInAs, viewerOf } from '../auth/access.ts';
import { correctResponseThemes, freeTextIdsOfPublished } from '../comments/theme-changes.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { unitOfResponse } from '../db/comment-classifications-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { actorOf } from './reports.ts';
import { NotFound } from '../errors.ts';

export interface CommentThemeRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
}

const responseParams = z.object({ responseId: z.string().min(1).max(64) });

/** PUT /api/v1/comments/:responseId/themes: managers (within their units) and administrators correct a comment's themes. */
export const commentThemeRoutes: FastifyPluginAsync<CommentThemeRoutesOptions> = async (app, { db, catalog, now }) => {
  const freeTextIdsOf = freeTextIdsOfPublished(catalog);

  const managersAndAdministrators = {
    onRequest: signedInAs(db, now, ['admin', 'manager'], 'Only a manager or an administrator may correct the themes of a comment.'),
  };

  app.put<{ Params: z.infer<typeof responseParams>; Body: z.infer<typeof commentThemesCorrectionSchema> }>(
    '/api/v1/comments/:responseId/themes',
    { ...managersAndAdministrators, schema: { params: responseParams, body: commentThemesCorrectionSchema } },
    async (request): Promise<CommentThemesReply> => {
      const at = now();
      const viewer = viewerOf(request);
      const { responseId } = request.params;
      const { themes } = request.body;
      const unitId = await unitOfResponse(db, responseId);
      // The same answer for another unit's response as for none: its existence is not the viewer's to learn.
      const readable = readableUnits(viewer.account, viewer.tree);
      if (unitId === undefined || (readable !== 'all' && !readable.has(unitId)))
        throw new NotFound('There is no such comment in your units.', { field: 'responseId' });
      const actor = actorOf(viewer);
      const corrected = await inWriteTransaction(db, async (trx) => {
        const change = await correctResponseThemes(trx, { responseId, themes, actor, at }, freeTextIdsOf);
        if (change !== null)
          await appendAudit(trx, {
            at,
            actor,
            action: 'comment-themes.corrected',
            detail: { responseId, unitId, before: change.before, after: change.after },
          });
        return change;
      });
      if (corrected === null) throw new NotFound('This response has no comment.', { field: 'responseId' });
      return { responseId, themes: corrected.after, themesCorrected: true };
    },
  );
};
