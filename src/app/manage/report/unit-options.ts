import type { UnitNode } from '../../../domain/manage-api.ts';

export interface UnitOption {
  unit: UnitNode;
  depth: number;
}

/**
 * The readable units in tree order with their depth, for an indented picker. Units merged into another
 * are left out: their history is reported under the unit they were merged into.
 */
export function unitOptions(units: readonly UnitNode[], rootIds: readonly string[]): UnitOption[] {
  const children = new Map<string | null, UnitNode[]>();
  const known = new Set(units.map((unit) => unit.id));
  for (const unit of units) {
    const parent = unit.parentId !== null && known.has(unit.parentId) ? unit.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(unit);
    children.set(parent, siblings);
  }
  const options: UnitOption[] = [];
  const visit = (unit: UnitNode, depth: number) => {
    if (unit.mergedIntoId !== null) return;
    options.push({ unit, depth });
    for (const child of children.get(unit.id) ?? []) visit(child, depth + 1);
  };
  const roots = rootIds.length > 0 ? units.filter((unit) => rootIds.includes(unit.id)) : (children.get(null) ?? []);
  for (const root of roots) visit(root, 0);
  return options;
}

/** The unit and the units above it, nearest first, as far up as the reply holds them. */
export function ancestryOf(units: readonly UnitNode[], unitId: string): UnitNode[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const chain: UnitNode[] = [];
  for (let unit = byId.get(unitId); unit && !chain.includes(unit); unit = unit.parentId === null ? undefined : byId.get(unit.parentId))
    chain.push(unit);
  return chain;
}
