import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';

interface NothingRatedDialogProps {
  onRate: () => void;
  onFinish: () => void;
}

/** At the end of a survey with no criterion rated: back to the faces, or finish without a rating. */
export function NothingRatedDialog({ onRate, onFinish }: NothingRatedDialogProps) {
  const { t } = useTranslation();
  const rate = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="nothing-rated-title" aria-describedby="nothing-rated-body">
        <h2 id="nothing-rated-title">{t('nothingRated.title')}</h2>
        <p id="nothing-rated-body">{t('nothingRated.body')}</p>
        <div className="dialog__actions">
          <button type="button" className="button button--primary button--huge" onClick={onRate} ref={rate}>
            {t('nothingRated.rate')}
          </button>
          <button type="button" className="button" onClick={onFinish}>
            {t('nothingRated.finish')}
          </button>
        </div>
      </div>
    </div>
  );
}
