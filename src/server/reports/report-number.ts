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

export interface PdfReportEntry {
  at: Date;
  actor: string;
  unitId: string;
  timeZone: string;
  detail: Record<string, unknown>;
}

/** The number the unit's next report of the year gets; read under the lock inside a transaction, or as a guess outside one. */
async function nextNumberOf(
  db: Kysely<Database>,
  entry: Pick<PdfReportEntry, 'at' | 'unitId' | 'timeZone'>,
): Promise<{ number: number; year: number }> {
  const year = Number(entry.at.toISOString().slice(0, 4));
  // A day either side of the UTC year covers the year in any zone; the domain reads each entry's local year.
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'detail'])
    .where('action', '=', PDF_EXPORT_ACTION)
    .where('at', '>=', `${year - 1}-12-30`)
    .where('at', '<', `${year + 1}-01-03`)
    .execute();
  const earlier = rows.map((row) => ({ at: row.at, unitId: (JSON.parse(row.detail) as { unitId?: unknown }).unitId }));
  return nextReportNumber(earlier, entry.unitId, entry.at, entry.timeZone);
}

async function lockNumbers(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(REPORT_NUMBER_LOCK)})`.execute(trx);
}

export async function numberAndAuditPdfReport(db: Kysely<Database>, entry: PdfReportEntry): Promise<number> {
  return inWriteTransaction(db, async (trx) => {
    await lockNumbers(trx);
    const { number, year } = await nextNumberOf(trx, entry);
    await appendAudit(trx, {
      at: entry.at,
      actor: entry.actor,
      action: PDF_EXPORT_ACTION,
      detail: { ...entry.detail, reportNumber: number, reportYear: year },
    });
    return number;
  });
}

/**
 * For a report rendered before its number is registered (a digest renders outside any transaction so it
 * never holds the write lock while pdfmake works): the number it will most likely get.
 */
export async function expectedPdfReportNumber(db: Kysely<Database>, entry: Pick<PdfReportEntry, 'at' | 'unitId' | 'timeZone'>): Promise<number> {
  return (await nextNumberOf(db, entry)).number;
}

/**
 * Inside the caller's write transaction: registers `number` for the report when it is still the unit's
 * next number, and answers false (nothing written) when another report took it in the meantime.
 */
export async function auditPdfReportNumbered(trx: Kysely<Database>, entry: PdfReportEntry, number: number): Promise<boolean> {
  await lockNumbers(trx);
  const next = await nextNumberOf(trx, entry);
  if (next.number !== number) return false;
  await appendAudit(trx, {
    at: entry.at,
    actor: entry.actor,
    action: PDF_EXPORT_ACTION,
    detail: { ...entry.detail, reportNumber: number, reportYear: next.year },
  });
  return true;
}
