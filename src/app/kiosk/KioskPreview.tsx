import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_KIOSK_SETTINGS, type KioskSettings } from '../../domain/kiosk-settings.ts';
import { isKioskPreviewMessage, KIOSK_PREVIEW_READY, type KioskPreviewMessage } from '../ui/kiosk-preview-message.ts';
import { DisplayModeContext } from './display-mode.ts';
import { QuickRatingScreen } from './QuickRatingScreen.tsx';
import { SurveyRunner } from './SurveyRunner.tsx';
import { ThankYouScreen } from './ThankYouScreen.tsx';
import { WelcomeScreen } from './WelcomeScreen.tsx';

type Phase = { kind: 'welcome' } | { kind: 'survey'; round: number } | { kind: 'thanks' };

/** The preview has no unit, so no service field or procedure to ask for. */
const NONE: never[] = [];
/** Nothing is stored: the preview walks through the screens as a citizen would, and forgets the answers. */
const stored = () => Promise.resolve();

/**
 * The kiosk's own screens for a questionnaire draft, framed by the dashboard's editor at a tablet's or a
 * phone's size (`/manage/preview`): the editor posts the draft, checked against the schema, on every
 * change, and the language being edited. Only a page of this origin may post to it. It has no tablet,
 * no unit and no sync: welcome, the survey or quick rating, thank-you, and round again.
 */
export function KioskPreview() {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<KioskPreviewMessage | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'welcome' });
  const [largeText, setLargeText] = useState(false);
  const displayMode = useMemo(() => ({ largeText, setLargeText }), [largeText]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || !isKioskPreviewMessage(event.data)) return;
      setShown(event.data);
      void i18n.changeLanguage(event.data.locale);
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage(KIOSK_PREVIEW_READY, window.location.origin);
    return () => window.removeEventListener('message', onMessage);
  }, [i18n]);

  if (!shown) return <p className="loading">{t('loading')}</p>;
  const { questionnaire } = shown;
  const settings: KioskSettings = { ...DEFAULT_KIOSK_SETTINGS, mode: questionnaire.mode, languages: Object.keys(questionnaire.locales) };
  const unitName = t('preview.unitName');
  const again = () => setPhase({ kind: 'welcome' });
  const round = phase.kind === 'survey' ? phase.round : 0;
  const start = () => setPhase({ kind: 'survey', round: round + 1 });
  const thank = () => setPhase({ kind: 'thanks' });

  // What every screen of a survey takes: the answers go nowhere.
  const survey = { unitName, questionnaire, settings, locale: i18n.language, onSave: stored };
  let screen: ReactNode;
  if (phase.kind === 'thanks') {
    screen = <ThankYouScreen unitName={unitName} languages={settings.languages} seconds={settings.thankYouSeconds} onDone={again} />;
  } else if (questionnaire.mode === 'quick') {
    screen = <QuickRatingScreen key={round} {...survey} onReason={stored} onFinished={thank} />;
  } else if (phase.kind === 'welcome') {
    screen = <WelcomeScreen unitName={unitName} languages={settings.languages} onStart={start} />;
  } else {
    screen = <SurveyRunner key={round} {...survey} serviceFields={NONE} procedures={NONE} onFinished={thank} onAbandoned={again} />;
  }
  return <DisplayModeContext.Provider value={displayMode}>{screen}</DisplayModeContext.Provider>;
}
