import { languageName } from '../../../domain/export/response-rows.ts';

/** "Tiếng Khmer (ភាសាខ្មែរ)": the language in the reader's words and, when different, in its own. */
export function languageLabel(code: string, readerLanguage: string): string {
  const inReader = languageName(code, readerLanguage);
  const own = languageName(code, code);
  return own === inReader ? inReader : `${inReader} (${own})`;
}
