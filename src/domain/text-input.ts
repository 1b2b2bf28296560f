import { z } from 'zod';

/**
 * One rule for text that people and tablets send: no NUL or other control characters (C0 and DEL; tab,
 * line feed and carriage return only where text may span lines), Unicode NFC, trimmed, bounded length.
 * PostgreSQL refuses NUL in text outright and SQLite would store it, so it is refused at the door with a
 * 400 naming the field, never left to fail as a 500 or to be shown later.
 */

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DELETE = 0x7f;

export const CONTROL_CHARACTER_MESSAGE = 'contains a control character (such as NUL), which text may not contain';

/** C0 controls and DEL; tab, LF and CR only where text may span lines (comments, CSV files). */
export function hasForbiddenControl(text: string, multiLine = false): boolean {
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code >= 0x20 && code !== DELETE) continue;
    if (multiLine && (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN)) continue;
    return true;
  }
  return false;
}

/** A bounded text field: controls refused, then NFC and trimmed, then the length checked. */
export function textInput({ min = 1, max, multiLine = false }: { min?: number; max: number; multiLine?: boolean }) {
  return z
    .string()
    .refine((text) => !hasForbiddenControl(text, multiLine), CONTROL_CHARACTER_MESSAGE)
    .transform((text) => text.normalize('NFC').trim())
    .pipe(z.string().min(min).max(max));
}

/**
 * The path of the first string (or object key) in a parsed request part that holds a control character
 * no text may hold, or undefined. Used on every request of the people's API before its own schema runs,
 * so no field, named in a schema or not, lets one through.
 */
export function findControlCharacter(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | undefined {
  if (typeof value === 'string') return hasForbiddenControl(value, true) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, index], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (hasForbiddenControl(key, true)) return [...path, key];
    const found = findControlCharacter(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) removed from a
 * text before it is shown: a citizen's comment must not reverse the text around it, or disguise itself.
 * Stored answers keep what was typed; only what is displayed or exported is neutralised.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
}
