import type { ReactNode } from 'react';

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
 * A table with its column headings; `scrolls` wraps it so a wide table scrolls sideways on a phone
 * instead of widening the page, and `focusable` lets a keyboard do that scrolling.
 */
export function DataTable({
  className,
  caption,
  headings,
  scrolls = false,
  focusable = false,
  children,
}: {
  className?: string;
  caption?: ReactNode;
  headings: readonly ReactNode[];
  scrolls?: boolean;
  focusable?: boolean;
  /** The table's body (or bodies, one per group of rows). */
  children: ReactNode;
}) {
  const table = (
    <table className={className}>
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
