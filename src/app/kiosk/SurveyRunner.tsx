import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import type { Procedure, ServiceField } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { AnswerValue } from '../../domain/response.ts';
import {
  dossierCodeFromQr,
  hasAnyAnswer,
  hasRatedCriterion,
  procedureCodeFromQr,
  surveyScreens,
  type ResponseDraft,
} from '../../domain/survey-flow.ts';
import { EMPTY_SURVEY, surveyFormResolver, type SurveyFormValues } from './survey-form.ts';
import { useScreenTimer } from './useScreenTimer.ts';
import { markSubmitTapped } from './performance-marks.ts';
import { useIdleCountdown } from './useIdleCountdown.ts';
import { KioskFrame } from './KioskFrame.tsx';
import { IdleDialog } from './IdleDialog.tsx';
import { NothingRatedDialog } from './NothingRatedDialog.tsx';
import { ElementStep } from './ElementStep.tsx';
import { SectionStep } from './SectionStep.tsx';
import { NamedChoiceStep } from './NamedChoiceStep.tsx';
import { DossierCodeStep } from './DossierCodeStep.tsx';
import { LARGE_TEXT_CRITERIA_PER_PAGE, useDisplayMode } from './display-mode.ts';
import { pagedScreens } from './paged-screens.ts';
import { stopReadingAloud } from '../ui/read-aloud-player.ts';

interface SurveyRunnerProps {
  unitName: string;
  questionnaire: Questionnaire;
  serviceFields: ServiceField[];
  /** Every procedure of the unit's service fields; the procedure screen offers the chosen field's. */
  procedures: Procedure[];
  settings: KioskSettings;
  locale: string;
  /** Stores the draft; resolves once committed on the tablet. */
  onSave: (draft: ResponseDraft, complete: boolean) => Promise<void>;
  onFinished: () => void;
  onAbandoned: () => void;
}

/** Walks one respondent through the full survey; all answers live in one form until submit. */
export function SurveyRunner(props: SurveyRunnerProps) {
  const { unitName, questionnaire, serviceFields, procedures, settings, locale, onSave, onFinished, onAbandoned } = props;
  const { t } = useTranslation();
  const askServiceField = settings.fixedServiceFieldId === null && serviceFields.length > 1;
  const { largeText } = useDisplayMode();
  const defaultServiceField = settings.fixedServiceFieldId ?? (serviceFields.length === 1 ? (serviceFields[0]?.id ?? null) : null);
  // One resolver per survey, not one per render: every answer tapped renders the runner again.
  const resolver = useMemo(() => surveyFormResolver({ askServiceField, dossierCode: settings.dossierCode }), [askServiceField, settings.dossierCode]);
  const form = useForm<SurveyFormValues>({ defaultValues: { ...EMPTY_SURVEY, serviceFieldId: defaultServiceField }, resolver });
  const { field: answersField } = useController({ control: form.control, name: 'answers' });
  const { field: serviceField } = useController({ control: form.control, name: 'serviceFieldId' });
  const { field: procedureField } = useController({ control: form.control, name: 'procedureId' });
  // The procedure screen comes after the service field's, so it may appear or go as the field changes.
  const fieldProcedures = useMemo(
    () => (settings.askProcedure ? procedures.filter((procedure) => procedure.serviceFieldId === serviceField.value) : []),
    [settings.askProcedure, procedures, serviceField.value],
  );
  const screens = useMemo(
    () =>
      pagedScreens(
        surveyScreens(questionnaire, {
          askServiceField,
          askProcedure: fieldProcedures.length > 0,
          askDossierCode: settings.dossierCode.ask !== 'off',
        }),
        questionnaire,
        largeText ? LARGE_TEXT_CRITERIA_PER_PAGE : null,
      ),
    [questionnaire, askServiceField, fieldProcedures.length, settings.dossierCode.ask, largeText],
  );
  const changeServiceField = (serviceFieldId: string | null) => {
    serviceField.onChange(serviceFieldId);
    if (procedures.find((procedure) => procedure.id === procedureField.value)?.serviceFieldId !== serviceFieldId) procedureField.onChange(null);
  };
  const scanned = (text: string) => {
    form.setValue('dossierCode', dossierCodeFromQr(text), { shouldValidate: true });
    // A receipt link that names the procedure fills it in when the citizen has not picked one.
    const code = procedureCodeFromQr(text);
    if (procedureField.value === null && code !== null && fieldProcedures.some((procedure) => procedure.id === code)) procedureField.onChange(code);
  };
  const [index, setIndex] = useState(0);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'failed'>('idle');
  const [nothingRated, setNothingRated] = useState(false);
  const [startedAt] = useState(() => new Date());
  const screen = screens[index];
  const timer = useScreenTimer(screen?.id ?? 'none');
  const stepRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A new screen starts at its heading for a screen reader, in reading order, not at the button pressed;
    // a question still being read aloud from the last screen stops.
    stopReadingAloud();
    stepRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [index]);

  const draftOf = useCallback(
    (values: SurveyFormValues): ResponseDraft => ({
      serviceFieldId: values.serviceFieldId,
      procedureId: values.procedureId,
      answers: values.answers,
      dossierCode: values.dossierCode,
      startedAt,
      screenDurationsMs: timer.durations(),
    }),
    [timer, startedAt],
  );

  const abandon = useCallback(async () => {
    const values = form.getValues();
    if (settings.keepPartialAnswers && hasAnyAnswer(values.answers)) {
      await onSave(draftOf(values), false).catch((error: unknown) => console.error('could not keep a partial survey', error));
    }
    onAbandoned();
  }, [form, settings.keepPartialAnswers, onSave, draftOf, onAbandoned]);

  const idle = useIdleCountdown({
    active: saveState !== 'saving',
    idleSeconds: settings.idleTimeoutSeconds,
    countdownSeconds: settings.idleCountdownSeconds,
    onExpire: () => void abandon(),
  });

  const submit = form.handleSubmit(async (values) => {
    setSaveState('saving');
    try {
      await onSave(draftOf(values), true);
      onFinished();
    } catch (error) {
      console.error('could not store a survey', error);
      setSaveState('failed');
    }
  });

  const goNext = async () => {
    const fieldsOnScreen =
      screen?.kind === 'service-field' ? (['serviceFieldId'] as const) : screen?.kind === 'dossier-code' ? (['dossierCode'] as const) : [];
    if (fieldsOnScreen.length > 0 && !(await form.trigger(fieldsOnScreen))) return;
    if (index === screens.length - 1) {
      // A form without one rated criterion is never stored as complete (see hasRatedCriterion).
      if (!hasRatedCriterion(questionnaire, form.getValues('answers'))) {
        setNothingRated(true);
        return;
      }
      markSubmitTapped();
      await submit();
    } else setIndex(index + 1);
  };

  const setAnswer = (id: string, value: AnswerValue | null) => answersField.onChange({ ...answersField.value, [id]: value });
  const isLast = index === screens.length - 1;
  const elementCount = questionnaire.elements.length;

  return (
    <KioskFrame
      unitName={unitName}
      languages={settings.languages}
      progress={{ current: index + 1, total: screens.length, label: t('survey.progress', { current: index + 1, total: screens.length }) }}
      footer={
        <>
          <button type="button" className="button" onClick={() => (index === 0 ? void abandon() : setIndex(index - 1))}>
            {index === 0 ? t('survey.cancel') : t('survey.back')}
          </button>
          {saveState === 'failed' ? (
            <p className="form-error" role="alert">
              {t('errors.saveFailed')}
            </p>
          ) : null}
          <button type="button" className="button button--primary" disabled={saveState === 'saving'} onClick={() => void goNext()}>
            {saveState === 'saving'
              ? t('survey.saving')
              : saveState === 'failed'
                ? t('errors.retry')
                : isLast
                  ? t('survey.submit')
                  : t('survey.next')}
          </button>
        </>
      }
    >
      <div ref={stepRef} className="kiosk__step">
        {screen?.kind === 'service-field' ? (
          <NamedChoiceStep
            title={t('serviceField.title')}
            choices={serviceFields}
            locale={locale}
            value={serviceField.value}
            error={form.formState.errors.serviceFieldId?.message}
            onChange={changeServiceField}
          />
        ) : null}
        {screen?.kind === 'procedure' ? (
          <NamedChoiceStep
            title={t('procedure.title')}
            hint={t('procedure.hint')}
            choices={fieldProcedures}
            locale={locale}
            value={procedureField.value}
            onChange={procedureField.onChange}
          />
        ) : null}
        {screen?.kind === 'dossier-code' ? (
          <DossierCodeStep
            required={settings.dossierCode.ask === 'required'}
            registration={form.register('dossierCode')}
            error={form.formState.errors.dossierCode?.message}
            onScanned={scanned}
          />
        ) : null}
        {screen?.kind === 'element' && questionnaire.elements[screen.elementIndex] ? (
          <ElementStep
            element={questionnaire.elements[screen.elementIndex]!}
            number={screen.elementIndex + 1}
            total={elementCount}
            page={screen.page}
            locale={locale}
            answers={answersField.value}
            onAnswer={setAnswer}
          />
        ) : null}
        {screen?.kind === 'section' && questionnaire.sections[screen.sectionIndex] ? (
          <SectionStep section={questionnaire.sections[screen.sectionIndex]!} locale={locale} answers={answersField.value} onAnswer={setAnswer} />
        ) : null}
      </div>
      {nothingRated ? (
        <NothingRatedDialog
          onRate={() => {
            setNothingRated(false);
            setIndex(
              Math.max(
                0,
                screens.findIndex((candidate) => candidate.kind === 'element'),
              ),
            );
          }}
          onFinish={() => void abandon()}
        />
      ) : null}
      {idle.secondsLeft !== null ? <IdleDialog secondsLeft={idle.secondsLeft} onStillHere={idle.stillHere} /> : null}
    </KioskFrame>
  );
}
