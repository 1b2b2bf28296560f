import type { ReportQueryInput } from '../../../domain/manage-api.ts';

/**
 * The dashboard's query keys, one small factory per resource. A key names everything its query depends
 * on; the first element is the resource, so a change can invalidate all of a resource's queries at once.
 */

export const unitKeys = {
  tree: () => ['units'] as const,
};

export const reportKeys = {
  all: () => ['reports'] as const,
  report: (query: ReportQueryInput) => ['reports', query] as const,
};

export const adminKeys = {
  allDevices: () => ['devices'] as const,
  devices: (unitId: string) => ['devices', unitId] as const,
  counters: (unitId: string) => ['counters', unitId] as const,
  serviceFields: () => ['service-fields'] as const,
  procedures: () => ['procedures'] as const,
  targets: (unitId: string) => ['targets', unitId] as const,
  accounts: () => ['accounts'] as const,
  questionnaireTemplates: () => ['questionnaire-templates'] as const,
  questionnaireDrafts: () => ['questionnaire-drafts'] as const,
  kioskSettings: (unitId: string) => ['kiosk-settings', unitId] as const,
  flagThresholds: (unitId: string) => ['flag-thresholds', unitId] as const,
  audit: (query: { before: string | null; group: string; actor: string }) => ['audit', query] as const,
  allSigningKeys: () => ['dossier-signing-keys'] as const,
  signingKeys: (unitId: string) => ['dossier-signing-keys', unitId] as const,
  integrationKeys: () => ['integration-keys'] as const,
};

export const alertKeys = {
  all: () => ['alerts'] as const,
  list: (status: 'open' | 'all') => ['alerts', 'list', status] as const,
  rules: () => ['alerts', 'rules'] as const,
  preferences: () => ['alerts', 'preferences'] as const,
  deadLetters: () => ['alerts', 'dead-letters'] as const,
};
