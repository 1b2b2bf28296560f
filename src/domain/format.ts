/**
 * Indices are shown with two decimals (sipas.md): in the reader's locale on screen ("87,35%" in
 * Vietnamese), with a dot and no percent sign in CSV/XLSX. Both round the same way (half away from
 * zero on the shortest decimal of the value), so a screen and an export never disagree on a figure.
 */

export const NO_INDEX_TEXT = '—';

const TWO_DECIMALS = { minimumFractionDigits: 2, maximumFractionDigits: 2 } as const;
/** Parts of a formatted percentage that carry the number itself rather than the locale's pattern. */
const NUMBER_PARTS = new Set(['integer', 'group', 'decimal', 'fraction', 'minusSign', 'plusSign']);

interface PercentFormat {
  number: Intl.NumberFormat;
  /** The locale's percent pattern (sign, spacing, position) as parts, around a placeholder number. */
  pattern: Intl.NumberFormatPart[];
}

const percentFormats = new Map<string, PercentFormat>();
const exportFormat = new Intl.NumberFormat('en-US', { ...TWO_DECIMALS, useGrouping: false });

function percentFormat(locale: string): PercentFormat {
  let format = percentFormats.get(locale);
  if (!format) {
    format = {
      number: new Intl.NumberFormat(locale, TWO_DECIMALS),
      pattern: new Intl.NumberFormat(locale, { ...TWO_DECIMALS, style: 'percent' }).formatToParts(0),
    };
    percentFormats.set(locale, format);
  }
  return format;
}

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`an index must be a finite number, got ${value}`);
}

/**
 * An index (0–100) for a person to read, e.g. "87,35%" in Vietnamese, "87.35%" in English; "—" when
 * there is no index. The number is formatted as it is rather than divided by 100 for a percent style,
 * which could shift a figure such as 87.345 across a rounding boundary.
 */
export function formatIndex(value: number | null, locale: string): string {
  if (value === null) return NO_INDEX_TEXT;
  assertFinite(value);
  const { number, pattern } = percentFormat(locale);
  let text = '';
  let numberWritten = false;
  for (const part of pattern) {
    if (!NUMBER_PARTS.has(part.type)) text += part.value;
    else if (!numberWritten) {
      text += number.format(value);
      numberWritten = true;
    }
  }
  return text;
}

/** An index for a CSV/XLSX cell: "87.35", or an empty cell when there is no index. */
export function formatIndexForExport(value: number | null): string {
  if (value === null) return '';
  assertFinite(value);
  return exportFormat.format(value);
}
