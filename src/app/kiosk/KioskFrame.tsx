import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { StaffEntryButton } from './staff-entry.tsx';
import { useDisplayMode } from './display-mode.ts';
import { useAssistedSurvey } from './assisted-survey.ts';

interface KioskFrameProps {
  unitName: string;
  languages: readonly string[];
  progress?: { current: number; total: number; label: string };
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of every kiosk screen: unit name, language switch, optional progress, content, actions. */
export function KioskFrame({ unitName, languages, progress, children, footer }: KioskFrameProps) {
  const { t, i18n } = useTranslation();
  const { largeText } = useDisplayMode();
  const assisted = useAssistedSurvey();
  // The language of the screen, so a screen reader and the browser's shaping use the right one.
  return (
    <div className={largeText ? 'kiosk kiosk--large large-text' : 'kiosk'} lang={i18n.language}>
      <header className="kiosk__header">
        <p className="kiosk__unit">{unitName}</p>
        {assisted ? (
          <p className="kiosk__assisted" role="note">
            {t('survey.assisted')}
          </p>
        ) : null}
        <div className="kiosk__header-actions">
          <LanguageSwitch offered={languages} />
          <StaffEntryButton />
        </div>
      </header>
      {progress ? (
        <section className="kiosk__progress" aria-label={t('survey.progressRegion')}>
          <progress max={progress.total} value={progress.current} aria-label={progress.label} />
          <span aria-live="polite">{progress.label}</span>
        </section>
      ) : null}
      <main className="kiosk__main">{children}</main>
      {footer ? <footer className="kiosk__footer">{footer}</footer> : null}
    </div>
  );
}
