import { audioDataUrlSchema, type LocalizedAudio, type LocalizedText } from './questionnaire.ts';

/**
 * Recordings an administrator attaches to a questionnaire draft before publishing it: which texts can
 * carry one, and the draft with a recording put in place. The draft is plain JSON (what the administrator
 * pasted), so these work on it before it is a valid questionnaire.
 */

export interface RecordingTarget {
  /** Where the text sits, e.g. ['elements', 0, 'criteria', 2]. */
  path: (string | number)[];
  text: LocalizedText;
  locales: string[];
}

interface DraftText {
  text?: unknown;
  title?: unknown;
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && Object.values(value).every((text) => typeof text === 'string');
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** Element titles, criteria and section questions of a draft, in reading order. */
export function recordingTargets(draft: unknown): RecordingTarget[] {
  if (typeof draft !== 'object' || draft === null) return [];
  const targets: RecordingTarget[] = [];
  const push = (path: (string | number)[], value: DraftText['text']) => {
    if (isLocalizedText(value)) targets.push({ path, text: value, locales: Object.keys(value) });
  };
  const { elements, sections } = draft as { elements?: unknown; sections?: unknown };
  arrayOf(elements).forEach((element, e) => {
    push(['elements', e], element.title);
    arrayOf(element.criteria).forEach((criterion, c) => push(['elements', e, 'criteria', c], criterion.text));
  });
  arrayOf(sections).forEach((section, s) => {
    arrayOf(section.questions).forEach((question, q) => push(['sections', s, 'questions', q], question.text));
  });
  return targets;
}

export type AttachOutcome =
  { ok: true; draft: unknown } | { ok: false; reason: 'no-such-text' | 'no-text-in-locale' | 'invalid-recording'; message: string };

/** The draft with `dataUrl` as the recording of the text at `path` in `locale` (replacing any earlier one). */
export function attachRecording(draft: unknown, path: readonly (string | number)[], locale: string, dataUrl: string): AttachOutcome {
  const target = recordingTargets(draft).find((candidate) => candidate.path.join('/') === path.join('/'));
  if (!target) return { ok: false, reason: 'no-such-text', message: `there is no text at ${path.join('.')}` };
  if (!target.locales.includes(locale)) return { ok: false, reason: 'no-text-in-locale', message: `the text has no "${locale}" version to read` };
  const recording = audioDataUrlSchema.safeParse(dataUrl);
  if (!recording.success) return { ok: false, reason: 'invalid-recording', message: recording.error.issues[0]?.message ?? 'invalid recording' };
  const copy = structuredClone(draft) as Record<string, unknown>;
  let holder: Record<string, unknown> = copy;
  for (const step of path) holder = (holder as Record<string | number, unknown>)[step] as Record<string, unknown>;
  holder.audio = { ...((holder.audio as LocalizedAudio | undefined) ?? {}), [locale]: recording.data };
  return { ok: true, draft: copy };
}
