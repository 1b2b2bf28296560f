import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query afresh. Compiling a multi-row INSERT of a sync batch (up to
 * thousands of placeholders) costs about as much as running it, and the sync path sends the same few
 * statement texts over and over, so prepared statements are kept by text. Safe because the driver runs
 * each statement to completion (all() or run()) before it returns; nothing here iterates lazily.
 */
export function withStatementCache(connection: SqliteConnection, limit = 256): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      connection.close();
    },
    prepare: (text: string) => {
      const cached = statements.get(text);
      if (cached) {
        // Most recently used last, so the oldest entry is the first to go.
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const prepared = connection.prepare(text);
      if (statements.size >= limit) statements.delete(statements.keys().next().value!);
      statements.set(text, prepared);
      return prepared;
    },
  };
}
