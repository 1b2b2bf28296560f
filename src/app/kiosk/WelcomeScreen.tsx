import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { markWelcomeShown } from './performance-marks.ts';
import { KioskFrame } from './KioskFrame.tsx';
import { StorageWarning } from './StorageWarning.tsx';

interface WelcomeScreenProps {
  unitName: string;
  languages: readonly string[];
  onStart: () => void;
}

export function WelcomeScreen({ unitName, languages, onStart }: WelcomeScreenProps) {
  const { t } = useTranslation();
  useEffect(markWelcomeShown, []);
  return (
    <KioskFrame unitName={unitName} languages={languages}>
      <section className="welcome">
        <h1 className="welcome__title">{t('welcome.invitation')}</h1>
        <p className="welcome__body">{t('welcome.duration')}</p>
        <button type="button" className="button button--primary button--huge" onClick={onStart} autoFocus>
          {t('welcome.start')}
        </button>
      </section>
      <StorageWarning />
    </KioskFrame>
  );
}
