import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../domain/manage-api.ts';
import { fetchUnitTree } from '../api/reports.ts';
import { useApiQuery } from '../api/queries.ts';
import { unitKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { AlertInbox } from './AlertInbox.tsx';
import { AlertRulesPanel } from './AlertRulesPanel.tsx';
import { DeadLetters } from './DeadLetters.tsx';
import { DeliveryPreferencesPanel } from './DeliveryPreferencesForm.tsx';

/** /manage/alerts: the inbox first, then the rules that fill it, the account's delivery, and (administrators) failed deliveries. */
export default function AlertsScreen({ user, onCountChanged }: { user: SessionUser; onCountChanged?: (openCount: number) => void }) {
  const { t } = useTranslation();
  const tree = useApiQuery(unitKeys.tree(), fetchUnitTree);
  return (
    <div className="alerts-screen">
      <h1>{t('manage.nav.alerts')}</h1>
      <AlertInbox onCountChanged={onCountChanged} />
      {tree.state.kind === 'failed' && <ApiErrorMessage error={tree.state.error} onRetry={tree.reload} />}
      {tree.state.kind === 'loaded' && <AlertRulesPanel tree={tree.state.data} user={user} />}
      <DeliveryPreferencesPanel />
      {user.role === 'admin' && <DeadLetters />}
    </div>
  );
}
