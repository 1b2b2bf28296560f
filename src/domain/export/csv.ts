/**
 * CSV as Excel reads Vietnamese correctly and safely: UTF-8 with a byte-order mark (without it Excel
 * guesses a legacy code page and garbles diacritics), RFC 4180 quoting, CRLF line ends, and text cells
 * that a spreadsheet would run as a formula neutralised.
 */

export const UTF8_BOM = '\uFEFF';

export type CellValue = string | number | boolean | null;

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
 * `,` is the standard. Excel under Vietnamese regional settings (decimal comma) splits on `;` instead, so
 * a file meant to be double-clicked there uses `;`.
 */
export type CsvSeparator = ',' | ';';

/** A cell quoted when it holds a quote, a line break or either separator, so both variants read it whole. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CellValue[])[], separator: CsvSeparator = ','): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(separator)).join('\r\n') + '\r\n';
}
