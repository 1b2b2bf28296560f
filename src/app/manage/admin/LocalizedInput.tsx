import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE } from '../../../domain/localize.ts';

/** A text of the draft in the language being edited, with its Vietnamese beside it while translating. */
export function LocalizedInput({
  locale,
  label,
  texts,
  onChange,
  long = false,
}: {
  locale: string;
  label: string;
  texts: Record<string, string>;
  onChange: (text: string) => void;
  long?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        <span>{label}</span>
        {long ? (
          <textarea lang={locale} rows={2} value={texts[locale] ?? ''} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input lang={locale} value={texts[locale] ?? ''} onChange={(event) => onChange(event.target.value)} />
        )}
      </label>
      {locale !== DEFAULT_LOCALE && <p className="editor-source">{t('manage.editor.inVietnamese', { text: texts[DEFAULT_LOCALE] ?? '' })}</p>}
    </>
  );
}
