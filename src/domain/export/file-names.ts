/**
 * Export file names carry the unit and the day, in plain ASCII so every operating system, mail client
 * and USB stick keeps them intact: "sipas_phuong-an-hoa_2026-11-22.csv".
 */

/** "Phường An Hòa" → "phuong-an-hoa": diacritics removed, đ → d, anything else becomes one hyphen. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface ExportFileNameParts {
  unitName: string;
  from: string;
  to: string;
  /** What the file holds when it is not the per-response file, e.g. "tong-hop" (summary). */
  kind?: string;
  extension: 'csv' | 'xlsx';
}

export function exportFileName({ unitName, from, to, kind, extension }: ExportFileNameParts): string {
  const days = from === to ? from : `${from}_${to}`;
  const parts = ['sipas', asciiSlug(unitName) || 'don-vi', days, ...(kind ? [asciiSlug(kind)] : [])];
  return `${parts.join('_')}.${extension}`;
}
