import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../i18n/index.ts';

/** Buttons in each language's own name, so anyone finds theirs; offered languages come from settings. */
export function LanguageSwitch({ offered }: { offered: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const languages = UI_LANGUAGES.filter((language) => offered.includes(language.code));
  if (languages.length < 2) return null;
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          className="language-switch__option"
          aria-pressed={i18n.language === language.code}
          onClick={() => void i18n.changeLanguage(language.code)}
        >
          {language.nativeName}
        </button>
      ))}
    </div>
  );
}
