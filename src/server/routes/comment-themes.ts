import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { commentThemesCorrectionSchema, type CommentThemesReply } from '../../domain/manage-api.ts';
import { readableUnits, requireViewer } from '../auth/access.ts';
import { correctResponseThemes, freeTextIdsOfPublished } from '../comments/theme-changes.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { unitOfResponse } from '../db/comment-classifications-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { ApiFailure, parseOrFail } from '../http/api-failure.ts';
import { actorOf } from './reports.ts';

export interface CommentThemeRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
}

const responseParams = z.object({ responseId: z.string().min(1).max(64) });

/** PUT /api/v1/comments/:responseId/themes: managers (within their units) and administrators correct a comment's themes. */
export const commentThemeRoutes: FastifyPluginAsync<CommentThemeRoutesOptions> = async (app, { db, catalog, now }) => {
  const freeTextIdsOf = freeTextIdsOfPublished(catalog);

  app.put('/api/v1/comments/:responseId/themes', async (request): Promise<CommentThemesReply> => {
    const at = now();
    const viewer = await requireViewer(db, request, at);
    if (viewer.account.role === 'staff')
      throw new ApiFailure(403, 'forbidden', 'Only a manager or an administrator may correct the themes of a comment.');
    const { responseId } = parseOrFail(responseParams, request.params);
    const { themes } = parseOrFail(commentThemesCorrectionSchema, request.body);
    const unitId = await unitOfResponse(db, responseId);
    // The same answer for another unit's response as for none: its existence is not the viewer's to learn.
    const readable = readableUnits(viewer.account, viewer.tree);
    if (unitId === undefined || (readable !== 'all' && !readable.has(unitId)))
      throw new ApiFailure(404, 'not-found', 'There is no such comment in your units.', 'responseId');
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
    if (corrected === null) throw new ApiFailure(404, 'not-found', 'This response has no comment.', 'responseId');
    return { responseId, themes: corrected.after, themesCorrected: true };
  });
};
