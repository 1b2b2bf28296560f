import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryKey } from '@tanstack/react-query';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { useApiQuery } from '../api/queries.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { UnitSelect } from './UnitSelect.tsx';

interface ChosenUnit {
  unitId: string;
  /** Reads the unit's data again, after a save. */
  reload: () => void;
}

/**
 * An administrator's section about one unit at a time: the unit picker, then what that unit has, read
 * from the API, with its failure and a retry. `whenChosen` shows as soon as a unit is picked, loaded or not.
 */
export function PerUnitSection<Data>({
  tree,
  intro,
  queryKey,
  load,
  children,
  whenChosen,
}: {
  tree: UnitTreeReply;
  intro?: ReactNode;
  queryKey: (unitId: string) => QueryKey;
  load: (unitId: string, signal: AbortSignal) => Promise<Data>;
  children: (unit: ChosenUnit & { data: Data }) => ReactNode;
  whenChosen?: (unit: ChosenUnit) => ReactNode;
}) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState('');
  const query = useApiQuery(queryKey(unitId), (signal) => load(unitId, signal), { enabled: unitId !== '' });
  const { state, reload } = query;
  return (
    <div className="admin-section">
      {intro}
      <UnitSelect tree={tree} label={t('manage.devices.unit')} value={unitId} onChange={setUnitId} emptyLabel={t('manage.admin.chooseUnit')} />
      {!unitId && <p className="note">{t('manage.admin.chooseUnitFirst')}</p>}
      {unitId && state.kind === 'failed' && <ApiErrorMessage error={state.error} onRetry={reload} />}
      {unitId && state.kind === 'loaded' && children({ unitId, reload, data: state.data })}
      {unitId && whenChosen?.({ unitId, reload })}
    </div>
  );
}
