import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { counterSchema, csvImportSchema, procedureSchema, serviceFieldSchema, targetSchema } from '../../domain/manage-api.ts';
import { importProcedures, importServiceFields, requireKnownServiceField } from '../admin/catalog-import.ts';
import { viewerOf } from '../auth/access.ts';
import { appendAudit, writeAudited } from '../db/audit-repository.ts';
import { listProcedures, listServiceFields } from '../db/catalog-repository.ts';
import { setTarget } from '../db/units-repository.ts';
import { findCounter, listCounters, listTargets, upsertCounter, upsertProcedure, upsertServiceField } from '../db/units-admin-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { Conflict, InvalidInput } from '../errors.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';

const unitFilter = z.object({ unitId: z.string().min(1).max(64).optional() });

/** Counters and targets, both per unit. Every change is audited in its own transaction. */
export const adminCounterRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.get<{ Querystring: z.infer<typeof unitFilter> }>('/api/v1/admin/counters', { schema: { querystring: unitFilter } }, async (request) => {
    const viewer = viewerOf(request);
    const { unitId } = request.query;
    return { counters: await listCounters(db, unitId === undefined ? 'all' : viewer.tree.scopeOf(unitId)) };
  });

  app.post<{ Body: z.infer<typeof counterSchema> }>('/api/v1/admin/counters', { schema: { body: counterSchema } }, async (request) => {
    const viewer = viewerOf(request);
    const counter = request.body;
    if (!viewer.tree.get(counter.unitId)) throw new InvalidInput(`unitId: there is no unit "${counter.unitId}"`, { field: 'unitId' });
    const existing = await findCounter(db, counter.id);
    if (existing && existing.unit_id !== counter.unitId) {
      throw new Conflict(`Counter "${counter.id}" belongs to unit "${existing.unit_id}".`, { field: 'id' });
    }
    await writeAudited(db, now, { actor: actorOf(viewer), action: existing ? 'counter.renamed' : 'counter.created', detail: { ...counter } }, (trx) =>
      upsertCounter(trx, counter),
    );
    return counter;
  });

  app.get<{ Querystring: z.infer<typeof unitFilter> }>('/api/v1/admin/targets', { schema: { querystring: unitFilter } }, async (request) => {
    const viewer = viewerOf(request);
    const { unitId } = request.query;
    return { targets: await listTargets(db, unitId === undefined ? 'all' : viewer.tree.scopeOf(unitId)) };
  });

  app.put<{ Body: z.infer<typeof targetSchema> }>('/api/v1/admin/targets', { schema: { body: targetSchema } }, async (request) => {
    const viewer = viewerOf(request);
    const target = request.body;
    if (!viewer.tree.get(target.unitId)) throw new InvalidInput(`unitId: there is no unit "${target.unitId}"`, { field: 'unitId' });
    await writeAudited(db, now, { actor: actorOf(viewer), action: 'target.set', detail: { ...target } }, (trx) => setTarget(trx, target));
    return target;
  });
};

/** Service fields and procedures, one by one or from a CSV. Every change is audited in its own transaction. */
export const adminCatalogRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now }) => {
  app.get('/api/v1/admin/service-fields', async () => {
    return { serviceFields: await listServiceFields(db) };
  });

  app.post<{ Body: z.infer<typeof serviceFieldSchema> }>(
    '/api/v1/admin/service-fields',
    { schema: { body: serviceFieldSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const field = request.body;
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
    },
  );

  app.post<{ Body: z.infer<typeof csvImportSchema> }>(
    '/api/v1/admin/service-fields/import',
    { schema: { body: csvImportSchema } },
    async (request) => {
      const { csv } = request.body;
      return importServiceFields(db, csv, { actor: actorOf(viewerOf(request)), at: now() });
    },
  );

  app.get('/api/v1/admin/procedures', async () => {
    return { procedures: await listProcedures(db) };
  });

  app.post<{ Body: z.infer<typeof procedureSchema> }>('/api/v1/admin/procedures', { schema: { body: procedureSchema } }, async (request) => {
    const viewer = viewerOf(request);
    const procedure = request.body;
    await requireKnownServiceField(db, procedure.serviceFieldId);
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

  app.post<{ Body: z.infer<typeof csvImportSchema> }>('/api/v1/admin/procedures/import', { schema: { body: csvImportSchema } }, async (request) => {
    const { csv } = request.body;
    return importProcedures(db, csv, { actor: actorOf(viewerOf(request)), at: now() });
  });
};
