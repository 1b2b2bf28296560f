import type { Kysely } from 'kysely';

/**
 * Alert rules, the alerts they open and the conditions they watch (issue 20); schema.ts, AlertRulesTable,
 * AlertsTable, AlertWatchesTable. A rule with no unit applies to every unit. A new deployment (and an
 * upgraded one) starts with the default rules of the product switched on, frozen here as they shipped.
 * `open_key` is set while an alert is open (not yet cleared) and unique: one open alert per rule and
 * subject, even when several server processes evaluate at once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('unit_id', 'text')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('params', 'text', (col) => col.notNull())
    .addColumn('enabled', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('alert_rules_unit_idx').on('alert_rules').column('unit_id').execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('rule_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('open_key', 'text', (col) => col.unique())
    .addColumn('opened_at', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('cleared_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_unit_opened_idx').on('alerts').columns(['unit_id', 'opened_at']).execute();
  await db.schema.createIndex('alerts_rule_idx').on('alerts').columns(['rule_id', 'cleared_at']).execute();

  await db.schema
    .createTable('alert_watches')
    .addColumn('rule_id', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('since', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('alert_watches_pk', ['rule_id', 'unit_id', 'subject'])
    .execute();

  const at = '2026-12-05T00:00:00.000Z';
  const defaults: [string, Record<string, unknown>][] = [
    ['index-below-target', { windowDays: 30, minimumN: 30, targetPercent: null }],
    ['dissatisfaction-burst', { windowMinutes: 15, minimumAnswers: 4, dissatisfiedPercent: 50 }],
    ['device-silent', { days: 3 }],
    ['ledger-gap', { hours: 24 }],
    ['stuffing-flags', { windowDays: 1, maxFlags: 10 }],
  ];
  await db
    .insertInto('alert_rules')
    .values(
      defaults.map(([kind, params]) => ({
        id: `default-${kind}`,
        unit_id: null,
        kind,
        params: JSON.stringify(params),
        enabled: 1,
        created_at: at,
        updated_at: at,
        updated_by: 'system',
      })),
    )
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_watches').execute();
  await db.schema.dropTable('alerts').execute();
  await db.schema.dropTable('alert_rules').execute();
}
