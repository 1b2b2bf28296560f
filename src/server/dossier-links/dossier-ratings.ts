import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { THEME_CLASSIFIER_VERSION } from '../../domain/comment-themes.ts';
import { withCommentsRedacted } from '../../domain/comment-redaction.ts';
import type { DossierLinkFields } from '../../domain/dossier-link.ts';
import type { DossierRatingSubmission } from '../../domain/dossier-links-api.ts';
import { recordIssued, recordReceived } from '../../domain/ledger.ts';
import { questionnaireKey, type Questionnaire } from '../../domain/questionnaire.ts';
import { activeQuestionnaireIds } from '../../domain/questionnaires/index.ts';
import { dossierLinkModeOf, type DossierLinkMode } from '../../domain/response-channel.ts';
import { hasRatedCriterion } from '../../domain/survey-flow.ts';
import { insertClassifierThemes } from '../db/comment-classifications-repository.ts';
import { ensureDossierLinkDevice, lockDeviceForSync } from '../db/devices-repository.ts';
import { findDossierRating, insertDossierRating } from '../db/dossier-links-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { findStoredByIds, insertNewResponses, readLedger, writeLedger } from '../db/responses-repository.ts';
import type { Database, UnitRow } from '../db/schema.ts';
import { questionnaireChoiceOf, serviceFieldsOfProcedures, unitAncestry } from '../db/units-repository.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { Conflict, Gone, InvalidInput } from '../errors.ts';
import { addToAggregates } from '../sync/add-aggregates.ts';
import { newlyStored } from '../sync/counted-responses.ts';
import { responseRow } from '../sync/ingest-batch.ts';
import { checkRecordAgainstContext, parseRecord } from '../sync/record-checks.ts';
import { timeZoneOfUnit } from '../sync/unit-time-zone.ts';

/**
 * A citizen's rating of a dossier through its signed link (issue 21). It is stored as a response like a
 * kiosk's — the same checks, redaction, counts and themes — under channel 'dossier-link' and the unit's
 * dossier-link device, whose ledger issues its sequence numbers. One rating per dossier: the first one
 * stands (docs/dossier-links.md says why); the same submission sent again is answered as stored.
 */

/**
 * The id of a unit's dossier-link device: a UUID derived from the unit id (version nibble 8, RFC 9562's
 * custom layout), so every process names the same device without asking the database first.
 */
export function dossierLinkDeviceId(unitId: string): string {
  const hex = createHash('sha256').update(`dossier-link\n${unitId}`, 'utf8').digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface LinkQuestionnaire {
  /** The unit the link names, read once with its ancestry. */
  unit: UnitRow;
  mode: DossierLinkMode;
  questionnaire: Questionnaire;
  /** The ids a submission may answer: the unit's full and quick questionnaires (the mode may change while a page is open). */
  acceptedIds: readonly string[];
}

/** The newest published version of the questionnaire the unit's links ask (410 when the unit is gone). */
export async function linkQuestionnaireOf(db: Kysely<Database>, catalog: QuestionnaireCatalog, unitId: string): Promise<LinkQuestionnaire> {
  const ancestry = await unitAncestry(db, unitId);
  const [unit] = ancestry;
  if (!unit) throw new Gone('The unit of this link no longer exists.', { code: 'dossier-link-revoked' });
  const active = activeQuestionnaireIds(ancestry.map(questionnaireChoiceOf));
  const mode = dossierLinkModeOf(ancestry.map((unit: UnitRow) => ({ dossierLinkMode: unit.dossier_link_mode })));
  const versions = await catalog.listPublishedVersions([active[mode]]);
  const questionnaire = versions.at(-1);
  if (!questionnaire) throw new Conflict(`No version of questionnaire "${active[mode]}" is published.`, { code: 'unit-not-configured' });
  return { unit, mode, questionnaire, acceptedIds: [active.full, active.quick] };
}

export type StoredRating = { status: 'stored' | 'duplicate'; responseId: string };

/**
 * Stores the rating once. 409 `dossier-already-rated` when the dossier holds another rating (a second tab,
 * a second phone); a resend of the stored one answers `duplicate`. 400 with the field for answers that do
 * not fit the questionnaire or rate nothing.
 */
export async function storeDossierRating(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  { fields, submission, receivedAt }: { fields: DossierLinkFields; submission: DossierRatingSubmission; receivedAt: Date },
): Promise<StoredRating> {
  const { unitId, dossierCode } = fields;
  const linkQuestionnaire = await linkQuestionnaireOf(db, catalog, unitId);
  if (!linkQuestionnaire.acceptedIds.includes(submission.questionnaireId)) {
    throw new InvalidInput(`questionnaireId: "${submission.questionnaireId}" is not a questionnaire of this unit`, { field: 'questionnaireId' });
  }
  const questionnaire = await catalog.findPublished(submission.questionnaireId, submission.questionnaireVersion);
  if (!questionnaire) {
    throw new InvalidInput(`questionnaireVersion: version ${submission.questionnaireVersion} is not published`, { field: 'questionnaireVersion' });
  }
  const procedureFields = await serviceFieldsOfProcedures(db, [fields.procedureCode]);
  const serviceFieldId = procedureFields.get(fields.procedureCode) ?? null;
  const deviceId = dossierLinkDeviceId(unitId);
  const response = checkedResponse(questionnaire, {
    ...submission,
    deviceId,
    // A placeholder for the parse; the ledger issues the real number inside the transaction.
    deviceSequence: 1,
    unitId,
    counterId: null,
    serviceFieldId,
    procedureId: serviceFieldId === null ? null : fields.procedureCode,
    dossierCode,
    submittedAt: new Date(Math.max(receivedAt.getTime(), Date.parse(submission.startedAt))).toISOString(),
    complete: true,
  });

  await ensureDossierLinkDevice(db, { id: deviceId, unitId, at: receivedAt });
  return inWriteTransaction(db, async (trx) => {
    await lockDeviceForSync(trx, deviceId);
    const existing = await findDossierRating(trx, unitId, dossierCode);
    if (existing) {
      if (existing.response_id === response.id) return { status: 'duplicate', responseId: response.id };
      throw new Conflict('This dossier has already been rated.', { code: 'dossier-already-rated' });
    }
    if ((await findStoredByIds(trx, [response.id])).length > 0) {
      throw new Conflict('id: another answer is stored under this id; start the rating again.', { code: 'conflicting-id', field: 'id' });
    }
    const ledger = await readLedger(trx, deviceId);
    const sequence = ledger.highestIssued + 1;
    const row = {
      ...responseRow({ ...response, deviceSequence: sequence }, { receivedAt, skewMs: 0, timeZone: timeZoneOfUnit(linkQuestionnaire.unit) }),
      channel: 'dossier-link' as const,
    };
    const inserted = await insertNewResponses(trx, [row]);
    const { stored, themed } = newlyStored(
      [{ index: 0, response: { ...response, deviceSequence: sequence } }],
      [row],
      inserted,
      new Map([[questionnaireKey(questionnaire), questionnaire]]),
      [],
    );
    await addToAggregates(trx, stored);
    await insertClassifierThemes(trx, themed, THEME_CLASSIFIER_VERSION);
    await insertDossierRating(trx, {
      unitId,
      dossierCode,
      procedureCode: fields.procedureCode,
      keyId: fields.keyId,
      responseId: response.id,
      at: receivedAt,
    });
    await writeLedger(trx, deviceId, recordReceived(recordIssued(ledger, sequence), [sequence]), receivedAt);
    return { status: 'stored', responseId: response.id };
  });
}

/**
 * The submission as a response, through the same checks a kiosk's record passes (shape, answers against the
 * questionnaire), comments redacted. A rating with no criterion rated is refused: it would count nothing
 * and still use up the dossier's one rating.
 */
function checkedResponse(questionnaire: Questionnaire, candidate: Record<string, unknown>) {
  const parsed = parseRecord(candidate, 0);
  if ('status' in parsed) throw new InvalidInput(parsed.message, { code: 'invalid-rating', field: fieldOf(parsed.message) });
  const { response } = parsed;
  const rejection = checkRecordAgainstContext(response, {
    deviceId: response.deviceId,
    unitId: response.unitId,
    counterIds: new Set(),
    serviceFieldIds: new Set(response.serviceFieldId === null ? [] : [response.serviceFieldId]),
    procedureFields: new Map(response.procedureId === null ? [] : [[response.procedureId, response.serviceFieldId!]]),
    questionnaires: new Map([[questionnaireKey(questionnaire), questionnaire]]),
  });
  if (rejection) throw new InvalidInput(rejection.message, { code: 'invalid-rating', field: fieldOf(rejection.message) });
  if (!hasRatedCriterion(questionnaire, response.answers)) {
    throw new InvalidInput('answers: rate at least one criterion before sending.', { code: 'nothing-rated', field: 'answers' });
  }
  return withCommentsRedacted(response, questionnaire);
}

/** The field a record check names first ("answers: …" → answers). */
function fieldOf(message: string): string | undefined {
  return /^([A-Za-z.[\]0-9]+):/.exec(message)?.[1];
}
