import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { flagThresholdsSchema } from '../../domain/stuffing-flags-schema.ts';
import { requireUnit, viewerOf } from '../auth/access.ts';
import { writeAudited } from '../db/audit-repository.ts';
import { flagThresholdsInForce, saveFlagThresholds } from '../db/flags-repository.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';

const unitParams = z.object({ unitId: z.string().min(1).max(64) });

/** Ballot-stuffing thresholds per unit, inherited down the tree; new answers are judged by them. */
export const adminFlagRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.get<{ Params: z.infer<typeof unitParams> }>('/api/v1/admin/flag-thresholds/:unitId', { schema: { params: unitParams } }, async (request) => {
    const viewer = viewerOf(request);
    const { unitId } = request.params;
    requireUnit(viewer, unitId);
    const { thresholds, setBy } = await flagThresholdsInForce(db, unitId);
    return { unitId, thresholds, inheritedFrom: setBy };
  });

  app.put<{ Params: z.infer<typeof unitParams>; Body: z.infer<typeof flagThresholdsSchema> }>(
    '/api/v1/admin/flag-thresholds/:unitId',
    { schema: { params: unitParams, body: flagThresholdsSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { unitId } = request.params;
      requireUnit(viewer, unitId);
      const thresholds = request.body;
      await writeAudited(db, now, { actor: actorOf(viewer), action: 'flag-thresholds.saved', detail: { unitId, thresholds } }, (trx) =>
        saveFlagThresholds(trx, unitId, thresholds, now()),
      );
      return { unitId, thresholds, inheritedFrom: unitId };
    },
  );
};
