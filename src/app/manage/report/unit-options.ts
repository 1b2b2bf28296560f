import type { UnitNode } from '../../../domain/manage-api.ts';
import { UnitTree, type OutlineEntry } from '../../../domain/unit-tree.ts';

export type UnitOption = OutlineEntry<UnitNode>;

/** The units of GET /api/v1/units as the domain's tree: the reply lists them in tree order, so that order is their position. */
function treeOfNodes(units: readonly UnitNode[]): UnitTree<UnitNode> {
  return new UnitTree(units, (unit, index) => ({ id: unit.id, parentId: unit.parentId, mergedIntoId: unit.mergedIntoId, position: index }));
}

/**
 * The readable units in tree order with their depth, for an indented picker. Units merged into another
 * are left out: their history is reported under the unit they were merged into.
 */
export function unitOptions(units: readonly UnitNode[], rootIds: readonly string[]): UnitOption[] {
  return treeOfNodes(units).outline(rootIds);
}

/** The unit and the units above it, nearest first, as far up as the reply holds them. */
export function ancestryOf(units: readonly UnitNode[], unitId: string): UnitNode[] {
  return treeOfNodes(units).ancestry(unitId);
}
