import { z } from 'zod';
import type { LocalizedText } from '../../../domain/localize.ts';

/**
 * Vietnamese is mandatory (the fallback of every locale); English and Khmer are optional. Khmer is there
 * because citizens choosing ភាសាខ្មែរ on a kiosk see these names (unit, service field, procedure).
 */
export const nameFieldsSchema = {
  nameVi: z.string().trim().min(1, 'tên tiếng Việt là bắt buộc / the Vietnamese name is required').max(200),
  nameEn: z.string().trim().max(200),
  nameKm: z.string().trim().max(200),
};

export function localizedName(nameVi: string, nameEn: string, nameKm: string): LocalizedText {
  const vi = nameVi.trim().normalize('NFC');
  const en = nameEn.trim();
  const km = nameKm.trim().normalize('NFC');
  return { vi, ...(en ? { en } : {}), ...(km ? { km } : {}) };
}
