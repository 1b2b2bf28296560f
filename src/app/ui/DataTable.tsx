import type { CSSProperties, ReactNode } from 'react';

/** A table's header row: every heading a column header, so a screen reader names each cell by its column. */
export function ColumnHeadings({ labels }: { labels: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, position) => (
          <th scope="col" key={position}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A table's headings as CSS custom properties (`--column-1` …), strings CSS can show with `content`: a
 * stylesheet can then name each cell by its column where a phone stacks a row into a card (manage.css),
 * without every row having to repeat the headings.
 */
export function columnLabels(headings: readonly ReactNode[]): CSSProperties {
  const labels: Record<string, string> = {};
  headings.forEach((heading, position) => {
    if (typeof heading === 'string') labels[`--column-${position + 1}`] = JSON.stringify(heading);
  });
  return labels as CSSProperties;
}

/**
 * A table with its column headings; `scrolls` wraps it so a wide table scrolls sideways on a phone
 * instead of widening the page, and `focusable` lets a keyboard do that scrolling. `cardsOnPhone` has a
 * phone show each row as a card instead, every cell under its column's name (the row's heading on top).
 */
export function DataTable({
  className,
  caption,
  headings,
  scrolls = false,
  focusable = false,
  cardsOnPhone = false,
  children,
}: {
  className?: string;
  caption?: ReactNode;
  headings: readonly ReactNode[];
  scrolls?: boolean;
  focusable?: boolean;
  cardsOnPhone?: boolean;
  /** The table's body (or bodies, one per group of rows). */
  children: ReactNode;
}) {
  const table = (
    <table
      className={cardsOnPhone ? [className, 'data-table--cards'].filter(Boolean).join(' ') : className}
      style={cardsOnPhone ? columnLabels(headings) : undefined}
    >
      {caption !== undefined && <caption>{caption}</caption>}
      <ColumnHeadings labels={headings} />
      {children}
    </table>
  );
  if (!scrolls) return table;
  return (
    <div className="table-scroll" tabIndex={focusable ? 0 : undefined}>
      {table}
    </div>
  );
}
