import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskFrame } from './KioskFrame.tsx';
import { SpeakerButton } from './SpeakerButton.tsx';
import { uiText } from './spoken-texts.ts';

interface ThankYouScreenProps {
  unitName: string;
  languages: readonly string[];
  seconds: number;
  onDone: () => void;
}

/** Shown only after the answer is committed on the tablet; returns to the start by itself. */
export function ThankYouScreen({ unitName, languages, seconds, onDone }: ThankYouScreenProps) {
  const { t, i18n } = useTranslation();
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const startedAt = Date.now();
    const timer = window.setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - startedAt) / 1000);
      if (remaining <= 0) {
        window.clearInterval(timer);
        onDone();
      } else {
        setLeft(remaining);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [seconds, onDone]);
  return (
    <KioskFrame unitName={unitName} languages={languages}>
      <section className="thanks" role="status">
        <div className="step-head">
          <h1 className="thanks__title">{t('thanks.title')}</h1>
          <SpeakerButton texts={[t('thanks.title'), t('thanks.body')].map((text) => uiText(text, i18n.language))} label={t('readAloud.screen')} />
        </div>
        <p>{t('thanks.body')}</p>
        <p className="thanks__returning">{t('thanks.returning', { count: left })}</p>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('thanks.done')}
        </button>
      </section>
    </KioskFrame>
  );
}
