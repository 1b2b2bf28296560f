import { CsvError, parse } from 'csv-parse/sync';
import { InvalidInput } from '../errors.ts';

export interface CsvRecord {
  /** The line of the file where the record starts (1 is the header), for error messages. */
  line: number;
  values: Record<string, string>;
}

/**
 * Reads a small CSV into records keyed by the header row's names, lower-cased. The file may come from
 * Excel under Vietnamese regional settings, which writes `;` between fields: the header row decides the
 * separator. Quoted fields, doubled quotes, embedded newlines, CRLF, LF or a mix, and a BOM are read as
 * RFC 4180 says (csv-parse); broken input is refused with the line, so an administrator can fix the file.
 */
export function parseCsvRecords(text: string, required: readonly string[]): CsvRecord[] {
  const rows = parseRows(text);
  const header = rows.shift()?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  for (const name of required) {
    if (!header.includes(name)) throw new InvalidInput(`csv: the header row must name the column "${name}"`, { field: 'csv' });
  }
  return rows
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
    .map((row) => ({
      line: row.line,
      values: Object.fromEntries(header.map((name, position) => [name, (row.cells[position] ?? '').trim().normalize('NFC')])),
    }));
}

/** What csv-parse returns per record with `info` and `raw` on (its typings do not follow the options). */
interface ParsedRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

function parseRows(text: string): { line: number; cells: string[] }[] {
  const withoutBom = text.replace(/^\uFEFF/, '');
  try {
    const records = parse(withoutBom, {
      delimiter: separatorOf(withoutBom),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as ParsedRow[];
    return records.map(({ record, info, raw }) => ({ line: info.lines - newlinesInside(raw), cells: record }));
  } catch (error) {
    if (error instanceof CsvError) throw new InvalidInput(`csv: line ${lineOf(error)}: ${problemOf(error)}`, { field: 'csv' });
    throw error;
  }
}

/** The separator of the header row: `;` when it has more of them than commas outside quotes. */
function separatorOf(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** A record's raw text ends with its own line break; the breaks before it are inside quoted fields. */
function newlinesInside(raw: string): number {
  const breaks = raw.replace(/(\r\n|\n|\r)$/, '').match(/\r\n|\n|\r/g);
  return breaks?.length ?? 0;
}

function lineOf(error: CsvError): number {
  const { lines } = error as CsvError & { lines?: number };
  return typeof lines === 'number' && lines > 0 ? lines : 1;
}

function problemOf(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a field that is not quoted (write it as "" inside a quoted field)';
    default:
      return 'the file is not valid CSV';
  }
}

/** A CSV row's name columns: name_vi (required), name_en and name_km (optional, shown on Khmer kiosks). */
export function localizedNameOfCsv(values: Record<string, string | undefined>): Record<string, string | undefined> {
  return { vi: values.name_vi, ...(values.name_en ? { en: values.name_en } : {}), ...(values.name_km ? { km: values.name_km } : {}) };
}
