import i18next, { type i18n, type ResourceLanguage } from 'i18next';
import vi from './locales/vi.json';

/**
 * The dossier-link page's own words (not the kiosk's bundle): Vietnamese ships with the page, English and
 * Khmer load when chosen, Khmer with its font. Missing words fall back to Vietnamese.
 */
export const LINK_LANGUAGES = [
  { code: 'vi', nativeName: 'Tiếng Việt' },
  { code: 'en', nativeName: 'English' },
  { code: 'km', nativeName: 'ភាសាខ្មែរ' },
] as const;

const LOADERS: Record<string, () => Promise<ResourceLanguage>> = {
  en: () => import('./locales/en.json').then((texts) => texts.default),
  km: () => Promise.all([import('./locales/km.json'), import('../i18n/khmer-font.css')]).then(([texts]) => texts.default),
};

export function createLinkI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { vi: { translation: vi } },
    lng: 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** Loads the language's words (once) and switches to it. */
export async function switchLanguage(instance: i18n, code: string): Promise<void> {
  const load = LOADERS[code];
  if (load && !instance.hasResourceBundle(code, 'translation')) instance.addResourceBundle(code, 'translation', await load());
  await instance.changeLanguage(code);
}

/** The phone's own language when the link offers it, else Vietnamese. */
export function preferredLanguage(offered: readonly string[]): string {
  const wanted = (navigator.languages ?? [navigator.language]).map((tag) => tag.slice(0, 2).toLowerCase());
  return wanted.find((code) => offered.includes(code) && LINK_LANGUAGES.some((language) => language.code === code)) ?? 'vi';
}
