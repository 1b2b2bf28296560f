import { sql, type Kysely } from 'kysely';
import { nextReportNumber } from '../../domain/official-report.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { dialectOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';

/**
 * Numbers an official PDF report and audits its generation in one transaction: the number counts the
 * unit's earlier `report.exported.pdf` entries of the year, so the audit log is the register of numbers.
 * On PostgreSQL a transaction-scoped advisory lock keeps two processes from handing out one number twice;
 * SQLite's BEGIN IMMEDIATE already serialises writers.
 */

export const PDF_EXPORT_ACTION = 'report.exported.pdf';
const REPORT_NUMBER_LOCK = 0x5349_5044; // any constant shared by every process of this application

export async function numberAndAuditPdfReport(
  db: Kysely<Database>,
  entry: { at: Date; actor: string; unitId: string; timeZone: string; detail: Record<string, unknown> },
): Promise<number> {
  return inWriteTransaction(db, async (trx) => {
    if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(REPORT_NUMBER_LOCK)})`.execute(trx);
    const year = Number(entry.at.toISOString().slice(0, 4));
    // A day either side of the UTC year covers the year in any zone; the domain reads each entry's local year.
    const rows = await trx
      .selectFrom('audit_log')
      .select(['at', 'detail'])
      .where('action', '=', PDF_EXPORT_ACTION)
      .where('at', '>=', `${year - 1}-12-30`)
      .where('at', '<', `${year + 1}-01-03`)
      .execute();
    const earlier = rows.map((row) => ({ at: row.at, unitId: (JSON.parse(row.detail) as { unitId?: unknown }).unitId }));
    const { number, year: reportYear } = nextReportNumber(earlier, entry.unitId, entry.at, entry.timeZone);
    await appendAudit(trx, { at: entry.at, actor: entry.actor, action: PDF_EXPORT_ACTION, detail: { ...entry.detail, reportNumber: number, reportYear } });
    return number;
  });
}
