import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './locales/vi.json';
import en from './locales/en.json';

/** UI languages the kiosk ships; Vietnamese is the default and the fallback for every missing string. */
export const UI_LANGUAGES = [
  { code: 'vi', nativeName: 'Tiếng Việt' },
  { code: 'en', nativeName: 'English' },
] as const;

export function createI18n(language = 'vi'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
