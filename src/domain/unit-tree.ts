/** Where a unit stands in the tree: what the tree needs of it, whatever else the unit carries. */
export interface UnitPlace {
  id: string;
  parentId: string | null;
  /** Set when the unit was merged into another: its history is reported under that unit. */
  mergedIntoId: string | null;
  /** Order among siblings. */
  position: number;
}

export interface OutlineEntry<Unit> {
  unit: Unit;
  /** 0 for a root of the outline, 1 below it, and so on. */
  depth: number;
}

/**
 * The unit tree as reports, permissions and the dashboard's pickers see it, over any shape of unit (the
 * server's rows, the client's unit nodes) through `placeOf`. A unit's scope is itself, every unit below
 * it, and every unit merged into any of those (with what is below them): a merged unit keeps its
 * responses, and its history is reported under the unit it was merged into (sipas.md, "Organisation").
 */
export class UnitTree<Unit> {
  private readonly byId = new Map<string, Unit>();
  private readonly places = new Map<Unit, UnitPlace>();
  private readonly children = new Map<string, Unit[]>();
  private readonly mergedInto = new Map<string, Unit[]>();

  constructor(
    readonly rows: readonly Unit[],
    placeOf: (unit: Unit, index: number) => UnitPlace,
  ) {
    rows.forEach((row, index) => {
      const place = placeOf(row, index);
      this.places.set(row, place);
      this.byId.set(place.id, row);
      if (place.parentId !== null) pushTo(this.children, place.parentId, row);
      if (place.mergedIntoId !== null) pushTo(this.mergedInto, place.mergedIntoId, row);
    });
  }

  get(unitId: string): Unit | undefined {
    return this.byId.get(unitId);
  }

  /** Units whose parent is not in the tree (the top, or the top of what an account may read). */
  roots(): Unit[] {
    return this.rows.filter((row) => {
      const { parentId } = this.placeOf(row);
      return parentId === null || !this.byId.has(parentId);
    });
  }

  /** Direct sub-units still in service (a merged one is reported under its survivor). */
  activeChildren(unitId: string): Unit[] {
    return (this.children.get(unitId) ?? []).filter((row) => this.placeOf(row).mergedIntoId === null);
  }

  /** The ids whose responses a report on `unitId` with its sub-units sums. */
  scopeOf(unitId: string, includeSubunits = true): string[] {
    const seen = new Set<string>();
    // A merged unit always comes with everything it had below it, even when sub-units are left out.
    const stack: [string, boolean][] = [[unitId, includeSubunits]];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const [id, withChildren] = next;
      if (seen.has(id) || !this.byId.has(id)) continue;
      seen.add(id);
      for (const merged of this.mergedInto.get(id) ?? []) stack.push([this.placeOf(merged).id, true]);
      if (withChildren) for (const child of this.children.get(id) ?? []) stack.push([this.placeOf(child).id, true]);
    }
    return [...seen];
  }

  /** Every (scope, member) pair: the units whose responses a report with sub-units sums, for every unit. */
  scopeMemberships(): { scopeUnitId: string; memberUnitId: string }[] {
    return this.rows.flatMap((row) => {
      const scopeUnitId = this.placeOf(row).id;
      return this.scopeOf(scopeUnitId).map((memberUnitId) => ({ scopeUnitId, memberUnitId }));
    });
  }

  /** True when `unitId` is `rootId` or in its scope (sub-units and merged units included). */
  contains(rootId: string, unitId: string): boolean {
    return this.scopeOf(rootId).includes(unitId);
  }

  /** Parents first, siblings by position then id: the order a tree view lists them. */
  inTreeOrder(rootIds: readonly string[]): Unit[] {
    const ordered: Unit[] = [];
    const seen = new Set<string>();
    const visit = (row: Unit) => {
      const { id } = this.placeOf(row);
      if (seen.has(id)) return;
      seen.add(id);
      ordered.push(row);
      for (const child of this.childrenInOrder(id)) visit(child);
    };
    for (const id of rootIds) {
      const row = this.byId.get(id);
      if (row) visit(row);
    }
    // Units merged into the subtree from elsewhere are readable too; list them after.
    for (const id of rootIds) {
      for (const scoped of this.scopeOf(id)) {
        const row = this.byId.get(scoped);
        if (row && !seen.has(scoped)) visit(row);
      }
    }
    return ordered;
  }

  /**
   * The units in service below `rootIds` (the roots of the tree when none are named), in tree order with
   * their depth, for an indented picker. A merged unit is left out with what is below it: its history is
   * reported under the unit it was merged into.
   */
  outline(rootIds: readonly string[]): OutlineEntry<Unit>[] {
    const entries: OutlineEntry<Unit>[] = [];
    const listed = new Set<Unit>();
    const visit = (unit: Unit, depth: number) => {
      const place = this.placeOf(unit);
      if (place.mergedIntoId !== null || listed.has(unit)) return;
      listed.add(unit);
      entries.push({ unit, depth });
      for (const child of this.childrenInOrder(place.id)) visit(child, depth + 1);
    };
    const roots = rootIds.length > 0 ? this.rows.filter((row) => rootIds.includes(this.placeOf(row).id)) : this.roots();
    for (const root of roots) visit(root, 0);
    return entries;
  }

  /** The unit and its ancestors, nearest first (targets are inherited from the nearest that sets one). */
  ancestry(unitId: string): Unit[] {
    const chain: Unit[] = [];
    for (let row = this.byId.get(unitId); row !== undefined && !chain.includes(row);) {
      chain.push(row);
      const { parentId } = this.placeOf(row);
      row = parentId === null ? undefined : this.byId.get(parentId);
    }
    return chain;
  }

  private placeOf(unit: Unit): UnitPlace {
    const place = this.places.get(unit);
    if (place === undefined) throw new Error('A unit outside this tree was asked for its place.');
    return place;
  }

  /** Direct sub-units by position, then id. */
  private childrenInOrder(unitId: string): Unit[] {
    return [...(this.children.get(unitId) ?? [])].sort((a, b) => {
      const placeA = this.placeOf(a);
      const placeB = this.placeOf(b);
      return placeA.position - placeB.position || placeA.id.localeCompare(placeB.id);
    });
  }
}

function pushTo<Unit>(map: Map<string, Unit[]>, key: string, unit: Unit): void {
  const list = map.get(key);
  if (list) list.push(unit);
  else map.set(key, [unit]);
}
