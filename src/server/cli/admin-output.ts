import type { SequenceRange } from '../../domain/ledger.ts';

/** Plain-text layouts for the admin command line. */

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** "#37–38, #52" for at most a few ranges, then how many more. */
export function missingRangesText(ranges: readonly SequenceRange[], shown = 4): string {
  const texts = ranges.slice(0, shown).map(([from, to]) => (from === to ? `#${from}` : `#${from}–${to}`));
  if (ranges.length > shown) texts.push(`and ${ranges.length - shown} more ranges`);
  return texts.join(', ');
}

export interface TreeNode {
  id: string;
  parentId: string | null;
  label: string;
}

/** The unit tree, indented, ids first so they can be copied into other commands. */
export function formatUnitTree(nodes: readonly TreeNode[]): string {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string | null, TreeNode[]>();
  for (const node of nodes) {
    // A unit whose parent is missing is shown at the top rather than lost.
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const lines: string[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      lines.push(`${'  '.repeat(depth)}${node.id}  ${node.label}`);
      visit(node.id, depth + 1);
    }
  };
  visit(null, 0);
  return lines.join('\n');
}
