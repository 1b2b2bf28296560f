/** What every benchmark hands back to run.ts: numbers, each with the target it is judged against. */

export type TargetKind = 'at most' | 'under' | 'at least';

export interface Target {
  kind: TargetKind;
  limit: number;
}

export interface Metric {
  label: string;
  value: number;
  unit: string;
  /** Omitted for numbers we only report (e.g. PostgreSQL ingest). */
  target?: Target;
}

export interface BenchmarkOutcome {
  metrics: Metric[];
  /** Anything a reader needs to trust or explain the numbers: chunk lists, raw samples, settings. */
  details: Record<string, unknown>;
}

export type Verdict = 'PASS' | 'OVER' | 'UNDER' | '—';

export function verdictOf(metric: Metric): Verdict {
  const target = metric.target;
  if (!target) return '—';
  switch (target.kind) {
    case 'at most':
      return metric.value <= target.limit ? 'PASS' : 'OVER';
    case 'under':
      return metric.value < target.limit ? 'PASS' : 'OVER';
    case 'at least':
      return metric.value >= target.limit ? 'PASS' : 'UNDER';
  }
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatTarget(metric: Metric): string {
  const target = metric.target;
  if (!target) return '(reported)';
  const symbol = target.kind === 'at most' ? '≤' : target.kind === 'under' ? '<' : '≥';
  return `${symbol} ${formatNumber(target.limit)} ${metric.unit}`;
}

export interface TableRow {
  benchmark: string;
  metric: Metric | null;
  error?: string;
}

/** A plain-text table, wide enough for a terminal and readable when pasted into a note. */
export function formatTable(rows: TableRow[]): string {
  const cells = rows.map((row) =>
    row.metric
      ? [row.benchmark, row.metric.label, `${formatNumber(row.metric.value)} ${row.metric.unit}`, formatTarget(row.metric), verdictOf(row.metric)]
      : [row.benchmark, `CRASHED: ${row.error ?? 'unknown error'}`, '', '', 'ERROR'],
  );
  const header = ['benchmark', 'measure', 'result', 'target', 'verdict'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => (cell[column] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: an observed value, never an interpolation between two. */
export function percentile(values: readonly number[], percent: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
