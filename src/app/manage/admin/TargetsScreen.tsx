import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { targetSchema, type TargetItem, type UnitTreeReply } from '../../../domain/manage-api.ts';
import { adminApi } from '../api/admin.ts';
import { useApiQuery } from '../api/queries.ts';
import { adminKeys } from '../api/query-keys.ts';
import { ApiErrorMessage } from '../layout/ApiErrorMessage.tsx';
import { formatPercent } from '../report/report-format.ts';
import { todayLocal } from '../../../domain/calendar.ts';
import { InputField, SubmitWithStatus, TitledForm, useSubmission } from './form-parts.tsx';
import { UnitSelect } from './UnitSelect.tsx';

/** Yearly targets per unit and questionnaire ("SIPAS above 85%"); a unit without one inherits its parent's. */
export function TargetsScreen({ tree }: { tree: UnitTreeReply }) {
  const { t, i18n } = useTranslation();
  const [unitId, setUnitId] = useState('');
  const targets = useApiQuery(adminKeys.targets(unitId), (signal) => adminApi.listTargets(unitId, signal), { enabled: unitId !== '' });
  const { outcome, submit } = useSubmission();
  const questionnaireIds = [...new Set(tree.questionnaires.map((questionnaire) => questionnaire.id))];
  const { register, handleSubmit, formState } = useForm<TargetItem>({
    resolver: zodResolver(targetSchema),
    values: { unitId, questionnaireId: questionnaireIds[0] ?? 'sipas', year: Number(todayLocal().slice(0, 4)), percent: 85 },
  });
  const onSubmit = handleSubmit(async (values) => {
    if (await submit(() => adminApi.setTarget(values))) targets.reload();
  });
  return (
    <div className="admin-section">
      <UnitSelect tree={tree} label={t('manage.devices.unit')} value={unitId} onChange={setUnitId} emptyLabel={t('manage.admin.chooseUnit')} />
      {!unitId && <p className="note">{t('manage.admin.chooseUnitFirst')}</p>}
      {unitId && targets.state.kind === 'failed' && <ApiErrorMessage error={targets.state.error} onRetry={targets.reload} />}
      {unitId && targets.state.kind === 'loaded' && (
        <ul>
          {targets.state.data.length === 0 && <li className="note">{t('manage.targets.none')}</li>}
          {targets.state.data.map((target) => (
            <li key={`${target.questionnaireId}-${target.year}`}>
              {t('manage.targets.item', {
                questionnaire: target.questionnaireId,
                year: target.year,
                percent: formatPercent(target.percent, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
      {unitId && (
        <TitledForm id="target-set" title={t('manage.targets.set')} onSubmit={() => void onSubmit()}>
          <label>
            <span>{t('manage.filters.questionnaire')}</span>
            <select {...register('questionnaireId')}>
              {questionnaireIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <InputField label={t('manage.period.year')} error={formState.errors.year} type="number" {...register('year', { valueAsNumber: true })} />
          <InputField
            label={t('manage.targets.percent')}
            error={formState.errors.percent}
            type="number"
            step="0.01"
            min={0}
            max={100}
            {...register('percent', { valueAsNumber: true })}
          />
          <SubmitWithStatus outcome={outcome} submitting={formState.isSubmitting}>
            {t('manage.admin.save')}
          </SubmitWithStatus>
        </TitledForm>
      )}
    </div>
  );
}
