import { ALERT_KIND_NAMES, type AlertLocale } from './alert-messages.ts';
import { ALERT_RULE_KINDS, type AlertRuleKind } from './alert-rules.ts';
import { formatCount, formatDateTime, formatLocalDay, formatPercent } from './display-format.ts';
import { localize } from './localize.ts';
import type { LocalizedText } from './questionnaire.ts';

/**
 * The audit log read as sentences: an entry (action + detail, as the server wrote it) becomes an i18n key
 * under `manage.audit.sentence` and the values it interpolates, so an administrator reads "admin đã xuất
 * báo cáo Excel của Xã Tân Phú, 01/11/2026–30/11/2026" instead of a code and JSON.
 */

export interface AuditEntryLike {
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** Names the reader knows units, questionnaires, service fields and procedures by; undefined when unknown. */
export interface AuditNames {
  unit: (id: string) => string | undefined;
  questionnaire: (id: string) => string | undefined;
  serviceField: (id: string) => string | undefined;
  /** A tablet's name as the Devices screen lists it. */
  device: (id: string) => string | undefined;
}

/**
 * `values` are ready to show; `terms` are i18n keys (with the stored code as fallback) the screen
 * translates into the value of the same name, e.g. a role or a unit kind.
 */
export interface AuditSentence {
  key: string;
  values: Record<string, string>;
  terms: Record<string, { key: string; fallback: string }>;
}

/** Kinds of action an administrator filters the log by, each the action prefixes it covers. */
export const AUDIT_ACTION_GROUPS = {
  units: ['unit.'],
  accounts: ['account.'],
  devices: ['device.', 'enrolment-code.'],
  exports: ['report.exported.'],
  alerts: ['alert.', 'alert-rule.', 'alert-preferences.', 'alert-delivery.'],
  catalog: ['counter.', 'service-field.', 'procedure.'],
  targets: ['target.'],
  questionnaires: ['questionnaire.'],
  kioskSettings: ['kiosk-settings.'],
  comments: ['comment-themes.', 'comments.'],
  flagThresholds: ['flag-thresholds.'],
  dossierLinks: ['dossier-signing-key.', 'integration-key.', 'dossier-links.'],
} as const satisfies Record<string, readonly string[]>;
export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;
export const AUDIT_ACTION_GROUP_IDS = Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[];

export function isAuditActionGroup(value: string): value is AuditActionGroup {
  return Object.hasOwn(AUDIT_ACTION_GROUPS, value);
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const EXPORT_FORMATS: Record<string, string> = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF', json: 'JSON' };

interface Context {
  detail: Record<string, unknown>;
  names: AuditNames;
  locale: string;
}
type Describe = (context: Context) => { variant?: string; values?: Record<string, string>; terms?: AuditSentence['terms'] };

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const isLocalized = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && typeof (value as { vi?: unknown }).vi === 'string';

function unitOf({ detail, names }: Context, field = 'unitId'): string {
  const id = text(detail[field]);
  return names.unit(id) ?? id;
}
function nameOf(context: Context, lookup: (id: string) => string | undefined, field = 'id'): string {
  const stored = context.detail.name;
  if (isLocalized(stored)) return localize(stored, context.locale);
  const id = text(context.detail[field]);
  return lookup(id) ?? id;
}
function count(context: Context, field: string): string {
  const value = context.detail[field];
  return typeof value === 'number' ? formatCount(value, context.locale) : '?';
}
function period({ detail, locale }: Context): string {
  const from = text(detail.from);
  const to = text(detail.to);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return '';
  return from === to ? formatLocalDay(from, locale) : `${formatLocalDay(from, locale)}–${formatLocalDay(to, locale)}`;
}
/**
 * A tablet by the name the Devices screen lists it under. A device id is a UUIDv7, whose first characters
 * are its creation time (tablets enrolled in the same minute share them): without a name, its random end.
 */
function deviceOf({ detail, names }: Context): string {
  const id = text(detail.deviceId);
  return names.device(id) ?? id.slice(-8);
}
function alertKind({ detail, locale }: Context): string {
  const kind = text(detail.kind);
  return (ALERT_RULE_KINDS as readonly string[]).includes(kind)
    ? ALERT_KIND_NAMES[kind as AlertRuleKind][locale === 'en' ? 'en' : ('vi' satisfies AlertLocale)]
    : kind;
}
/** A unit named by `field`, or, when it is null, the term that says what null means there (the top level, every unit). */
function unitOrTerm(context: Context, field: string, as: string, nullTerm: string): Pick<AuditSentence, 'values' | 'terms'> {
  const id = context.detail[field];
  if (id === null || id === undefined) return { values: {}, terms: { [as]: { key: nullTerm, fallback: '' } } };
  return { values: { [as]: unitOf(context, field) }, terms: {} };
}

function exported(format: string): Describe {
  return (context) => ({
    variant: context.detail.reportNumber === undefined ? undefined : 'numbered',
    values: {
      format: EXPORT_FORMATS[format] ?? format,
      unit: unitOf(context),
      period: period(context),
      number: text(context.detail.reportNumber),
      year: text(context.detail.reportYear),
    },
  });
}

/** Every action the server writes (test/unit/domain/audit-sentences.test.ts finds them in src/server). */
/** A questionnaire version by its name where the reader knows it, else its id. */
function questionnaireVersion(context: Context): ReturnType<Describe> {
  const id = text(context.detail.id);
  return { values: { questionnaire: context.names.questionnaire(id) ?? id, version: text(context.detail.version) } };
}

const DESCRIBERS: Record<string, Describe> = {
  'unit.created': (context) => {
    const parent = unitOrTerm(context, 'parentId', 'parent', 'manage.audit.topLevel');
    return {
      values: { unit: nameOf(context, context.names.unit), ...parent.values },
      terms: { kind: { key: `manage.unitKinds.${text(context.detail.kind)}`, fallback: text(context.detail.kind) }, ...parent.terms },
    };
  },
  'unit.updated': (context) => ({ values: { unit: unitOf(context, 'id') } }),
  'unit.merged': (context) => ({ values: { unit: unitOf(context, 'id'), into: unitOf(context, 'intoId') } }),
  'unit.questionnaires-set': (context) => ({ values: { unit: unitOf(context, 'id') } }),
  'unit.imported': (context) => ({ values: { created: count(context, 'created'), updated: count(context, 'updated') } }),
  'account.created': (context) => accountValues(context),
  'account.updated': (context) => {
    const { detail } = context;
    const variant =
      detail.passwordReset === true
        ? 'password'
        : detail.disabled === true
          ? 'disabled'
          : detail.disabled === false
            ? 'enabled'
            : detail.role !== undefined || detail.unitId !== undefined
              ? 'access'
              : undefined;
    return { variant, ...accountValues(context) };
  },
  'device.enrolled': (context) => ({ values: { device: deviceOf(context), unit: unitOf(context) } }),
  'device.re-enrolled': (context) => ({ values: { device: deviceOf(context), unit: unitOf(context) } }),
  'device.revoked': (context) => ({ values: { device: deviceOf(context), unit: unitOf(context) } }),
  'enrolment-code.issued': (context) => ({
    values: {
      unit: unitOf(context),
      expiresAt: text(context.detail.expiresAt) ? formatDateTime(text(context.detail.expiresAt), context.locale, TIME_ZONE) : '',
    },
  }),
  'report.exported.csv': exported('csv'),
  'report.exported.xlsx': exported('xlsx'),
  'report.exported.pdf': exported('pdf'),
  'report.exported.dossiers': (context) => ({
    values: { format: EXPORT_FORMATS[text(context.detail.format)] ?? text(context.detail.format), unit: unitOf(context), period: period(context) },
  }),
  'alert.opened': (context) => ({ values: { unit: unitOf(context) } }),
  'alert.cleared': (context) => ({ values: { unit: unitOf(context) } }),
  'alert.acknowledged': (context) => ({ values: { unit: unitOf(context) } }),
  'alert.resolved': (context) => ({ values: { unit: unitOf(context) } }),
  'alert-rule.created': (context) => alertRuleValues(context),
  'alert-rule.deleted': (context) => alertRuleValues(context),
  'alert-rule.changed': (context) => ({ variant: context.detail.enabled === false ? 'disabled' : undefined }),
  'alert-preferences.saved': () => ({}),
  'alert-delivery.retried': () => ({}),
  'counter.created': (context) => ({ values: { name: nameOf(context, () => undefined), unit: unitOf(context) } }),
  'counter.renamed': (context) => ({ values: { name: nameOf(context, () => undefined), unit: unitOf(context) } }),
  'service-field.created': (context) => ({ values: { name: nameOf(context, context.names.serviceField) } }),
  'service-field.renamed': (context) => ({ values: { name: nameOf(context, context.names.serviceField) } }),
  'service-field.imported': (context) => ({ values: { created: count(context, 'created'), updated: count(context, 'updated') } }),
  'procedure.created': (context) => procedureValues(context),
  'procedure.changed': (context) => procedureValues(context),
  'procedure.imported': (context) => ({ values: { created: count(context, 'created'), updated: count(context, 'updated') } }),
  'target.set': (context) => {
    const id = text(context.detail.questionnaireId);
    const percent = context.detail.percent;
    return {
      values: {
        unit: unitOf(context),
        questionnaire: context.names.questionnaire(id) ?? id,
        year: text(context.detail.year),
        percent: typeof percent === 'number' ? formatPercent(percent, context.locale) : '?',
      },
    };
  },
  'questionnaire.published': questionnaireVersion,
  'questionnaire.draft-saved': questionnaireVersion,
  'questionnaire.draft-deleted': questionnaireVersion,
  'kiosk-settings.saved': (context) => ({ values: { unit: unitOf(context) } }),
  'flag-thresholds.saved': (context) => ({ values: { unit: unitOf(context) } }),
  'comment-themes.corrected': (context) => ({ values: { unit: unitOf(context) } }),
  'comments.redacted': (context) => ({ values: { count: count(context, 'redactedResponses') } }),
  'dossier-signing-key.created': (context) => ({
    variant: context.detail.rotated === true ? 'rotated' : undefined,
    values: { unit: unitOf(context) },
  }),
  'dossier-signing-key.revoked': (context) => ({ values: { unit: unitOf(context) } }),
  'integration-key.created': (context) => ({ values: { vendor: text(context.detail.vendor), units: unitsOf(context) } }),
  'integration-key.revoked': (context) => ({ values: { vendor: text(context.detail.vendor) } }),
  'dossier-links.minted': (context) => ({ values: { count: count(context, 'count'), units: unitsOf(context) } }),
};

function unitsOf(context: Context): string {
  const ids = Array.isArray(context.detail.unitIds) ? context.detail.unitIds.map(text) : [];
  return ids.map((id) => context.names.unit(id) ?? id).join(', ');
}

function accountValues(context: Context): ReturnType<Describe> {
  const { detail } = context;
  const role = text(detail.role);
  const unit = unitOrTerm(context, 'unitId', 'unit', 'manage.accounts.wholeTree');
  return {
    values: { username: text(detail.username), ...unit.values },
    terms: { role: { key: `manage.roles.${role}`, fallback: role }, ...unit.terms },
  };
}
function alertRuleValues(context: Context): ReturnType<Describe> {
  const unit = unitOrTerm(context, 'unitId', 'unit', 'manage.audit.everyUnit');
  return { values: { kind: alertKind(context), ...unit.values }, terms: unit.terms };
}
function procedureValues(context: Context): ReturnType<Describe> {
  return {
    values: {
      code: text(context.detail.id),
      name: nameOf(context, () => undefined),
      field: context.names.serviceField(text(context.detail.serviceFieldId)) ?? text(context.detail.serviceFieldId),
    },
  };
}

/** Actions the server writes; an action outside them still reads, as a generic sentence naming its code. */
export const DESCRIBED_AUDIT_ACTIONS: readonly string[] = Object.keys(DESCRIBERS);

/** Actors that are the software itself, named for a person; an account's actor is shown as stored. */
function actorTerm(actor: string): AuditSentence['terms'] {
  if (actor === 'system') return { actor: { key: 'manage.audit.actors.system', fallback: actor } };
  if (actor.startsWith('migration:')) return { actor: { key: 'manage.audit.actors.migration', fallback: actor } };
  return {};
}

/** The sentence of one audit entry in `locale` (vi or en), as an i18n key and its values. */
export function auditSentence(entry: AuditEntryLike, names: AuditNames, locale: string): AuditSentence {
  const describe = DESCRIBERS[entry.action];
  const base = { actor: entry.actor.startsWith('device:') ? entry.actor.slice('device:'.length, 'device:'.length + 8) : entry.actor };
  if (!describe) return { key: 'manage.audit.sentence.unknown', values: { ...base, action: entry.action }, terms: actorTerm(entry.actor) };
  const described = describe({ detail: entry.detail, names, locale });
  const key = `manage.audit.sentence.${sentenceId(entry.action)}${described.variant ? `_${described.variant}` : ''}`;
  return { key, values: { ...base, ...described.values }, terms: { ...actorTerm(entry.actor), ...described.terms } };
}

/** i18next reads dots as nesting, so the action's dots become underscores in its key. */
export function sentenceId(action: string): string {
  return action.replaceAll('.', '_');
}

/** The group an action belongs to, or null for an action no group covers. */
export function auditActionGroup(action: string): AuditActionGroup | null {
  return AUDIT_ACTION_GROUP_IDS.find((group) => AUDIT_ACTION_GROUPS[group].some((prefix) => action.startsWith(prefix))) ?? null;
}
