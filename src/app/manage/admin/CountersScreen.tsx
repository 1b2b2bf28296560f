import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { counterSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { IdAndNameForm } from './IdAndNameForm.tsx';
import { NamedItemList } from './NamedItems.tsx';
import { UnitSelect } from './UnitSelect.tsx';

/** Counters of one unit; saving an existing id renames it. */
export function CountersScreen({ tree }: { tree: UnitTreeReply }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState('');
  const counters = useApiQuery(adminKeys.counters(unitId), (signal) => adminApi.listCounters(unitId, signal), { enabled: unitId !== '' });
  return (
    <div className="admin-section">
      <UnitSelect tree={tree} label={t('manage.devices.unit')} value={unitId} onChange={setUnitId} emptyLabel={t('manage.admin.chooseUnit')} />
      {unitId && counters.state.kind === 'failed' && <ApiErrorMessage error={counters.state.error} onRetry={counters.reload} />}
      {unitId && counters.state.kind === 'loaded' && <NamedItemList items={counters.state.data} emptyNote={t('manage.counters.none')} />}
      {unitId && (
        <IdAndNameForm
          id="counter-save"
          title={t('manage.counters.save')}
          save={(counter) => adminApi.saveCounter(counterSchema.parse({ ...counter, unitId }))}
          onSaved={counters.reload}
        />
      )}
    </div>
  );
}
