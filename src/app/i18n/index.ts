import i18next, { type BackendModule, type i18n, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './locales/vi.json';
import en from './locales/en.json';

/**
 * Languages of the whole app (kiosk, staff view, dashboard). Vietnamese is the default and the fallback
 * for every missing string; English ships in the first bundle because the dashboard and the staff view
 * render it at once.
 */
export const UI_LANGUAGES = [
  { code: 'vi', nativeName: 'Tiếng Việt' },
  { code: 'en', nativeName: 'English' },
] as const;

/** The kiosk also speaks the languages of the citizens at the counter; their texts load when chosen. */
export const KIOSK_LANGUAGES = [...UI_LANGUAGES, { code: 'km', nativeName: 'ភាសាខ្មែរ' }] as const;

/**
 * Bundles fetched when a citizen picks the language, so they never weigh on the kiosk's first screen. A
 * script other than Latin brings its font along: the page downloads it only then.
 */
const LAZY_LANGUAGES: Record<string, () => Promise<ResourceLanguage>> = {
  km: () => Promise.all([import('./locales/km.json'), import('./khmer-font.css')]).then(([texts]) => texts.default),
};

export function isLazyLanguage(code: string): boolean {
  return code in LAZY_LANGUAGES;
}

const lazyLanguages: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = LAZY_LANGUAGES[language];
    // A language without a bundle shows Vietnamese, the fallback, never a key.
    if (!load) return callback(null, {});
    load().then(
      (texts) => callback(null, texts),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

export function createI18n(language = 'vi'): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(lazyLanguages)
    .use(initReactI18next)
    .init({
      resources: { vi: { translation: vi }, en: { translation: en } },
      partialBundledLanguages: true,
      lng: language,
      fallbackLng: 'vi',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  return instance;
}
