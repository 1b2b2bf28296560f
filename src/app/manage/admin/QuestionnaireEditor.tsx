import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE } from '../../../domain/localize.ts';
import {
  applyDraftEdit,
  EDITABLE_QUESTION_KINDS,
  editableDraftOf,
  FEWEST_ITEMS,
  type DraftEdit,
  type EditableDraft,
  type EditableElement,
  type EditableItem,
  type EditableQuestion,
  type EditableQuestionKind,
  type EditableSection,
  type ListPath,
  type TextPath,
  TRANSLATION_REVIEWS,
  type TranslationReview,
} from '../../../domain/questionnaire-edits.ts';
import { KIOSK_LANGUAGES } from '../../i18n/index.ts';
import { applyMethodEdit } from '../../../domain/method-edits.ts';
import { SCALES, type ScaleKind } from '../../../domain/scales.ts';
import { parsedDraft } from './draft-json.ts';
import { languageLabel } from './language-label.ts';
import { KioskPreviewPanel } from './KioskPreviewPanel.tsx';
import { LocalizedInput } from './LocalizedInput.tsx';
import { MethodFields } from './MethodFields.tsx';
import { WholeNumberField } from './number-fields.tsx';

/** What every part of the form needs: the language being edited and the way to change the draft. */
interface EditorContext {
  locale: string;
  edit: (change: DraftEdit) => void;
}

/**
 * The draft's title, elements with their criteria, and the sections after them with their questions and
 * options, and its scoring method, as a form: reworded in one language at a time (the Vietnamese text
 * beside each translation), reordered, added and removed, scales, limits and the method's settings chosen.
 * Every change rewrites the draft's JSON below it, which stays the place for recordings and for exchange
 * between provinces; saving and publishing are unchanged.
 */
export function QuestionnaireEditor({ json, onChange }: { json: string; onChange: (json: string) => void }) {
  const { t } = useTranslation();
  const draft = useMemo(() => parsedDraft(json), [json]);
  const editable = useMemo(() => editableDraftOf(draft), [draft]);
  const [language, setLanguage] = useState(DEFAULT_LOCALE);
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
  const context: EditorContext = {
    locale: editable.locales.includes(language) ? language : DEFAULT_LOCALE,
    edit: (change) => onChange(JSON.stringify(applyDraftEdit(draft, change), null, 2)),
  };

  return (
    <section className="manage-form questionnaire-editor" aria-labelledby="questionnaire-editor">
      {heading}
      <LanguageFields editable={editable} locale={context.locale} onLocale={setLanguage} edit={context.edit} />
      <div className="questionnaire-editor__layout">
        <KioskPreviewPanel draft={draft} locale={context.locale} />
        <div className="questionnaire-editor__form">
          <TextField context={context} label={t('manage.editor.surveyTitle')} texts={editable.title} at={{ of: 'title' }} />
          <ol className="editor-elements">
            {editable.elements.map((element, e) => (
              <ElementFields key={`${element.id}-${e}`} context={context} element={element} index={e} count={editable.elements.length} />
            ))}
          </ol>
          <EditActions onEdit={context.edit} actions={[{ text: t('manage.editor.addElement'), change: { kind: 'add', to: { list: 'elements' } } }]} />
          <h3>{t('manage.editor.sections')}</h3>
          <p className="note">{t('manage.editor.sectionsHint')}</p>
          <ol className="editor-elements">
            {editable.sections.map((section, s) => (
              <SectionFields key={`${section.id}-${s}`} context={context} section={section} index={s} count={editable.sections.length} />
            ))}
          </ol>
          <EditActions onEdit={context.edit} actions={[{ text: t('manage.editor.addSection'), change: { kind: 'add', to: { list: 'sections' } } }]} />
          <MethodFields
            draft={draft}
            locale={context.locale}
            elementTitles={Object.fromEntries(editable.elements.map((element) => [element.id, element.title]))}
            edit={(change) => onChange(JSON.stringify(applyMethodEdit(draft, change), null, 2))}
          />
        </div>
      </div>
    </section>
  );
}

/** The language being edited, its translation's review status, and a kiosk language the draft does not have yet. */
function LanguageFields({
  editable,
  locale,
  onLocale,
  edit,
}: {
  editable: EditableDraft;
  locale: string;
  onLocale: (locale: string) => void;
  edit: (change: DraftEdit) => void;
}) {
  const { t, i18n } = useTranslation();
  const missing: string[] = KIOSK_LANGUAGES.map((language) => language.code).filter((code) => !editable.locales.includes(code));
  const [adding, setAdding] = useState<string>('');
  const added = missing.includes(adding) ? adding : (missing[0] ?? '');
  return (
    <div className="editor-languages">
      <label>
        <span>{t('manage.editor.language')}</span>
        <select value={locale} onChange={(event) => onLocale(event.target.value)}>
          {editable.locales.map((code) => (
            <option key={code} value={code}>
              {languageLabel(code, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {locale !== DEFAULT_LOCALE && (
        <label>
          <span>{t('manage.editor.review', { language: languageLabel(locale, i18n.language) })}</span>
          <select
            value={editable.localeStatus[locale] ?? 'awaiting-review'}
            onChange={(event) => edit({ kind: 'set-locale', locale, status: event.target.value as TranslationReview })}
          >
            {TRANSLATION_REVIEWS.map((status) => (
              <option key={status} value={status}>
                {t(`manage.editor.reviews.${status}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {added && (
        <div className="editor-add-language">
          <label>
            <span>{t('manage.editor.addLanguage')}</span>
            <select value={added} onChange={(event) => setAdding(event.target.value)}>
              {missing.map((code) => (
                <option key={code} value={code}>
                  {languageLabel(code, i18n.language)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="manage-button"
            onClick={() => {
              edit({ kind: 'set-locale', locale: added, status: 'awaiting-review' });
              onLocale(added);
            }}
          >
            {t('manage.editor.addLanguageSubmit')}
          </button>
        </div>
      )}
    </div>
  );
}

function ElementFields({ context, element, index: e, count }: { context: EditorContext; element: EditableElement; index: number; count: number }) {
  const { t } = useTranslation();
  const elements: ListPath = { list: 'elements' };
  const criteria: ListPath = { list: 'criteria', element: e };
  return (
    <li>
      <fieldset>
        <legend>{t('manage.editor.element', { number: e + 1, id: element.id })}</legend>
        <TextField context={context} label={t('manage.editor.elementTitle')} texts={element.title} at={{ ...elements, item: e }} />
        <ScaleSelect context={context} value={element.scale} at={{ ...elements, item: e }} />
        <ItemList
          context={context}
          path={criteria}
          items={element.criteria}
          labelOf={(id) => t('manage.editor.criterion', { id })}
          nameOf={(id) => t('manage.editor.theCriterion', { id })}
          long
        />
        <EditActions
          onEdit={context.edit}
          actions={[
            { text: t('manage.editor.addCriterion', { id: element.id }), change: { kind: 'add', to: criteria } },
            ...itemActions(t, elements, e, count, t('manage.editor.theElement', { id: element.id })),
          ]}
        />
      </fieldset>
    </li>
  );
}

function SectionFields({ context, section, index: s, count }: { context: EditorContext; section: EditableSection; index: number; count: number }) {
  const { t } = useTranslation();
  const sections: ListPath = { list: 'sections' };
  const questions: ListPath = { list: 'questions', section: s };
  const [kind, setKind] = useState<EditableQuestionKind>('single-choice');
  return (
    <li>
      <fieldset>
        <legend>{t('manage.editor.section', { number: s + 1, id: section.id })}</legend>
        <TextField context={context} label={t('manage.editor.sectionTitle')} texts={section.title} at={{ ...sections, item: s }} />
        <ol className="editor-criteria">
          {section.questions.map((question, q) => (
            <QuestionFields
              key={`${question.id}-${q}`}
              context={context}
              question={question}
              section={s}
              index={q}
              count={section.questions.length}
            />
          ))}
        </ol>
        <label>
          <span>{t('manage.editor.newQuestionKind')}</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as EditableQuestionKind)}>
            {EDITABLE_QUESTION_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`manage.editor.kinds.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <EditActions
          onEdit={context.edit}
          actions={[
            { text: t('manage.editor.addQuestion', { id: section.id }), change: { kind: 'add', to: questions, questionKind: kind } },
            ...itemActions(t, sections, s, count, t('manage.editor.theSection', { id: section.id })),
          ]}
        />
      </fieldset>
    </li>
  );
}

function QuestionFields({
  context,
  question,
  section,
  index: q,
  count,
}: {
  context: EditorContext;
  question: EditableQuestion;
  section: number;
  index: number;
  count: number;
}) {
  const { t } = useTranslation();
  const questions: ListPath = { list: 'questions', section };
  const options: ListPath = { list: 'options', section, question: q };
  const limit = question.kind === 'multiple-choice' ? question.maxChoices : question.kind === 'free-text' ? question.maxLength : null;
  return (
    <li>
      <TextField
        context={context}
        label={t('manage.editor.question', { id: question.id, kind: t(`manage.editor.kinds.${question.kind}`, { defaultValue: question.kind }) })}
        texts={question.text}
        at={{ ...questions, item: q }}
        long
      />
      {question.kind === 'scale' && <ScaleSelect context={context} value={question.scale} at={{ ...questions, item: q }} />}
      {limit !== null && (
        <WholeNumberField
          label={t(question.kind === 'multiple-choice' ? 'manage.editor.maxChoices' : 'manage.editor.maxLength')}
          value={limit}
          onChange={(value) => context.edit({ kind: 'set-limit', section, question: q, value })}
        />
      )}
      {question.options.length > 0 && (
        <ItemList
          context={context}
          path={options}
          items={question.options}
          labelOf={(id) => t('manage.editor.option', { id })}
          nameOf={(id) => t('manage.editor.theOption', { id })}
        />
      )}
      <EditActions
        onEdit={context.edit}
        actions={[
          ...(question.kind.endsWith('choice')
            ? [{ text: t('manage.editor.addOption', { id: question.id }), change: { kind: 'add', to: options } as const }]
            : []),
          ...itemActions(t, questions, q, count, t('manage.editor.theQuestion', { id: question.id })),
        ]}
      />
    </li>
  );
}

/** Criteria or options: each one's text with its up, down and remove. */
function ItemList({
  context,
  path,
  items,
  labelOf,
  nameOf,
  long = false,
}: {
  context: EditorContext;
  path: ListPath;
  items: readonly EditableItem[];
  labelOf: (id: string) => string;
  nameOf: (id: string) => string;
  long?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ol className={long ? 'editor-criteria' : 'editor-options'}>
      {items.map((item, index) => (
        <li key={`${item.id}-${index}`}>
          <TextField context={context} label={labelOf(item.id)} texts={item.text} at={{ ...path, item: index }} long={long} />
          <EditActions onEdit={context.edit} actions={itemActions(t, path, index, items.length, nameOf(item.id))} />
        </li>
      ))}
    </ol>
  );
}

/** A text of the draft in the language being edited, rewritten in the draft as it is typed. */
function TextField({
  context,
  label,
  texts,
  at,
  long = false,
}: {
  context: EditorContext;
  label: string;
  texts: Record<string, string>;
  at: TextPath;
  long?: boolean;
}) {
  const { locale, edit } = context;
  return <LocalizedInput locale={locale} label={label} texts={texts} long={long} onChange={(text) => edit({ kind: 'set-text', at, locale, text })} />;
}

function ScaleSelect({ context, value, at }: { context: EditorContext; value: string; at: ListPath & { item: number } }) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{t('manage.editor.scale')}</span>
      <select value={value} onChange={(event) => context.edit({ kind: 'set-scale', at, scale: event.target.value as ScaleKind })}>
        {(Object.keys(SCALES) as ScaleKind[]).map((scale) => (
          <option key={scale} value={scale}>
            {t(`manage.editor.scales.${scale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface EditAction {
  text: string;
  /** The button's name when its text alone does not say what it acts on (it starts with the text). */
  label?: string;
  disabled?: boolean;
  change: DraftEdit;
}

/** Up, down and remove for one item of a list; the last items a list must keep are not removable (the domain refuses too). */
function itemActions(t: (key: string) => string, list: ListPath, item: number, count: number, what: string): EditAction[] {
  return [
    {
      text: t('manage.editor.up'),
      label: `${t('manage.editor.up')}: ${what}`,
      disabled: item === 0,
      change: { kind: 'move', in: list, item, by: -1 },
    },
    {
      text: t('manage.editor.down'),
      label: `${t('manage.editor.down')}: ${what}`,
      disabled: item === count - 1,
      change: { kind: 'move', in: list, item, by: 1 },
    },
    {
      text: t('manage.editor.remove'),
      label: `${t('manage.editor.remove')}: ${what}`,
      disabled: count <= FEWEST_ITEMS[list.list],
      change: { kind: 'remove', from: list, item },
    },
  ];
}

function EditActions({ actions, onEdit }: { actions: readonly EditAction[]; onEdit: (change: DraftEdit) => void }) {
  return (
    <div className="editor-actions">
      {actions.map((action) => (
        <button
          key={action.label ?? action.text}
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
