import type { Kysely } from 'kysely';
import { createUnitSchema } from '../../domain/manage-api.ts';
import { appendAudit } from '../db/audit-repository.ts';
import type { Database } from '../db/schema.ts';
import { updateUnitRow } from '../db/units-admin-repository.ts';
import { insertUnit } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import { localizedNameOfCsv, parseCsvRecords } from './csv-import.ts';
import { InvalidInput } from '../errors.ts';

/**
 * Units from a CSV (id, parent_id, kind, name_vi; name_en, name_km, time_zone optional): new ones are
 * created parents first, whatever their order in the file; known ones are renamed and re-kinded. All or
 * nothing, in one audited transaction; a line that does not fit is refused with its number.
 */
export async function importUnits(
  db: Kysely<Database>,
  tree: UnitRowTree,
  csv: string,
  audit: { actor: string; at: Date },
): Promise<{ created: number; updated: number }> {
  const known = new Set(tree.rows.map((row) => row.id));
  const parsed = parseCsvRecords(csv, ['id', 'parent_id', 'kind', 'name_vi']).map(({ line, values }) => {
    const unit = createUnitSchema.safeParse({
      id: values.id,
      parentId: values.parent_id || null,
      kind: values.kind,
      name: localizedNameOfCsv(values),
      ...(values.time_zone ? { timeZone: values.time_zone } : {}),
    });
    if (!unit.success)
      throw new InvalidInput(`csv: line ${line}: ${unit.error.issues[0]?.path.join('.')}: ${unit.error.issues[0]?.message}`, { field: 'csv' });
    return { line, unit: unit.data };
  });
  // Parents may come later in the file than their children; check against the file and the tree.
  const inFile = new Set(parsed.map(({ unit }) => unit.id));
  for (const { line, unit } of parsed) {
    if (unit.parentId !== null && !known.has(unit.parentId) && !inFile.has(unit.parentId)) {
      throw new InvalidInput(`csv: line ${line}: parent "${unit.parentId}" is neither in the file nor in the tree`, { field: 'csv' });
    }
  }
  let created = 0;
  let updated = 0;
  await inWriteTransaction(db, async (trx) => {
    const pending = parsed.filter(({ unit }) => !known.has(unit.id));
    // Insert parents before children: repeat passes over what is left until nothing more can go in.
    while (pending.length > 0) {
      const ready = pending.filter(({ unit }) => unit.parentId === null || known.has(unit.parentId));
      if (ready.length === 0) throw new InvalidInput('csv: the parent links form a cycle', { field: 'csv' });
      for (const item of ready) {
        await insertUnit(trx, item.unit);
        known.add(item.unit.id);
        pending.splice(pending.indexOf(item), 1);
        created++;
      }
    }
    for (const { unit } of parsed.filter(({ unit }) => tree.get(unit.id))) {
      await updateUnitRow(trx, unit.id, { name: unit.name, kind: unit.kind });
      updated++;
    }
    await appendAudit(trx, { ...audit, action: 'unit.imported', detail: { created, updated } });
  });
  return { created, updated };
}
