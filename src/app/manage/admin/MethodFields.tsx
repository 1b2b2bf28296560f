import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import { methodFormOf, type MethodEdit, type MethodElementForm, type MethodForm, type ScaleQuestionChoice } from '../../../domain/method-edits.ts';
import type { ElementFigure } from '../../../domain/scoring-method.ts';
import { ratingLevels } from '../../ui/rating-levels.ts';
import { LocalizedInput } from './LocalizedInput.tsx';
import { MethodNotes } from './MethodSummary.tsx';
import { DecimalField, WholeNumberField } from './number-fields.tsx';

interface MethodContext {
  /** The language the editor writes texts in. */
  locale: string;
  /** The dashboard's own language, for labels and numbers. */
  language: string;
  edit: (change: MethodEdit) => void;
}

const PERCENT = 100;
/** Weights are entered as percentages with two decimals: 33,33 + 33,33 + 33,34 is 100 within this. */
const PERCENT_SUM_TOLERANCE = 0.005;

/**
 * The scoring method of the draft in the form: the shipped default until anything is changed, then a
 * method of the version's own (methods/index.ts, method-edits.ts). Publishing checks it against the
 * questionnaire and names the field of any problem; the preview below tries it on a past month.
 */
export function MethodFields({
  draft,
  locale,
  elementTitles,
  edit,
}: {
  draft: unknown;
  locale: string;
  elementTitles: Record<string, Record<string, string>>;
  edit: (change: MethodEdit) => void;
}) {
  const { t, i18n } = useTranslation();
  const form = methodFormOf(draft);
  if (!form) return null;
  const context: MethodContext = { locale, language: i18n.language, edit };
  return (
    <div className="editor-method" role="group" aria-labelledby="method-fields">
      <h3 id="method-fields">{t('manage.editor.method.title')}</h3>
      <MethodOrigin form={form} context={context} />
      <LocalizedInput
        locale={locale}
        label={t('manage.editor.method.name')}
        texts={form.name}
        onChange={(text) => edit({ kind: 'set-method-text', field: 'name', locale, text })}
      />
      <LocalizedInput
        locale={locale}
        label={t('manage.editor.method.legalBasis')}
        texts={form.legalBasis}
        onChange={(text) => edit({ kind: 'set-method-text', field: 'legalBasis', locale, text })}
      />
      {form.satisfiedLevels.map(({ scale, levels }) => (
        <fieldset key={scale} className="editor-levels">
          <legend>{t('manage.editor.method.satisfiedLevels', { scale: t(`manage.editor.scales.${scale}`) })}</legend>
          <div className="editor-level-choices">
            {ratingLevels(scale, t).map(({ level, label }) => (
              <label key={level} className="editor-check">
                <input
                  type="checkbox"
                  checked={levels.includes(level)}
                  onChange={(event) =>
                    edit({
                      kind: 'set-satisfied-levels',
                      scale,
                      levels: event.target.checked ? [...levels, level] : levels.filter((kept) => kept !== level),
                    })
                  }
                />
                <span>
                  {level} · {label}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label>
        <span>{t('manage.editor.method.shares')}</span>
        <select value={form.shares} onChange={(event) => edit({ kind: 'set-shares', shares: event.target.value as MethodForm['shares'] })}>
          <option value="answer-level">{t('manage.editor.method.answerLevel')}</option>
          <option value="respondent-level">{t('manage.editor.method.respondentLevel')}</option>
        </select>
      </label>
      <WholeNumberField
        label={t('manage.editor.method.minimumSample')}
        value={form.minimumSampleToRank}
        onChange={(value) => edit({ kind: 'set-minimum-sample', value })}
      />
      <p className="note">{t('manage.editor.method.fixedRules')}</p>
      <ElementWeights form={form} context={context} elementTitles={elementTitles} />
      <MethodNotes notes={form.notes} />
    </div>
  );
}

function MethodOrigin({ form, context }: { form: MethodForm; context: MethodContext }) {
  const { t } = useTranslation();
  const name = localize(form.name, context.language);
  if (!form.own) return <p className="note">{t('manage.editor.method.shipped', { name })}</p>;
  return (
    <div className="editor-actions">
      <p className="note">{t('manage.editor.method.own', { name })}</p>
      <button type="button" className="manage-button" onClick={() => context.edit({ kind: 'default-method' })}>
        {t('manage.editor.method.useShipped')}
      </button>
    </div>
  );
}

/** The elements with their weights, each with how its figure is formed and its criteria's weights. */
function ElementWeights({
  form,
  context,
  elementTitles,
}: {
  form: MethodForm;
  context: MethodContext;
  elementTitles: Record<string, Record<string, string>>;
}) {
  const { t } = useTranslation();
  const byId = new Map(form.elements.map((element) => [element.id, element]));
  return (
    <fieldset className="editor-levels">
      <legend>{t('manage.editor.method.elements')}</legend>
      <WeightedList
        items={form.elements}
        equal={form.equalWeights}
        equalLabel={t('manage.editor.method.equalWeights')}
        weightLabel={(id) => t('manage.editor.method.weight', { id })}
        onWeights={(weights) => context.edit({ kind: 'set-element-weights', weights })}
        context={context}
        heading={(id) => (
          <p className="editor-element-name">
            {id} · {localize(elementTitles[id] ?? {}, context.language)}
          </p>
        )}
        details={(id) => {
          const element = byId.get(id)!;
          return (
            <>
              <FigureFields element={element} questions={form.scaleQuestions} context={context} />
              {element.figure.kind !== 'in-general' && element.criteria.length > 1 && (
                <div className="editor-criterion-weights" role="group" aria-label={t('manage.editor.method.criteriaOf', { id })}>
                  <WeightedList
                    items={element.criteria}
                    equal={element.equalCriteria}
                    equalLabel={t('manage.editor.method.equalCriteria', { id })}
                    weightLabel={(criterion) => t('manage.editor.method.criterionWeight', { id: criterion })}
                    onWeights={(weights) => context.edit({ kind: 'set-criterion-weights', element: id, weights })}
                    context={context}
                  />
                </div>
              )}
            </>
          );
        }}
      />
    </fieldset>
  );
}

/**
 * Items weighing equally by default; unticked, each one's share in percent, with their sum and any item
 * still without a weight said below them.
 */
function WeightedList({
  items,
  equal,
  equalLabel,
  weightLabel,
  onWeights,
  context,
  heading,
  details,
}: {
  items: readonly { id: string; weight: number | null }[];
  equal: boolean;
  equalLabel: string;
  weightLabel: (id: string) => string;
  onWeights: (weights: Record<string, number> | null) => void;
  context: MethodContext;
  heading?: (id: string) => ReactNode;
  details?: (id: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const equalShare = 1 / items.length;
  const weights: Record<string, number> = Object.fromEntries(
    items.flatMap((item) => (equal ? [[item.id, equalShare]] : item.weight === null ? [] : [[item.id, item.weight]])),
  );
  const sum = Object.values(weights).reduce((total, weight) => total + weight * PERCENT, 0);
  const unweighted = items.filter((item) => weights[item.id] === undefined).map((item) => item.id);
  const percent = new Intl.NumberFormat(context.language, { maximumFractionDigits: 2 });
  const off = Math.abs(sum - PERCENT) > PERCENT_SUM_TOLERANCE;
  return (
    <>
      {items.length > 1 && (
        <label className="editor-check">
          <input type="checkbox" checked={equal} onChange={(event) => onWeights(event.target.checked ? null : weights)} />
          <span>{equalLabel}</span>
        </label>
      )}
      {(heading || details || !equal) && (
        <ol className="editor-criteria">
          {items.map((item) => (
            <li key={item.id}>
              {heading?.(item.id)}
              {!equal && (
                <DecimalField
                  label={weightLabel(item.id)}
                  value={Math.round((weights[item.id] ?? 0) * PERCENT * 100) / 100}
                  max={PERCENT}
                  locale={context.language}
                  unit="%"
                  onChange={(value) => onWeights({ ...weights, [item.id]: value / PERCENT })}
                />
              )}
              {details?.(item.id)}
            </li>
          ))}
        </ol>
      )}
      {!equal && (
        <p role="status" className={off || unweighted.length > 0 ? 'editor-warning' : 'note'}>
          {off ? t('manage.editor.method.weightsOff', { sum: percent.format(sum) }) : t('manage.editor.method.weightsSum')}
          {unweighted.length > 0 && ` ${t('manage.editor.method.unweighted', { ids: unweighted.join(', ') })}`}
        </p>
      )}
    </>
  );
}

/** How one element's figure is formed: its criteria, its "in general" question, or both in a set proportion. */
function FigureFields({
  element,
  questions,
  context,
}: {
  element: MethodElementForm;
  questions: readonly ScaleQuestionChoice[];
  context: MethodContext;
}) {
  const { t } = useTranslation();
  const { figure } = element;
  const firstQuestion = questions[0]?.id;
  const questionId = figure.kind === 'mean-of-criteria' ? firstQuestion : figure.questionId;
  const setFigure = (next: ElementFigure) => context.edit({ kind: 'set-element-figure', element: element.id, figure: next });
  const figureOfKind = (kind: ElementFigure['kind'], question: string): ElementFigure => {
    if (kind === 'mean-of-criteria') return { kind };
    if (kind === 'in-general') return { kind, questionId: question };
    const criteriaWeight = figure.kind === 'combination' ? figure.criteriaWeight : 0.5;
    return { kind, questionId: question, criteriaWeight, inGeneralWeight: 1 - criteriaWeight };
  };
  return (
    <>
      <label>
        <span>{t('manage.editor.method.figure', { id: element.id })}</span>
        <select value={figure.kind} onChange={(event) => setFigure(figureOfKind(event.target.value as ElementFigure['kind'], questionId ?? ''))}>
          <option value="mean-of-criteria">{t('manage.editor.method.meanOfCriteria')}</option>
          <option value="in-general" disabled={!firstQuestion}>
            {t('manage.editor.method.inGeneral')}
          </option>
          <option value="combination" disabled={!firstQuestion}>
            {t('manage.editor.method.combination')}
          </option>
        </select>
      </label>
      {!firstQuestion && figure.kind === 'mean-of-criteria' && <p className="note">{t('manage.editor.method.noScaleQuestion')}</p>}
      {figure.kind !== 'mean-of-criteria' && (
        <label>
          <span>{t('manage.editor.method.inGeneralQuestion', { id: element.id })}</span>
          <select value={figure.questionId} onChange={(event) => setFigure(figureOfKind(figure.kind, event.target.value))}>
            {!questions.some((question) => question.id === figure.questionId) && <option value={figure.questionId}>{figure.questionId}</option>}
            {questions.map((question) => (
              <option key={question.id} value={question.id}>
                {question.id}: {localize(question.text, context.language)}
              </option>
            ))}
          </select>
        </label>
      )}
      {figure.kind === 'combination' && (
        <>
          <DecimalField
            label={t('manage.editor.method.criteriaShare', { id: element.id })}
            value={Math.round(figure.criteriaWeight * PERCENT * 100) / 100}
            max={PERCENT}
            locale={context.language}
            unit="%"
            onChange={(value) => setFigure({ ...figure, criteriaWeight: value / PERCENT, inGeneralWeight: 1 - value / PERCENT })}
          />
          <p className="note">
            {t('manage.editor.method.inGeneralShare', {
              share: new Intl.NumberFormat(context.language, { maximumFractionDigits: 2 }).format(PERCENT - figure.criteriaWeight * PERCENT),
            })}
          </p>
        </>
      )}
    </>
  );
}
