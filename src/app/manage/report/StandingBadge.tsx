import { useTranslation } from 'react-i18next';
import type { TargetStandingValue } from '../../../domain/manage-api.ts';

/** The reading against the target as words, not colour alone. */
export function StandingBadge({ standing }: { standing: TargetStandingValue }) {
  const { t } = useTranslation();
  return <span className={`standing standing--${standing}`}>{t(`manage.standing.${standing}`)}</span>;
}
