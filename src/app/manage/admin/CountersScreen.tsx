import { useTranslation } from 'react-i18next';
import { counterSchema, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { adminKeys } from '../api/query-keys.ts';
import { IdAndNameForm } from './IdAndNameForm.tsx';
import { NamedItemList } from './NamedItems.tsx';
import { PerUnitSection } from './PerUnitSection.tsx';

/** Counters of one unit; saving an existing id renames it. */
export function CountersScreen({ tree }: { tree: UnitTreeReply }) {
  const { t } = useTranslation();
  return (
    <PerUnitSection
      tree={tree}
      queryKey={adminKeys.counters}
      load={adminApi.listCounters}
      whenChosen={({ unitId, reload }) => (
        <IdAndNameForm
          id="counter-save"
          title={t('manage.counters.save')}
          save={(counter) => adminApi.saveCounter(counterSchema.parse({ ...counter, unitId }))}
          onSaved={reload}
        />
      )}
    >
      {({ data }) => <NamedItemList items={data} emptyNote={t('manage.counters.none')} />}
    </PerUnitSection>
  );
}
