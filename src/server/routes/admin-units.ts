import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  counterSchema,
  createUnitSchema,
  csvImportSchema,
  mergeUnitSchema,
  procedureSchema,
  type ProcedureItem,
  serviceFieldSchema,
  targetSchema,
  updateUnitSchema,
} from '../../domain/manage-api.ts';
import { parseCsvRecords } from '../admin/csv-import.ts';
import { administratorOf } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { listProcedures, listServiceFields } from '../db/catalog-repository.ts';
import { existingServiceFieldIds, findUnit, insertUnit, parseLocalizedText, setTarget } from '../db/units-repository.ts';
import {
  findCounter,
  listCounters,
  listTargets,
  lockedUnitTree,
  markUnitMerged,
  updateUnitRow,
  upsertCounter,
  upsertProcedure,
  upsertServiceField,
} from '../db/units-admin-repository.ts';
import type { UnitRow } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { ApiFailure, parseOrFail } from '../http/api-failure.ts';
import type { UnitTree } from '../reports/unit-tree.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';

const unitParams = z.object({ id: z.string().min(1).max(64) });
const unitFilter = z.object({ unitId: z.string().min(1).max(64).optional() });

function unitNode(row: UnitRow) {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: parseLocalizedText(row.name),
    timeZone: row.time_zone,
    mergedIntoId: row.merged_into_id,
  };
}

/** The unit tree, counters, service fields and targets. Every change is audited in its own transaction. */
export const adminUnitRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.post('/api/v1/admin/units', async (request, reply) => {
    const viewer = administratorOf(request);
    const unit = parseOrFail(createUnitSchema, request.body);
    if (viewer.tree.get(unit.id)) throw new ApiFailure(409, 'conflict', `A unit "${unit.id}" exists already.`, 'id');
    if (unit.parentId !== null && !viewer.tree.get(unit.parentId)) {
      throw new ApiFailure(400, 'invalid-request', `parentId: there is no unit "${unit.parentId}"`, 'parentId');
    }
    await inWriteTransaction(db, async (trx) => {
      await insertUnit(trx, unit);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'unit.created', detail: { ...unit } });
    });
    return reply.code(201).send(unitNode((await findUnit(db, unit.id))!));
  });

  app.patch('/api/v1/admin/units/:id', async (request) => {
    const viewer = administratorOf(request);
    const { id } = parseOrFail(unitParams, request.params);
    const changes = parseOrFail(updateUnitSchema, request.body);
    if (!viewer.tree.get(id)) throw new ApiFailure(404, 'not-found', `There is no unit "${id}".`);
    const newParentId = changes.parentId ?? null;
    if (newParentId !== null) {
      if (!viewer.tree.get(newParentId)) throw new ApiFailure(400, 'invalid-request', `parentId: there is no unit "${newParentId}"`, 'parentId');
      refuseMoveUnderItself(viewer.tree, id, newParentId);
    }
    await inWriteTransaction(db, async (trx) => {
      // Again under the tree lock: a move committed since the check above (the new parent moved under
      // this unit, at the same moment) would otherwise close a cycle.
      if (newParentId !== null) refuseMoveUnderItself(await lockedUnitTree(trx), id, newParentId);
      await updateUnitRow(trx, id, changes);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'unit.updated', detail: { id, ...changes } });
    });
    return unitNode((await findUnit(db, id))!);
  });

  app.post('/api/v1/admin/units/:id/merge', async (request) => {
    const viewer = administratorOf(request);
    const { id } = parseOrFail(unitParams, request.params);
    const { intoId } = parseOrFail(mergeUnitSchema, request.body);
    const unit = viewer.tree.get(id);
    if (!unit) throw new ApiFailure(404, 'not-found', `There is no unit "${id}".`);
    if (!viewer.tree.get(intoId)) throw new ApiFailure(400, 'invalid-request', `intoId: there is no unit "${intoId}"`, 'intoId');
    if (unit.merged_into_id !== null) throw new ApiFailure(409, 'conflict', `"${id}" is already merged into "${unit.merged_into_id}".`, 'intoId');
    refuseMergeIntoOwnScope(viewer.tree, id, intoId);
    await inWriteTransaction(db, async (trx) => {
      // Again under the tree lock, for a move or merge committed since the check above.
      refuseMergeIntoOwnScope(await lockedUnitTree(trx), id, intoId);
      await markUnitMerged(trx, id, intoId);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'unit.merged', detail: { id, intoId } });
    });
    return unitNode((await findUnit(db, id))!);
  });

  app.post('/api/v1/admin/units/import', async (request) => {
    const viewer = administratorOf(request);
    const { csv } = parseOrFail(csvImportSchema, request.body);
    const records = parseCsvRecords(csv, ['id', 'parent_id', 'kind', 'name_vi']);
    const known = new Set(viewer.tree.rows.map((row) => row.id));
    const parsed = records.map(({ line, values }) => {
      const unit = createUnitSchema.safeParse({
        id: values.id,
        parentId: values.parent_id || null,
        kind: values.kind,
        name: csvName(values),
        ...(values.time_zone ? { timeZone: values.time_zone } : {}),
      });
      if (!unit.success) throw new ApiFailure(400, 'invalid-request', `csv: line ${line}: ${unit.error.issues[0]?.path.join('.')}: ${unit.error.issues[0]?.message}`, 'csv');
      return { line, unit: unit.data };
    });
    // Parents may come later in the file than their children; check against the file and the tree.
    const inFile = new Set(parsed.map(({ unit }) => unit.id));
    for (const { line, unit } of parsed) {
      if (unit.parentId !== null && !known.has(unit.parentId) && !inFile.has(unit.parentId)) {
        throw new ApiFailure(400, 'invalid-request', `csv: line ${line}: parent "${unit.parentId}" is neither in the file nor in the tree`, 'csv');
      }
    }
    let created = 0;
    let updated = 0;
    await inWriteTransaction(db, async (trx) => {
      const pending = parsed.filter(({ unit }) => !known.has(unit.id));
      // Insert parents before children: repeat passes over what is left until nothing more can go in.
      while (pending.length > 0) {
        const ready = pending.filter(({ unit }) => unit.parentId === null || known.has(unit.parentId));
        if (ready.length === 0) throw new ApiFailure(400, 'invalid-request', 'csv: the parent links form a cycle', 'csv');
        for (const item of ready) {
          await insertUnit(trx, item.unit);
          known.add(item.unit.id);
          pending.splice(pending.indexOf(item), 1);
          created++;
        }
      }
      for (const { unit } of parsed.filter(({ unit }) => viewer.tree.get(unit.id))) {
        await updateUnitRow(trx, unit.id, { name: unit.name, kind: unit.kind });
        updated++;
      }
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'unit.imported', detail: { created, updated } });
    });
    return { created, updated };
  });

  app.get('/api/v1/admin/counters', async (request) => {
    const viewer = administratorOf(request);
    const { unitId } = parseOrFail(unitFilter, request.query);
    return { counters: await listCounters(db, unitId === undefined ? 'all' : viewer.tree.scopeOf(unitId)) };
  });

  app.post('/api/v1/admin/counters', async (request) => {
    const viewer = administratorOf(request);
    const counter = parseOrFail(counterSchema, request.body);
    if (!viewer.tree.get(counter.unitId)) throw new ApiFailure(400, 'invalid-request', `unitId: there is no unit "${counter.unitId}"`, 'unitId');
    const existing = await findCounter(db, counter.id);
    if (existing && existing.unit_id !== counter.unitId) {
      throw new ApiFailure(409, 'conflict', `Counter "${counter.id}" belongs to unit "${existing.unit_id}".`, 'id');
    }
    await inWriteTransaction(db, async (trx) => {
      await upsertCounter(trx, counter);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: existing ? 'counter.renamed' : 'counter.created', detail: { ...counter } });
    });
    return counter;
  });

  app.get('/api/v1/admin/service-fields', async () => {
        return { serviceFields: await listServiceFields(db) };
  });

  app.post('/api/v1/admin/service-fields', async (request) => {
    const viewer = administratorOf(request);
    const field = parseOrFail(serviceFieldSchema, request.body);
    await inWriteTransaction(db, async (trx) => {
      const created = await upsertServiceField(trx, field);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: created ? 'service-field.created' : 'service-field.renamed', detail: { ...field } });
    });
    return field;
  });

  app.post('/api/v1/admin/service-fields/import', async (request) => {
    const viewer = administratorOf(request);
    const { csv } = parseOrFail(csvImportSchema, request.body);
    const fields = parseCsvRecords(csv, ['id', 'name_vi']).map(({ line, values }) => {
      const field = serviceFieldSchema.safeParse({ id: values.id, name: csvName(values) });
      if (!field.success) throw new ApiFailure(400, 'invalid-request', `csv: line ${line}: ${field.error.issues[0]?.path.join('.')}: ${field.error.issues[0]?.message}`, 'csv');
      return field.data;
    });
    let created = 0;
    await inWriteTransaction(db, async (trx) => {
      for (const field of fields) if (await upsertServiceField(trx, field)) created++;
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'service-field.imported', detail: { created, updated: fields.length - created } });
    });
    return { created, updated: fields.length - created };
  });

  app.get('/api/v1/admin/procedures', async () => {
        return { procedures: await listProcedures(db) };
  });

  const requireKnownField = async (serviceFieldId: string, where: string) => {
    if (!(await existingServiceFieldIds(db, [serviceFieldId])).has(serviceFieldId)) {
      throw new ApiFailure(400, 'invalid-request', `${where}serviceFieldId: there is no service field "${serviceFieldId}"`, where ? 'csv' : 'serviceFieldId');
    }
  };

  app.post('/api/v1/admin/procedures', async (request) => {
    const viewer = administratorOf(request);
    const procedure = parseOrFail(procedureSchema, request.body);
    await requireKnownField(procedure.serviceFieldId, '');
    await inWriteTransaction(db, async (trx) => {
      const created = await upsertProcedure(trx, procedure);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: created ? 'procedure.created' : 'procedure.changed', detail: { ...procedure } });
    });
    return procedure;
  });

  app.post('/api/v1/admin/procedures/import', async (request) => {
    const viewer = administratorOf(request);
    const { csv } = parseOrFail(csvImportSchema, request.body);
    const procedures: ProcedureItem[] = [];
    for (const { line, values } of parseCsvRecords(csv, ['id', 'service_field_id', 'name_vi'])) {
      const procedure = procedureSchema.safeParse({
        id: values.id,
        serviceFieldId: values.service_field_id,
        name: csvName(values),
      });
      if (!procedure.success) throw new ApiFailure(400, 'invalid-request', `csv: line ${line}: ${procedure.error.issues[0]?.path.join('.')}: ${procedure.error.issues[0]?.message}`, 'csv');
      await requireKnownField(procedure.data.serviceFieldId, `csv: line ${line}: `);
      procedures.push(procedure.data);
    }
    let created = 0;
    await inWriteTransaction(db, async (trx) => {
      for (const procedure of procedures) if (await upsertProcedure(trx, procedure)) created++;
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'procedure.imported', detail: { created, updated: procedures.length - created } });
    });
    return { created, updated: procedures.length - created };
  });

  app.get('/api/v1/admin/targets', async (request) => {
    const viewer = administratorOf(request);
    const { unitId } = parseOrFail(unitFilter, request.query);
    return { targets: await listTargets(db, unitId === undefined ? 'all' : viewer.tree.scopeOf(unitId)) };
  });

  app.put('/api/v1/admin/targets', async (request) => {
    const viewer = administratorOf(request);
    const target = parseOrFail(targetSchema, request.body);
    if (!viewer.tree.get(target.unitId)) throw new ApiFailure(400, 'invalid-request', `unitId: there is no unit "${target.unitId}"`, 'unitId');
    await inWriteTransaction(db, async (trx) => {
      await setTarget(trx, target);
      await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'target.set', detail: { ...target } });
    });
    return target;
  });
};

/** A CSV row's name columns: name_vi (required), name_en and name_km (optional, shown on Khmer kiosks). */
function csvName(values: Record<string, string | undefined>): Record<string, string | undefined> {
  return { vi: values.name_vi, ...(values.name_en ? { en: values.name_en } : {}), ...(values.name_km ? { km: values.name_km } : {}) };
}

function refuseMoveUnderItself(tree: UnitTree, unitId: string, newParentId: string): void {
  if (tree.ancestry(newParentId).some((row) => row.id === unitId)) {
    throw new ApiFailure(409, 'conflict', 'A unit cannot move under itself or one of its own sub-units.', 'parentId');
  }
}

/** Merging into a unit of its own scope (or one merged into it) would make a history count under itself. */
function refuseMergeIntoOwnScope(tree: UnitTree, unitId: string, intoId: string): void {
  if (tree.scopeOf(unitId).includes(intoId) || tree.scopeOf(intoId).includes(unitId)) {
    throw new ApiFailure(409, 'conflict', 'A unit cannot merge into itself, a unit below it, or a unit it already counts in.', 'intoId');
  }
}
