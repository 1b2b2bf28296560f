import type { UnitRow } from '../db/schema.ts';

/**
 * The unit tree as reports and permissions see it. A unit's scope is itself, every unit below it, and
 * every unit merged into any of those (with what is below them): a merged unit keeps its responses, and
 * its history is reported under the unit it was merged into (sipas.md, "Organisation").
 */
export class UnitTree {
  private readonly byId = new Map<string, UnitRow>();
  private readonly children = new Map<string, UnitRow[]>();
  private readonly mergedInto = new Map<string, UnitRow[]>();

  constructor(readonly rows: readonly UnitRow[]) {
    for (const row of rows) {
      this.byId.set(row.id, row);
      if (row.parent_id !== null) pushTo(this.children, row.parent_id, row);
      if (row.merged_into_id !== null) pushTo(this.mergedInto, row.merged_into_id, row);
    }
  }

  get(unitId: string): UnitRow | undefined {
    return this.byId.get(unitId);
  }

  roots(): UnitRow[] {
    return this.rows.filter((row) => row.parent_id === null || !this.byId.has(row.parent_id));
  }

  /** Direct sub-units still in service (a merged one is reported under its survivor). */
  activeChildren(unitId: string): UnitRow[] {
    return (this.children.get(unitId) ?? []).filter((row) => row.merged_into_id === null);
  }

  /** The ids whose responses a report on `unitId` with its sub-units sums. */
  scopeOf(unitId: string, includeSubunits = true): string[] {
    const seen = new Set<string>();
    // A merged unit always comes with everything it had below it, even when sub-units are left out.
    const stack: [string, boolean][] = [[unitId, includeSubunits]];
    while (stack.length > 0) {
      const [id, withChildren] = stack.pop()!;
      if (seen.has(id) || !this.byId.has(id)) continue;
      seen.add(id);
      for (const merged of this.mergedInto.get(id) ?? []) stack.push([merged.id, true]);
      if (withChildren) for (const child of this.children.get(id) ?? []) stack.push([child.id, true]);
    }
    return [...seen];
  }

  /** Every (scope, member) pair: the units whose responses a report with sub-units sums, for every unit. */
  scopeMemberships(): { scopeUnitId: string; memberUnitId: string }[] {
    return this.rows.flatMap((row) => this.scopeOf(row.id).map((memberUnitId) => ({ scopeUnitId: row.id, memberUnitId })));
  }

  /** True when `unitId` is `rootId` or in its scope (sub-units and merged units included). */
  contains(rootId: string, unitId: string): boolean {
    return this.scopeOf(rootId).includes(unitId);
  }

  /** Parents first, siblings by position then id: the order a tree view lists them. */
  inTreeOrder(rootIds: readonly string[]): UnitRow[] {
    const ordered: UnitRow[] = [];
    const seen = new Set<string>();
    const visit = (row: UnitRow) => {
      if (seen.has(row.id)) return;
      seen.add(row.id);
      ordered.push(row);
      const kids = [...(this.children.get(row.id) ?? [])].sort((a, b) => Number(a.position) - Number(b.position) || a.id.localeCompare(b.id));
      for (const kid of kids) visit(kid);
    };
    for (const id of rootIds) {
      const row = this.byId.get(id);
      if (row) visit(row);
    }
    // Units merged into the subtree from elsewhere are readable too; list them after.
    for (const id of rootIds) for (const scoped of this.scopeOf(id)) if (!seen.has(scoped)) visit(this.byId.get(scoped)!);
    return ordered;
  }

  /** The unit and its ancestors, nearest first (targets are inherited from the nearest that sets one). */
  ancestry(unitId: string): UnitRow[] {
    const chain: UnitRow[] = [];
    let row = this.byId.get(unitId);
    while (row && !chain.includes(row)) {
      chain.push(row);
      row = row.parent_id === null ? undefined : this.byId.get(row.parent_id);
    }
    return chain;
  }
}

function pushTo(map: Map<string, UnitRow[]>, key: string, row: UnitRow): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}
