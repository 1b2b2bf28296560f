import type { AnswerValue } from '../../domain/response.ts';

/**
 * The citizen's answers kept on the phone while they rate, so a reload, a closed tab or a dropped
 * connection loses nothing: a draft until they send, pending until the server has it, then sent (a reload
 * then shows the thank-you). Keyed by the token's tag, which tells links apart; the id made when the
 * rating started travels with it, so a resend is recognised as the same rating.
 */
export interface SavedRating {
  id: string;
  startedAt: string;
  answers: Record<string, AnswerValue | null>;
  state: 'draft' | 'pending' | 'sent';
}

const PREFIX = 'sipas-dossier-link:';

function keyOf(token: string): string {
  return PREFIX + (token.split('.')[1] ?? token.slice(-22));
}

export function loadSavedRating(token: string): SavedRating | null {
  try {
    const text = localStorage.getItem(keyOf(token));
    return text === null ? null : (JSON.parse(text) as SavedRating);
  } catch {
    return null;
  }
}

/** Best effort: a phone that refuses storage (private browsing, full) still rates; only a reload would lose the draft. */
export function saveRating(token: string, rating: SavedRating): void {
  try {
    localStorage.setItem(keyOf(token), JSON.stringify(rating));
  } catch {
    // Nothing to do: the answers stay in the page.
  }
}
