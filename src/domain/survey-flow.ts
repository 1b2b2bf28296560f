import type { Questionnaire } from './questionnaire.ts';
import type { AnswerValue, SurveyResponse } from './response.ts';
import type { TabletChannel } from './response-channel.ts';

/** The screens of a full survey, in order: the kiosk walks them, progress counts them. */
export type SurveyScreen =
  | { kind: 'service-field'; id: 'service-field' }
  | { kind: 'procedure'; id: 'procedure' }
  | { kind: 'element'; id: string; elementIndex: number }
  | { kind: 'section'; id: string; sectionIndex: number }
  | { kind: 'dossier-code'; id: 'dossier-code' };

export interface SurveyFlowOptions {
  askServiceField: boolean;
  /** The kiosk asks for the procedure and the chosen service field has some to pick from. */
  askProcedure: boolean;
  askDossierCode: boolean;
}

export function surveyScreens(questionnaire: Questionnaire, options: SurveyFlowOptions): SurveyScreen[] {
  const screens: SurveyScreen[] = [];
  if (options.askServiceField) screens.push({ kind: 'service-field', id: 'service-field' });
  if (options.askProcedure) screens.push({ kind: 'procedure', id: 'procedure' });
  if (options.askDossierCode) screens.push({ kind: 'dossier-code', id: 'dossier-code' });
  questionnaire.elements.forEach((element, elementIndex) => screens.push({ kind: 'element', id: element.id, elementIndex }));
  questionnaire.sections.forEach((section, sectionIndex) => screens.push({ kind: 'section', id: section.id, sectionIndex }));
  return screens;
}

/** Drops what the respondent left empty: an unanswered question is absent, never a level or "". */
export function answeredOnly(answers: Record<string, AnswerValue | null | undefined>): Record<string, AnswerValue> {
  const kept: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    kept[id] = typeof value === 'string' ? value.trim() : value;
  }
  return kept;
}

/**
 * Whether a survey can be stored as complete: at least one criterion of its elements rated at a level.
 *
 * Decision (method, ../shared/docs/sipas.md): "no opinion" is not a level and an unanswered criterion is
 * excluded from every index, so a form without one level adds nothing to any criterion, element or SIPAS
 * index; counting it as a complete form ("Phiếu đầy đủ") would only inflate n and hide a walk-through. The
 * kiosk therefore never submits such a form as complete: at the end it gently offers to go back and rate,
 * or to finish without rating, which is the walk-away path (nothing stored, or an incomplete record when
 * the kiosk keeps partial answers and something else was answered; incomplete records are never counted).
 * Records stored before this rule keep what they hold.
 */
export function hasRatedCriterion(questionnaire: Pick<Questionnaire, 'elements'>, answers: Record<string, AnswerValue | null | undefined>): boolean {
  return questionnaire.elements.some((element) => element.criteria.some((criterion) => typeof answers[criterion.id] === 'number'));
}

export function hasAnyAnswer(answers: Record<string, AnswerValue | null | undefined>): boolean {
  return Object.keys(answeredOnly(answers)).length > 0;
}

export interface ResponseContext {
  id: string;
  deviceId: string;
  unitId: string;
  counterId: string | null;
  locale: string;
  questionnaire: Pick<Questionnaire, 'id' | 'version'>;
  channel: TabletChannel;
}

export interface ResponseDraft {
  serviceFieldId: string | null;
  procedureId: string | null;
  answers: Record<string, AnswerValue | null | undefined>;
  dossierCode: string | null;
  startedAt: Date;
  screenDurationsMs: Record<string, number>;
}

/** The wire record for a draft; the sequence number is issued by the store when it is saved. */
export function composeResponse(
  context: ResponseContext,
  draft: ResponseDraft,
  submittedAt: Date,
  complete: boolean,
): Omit<SurveyResponse, 'deviceSequence'> {
  const dossierCode = draft.dossierCode?.trim() ? draft.dossierCode.trim() : null;
  return {
    id: context.id,
    questionnaireId: context.questionnaire.id,
    questionnaireVersion: context.questionnaire.version,
    deviceId: context.deviceId,
    unitId: context.unitId,
    counterId: context.counterId,
    serviceFieldId: draft.serviceFieldId,
    locale: context.locale,
    startedAt: draft.startedAt.toISOString(),
    submittedAt: new Date(Math.max(submittedAt.getTime(), draft.startedAt.getTime())).toISOString(),
    complete,
    answers: answeredOnly(draft.answers),
    screenDurationsMs: Object.fromEntries(Object.entries(draft.screenDurationsMs).map(([screen, ms]) => [screen, Math.max(0, Math.round(ms))])),
    dossierCode,
    procedureId: draft.procedureId,
    channel: context.channel,
  };
}

/** A typed dossier code must match the unit's pattern entirely. */
export function dossierCodeMatches(code: string, pattern: string): boolean {
  try {
    return new RegExp(`^(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})$`).test(code.trim());
  } catch {
    return false;
  }
}

/** Query parameters under which a receipt's QR link may carry the procedure's code (mã thủ tục hành chính). */
const PROCEDURE_CODE_PARAMETERS = ['maTTHC', 'matthc', 'ma_tthc', 'maThuTuc', 'mathutuc', 'ma_thu_tuc', 'procedureCode', 'procedure'];

/** The procedure code in a scanned receipt QR link, when the link carries one; else null. */
export function procedureCodeFromQr(content: string): string | null {
  const text = content.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    for (const name of PROCEDURE_CODE_PARAMETERS) {
      const value = url.searchParams.get(name)?.trim();
      if (value) return value;
    }
  } catch {
    return null;
  }
  return null;
}

/** Query parameters under which public-service portals put the dossier code in a receipt's QR link. */
const DOSSIER_CODE_PARAMETERS = ['maHoSo', 'mahoso', 'ma_ho_so', 'dossierCode', 'code', 'hoso', 'id'];

/**
 * The dossier code in a scanned receipt QR: the code itself, or a link to the portal's look-up page
 * that carries it as a query parameter.
 */
export function dossierCodeFromQr(content: string): string {
  const text = content.trim();
  if (!/^https?:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    for (const name of DOSSIER_CODE_PARAMETERS) {
      const value = url.searchParams.get(name);
      if (value?.trim()) return value.trim();
    }
    const lastSegment = url.pathname.split('/').filter(Boolean).at(-1);
    return lastSegment ? decodeURIComponent(lastSegment) : text;
  } catch {
    return text;
  }
}
