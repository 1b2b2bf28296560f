import { draftHeadReplySchema, draftReplySchema } from '../../../domain/questionnaire-drafts.ts';
import { methodPreviewReplySchema, type MethodPreviewRequest } from '../../../domain/method-preview.ts';
import { z } from 'zod';
import {
  accountItemSchema,
  auditEntrySchema,
  counterSchema,
  deviceItemSchema,
  enrolmentCodeReplySchema,
  importReplySchema,
  kioskSettingsReplySchema,
  publishQuestionnaireReplySchema,
  procedureSchema,
  serviceFieldSchema,
  targetSchema,
  unitNodeSchema,
  type CounterItem,
  type TargetItem,
  type UnitQuestionnaires,
} from '../../../domain/manage-api.ts';
import { questionnaireSchema } from '../../../domain/questionnaire.ts';
import {
  integrationKeyCreatedSchema,
  integrationKeyItemSchema,
  mintedDossierLinkSchema,
  signingKeyCreatedSchema,
  signingKeyItemSchema,
} from '../../../domain/dossier-links-api.ts';
import type { KioskSettings } from '../../../domain/kiosk-settings.ts';
import type { FlagThresholds } from '../../../domain/stuffing-flags.ts';
import { flagThresholdsReplySchema } from '../../../domain/stuffing-flags-schema.ts';
import { apiRequest, withQuery } from './http.ts';

/** A list reply, as `{ key: [...] }` (the contract's shape) or a bare array. */
function listOf<Item extends z.ZodType>(key: string, item: Item) {
  return z
    .union([z.array(item), z.object({ [key]: z.array(item) })])
    .transform((reply) => (Array.isArray(reply) ? reply : ((reply as Record<string, z.infer<Item>[]>)[key] ?? [])));
}

const noContent = z.unknown();
const ADMIN = '/api/v1/admin';

export const adminApi = {
  listDevices: (unitId: string | null, signal: AbortSignal) =>
    apiRequest('GET', withQuery(`${ADMIN}/devices`, { unitId }), { schema: listOf('devices', deviceItemSchema), signal }),
  revokeDevice: (deviceId: string) => apiRequest('POST', `${ADMIN}/devices/${encodeURIComponent(deviceId)}/revoke`, { schema: noContent }),
  createEnrolmentCode: (body: { unitId: string; expiresInDays?: number }) =>
    apiRequest('POST', `${ADMIN}/enrolment-codes`, { body, schema: enrolmentCodeReplySchema }),

  createUnit: (body: unknown) => apiRequest('POST', `${ADMIN}/units`, { body, schema: unitNodeSchema }),
  updateUnit: (unitId: string, body: unknown) =>
    apiRequest('PATCH', `${ADMIN}/units/${encodeURIComponent(unitId)}`, { body, schema: unitNodeSchema }),
  mergeUnit: (unitId: string, intoId: string) =>
    apiRequest('POST', `${ADMIN}/units/${encodeURIComponent(unitId)}/merge`, { body: { intoId }, schema: noContent }),
  importUnits: (csv: string) => apiRequest('POST', `${ADMIN}/units/import`, { body: { csv }, schema: importReplySchema }),

  listCounters: (unitId: string, signal: AbortSignal) =>
    apiRequest('GET', withQuery(`${ADMIN}/counters`, { unitId }), { schema: listOf('counters', counterSchema), signal }),
  saveCounter: (body: CounterItem) => apiRequest('POST', `${ADMIN}/counters`, { body, schema: noContent }),

  listServiceFields: (signal: AbortSignal) =>
    apiRequest('GET', `${ADMIN}/service-fields`, { schema: listOf('serviceFields', serviceFieldSchema), signal }),
  saveServiceField: (body: unknown) => apiRequest('POST', `${ADMIN}/service-fields`, { body, schema: noContent }),
  importServiceFields: (csv: string) => apiRequest('POST', `${ADMIN}/service-fields/import`, { body: { csv }, schema: importReplySchema }),
  listProcedures: (signal: AbortSignal) => apiRequest('GET', `${ADMIN}/procedures`, { schema: listOf('procedures', procedureSchema), signal }),
  saveProcedure: (body: unknown) => apiRequest('POST', `${ADMIN}/procedures`, { body, schema: noContent }),
  importProcedures: (csv: string) => apiRequest('POST', `${ADMIN}/procedures/import`, { body: { csv }, schema: importReplySchema }),

  listTargets: (unitId: string, signal: AbortSignal) =>
    apiRequest('GET', withQuery(`${ADMIN}/targets`, { unitId }), { schema: listOf('targets', targetSchema), signal }),
  setTarget: (body: TargetItem) => apiRequest('PUT', `${ADMIN}/targets`, { body, schema: noContent }),

  listAccounts: (signal: AbortSignal) => apiRequest('GET', `${ADMIN}/accounts`, { schema: listOf('accounts', accountItemSchema), signal }),
  createAccount: (body: unknown) => apiRequest('POST', `${ADMIN}/accounts`, { body, schema: noContent }),
  updateAccount: (accountId: string, body: unknown) =>
    apiRequest('PATCH', `${ADMIN}/accounts/${encodeURIComponent(accountId)}`, { body, schema: noContent }),

  publishQuestionnaire: (definition: unknown) =>
    apiRequest('POST', `${ADMIN}/questionnaires`, { body: definition, schema: publishQuestionnaireReplySchema }),
  listQuestionnaireTemplates: (signal: AbortSignal) =>
    apiRequest('GET', `${ADMIN}/questionnaire-templates`, { schema: listOf('templates', questionnaireSchema), signal }),
  listQuestionnaireDrafts: (signal: AbortSignal) =>
    apiRequest('GET', `${ADMIN}/questionnaire-drafts`, { schema: listOf('drafts', draftHeadReplySchema), signal }),
  getQuestionnaireDraft: (id: string, version: number) =>
    apiRequest('GET', `${ADMIN}/questionnaire-drafts/${encodeURIComponent(id)}/${version}`, { schema: draftReplySchema }),
  saveQuestionnaireDraft: (text: string) => apiRequest('PUT', `${ADMIN}/questionnaire-drafts`, { body: { text }, schema: draftHeadReplySchema }),
  deleteQuestionnaireDraft: (id: string, version: number) =>
    apiRequest('DELETE', `${ADMIN}/questionnaire-drafts/${encodeURIComponent(id)}/${version}`, { schema: noContent }),
  previewMethod: (body: MethodPreviewRequest) =>
    apiRequest('POST', `${ADMIN}/questionnaires/method-preview`, { body, schema: methodPreviewReplySchema }),
  getQuestionnaireVersion: (id: string, version: number) =>
    apiRequest('GET', `${ADMIN}/questionnaires/${encodeURIComponent(id)}/versions/${version}`, { schema: questionnaireSchema }),
  setUnitQuestionnaires: (unitId: string, body: UnitQuestionnaires) =>
    apiRequest('PUT', `${ADMIN}/units/${encodeURIComponent(unitId)}/questionnaires`, { body, schema: unitNodeSchema }),

  getKioskSettings: (unitId: string, signal: AbortSignal) =>
    apiRequest('GET', `${ADMIN}/kiosk-settings/${encodeURIComponent(unitId)}`, { schema: kioskSettingsReplySchema, signal }),
  saveKioskSettings: (unitId: string, settings: KioskSettings) =>
    apiRequest('PUT', `${ADMIN}/kiosk-settings/${encodeURIComponent(unitId)}`, { body: settings, schema: noContent }),

  getFlagThresholds: (unitId: string, signal: AbortSignal) =>
    apiRequest('GET', `${ADMIN}/flag-thresholds/${encodeURIComponent(unitId)}`, { schema: flagThresholdsReplySchema, signal }),
  saveFlagThresholds: (unitId: string, thresholds: FlagThresholds) =>
    apiRequest('PUT', `${ADMIN}/flag-thresholds/${encodeURIComponent(unitId)}`, { body: thresholds, schema: flagThresholdsReplySchema }),

  listSigningKeys: (unitId: string | null, signal: AbortSignal) =>
    apiRequest('GET', withQuery(`${ADMIN}/dossier-signing-keys`, { unitId }), { schema: listOf('keys', signingKeyItemSchema), signal }),
  createSigningKey: (unitId: string) => apiRequest('POST', `${ADMIN}/dossier-signing-keys`, { body: { unitId }, schema: signingKeyCreatedSchema }),
  revokeSigningKey: (keyId: string) => apiRequest('POST', `${ADMIN}/dossier-signing-keys/${encodeURIComponent(keyId)}/revoke`, { schema: noContent }),
  listIntegrationKeys: (signal: AbortSignal) =>
    apiRequest('GET', `${ADMIN}/integration-keys`, { schema: listOf('keys', integrationKeyItemSchema), signal }),
  createIntegrationKey: (body: { vendor: string; unitIds: string[] }) =>
    apiRequest('POST', `${ADMIN}/integration-keys`, { body, schema: integrationKeyCreatedSchema }),
  mintDossierLink: (body: { unitId: string; dossierCode: string; procedureCode: string }) =>
    apiRequest('POST', `${ADMIN}/dossier-links`, { body, schema: mintedDossierLinkSchema }),
  revokeIntegrationKey: (id: string) => apiRequest('POST', `${ADMIN}/integration-keys/${encodeURIComponent(id)}/revoke`, { schema: noContent }),

  /** 100 entries older than `before` (newest first), only of the kind of action `group` and the `actor` when given. */
  listAudit: (query: { before: string | null; group: string; actor: string }, signal: AbortSignal) =>
    apiRequest('GET', withQuery(`${ADMIN}/audit`, { limit: 100, ...query }), { schema: listOf('entries', auditEntrySchema), signal }),
};
