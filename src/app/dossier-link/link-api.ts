import { CSRF_HEADER } from '../../domain/csrf.ts';
import type { DossierRatingSubmission } from '../../domain/dossier-links-api.ts';
import type { LocalizedText } from '../../domain/localize.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';

/**
 * The page's two requests (routes/dossier-links.ts), by plain fetch: a data-fetching library would weigh
 * more than the whole page, which has one read and one write. Every outcome is one the page can say.
 */

export interface LinkPage {
  unit: { id: string; name: LocalizedText };
  procedure: { code: string; name: LocalizedText | null };
  dossierCode: string;
  issuedOn: string;
  expiresOn: string;
  rated: boolean;
  mode: 'full' | 'quick';
  languages: string[];
  questionnaire: Questionnaire;
}

/** Why the page cannot offer the form: each has its own words in the locales' `refused` group. */
export type Refusal = 'invalid' | 'expired' | 'revoked' | 'unavailable' | 'busy' | 'network';

export type LoadOutcome = { kind: 'ready'; page: LinkPage } | { kind: 'refused'; reason: Refusal };

export type SendOutcome =
  | { kind: 'stored' }
  | { kind: 'already-rated' }
  | { kind: 'refused'; reason: Refusal }
  | { kind: 'rejected'; code: 'nothing-rated' | 'invalid' }
  /** Nothing reached the server or it could not answer: send the same answers again later. */
  | { kind: 'retry' };

const REFUSAL_BY_CODE: Record<string, Refusal> = {
  'dossier-link-invalid': 'invalid',
  'dossier-link-expired': 'expired',
  'dossier-link-revoked': 'revoked',
  'link-keys-not-configured': 'unavailable',
};

const REQUEST_TIMEOUT_MS = 20_000;

function linkUrl(token: string): string {
  return `/api/v1/dossier-links/${encodeURIComponent(token)}`;
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

async function refusalOf(response: Response): Promise<Refusal> {
  if (response.status === 429) return 'busy';
  if (response.status >= 500) return 'unavailable';
  return REFUSAL_BY_CODE[(await errorCodeOf(response)) ?? ''] ?? 'invalid';
}

export async function loadLink(token: string): Promise<LoadOutcome> {
  if (token === '') return { kind: 'refused', reason: 'invalid' };
  let response: Response;
  try {
    response = await fetch(linkUrl(token), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), cache: 'no-store' });
  } catch {
    return { kind: 'refused', reason: 'network' };
  }
  if (!response.ok) return { kind: 'refused', reason: await refusalOf(response) };
  return { kind: 'ready', page: (await response.json()) as LinkPage };
}

export async function sendRating(token: string, submission: DossierRatingSubmission): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(`${linkUrl(token)}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify(submission),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return { kind: 'retry' };
  }
  if (response.ok) return { kind: 'stored' };
  if (response.status === 429 || response.status >= 500) return { kind: 'retry' };
  const code = await errorCodeOf(response);
  if (code === 'dossier-already-rated') return { kind: 'already-rated' };
  if (code === 'nothing-rated') return { kind: 'rejected', code: 'nothing-rated' };
  if (code !== undefined && code in REFUSAL_BY_CODE) return { kind: 'refused', reason: REFUSAL_BY_CODE[code]! };
  return { kind: 'rejected', code: 'invalid' };
}
