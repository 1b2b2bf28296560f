import { useTranslation } from 'react-i18next';
import { localize, type LocalizedText } from '../../../domain/localize.ts';

export interface MethodDescription {
  name: LocalizedText;
  legalBasis: LocalizedText;
  notes: readonly LocalizedText[];
}

/** The method a version is scored by, what it rests on, and its assumptions one click away. */
export function MethodSummary({ method }: { method: MethodDescription }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="method-summary">
      <p>
        {t('manage.questionnaires.method', { name: localize(method.name, i18n.language) })}
        <br />
        <span className="note">{t('manage.questionnaires.legalBasis', { basis: localize(method.legalBasis, i18n.language) })}</span>
      </p>
      <MethodNotes notes={method.notes} />
    </div>
  );
}

/** A method's assumptions, folded: shown to administrators beside the method, one click away. */
export function MethodNotes({ notes }: { notes: readonly LocalizedText[] }) {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <details>
      <summary>{t('manage.questionnaires.methodNotes', { count: notes.length })}</summary>
      <ul>
        {notes.map((note, position) => (
          <li key={position}>{localize(note, i18n.language)}</li>
        ))}
      </ul>
    </details>
  );
}
