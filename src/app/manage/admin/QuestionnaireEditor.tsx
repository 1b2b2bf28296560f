import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE } from '../../../domain/localize.ts';
import { applyDraftEdit, editableDraftOf, type DraftEdit } from '../../../domain/questionnaire-edits.ts';
import { SCALES, type ScaleKind } from '../../../domain/scales.ts';
import { parsedDraft } from './draft-json.ts';
import { languageLabel } from './language-label.ts';

/**
 * The draft's title, elements and criteria as a form: reworded in one language at a time (the Vietnamese
 * text beside each translation), reordered, added and removed, the scale of each element chosen. Every
 * change rewrites the draft's JSON below it, which stays the place for what the form does not show
 * (sections, the scoring method) and for exchange between provinces; saving and publishing are unchanged.
 */
export function QuestionnaireEditor({ json, onChange }: { json: string; onChange: (json: string) => void }) {
  const { t, i18n } = useTranslation();
  const draft = useMemo(() => parsedDraft(json), [json]);
  const editable = useMemo(() => editableDraftOf(draft), [draft]);
  const [language, setLanguage] = useState(DEFAULT_LOCALE);
  // Khmer texts need the kiosk's Khmer font, which the dashboard loads only when someone edits them.
  useEffect(() => {
    if (language === 'km') void import('../../i18n/khmer-font.css');
  }, [language]);
  const heading = (
    <>
      <h2 id="questionnaire-editor">{t('manage.editor.title')}</h2>
      <p className="note">{t('manage.editor.hint')}</p>
    </>
  );
  if (!editable) {
    return (
      <section className="manage-form questionnaire-editor" aria-labelledby="questionnaire-editor">
        {heading}
        <p role="status">{t(json.trim() === '' ? 'manage.editor.empty' : 'manage.editor.unreadable')}</p>
      </section>
    );
  }
  const locale = editable.locales.includes(language) ? language : DEFAULT_LOCALE;
  const translating = locale !== DEFAULT_LOCALE;
  const edit = (change: DraftEdit) => onChange(JSON.stringify(applyDraftEdit(draft, change), null, 2));
  const source = (texts: Record<string, string>) =>
    translating && <p className="editor-source">{t('manage.editor.inVietnamese', { text: texts[DEFAULT_LOCALE] ?? '' })}</p>;
  const lastElement = editable.elements.length - 1;

  return (
    <section className="manage-form questionnaire-editor" aria-labelledby="questionnaire-editor">
      {heading}
      <label>
        <span>{t('manage.editor.language')}</span>
        <select value={locale} onChange={(event) => setLanguage(event.target.value)}>
          {editable.locales.map((code) => (
            <option key={code} value={code}>
              {languageLabel(code, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('manage.editor.surveyTitle')}</span>
        <input
          lang={locale}
          value={editable.title[locale] ?? ''}
          onChange={(event) => edit({ kind: 'set-title', locale, text: event.target.value })}
        />
      </label>
      {source(editable.title)}
      <ol className="editor-elements">
        {editable.elements.map((element, e) => {
          const lastCriterion = element.criteria.length - 1;
          return (
            <li key={`${element.id}-${e}`}>
              <fieldset>
                <legend>{t('manage.editor.element', { number: e + 1, id: element.id })}</legend>
                <label>
                  <span>{t('manage.editor.elementTitle')}</span>
                  <input
                    lang={locale}
                    value={element.title[locale] ?? ''}
                    onChange={(event) => edit({ kind: 'set-element-title', element: e, locale, text: event.target.value })}
                  />
                </label>
                {source(element.title)}
                <label>
                  <span>{t('manage.editor.scale')}</span>
                  <select value={element.scale} onChange={(event) => edit({ kind: 'set-scale', element: e, scale: event.target.value as ScaleKind })}>
                    {(Object.keys(SCALES) as ScaleKind[]).map((scale) => (
                      <option key={scale} value={scale}>
                        {t(`manage.editor.scales.${scale}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <ol className="editor-criteria">
                  {element.criteria.map((criterion, c) => (
                    <li key={`${criterion.id}-${c}`}>
                      <label>
                        <span>{t('manage.editor.criterion', { id: criterion.id })}</span>
                        <textarea
                          lang={locale}
                          rows={2}
                          value={criterion.text[locale] ?? ''}
                          onChange={(event) => edit({ kind: 'set-criterion-text', element: e, criterion: c, locale, text: event.target.value })}
                        />
                      </label>
                      {source(criterion.text)}
                      <EditActions
                        onEdit={edit}
                        actions={[
                          {
                            text: t('manage.editor.up'),
                            label: t('manage.editor.criterionUp', { id: criterion.id }),
                            disabled: c === 0,
                            change: { kind: 'move-criterion', element: e, criterion: c, by: -1 },
                          },
                          {
                            text: t('manage.editor.down'),
                            label: t('manage.editor.criterionDown', { id: criterion.id }),
                            disabled: c === lastCriterion,
                            change: { kind: 'move-criterion', element: e, criterion: c, by: 1 },
                          },
                          {
                            text: t('manage.editor.remove'),
                            label: t('manage.editor.criterionRemove', { id: criterion.id }),
                            disabled: lastCriterion === 0,
                            change: { kind: 'remove-criterion', element: e, criterion: c },
                          },
                        ]}
                      />
                    </li>
                  ))}
                </ol>
                <EditActions
                  onEdit={edit}
                  actions={[
                    { text: t('manage.editor.addCriterion', { id: element.id }), change: { kind: 'add-criterion', element: e } },
                    {
                      text: t('manage.editor.elementUp', { id: element.id }),
                      disabled: e === 0,
                      change: { kind: 'move-element', element: e, by: -1 },
                    },
                    {
                      text: t('manage.editor.elementDown', { id: element.id }),
                      disabled: e === lastElement,
                      change: { kind: 'move-element', element: e, by: 1 },
                    },
                    {
                      text: t('manage.editor.removeElement', { id: element.id }),
                      disabled: lastElement === 0,
                      change: { kind: 'remove-element', element: e },
                    },
                  ]}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="manage-button" onClick={() => edit({ kind: 'add-element' })}>
        {t('manage.editor.addElement')}
      </button>
    </section>
  );
}

interface EditAction {
  text: string;
  /** The button's name when its text alone does not say what it acts on (it starts with the text). */
  label?: string;
  disabled?: boolean;
  change: DraftEdit;
}

function EditActions({ actions, onEdit }: { actions: readonly EditAction[]; onEdit: (change: DraftEdit) => void }) {
  return (
    <div className="editor-actions">
      {actions.map((action) => (
        <button
          key={action.text}
          type="button"
          className="manage-button"
          aria-label={action.label}
          disabled={action.disabled}
          onClick={() => onEdit(action.change)}
        >
          {action.text}
        </button>
      ))}
    </div>
  );
}
