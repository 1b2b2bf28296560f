import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import type { FlagThresholds } from '../../../domain/stuffing-flags.ts';
import { flagThresholdsSchema } from '../../../domain/stuffing-flags-schema.ts';
import { adminApi } from '../api/admin.ts';
import { adminKeys } from '../api/query-keys.ts';
import { FieldMessage, SubmitWithStatus, useSubmission } from './form-parts.tsx';
import { PerUnitSection } from './PerUnitSection.tsx';

/** When answers are flagged as possible ballot stuffing, per unit; a unit without its own inherits. */
export function FlagThresholdsScreen({ tree }: { tree: UnitTreeReply }) {
  const { t } = useTranslation();
  return (
    <PerUnitSection
      tree={tree}
      intro={<p className="note">{t('manage.flagThresholds.explanation')}</p>}
      queryKey={adminKeys.flagThresholds}
      load={adminApi.getFlagThresholds}
    >
      {({ unitId, data, reload }) => (
        <>
          <p className="note">
            {data.inheritedFrom === null
              ? t('manage.flagThresholds.defaults')
              : data.inheritedFrom === unitId
                ? t('manage.flagThresholds.own')
                : t('manage.flagThresholds.inherited', { unit: data.inheritedFrom })}
          </p>
          <ThresholdsForm key={unitId} unitId={unitId} initial={data.thresholds} onSaved={reload} />
        </>
      )}
    </PerUnitSection>
  );
}

type ThresholdField = 'burst.count' | 'burst.withinSeconds' | 'tooFastSeconds' | 'repeatedPatternTimes' | 'clockSkewMinutes';
const FIELDS: ThresholdField[] = ['burst.count', 'burst.withinSeconds', 'tooFastSeconds', 'repeatedPatternTimes', 'clockSkewMinutes'];

function ThresholdsForm({ unitId, initial, onSaved }: { unitId: string; initial: FlagThresholds; onSaved: () => void }) {
  const { t } = useTranslation();
  const { outcome, submit } = useSubmission();
  const { register, handleSubmit, formState } = useForm<z.input<typeof flagThresholdsSchema>, unknown, FlagThresholds>({
    resolver: zodResolver(flagThresholdsSchema),
    defaultValues: initial,
  });
  const errorOf = (field: ThresholdField) =>
    field === 'burst.count'
      ? formState.errors.burst?.count
      : field === 'burst.withinSeconds'
        ? formState.errors.burst?.withinSeconds
        : formState.errors[field];
  const onSubmit = handleSubmit(async (values) => {
    if (await submit(() => adminApi.saveFlagThresholds(unitId, values))) onSaved();
  });
  return (
    <form className="manage-form" aria-label={t('manage.nav.admin.flag-thresholds')} onSubmit={(event) => void onSubmit(event)} noValidate>
      {FIELDS.map((field) => (
        <div key={field}>
          <label>
            <span>{t(`manage.flagThresholds.fields.${field}`)}</span>
            <input type="number" min={0} {...register(field, { valueAsNumber: true })} />
          </label>
          <FieldMessage error={errorOf(field)} />
        </div>
      ))}
      <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
        {t('manage.admin.save')}
      </SubmitWithStatus>
    </form>
  );
}
