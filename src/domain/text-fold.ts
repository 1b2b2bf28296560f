/**
 * Vietnamese text folded for matching: lower case, no diacritics, "đ" as "d". Citizens type with and
 * without diacritics ("chờ lâu", "cho lau"), so every lexicon match compares folded forms.
 * The fold keeps the string's length for Vietnamese letters (NFD marks removed after decomposition,
 * then recomposed characters count one each), so a position in the folded text is the position in
 * the NFC original for Latin text; other scripts pass through unchanged.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/[đĐ]/g, 'd').normalize('NFC').toLowerCase();
}
