import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';

/** "Are you still there?" with the seconds left before the screen resets. */
export function IdleDialog({ secondsLeft, onStillHere }: { secondsLeft: number; onStillHere: () => void }) {
  const { t } = useTranslation();
  const stillHere = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-body">{t('idle.body', { count: secondsLeft })}</p>
        <p className="dialog__countdown" aria-hidden="true">
          {secondsLeft}
        </p>
        <button type="button" className="button button--primary button--huge" onClick={onStillHere} ref={stillHere}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
