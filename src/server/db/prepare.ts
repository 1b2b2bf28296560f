import type { Kysely } from 'kysely';
import { BUNDLED_QUESTIONNAIRES } from '../../domain/questionnaires/index.ts';
import { migrateToLatest } from './migrate.ts';
import { insertMissingQuestionnaires } from './questionnaires-repository.ts';
import type { Database } from './schema.ts';

/**
 * Makes a database ready to serve: the newest schema, and the questionnaires that ship with this
 * release published (new versions added, stored ones never touched). Run at every start.
 */
export async function prepareDatabase(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  await migrateToLatest(db);
  await insertMissingQuestionnaires(db, BUNDLED_QUESTIONNAIRES, now);
}
