import { UnitTree } from '../../domain/unit-tree.ts';
import type { UnitRow } from './schema.ts';

/** The domain's unit tree over the units table's rows. */
export class UnitRowTree extends UnitTree<UnitRow> {
  constructor(rows: readonly UnitRow[]) {
    super(rows, (row) => ({ id: row.id, parentId: row.parent_id, mergedIntoId: row.merged_into_id, position: Number(row.position) }));
  }
}
