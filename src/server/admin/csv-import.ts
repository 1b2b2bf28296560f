import { ApiFailure } from '../http/api-failure.ts';

/**
 * Reads a small CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF, optional BOM) into records
 * keyed by the header row's names, lower-cased. Errors name the line, so an administrator can fix the file.
 */
export function parseCsvRecords(text: string, required: readonly string[]): { line: number; values: Record<string, string> }[] {
  const rows = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const header = rows.shift()?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  for (const name of required) {
    if (!header.includes(name)) throw new ApiFailure(400, 'invalid-request', `csv: the header row must name the column "${name}"`, 'csv');
  }
  return rows
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
    .map((row) => ({
      line: row.line,
      values: Object.fromEntries(header.map((name, position) => [name, (row.cells[position] ?? '').trim().normalize('NFC')])),
    }));
}

function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let position = 0; position < text.length; position++) {
    const char = text[position]!;
    if (quoted) {
      if (char === '"' && text[position + 1] === '"') {
        cell += '"';
        position++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[position + 1] === '\n') position++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (quoted) throw new ApiFailure(400, 'invalid-request', `csv: line ${rowLine} has an unclosed quote`, 'csv');
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
