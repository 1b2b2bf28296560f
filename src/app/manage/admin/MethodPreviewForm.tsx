import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodContaining, shiftPeriod } from '../../../domain/calendar.ts';
import { DEFAULT_TIME_ZONE, localDayOf } from '../../../domain/local-day.ts';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import type { MethodPreviewReply } from '../../../domain/method-preview.ts';
import { adminApi } from '../api/admin.ts';
import { formatCount, formatPercent, formatPoints } from '../report/report-format.ts';
import { describePeriod } from '../report/report-periods.ts';
import { checkedDraft, draftFailure } from './draft-json.ts';
import { SubmissionStatus, SubmitWithStatus, TitledForm, useSubmission, type SubmissionOutcome } from './form-parts.tsx';
import { UnitSelect } from './UnitSelect.tsx';

/** Last month in Việt Nam's calendar, as the month input writes it ("2026-11"). */
function lastMonth(): string {
  const today = localDayOf(new Date().toISOString(), DEFAULT_TIME_ZONE);
  return shiftPeriod(periodContaining('month', today), -1).from.slice(0, 7);
}

/**
 * The draft's method tried on a month already answered, beside the method in force, before anyone
 * publishes it: same stored answers, two ways of counting them. Nothing is published or stored.
 */
export function MethodPreviewForm({ tree, json }: { tree: UnitTreeReply; json: string }) {
  const { t, i18n } = useTranslation();
  const [unitId, setUnitId] = useState(tree.rootIds[0] ?? '');
  const [month, setMonth] = useState(lastMonth);
  const [draftOutcome, setDraftOutcome] = useState<SubmissionOutcome>({ kind: 'idle' });
  const [preview, setPreview] = useState<MethodPreviewReply | null>(null);
  const { outcome, submit } = useSubmission();
  const run = async () => {
    setPreview(null);
    const draft = checkedDraft(json);
    if (!draft.ok) {
      setDraftOutcome(draftFailure(draft, t, i18n.language));
      return;
    }
    if (!/^\d{4}-\d{2}$/.test(month)) {
      setDraftOutcome({ kind: 'failed', message: t('manage.methodPreview.chooseMonth'), issues: [] });
      return;
    }
    setDraftOutcome({ kind: 'idle' });
    const period = periodContaining('month', `${month}-01`);
    await submit(async () =>
      setPreview(await adminApi.previewMethod({ questionnaire: draft.questionnaire, unitId, from: period.from, to: period.to })),
    );
  };
  return (
    <TitledForm id="method-preview" title={t('manage.methodPreview.title')} hint={t('manage.methodPreview.hint')} onSubmit={() => void run()}>
      <UnitSelect tree={tree} label={t('manage.methodPreview.unit')} value={unitId} onChange={setUnitId} />
      <label>
        <span>{t('manage.methodPreview.month')}</span>
        <input type="month" value={month} onChange={(event) => setMonth(event.target.value)} />
      </label>
      <SubmissionStatus outcome={draftOutcome} />
      <SubmitWithStatus outcome={outcome.kind === 'failed' ? outcome : { kind: 'idle' }}>{t('manage.methodPreview.run')}</SubmitWithStatus>
      {preview && <PreviewTable tree={tree} preview={preview} language={i18n.language} />}
    </TitledForm>
  );
}

function PreviewTable({ tree, preview, language }: { tree: UnitTreeReply; preview: MethodPreviewReply; language: string }) {
  const { t } = useTranslation();
  const unit = tree.units.find((candidate) => candidate.id === preview.unitId);
  const where = {
    unit: unit ? localize(unit.name, language) : preview.unitId,
    period: describePeriod(preview.period, language, t),
  };
  if (!preview.basis) return <p role="status">{t('manage.methodPreview.noAnswers', where)}</p>;
  const side = (entry: NonNullable<MethodPreviewReply['basis']>) =>
    t('manage.methodPreview.side', { method: localize(entry.method.name, language), version: entry.version });
  return (
    <div role="status" className="method-preview">
      <p>
        {t('manage.methodPreview.basis', { ...where, count: preview.n, formatted: formatCount(preview.n, language), version: preview.basis.version })}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t('manage.methodPreview.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manage.methodPreview.element')}</th>
              <th scope="col">{t('manage.methodPreview.inForce', { side: side(preview.basis) })}</th>
              <th scope="col">{t('manage.methodPreview.draft', { side: side(preview.draft) })}</th>
              <th scope="col">{t('manage.methodPreview.change')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="method-preview__overall">
              <th scope="row">{t('manage.methodPreview.overall')}</th>
              <td>{formatPercent(preview.basis.overall, language)}</td>
              <td>{formatPercent(preview.draft.overall, language)}</td>
              <td>{formatPoints(preview.overallChange, language)}</td>
            </tr>
            {preview.elements.map((element) => (
              <tr key={element.id}>
                <th scope="row">{localize(element.title, language)}</th>
                <td>{formatPercent(element.basis, language)}</td>
                <td>{formatPercent(element.draft, language)}</td>
                <td>{formatPoints(element.change, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.respondentSharesUncounted && <p className="note">{t('manage.methodPreview.respondentShares', { version: preview.basis.version })}</p>}
      {preview.criteriaWithoutAnswers.length > 0 && (
        <p className="note">{t('manage.methodPreview.withoutAnswers', { ids: preview.criteriaWithoutAnswers.join(', ') })}</p>
      )}
    </div>
  );
}
