import { useTranslation } from 'react-i18next';
import { useDisplayMode } from './display-mode.ts';

/** Large text and high contrast, switched by the citizen on the kiosk's first screen. */
export function LargeTextToggle() {
  const { t } = useTranslation();
  const { largeText, setLargeText } = useDisplayMode();
  return (
    <button type="button" className="button large-text-toggle" aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
      <span aria-hidden="true" className="large-text-toggle__glyph">
        A<span>A</span>
      </span>
      {t('display.largeText')}
    </button>
  );
}
