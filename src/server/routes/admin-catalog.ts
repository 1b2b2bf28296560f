import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { counterSchema, csvImportSchema, procedureSchema, type ProcedureItem, serviceFieldSchema, targetSchema } from '../../domain/manage-api.ts';
import { localizedNameOfCsv, parseCsvRecords } from '../admin/csv-import.ts';
import { administratorOf } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { listProcedures, listServiceFields } from '../db/catalog-repository.ts';
import { existingServiceFieldIds, setTarget } from '../db/units-repository.ts';
import { findCounter, listCounters, listTargets, upsertCounter, upsertProcedure, upsertServiceField } from '../db/units-admin-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { ApiFailure, parseOrFail } from '../http/api-failure.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';

const unitFilter = z.object({ unitId: z.string().min(1).max(64).optional() });

/** Counters, service fields, procedures and targets. Every change is audited in its own transaction. */
export const adminCatalogRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
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
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: created ? 'service-field.created' : 'service-field.renamed',
        detail: { ...field },
      });
    });
    return field;
  });

  app.post('/api/v1/admin/service-fields/import', async (request) => {
    const viewer = administratorOf(request);
    const { csv } = parseOrFail(csvImportSchema, request.body);
    const fields = parseCsvRecords(csv, ['id', 'name_vi']).map(({ line, values }) => {
      const field = serviceFieldSchema.safeParse({ id: values.id, name: localizedNameOfCsv(values) });
      if (!field.success)
        throw new ApiFailure(
          400,
          'invalid-request',
          `csv: line ${line}: ${field.error.issues[0]?.path.join('.')}: ${field.error.issues[0]?.message}`,
          'csv',
        );
      return field.data;
    });
    let created = 0;
    await inWriteTransaction(db, async (trx) => {
      for (const field of fields) if (await upsertServiceField(trx, field)) created++;
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: 'service-field.imported',
        detail: { created, updated: fields.length - created },
      });
    });
    return { created, updated: fields.length - created };
  });

  app.get('/api/v1/admin/procedures', async () => {
    return { procedures: await listProcedures(db) };
  });

  const requireKnownField = async (serviceFieldId: string, where: string) => {
    if (!(await existingServiceFieldIds(db, [serviceFieldId])).has(serviceFieldId)) {
      throw new ApiFailure(
        400,
        'invalid-request',
        `${where}serviceFieldId: there is no service field "${serviceFieldId}"`,
        where ? 'csv' : 'serviceFieldId',
      );
    }
  };

  app.post('/api/v1/admin/procedures', async (request) => {
    const viewer = administratorOf(request);
    const procedure = parseOrFail(procedureSchema, request.body);
    await requireKnownField(procedure.serviceFieldId, '');
    await inWriteTransaction(db, async (trx) => {
      const created = await upsertProcedure(trx, procedure);
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: created ? 'procedure.created' : 'procedure.changed',
        detail: { ...procedure },
      });
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
        name: localizedNameOfCsv(values),
      });
      if (!procedure.success)
        throw new ApiFailure(
          400,
          'invalid-request',
          `csv: line ${line}: ${procedure.error.issues[0]?.path.join('.')}: ${procedure.error.issues[0]?.message}`,
          'csv',
        );
      await requireKnownField(procedure.data.serviceFieldId, `csv: line ${line}: `);
      procedures.push(procedure.data);
    }
    let created = 0;
    await inWriteTransaction(db, async (trx) => {
      for (const procedure of procedures) if (await upsertProcedure(trx, procedure)) created++;
      await appendAudit(trx, {
        at: now(),
        actor: actorOf(viewer),
        action: 'procedure.imported',
        detail: { created, updated: procedures.length - created },
      });
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
