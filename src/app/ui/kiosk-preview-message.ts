import type { Questionnaire } from '../../domain/questionnaire.ts';

/**
 * What the dashboard's editor posts to the kiosk preview it frames (KioskPreview.tsx): a draft already
 * checked against the questionnaire schema, and the language to show it in. Both pages are this origin's.
 */
export interface KioskPreviewMessage {
  type: 'sipas:kiosk-preview';
  questionnaire: Questionnaire;
  locale: string;
}

/** What the preview posts to its parent once it listens, so a draft posted before it loaded is posted again. */
export const KIOSK_PREVIEW_READY = { type: 'sipas:kiosk-preview-ready' } as const;

export const KIOSK_PREVIEW_PATH = '/manage/preview';

function hasType(data: unknown, type: string): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}

export function isKioskPreviewMessage(data: unknown): data is KioskPreviewMessage {
  return (
    hasType(data, 'sipas:kiosk-preview') && typeof data.locale === 'string' && typeof data.questionnaire === 'object' && data.questionnaire !== null
  );
}

export function isKioskPreviewReady(data: unknown): boolean {
  return hasType(data, KIOSK_PREVIEW_READY.type);
}
