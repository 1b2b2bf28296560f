import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime } from '../../domain/display-format.ts';
import type { Reconciliation } from '../../domain/reconciliation.ts';

/** One clear state in words, then the counts behind it and the numbers the server lacks. */
export function ReconciliationCard({ reconciliation, timeZone }: { reconciliation: Reconciliation; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { state, serverMissing } = reconciliation;
  const language = i18n.language;
  const count = (value: number) => formatCount(value, language);
  const headline =
    state.kind === 'all-sent'
      ? t('staff.reconciliation.allSent')
      : state.kind === 'waiting'
        ? t('staff.reconciliation.waiting', { count: state.pending })
        : t('staff.reconciliation.serverMissing', { count: state.count });
  return (
    <section className="staff-card" aria-labelledby="staff-reconciliation-title">
      <h2 id="staff-reconciliation-title">{t('staff.reconciliation.title')}</h2>
      <p className={state.kind === 'server-missing' ? 'staff-alert' : 'staff-headline'} data-testid="reconciliation-state">
        {headline}
      </p>
      <p>
        {t('staff.reconciliation.counts', {
          answered: count(reconciliation.answered),
          confirmed: count(reconciliation.confirmed),
          pending: count(reconciliation.pending),
          rejected: count(reconciliation.rejected),
        })}
      </p>
      {serverMissing ? (
        <p className="staff-hint">
          {serverMissing.count > 0
            ? t('staff.reconciliation.missingList', { list: serverMissing.sequences.map((sequence) => `#${sequence}`).join(', ') })
            : null}{' '}
          {t('staff.reconciliation.asOf', { time: formatDateTime(serverMissing.asOf, language, timeZone) })}
        </p>
      ) : (
        <p className="staff-hint">{t('staff.reconciliation.noLedger')}</p>
      )}
    </section>
  );
}
