import { useTranslation } from 'react-i18next';
import { KIOSK_LANGUAGES } from '../i18n/index.ts';
import { LanguageName } from './LanguageName.tsx';

/** Buttons in each language's own name, so anyone finds theirs; offered languages come from settings. */
export function LanguageSwitch({ offered }: { offered: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const languages = KIOSK_LANGUAGES.filter((language) => offered.includes(language.code));
  if (languages.length < 2) return null;
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          className="bar-toggle language-switch__option"
          aria-pressed={i18n.language === language.code}
          onClick={() => void i18n.changeLanguage(language.code)}
        >
          <LanguageName code={language.code} nativeName={language.nativeName} />
        </button>
      ))}
    </div>
  );
}
