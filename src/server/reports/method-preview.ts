import { coverOf } from '../../domain/calendar.ts';
import { reportQuerySchema } from '../../domain/manage-api.ts';
import { previewMethods, type MethodPreviewReply, type MethodPreviewRequest } from '../../domain/method-preview.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { UnitRowTree } from '../db/unit-row-tree.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { NotFound } from '../errors.ts';
import { reportReads } from './report-reads.ts';
import { completeOf, SCORED_MEASURES, tallyOf } from './report-sums.ts';

/**
 * A past period of a unit (with its sub-units, as its report counts them) scored by the method in force
 * and by a draft's, from the aggregates of the newest published version that has answers in the period.
 */
export async function methodPreviewOf(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  tree: UnitRowTree,
  request: MethodPreviewRequest,
): Promise<MethodPreviewReply> {
  const { questionnaire: draft, unitId, from, to } = request;
  const unit = tree.get(unitId);
  if (!unit) throw new NotFound(`There is no unit "${unitId}".`, { field: 'unitId' });
  const query = reportQuerySchema.parse({ unitId, from, to, questionnaireId: draft.id });
  const rows = await reportReads(db, tree, unit, query).scopeRows(
    draft.id,
    [...SCORED_MEASURES, 'responses'],
    { from, to },
    coverOf(from, to, { byDay: false, years: false }),
  );
  const answered = rows.filter((row) => row.version !== draft.version && row.measure === 'responses' && row.item === '1' && row.count > 0);
  const basisVersion = answered.length === 0 ? null : Math.max(...answered.map((row) => row.version));
  const basis = basisVersion === null ? null : ((await catalog.findPublished(draft.id, basisVersion)) ?? null);
  const ofBasis = basis ? rows.filter((row) => row.version === basis.version) : [];
  return previewMethods({ unitId, period: { from, to }, n: completeOf(ofBasis), basis, draft }, tallyOf(ofBasis));
}
