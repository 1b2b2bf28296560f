import { z } from 'zod';
import { localizedTextSchema } from './questionnaire.ts';

/**
 * Drafts of questionnaire versions kept on the server (issue 19): the administrator's text as written,
 * which may not be a valid questionnaire yet, keyed by the id and version it names.
 */

/** A draft as large as a version may be: a version carries its recordings (questionnaire.ts). */
export const MAX_DRAFT_LENGTH = 64 * 1024 * 1024;

export const saveDraftRequestSchema = z.object({ text: z.string().min(1).max(MAX_DRAFT_LENGTH) });

const draftHeadSchema = z.object({
  id: z.string(),
  version: z.number(),
  /** The draft's title when it names one, for the list. */
  title: localizedTextSchema.nullable(),
  savedAt: z.string(),
  savedBy: z.string(),
});
export type DraftHead = z.infer<typeof draftHeadSchema>;
export const draftHeadReplySchema = draftHeadSchema;
export const draftListReplySchema = z.object({ drafts: z.array(draftHeadSchema) });
export const draftReplySchema = draftHeadSchema.extend({ text: z.string() });

/** The id, version and title a draft's text names, or why it cannot be kept: it must at least say which version it is. */
export function draftKeyOf(
  text: string,
): { ok: true; id: string; version: number; title: Record<string, string> | null } | { ok: false; problem: 'not-json' | 'no-key' } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const key = z
    .object({ id: z.string().min(1).max(64), version: z.number().int().min(1), title: localizedTextSchema.optional().catch(undefined) })
    .safeParse(data);
  if (!key.success) return { ok: false, problem: 'no-key' };
  return { ok: true, id: key.data.id, version: key.data.version, title: key.data.title ?? null };
}
