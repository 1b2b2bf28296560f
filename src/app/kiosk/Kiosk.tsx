import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { localize } from '../../domain/localize.ts';
import type { DeviceConfig } from '../../domain/device-config.ts';
import type { KioskSettings } from '../../domain/kiosk-settings.ts';
import type { ResponseDraft } from '../../domain/survey-flow.ts';
import type { TabletChannel } from '../../domain/response-channel.ts';
import { newResponseId } from '../store/device.ts';
import { sameVersionNow } from '../store/config.ts';
import { useApplyUpdateWhenIdle } from '../pwa/UpdateContext.tsx';
import { loadCommentRedaction, useOpenResponseCloser, useResponseSaver } from './useResponseSaver.ts';
import { WelcomeScreen } from './WelcomeScreen.tsx';
import { QuickRatingScreen } from './QuickRatingScreen.tsx';
import { ThankYouScreen } from './ThankYouScreen.tsx';
import type { SurveyRunner as SurveyRunnerComponent } from './SurveyRunner.tsx';
import { StaffEntryContext } from './staff-entry.tsx';
import { DisplayModeContext } from './display-mode.ts';
import { AssistedSurveyContext } from './assisted-survey.ts';
import { stopReadingAloud } from '../ui/read-aloud-player.ts';
import './kiosk-modes.css';

interface KioskProps {
  deviceId: string;
  config: DeviceConfig;
  settings: KioskSettings;
  questionnaire: Questionnaire;
  /** Opens the staff view (behind its PIN); offered only while no citizen is answering. */
  onOpenStaff?: () => void;
  /**
   * A clerk chose, in the staff view, to help one person answer: that survey starts at once and is stored
   * under the staff-assisted channel; the next person is back on their own at the welcome screen.
   */
  assisted?: boolean;
  /** The assisted survey is over (sent or walked away from): a remount must not start another one. */
  onAssistedDone?: () => void;
}

/**
 * How long a quick rating waits for its reason before the sync may send it anyway: well past the reason
 * screen's own timeout, so only a tablet that died on that screen ever reaches it.
 */
const REASON_HOLD_MS = 3 * 60_000;

/** A configuration stored by a version before procedures existed has none until the next pull. */
const NO_PROCEDURES: DeviceConfig['procedures'] = [];

/**
 * The full survey (with its form validation) loads after the start screen, not before it. Once the
 * prefetch has it, the kiosk renders it directly: a lazy component suspends on its first render even when
 * its module is already loaded, and React then holds the fallback for 300 ms after the citizen's tap.
 */
let loadedSurveyRunner: typeof SurveyRunnerComponent | undefined;
const loadSurveyRunner = () =>
  import('./SurveyRunner.tsx').then((module) => {
    loadedSurveyRunner = module.SurveyRunner;
    return { default: module.SurveyRunner };
  });
const LazySurveyRunner = lazy(loadSurveyRunner);

/** A survey keeps the questionnaire version it started with, even if a newer one arrives meanwhile. */
type Phase = { kind: 'welcome' } | { kind: 'survey'; responseId: string; questionnaire: Questionnaire; channel: TabletChannel } | { kind: 'thanks' };

/** The citizen's face: welcome → survey (or quick rating) → thank-you → welcome, for ever. */
export function Kiosk({ deviceId, config, settings, questionnaire, onOpenStaff, assisted = false, onAssistedDone }: KioskProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const startSurvey = useCallback(
    (channel: TabletChannel = 'kiosk'): Phase => ({ kind: 'survey', responseId: newResponseId(), questionnaire, channel }),
    [questionnaire],
  );
  const [phase, setPhase] = useState<Phase>(() =>
    assisted ? startSurvey('staff-assisted') : settings.mode === 'quick' ? startSurvey() : { kind: 'welcome' },
  );
  const channel = phase.kind === 'survey' ? phase.channel : 'kiosk';
  // A configuration stored before the setting existed lacks it until the next pull.
  const defaultLargeText = settings.largeText === true;
  const [largeText, setLargeText] = useState(defaultLargeText);
  const displayMode = useMemo(() => ({ largeText, setLargeText }), [largeText]);
  const save = useResponseSaver({
    deviceId,
    unitId: config.unit.id,
    counterId: settings.counterId,
    timeZone: config.unit.timeZone,
    locale,
    channel,
  });
  const closeOpenResponse = useOpenResponseCloser();
  const home = useCallback(() => {
    // The next person starts in Vietnamese and the kiosk's display mode, whatever the last one chose,
    // and never hears the end of the last one's question.
    void i18n.changeLanguage(settings.languages[0] ?? 'vi');
    setLargeText(defaultLargeText);
    stopReadingAloud();
    onAssistedDone?.();
    setPhase(settings.mode === 'quick' ? startSurvey() : { kind: 'welcome' });
  }, [i18n, settings.languages, settings.mode, defaultLargeText, startSurvey, onAssistedDone]);
  const thank = useCallback(() => setPhase({ kind: 'thanks' }), []);
  useEffect(() => {
    if (settings.mode === 'full') void loadSurveyRunner();
    // Offline with a cache that lost the file: the first save loads it again.
    loadCommentRedaction().catch(() => undefined);
  }, [settings.mode]);
  const atRest = phase.kind === 'welcome' || (settings.mode === 'quick' && phase.kind === 'survey' && phase.channel === 'kiosk');
  useApplyUpdateWhenIdle(atRest);
  const withStaffEntry = (screen: ReactNode) => (
    <StaffEntryContext.Provider value={atRest ? (onOpenStaff ?? null) : null}>{screen}</StaffEntryContext.Provider>
  );
  const unitName = localize(config.unit.name, locale);
  const allowedFields = config.serviceFields.filter((field) => settings.serviceFieldIds.length === 0 || settings.serviceFieldIds.includes(field.id));

  return (
    <DisplayModeContext.Provider value={displayMode}>
      <AssistedSurveyContext.Provider value={channel === 'staff-assisted'}>{screenOf(phase)}</AssistedSurveyContext.Provider>
    </DisplayModeContext.Provider>
  );

  function screenOf(current: Phase): ReactNode {
    if (current.kind === 'thanks') {
      return <ThankYouScreen unitName={unitName} languages={settings.languages} seconds={settings.thankYouSeconds} onDone={home} />;
    }
    if (current.kind === 'welcome') {
      return withStaffEntry(<WelcomeScreen unitName={unitName} languages={settings.languages} onStart={() => setPhase(startSurvey())} />);
    }
    const { responseId } = current;
    const surveyed = sameVersionNow(config, current.questionnaire);
    const saveDraft = (draft: ResponseDraft, complete: boolean) => save(responseId, surveyed, draft, complete).then(() => undefined);
    if (settings.mode === 'quick') {
      return withStaffEntry(
        <QuickRatingScreen
          key={responseId}
          unitName={unitName}
          questionnaire={surveyed}
          settings={settings}
          locale={locale}
          onSave={(draft, keepOpen) =>
            save(responseId, surveyed, draft, true, keepOpen ? new Date(Date.now() + REASON_HOLD_MS) : undefined).then(() => undefined)
          }
          onReason={(answers) => closeOpenResponse(responseId, answers)}
          onFinished={thank}
        />,
      );
    }
    const SurveyRunner = loadedSurveyRunner ?? LazySurveyRunner;
    return (
      <Suspense fallback={<p className="loading">{t('loading')}</p>}>
        <SurveyRunner
          key={responseId}
          unitName={unitName}
          questionnaire={surveyed}
          serviceFields={allowedFields}
          procedures={config.procedures ?? NO_PROCEDURES}
          settings={settings}
          locale={locale}
          onSave={saveDraft}
          onFinished={thank}
          onAbandoned={home}
        />
      </Suspense>
    );
  }
}
