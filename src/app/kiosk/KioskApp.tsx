import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../sync/api.ts';
import { useSyncNow } from '../sync/SyncContext.tsx';
import { useKioskState } from './useKioskState.ts';
import { EnrolScreen } from './EnrolScreen.tsx';
import { Kiosk } from './Kiosk.tsx';

/** Decides what the tablet can show: enrolment, waiting for a first configuration, or the kiosk. */
export function KioskApp({ api, enrolmentCode }: { api: ApiClient; enrolmentCode: string | null }) {
  const { t } = useTranslation();
  const state = useKioskState();
  const syncNow = useSyncNow();
  switch (state.kind) {
    case 'loading':
      return <p className="loading">{t('loading')}</p>;
    case 'not-enrolled':
      return <EnrolScreen api={api} initialCode={enrolmentCode} onEnrolled={() => void syncNow()} />;
    case 'awaiting-config':
      return (
        <main className="setup">
          <p role="status">{t('enrol.loadingConfig')}</p>
          <button type="button" className="button" onClick={() => void syncNow()}>
            {t('errors.retry')}
          </button>
        </main>
      );
    case 'ready':
      if (!state.questionnaire) {
        return (
          <main className="setup">
            <p role="alert">{t('errors.noQuestionnaire')}</p>
          </main>
        );
      }
      return (
        <Kiosk
          key={state.settings.mode}
          deviceId={state.identity.deviceId}
          config={state.stored.config}
          settings={state.settings}
          questionnaire={state.questionnaire}
        />
      );
  }
}
