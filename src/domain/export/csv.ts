/**
 * CSV as Excel reads Vietnamese correctly and safely: UTF-8 with a byte-order mark (without it Excel
 * guesses a legacy code page and garbles diacritics), RFC 4180 quoting, CRLF line ends, and text cells
 * that a spreadsheet would run as a formula neutralised.
 */

export const UTF8_BOM = '\uFEFF';

/** A wall-clock time in the unit's zone, "2026-12-04T14:05:30": a real date in XLSX, text in CSV. */
export interface LocalDateTimeCell {
  localDateTime: string;
}

export type CellValue = string | number | boolean | null | LocalDateTimeCell;

export function isLocalDateTime(value: CellValue): value is LocalDateTimeCell {
  return typeof value === 'object' && value !== null;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet will show as text: a leading single quote before = + - @ tab or CR, as
 * OWASP recommends. Numbers are never touched, so a negative number stays a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * `standard`: `,` between cells, a decimal dot, times as "2026-12-04 14:05:30" — what every program
 * and Excel in an English locale reads. `excel-vi`: Excel under Vietnamese regional settings uses the
 * decimal comma and so splits on `;`, and reads "04/12/2026 14:05:30" as a date; a file meant to be
 * double-clicked there uses this variant.
 */
export type CsvDialect = 'standard' | 'excel-vi';
export type CsvSeparator = ',' | ';';

export function separatorOf(dialect: CsvDialect): CsvSeparator {
  return dialect === 'excel-vi' ? ';' : ',';
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** A local date-time as the dialect's spreadsheet reads it as a date. */
export function csvDateTime(localDateTime: string, dialect: CsvDialect): string {
  const match = LOCAL_DATE_TIME.exec(localDateTime);
  if (!match) throw new RangeError(`not a local date-time: ${localDateTime}`);
  const [, year, month, day, hour, minute, second] = match;
  return dialect === 'excel-vi' ? `${day}/${month}/${year} ${hour}:${minute}:${second}` : `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** A number as the dialect writes it: "58.33" or "58,33"; never grouped, never rounded here. */
export function csvNumber(value: number, dialect: CsvDialect): string {
  const text = String(value);
  return dialect === 'excel-vi' ? text.replace('.', ',') : text;
}

/** A cell quoted when it holds a quote, a line break or either separator, so both variants read it whole. */
export function csvCell(value: CellValue, dialect: CsvDialect = 'standard'): string {
  if (value === null) return '';
  let text: string;
  if (typeof value === 'string') text = neutraliseFormula(value);
  else if (typeof value === 'number') text = csvNumber(value, dialect);
  else if (typeof value === 'boolean') text = String(value);
  else text = csvDateTime(value.localDateTime, dialect);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CellValue[])[], dialect: CsvDialect = 'standard'): string {
  const separator = separatorOf(dialect);
  return UTF8_BOM + rows.map((row) => row.map((cell) => csvCell(cell, dialect)).join(separator)).join('\r\n') + '\r\n';
}
