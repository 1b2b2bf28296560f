import type { Kysely } from 'kysely';
import { methodFor, methodLabel } from '../../domain/methods/index.ts';
import { questionnaireSchema } from '../../domain/questionnaire.ts';
import type { Database } from './schema.ts';
import { parseLocalizedText } from './units-repository.ts';

/** What the dashboard offers as filters: service fields, their procedures and published questionnaire versions. */

export async function listServiceFields(db: Kysely<Database>) {
  const rows = await db.selectFrom('service_fields').select(['id', 'name']).orderBy('position').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: parseLocalizedText(row.name) }));
}

/** The procedures of the given service fields (all when none are given), in each field's order. */
export async function listProcedures(db: Kysely<Database>, serviceFieldIds?: readonly string[]) {
  if (serviceFieldIds?.length === 0) return [];
  let query = db
    .selectFrom('procedures as p')
    .innerJoin('service_fields as f', 'f.id', 'p.service_field_id')
    .select(['p.id', 'p.service_field_id', 'p.name'])
    .orderBy('f.position')
    .orderBy('f.id')
    .orderBy('p.position')
    .orderBy('p.id');
  if (serviceFieldIds) query = query.where('p.service_field_id', 'in', [...serviceFieldIds]);
  return (await query.execute()).map((row) => ({ id: row.id, serviceFieldId: row.service_field_id, name: parseLocalizedText(row.name) }));
}

/** Published versions, newest version first per questionnaire id. */
export async function listPublishedQuestionnaireHeads(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('questionnaires')
    .select(['id', 'version', 'mode', 'definition'])
    .where('published_at', 'is not', null)
    .orderBy('id')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => {
    const definition = questionnaireSchema.parse(JSON.parse(row.definition));
    const method = methodFor(definition);
    return {
      id: row.id,
      version: Number(row.version),
      mode: definition.mode,
      title: definition.title,
      locales: definition.locales,
      method: { ...methodLabel(method), legalBasis: method.legalBasis, notes: method.notes },
    };
  });
}

/** The kiosk modes a questionnaire id has published versions in (a unit may only use it in one of them). */
export async function publishedModesOf(db: Kysely<Database>, id: string): Promise<Set<string>> {
  const rows = await db.selectFrom('questionnaires').select('mode').distinct().where('id', '=', id).where('published_at', 'is not', null).execute();
  return new Set(rows.map((row) => row.mode));
}
