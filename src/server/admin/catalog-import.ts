import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { procedureSchema, serviceFieldSchema, type ProcedureItem } from '../../domain/manage-api.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { Database } from '../db/schema.ts';
import { existingServiceFieldIds } from '../db/units-repository.ts';
import { upsertProcedure, upsertServiceField } from '../db/units-admin-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { InvalidInput } from '../errors.ts';
import { localizedNameOfCsv, parseCsvRecords } from './csv-import.ts';

export interface ImportCounts {
  created: number;
  updated: number;
}

/** A CSV line that does not fit the schema, refused with its number and the first field at fault. */
function refuseLine(line: number, error: z.ZodError): never {
  const issue = error.issues[0];
  throw new InvalidInput(`csv: line ${line}: ${issue?.path.join('.')}: ${issue?.message}`, { field: 'csv' });
}

/** Refuses a procedure whose service field does not exist; `where` names the CSV line when it comes from one. */
export async function requireKnownServiceField(db: Kysely<Database>, serviceFieldId: string, where = ''): Promise<void> {
  if (!(await existingServiceFieldIds(db, [serviceFieldId])).has(serviceFieldId)) {
    throw new InvalidInput(`${where}serviceFieldId: there is no service field "${serviceFieldId}"`, { field: where ? 'csv' : 'serviceFieldId' });
  }
}

/** Upserts every item (`upsert` says whether it created one) and audits how many were created and updated: all or nothing. */
async function upsertAllAudited<Item>(
  db: Kysely<Database>,
  items: readonly Item[],
  upsert: (trx: Kysely<Database>, item: Item) => Promise<boolean>,
  audit: { actor: string; at: Date; action: string },
): Promise<ImportCounts> {
  return inWriteTransaction(db, async (trx) => {
    let created = 0;
    for (const item of items) if (await upsert(trx, item)) created++;
    const counts = { created, updated: items.length - created };
    await appendAudit(trx, { ...audit, detail: counts });
    return counts;
  });
}

/** Service fields from a CSV (id, name_vi; name_en, name_km optional): created or renamed, all or nothing, audited. */
export async function importServiceFields(db: Kysely<Database>, csv: string, audit: { actor: string; at: Date }): Promise<ImportCounts> {
  const fields = parseCsvRecords(csv, ['id', 'name_vi']).map(({ line, values }) => {
    const field = serviceFieldSchema.safeParse({ id: values.id, name: localizedNameOfCsv(values) });
    return field.success ? field.data : refuseLine(line, field.error);
  });
  return upsertAllAudited(db, fields, upsertServiceField, { ...audit, action: 'service-field.imported' });
}

/** Procedures from a CSV (id, service_field_id, name_vi; name_en, name_km optional), each of a known service field. */
export async function importProcedures(db: Kysely<Database>, csv: string, audit: { actor: string; at: Date }): Promise<ImportCounts> {
  const procedures: ProcedureItem[] = [];
  for (const { line, values } of parseCsvRecords(csv, ['id', 'service_field_id', 'name_vi'])) {
    const procedure = procedureSchema.safeParse({ id: values.id, serviceFieldId: values.service_field_id, name: localizedNameOfCsv(values) });
    if (!procedure.success) refuseLine(line, procedure.error);
    await requireKnownServiceField(db, procedure.data.serviceFieldId, `csv: line ${line}: `);
    procedures.push(procedure.data);
  }
  return upsertAllAudited(db, procedures, upsertProcedure, { ...audit, action: 'procedure.imported' });
}
