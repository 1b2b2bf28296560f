import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { createUnitSchema, csvImportSchema, mergeUnitSchema, unitQuestionnairesSchema, updateUnitSchema } from '../../domain/manage-api.ts';
import { importUnits } from '../admin/unit-import.ts';
import { requireUnit, viewerOf } from '../auth/access.ts';
import { writeAudited } from '../db/audit-repository.ts';
import { publishedModesOf } from '../db/catalog-repository.ts';
import { findUnit, insertUnit, setActiveQuestionnaires, unitNodeOf } from '../db/units-repository.ts';
import { lockedUnitTree, markUnitMerged, updateUnitRow } from '../db/units-admin-repository.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';
import { Conflict, InvalidInput } from '../errors.ts';

const unitParams = z.object({ id: z.string().min(1).max(64) });

/** The unit tree: create, rename, move, merge, CSV import. Every change is audited in its own transaction. */
export const adminUnitRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  await app.register(unitTreeRoutes, options);
  await app.register(unitSettingRoutes, options);
};

const unitTreeRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.post<{ Body: z.infer<typeof createUnitSchema> }>('/api/v1/admin/units', { schema: { body: createUnitSchema } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const unit = request.body;
    if (viewer.tree.get(unit.id)) throw new Conflict(`A unit "${unit.id}" exists already.`, { field: 'id' });
    if (unit.parentId !== null && !viewer.tree.get(unit.parentId)) {
      throw new InvalidInput(`parentId: there is no unit "${unit.parentId}"`, { field: 'parentId' });
    }
    await writeAudited(db, now, { actor: actorOf(viewer), action: 'unit.created', detail: { ...unit } }, (trx) => insertUnit(trx, unit));
    return reply.code(201).send(unitNodeOf((await findUnit(db, unit.id))!));
  });

  app.patch<{ Params: z.infer<typeof unitParams>; Body: z.infer<typeof updateUnitSchema> }>(
    '/api/v1/admin/units/:id',
    { schema: { params: unitParams, body: updateUnitSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const changes = request.body;
      requireUnit(viewer, id);
      const newParentId = changes.parentId ?? null;
      if (newParentId !== null) {
        if (!viewer.tree.get(newParentId)) throw new InvalidInput(`parentId: there is no unit "${newParentId}"`, { field: 'parentId' });
        refuseMoveUnderItself(viewer.tree, id, newParentId);
      }
      await writeAudited(db, now, { actor: actorOf(viewer), action: 'unit.updated', detail: { id, ...changes } }, async (trx) => {
        // Again under the tree lock: a move committed since the check above (the new parent moved under
        // this unit, at the same moment) would otherwise close a cycle.
        if (newParentId !== null) refuseMoveUnderItself(await lockedUnitTree(trx), id, newParentId);
        await updateUnitRow(trx, id, changes);
      });
      return unitNodeOf((await findUnit(db, id))!);
    },
  );

  app.post<{ Params: z.infer<typeof unitParams>; Body: z.infer<typeof mergeUnitSchema> }>(
    '/api/v1/admin/units/:id/merge',
    { schema: { params: unitParams, body: mergeUnitSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const { intoId } = request.body;
      const unit = requireUnit(viewer, id);
      if (!viewer.tree.get(intoId)) throw new InvalidInput(`intoId: there is no unit "${intoId}"`, { field: 'intoId' });
      if (unit.merged_into_id !== null) throw new Conflict(`"${id}" is already merged into "${unit.merged_into_id}".`, { field: 'intoId' });
      refuseMergeIntoOwnScope(viewer.tree, id, intoId);
      await writeAudited(db, now, { actor: actorOf(viewer), action: 'unit.merged', detail: { id, intoId } }, async (trx) => {
        // Again under the tree lock, for a move or merge committed since the check above.
        refuseMergeIntoOwnScope(await lockedUnitTree(trx), id, intoId);
        await markUnitMerged(trx, id, intoId);
      });
      return unitNodeOf((await findUnit(db, id))!);
    },
  );
};

/** What a unit uses (its questionnaires) and units in bulk (a CSV). */
const unitSettingRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.put<{ Params: z.infer<typeof unitParams>; Body: z.infer<typeof unitQuestionnairesSchema> }>(
    '/api/v1/admin/units/:id/questionnaires',
    { schema: { params: unitParams, body: unitQuestionnairesSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const choice = request.body;
      requireUnit(viewer, id);
      for (const mode of ['full', 'quick'] as const) {
        const questionnaireId = choice[mode];
        if (questionnaireId && !(await publishedModesOf(db, questionnaireId)).has(mode)) {
          throw new InvalidInput(`No version of "${questionnaireId}" is published for the ${mode === 'full' ? 'full survey' : 'quick rating'}.`, {
            code: 'invalid',
            field: mode,
          });
        }
      }
      await writeAudited(db, now, { actor: actorOf(viewer), action: 'unit.questionnaires-set', detail: { id, ...choice } }, (trx) =>
        setActiveQuestionnaires(trx, id, choice),
      );
      return unitNodeOf((await findUnit(db, id))!);
    },
  );

  app.post<{ Body: z.infer<typeof csvImportSchema> }>('/api/v1/admin/units/import', { schema: { body: csvImportSchema } }, async (request) => {
    const viewer = viewerOf(request);
    const { csv } = request.body;
    return importUnits(db, viewer.tree, csv, { actor: actorOf(viewer), at: now() });
  });
};

function refuseMoveUnderItself(tree: UnitRowTree, unitId: string, newParentId: string): void {
  if (tree.ancestry(newParentId).some((row) => row.id === unitId)) {
    throw new Conflict('A unit cannot move under itself or one of its own sub-units.', { field: 'parentId' });
  }
}

/** Merging into a unit of its own scope (or one merged into it) would make a history count under itself. */
function refuseMergeIntoOwnScope(tree: UnitRowTree, unitId: string, intoId: string): void {
  if (tree.scopeOf(unitId).includes(intoId) || tree.scopeOf(intoId).includes(unitId)) {
    throw new Conflict('A unit cannot merge into itself, a unit below it, or a unit it already counts in.', { field: 'intoId' });
  }
}
