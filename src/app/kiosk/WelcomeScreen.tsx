import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { markWelcomeShown, WELCOME_PAINT_IDENTIFIER } from './performance-marks.ts';
import { KioskFrame } from './KioskFrame.tsx';
import { LargeTextToggle } from './LargeTextToggle.tsx';
import { SpeakerButton } from './SpeakerButton.tsx';
import { uiText } from './spoken-texts.ts';

interface WelcomeScreenProps {
  unitName: string;
  languages: readonly string[];
  onStart: () => void;
}

export function WelcomeScreen({ unitName, languages, onStart }: WelcomeScreenProps) {
  const { t, i18n } = useTranslation();
  useEffect(markWelcomeShown, []);
  const spoken = [t('welcome.invitation'), t('welcome.duration'), t('welcome.start')].map((text) => uiText(text, i18n.language));
  return (
    <KioskFrame unitName={unitName} languages={languages}>
      <section className="welcome">
        <div className="step-head">
          <h1 className="welcome__title" elementtiming={WELCOME_PAINT_IDENTIFIER}>
            {t('welcome.invitation')}
          </h1>
          <SpeakerButton texts={spoken} label={t('readAloud.screen')} />
        </div>
        <p className="welcome__body">{t('welcome.duration')}</p>
        <button type="button" className="button button--primary button--huge" onClick={onStart}>
          {t('welcome.start')}
        </button>
        <LargeTextToggle />
      </section>
    </KioskFrame>
  );
}
