import { z } from 'zod';
import type { LocalizedText } from '../../../domain/localize.ts';

/** Vietnamese is mandatory (the fallback of every locale); English is optional. */
export const nameFieldsSchema = {
  nameVi: z.string().trim().min(1, 'tên tiếng Việt là bắt buộc / the Vietnamese name is required').max(200),
  nameEn: z.string().trim().max(200),
};

export function localizedName(nameVi: string, nameEn: string): LocalizedText {
  const vi = nameVi.trim().normalize('NFC');
  const en = nameEn.trim();
  return en ? { vi, en } : { vi };
}
