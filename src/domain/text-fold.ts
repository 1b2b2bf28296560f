/**
 * Vietnamese text folded for matching: lower case, no diacritics, "đ" as "d". Citizens type with and
 * without diacritics ("chờ lâu", "cho lau"), so every lexicon match compares folded forms. Each
 * Vietnamese letter folds to one letter, and a stray combining mark (NFD input) to nothing; other
 * scripts (Khmer) pass through unchanged.
 *
 * A table built once from Unicode's own decompositions, not normalize() per call: this runs for every
 * comment in the sync path, and one replace over a table costs a fraction of NFD + NFC.
 */
const FOLDED = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) addFolding(String.fromCharCode(code));
for (let code = 0x1e00; code <= 0x1eff; code++) addFolding(String.fromCharCode(code));
FOLDED.set('đ', 'd');
FOLDED.set('Đ', 'd');

function addFolding(letter: string): void {
  const base = letter
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (base.length === 1 && base !== letter) FOLDED.set(letter, base);
}

export function foldVietnamese(text: string): string {
  const lower = text.toLowerCase();
  let folded = '';
  let copiedUpTo = 0;
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    if (code < 0xc0 || (code > 0x24f && code < 0x300) || (code > 0x36f && code < 0x1e00) || code > 0x1eff) continue;
    const character = lower[index]!;
    folded += lower.slice(copiedUpTo, index) + (FOLDED.get(character) ?? (code >= 0x300 && code <= 0x36f ? '' : character));
    copiedUpTo = index + 1;
  }
  return copiedUpTo === 0 ? lower : folded + lower.slice(copiedUpTo);
}
