import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useSyncNow } from '../sync/SyncContext.tsx';
import { useKioskState } from './useKioskState.ts';
import { Kiosk } from './Kiosk.tsx';

const EnrolScreen = lazy(() => import('./EnrolScreen.tsx').then((module) => ({ default: module.EnrolScreen })));
/** The staff view, its exports and its form validation load only when staff open it. */
const StaffApp = lazy(() => import('../staff/StaffApp.tsx').then((module) => ({ default: module.StaffApp })));

/** Decides what the tablet can show: enrolment, waiting for a first configuration, or the kiosk. */
export function KioskApp({ enrolmentCode }: { enrolmentCode: string | null }) {
  const { t } = useTranslation();
  const state = useKioskState();
  const syncNow = useSyncNow();
  const [staffOpen, setStaffOpen] = useState(false);
  const [assisting, setAssisting] = useState(false);
  const openStaff = () => {
    setAssisting(false);
    setStaffOpen(true);
  };
  const endAssisting = useCallback(() => setAssisting(false), []);
  const assist = () => {
    setAssisting(true);
    setStaffOpen(false);
  };
  switch (state.kind) {
    case 'loading':
      return <p className="loading">{t('loading')}</p>;
    case 'not-enrolled':
      return (
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          <EnrolScreen initialCode={enrolmentCode} onEnrolled={() => void syncNow()} />
        </Suspense>
      );
    case 'awaiting-config':
      return (
        <main className="setup">
          <p role="status">{t('enrol.loadingConfig')}</p>
          <button type="button" className="button" onClick={() => void syncNow()}>
            {t('errors.retryConfig')}
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
      if (staffOpen) {
        return (
          <Suspense fallback={<p className="loading">{t('loading')}</p>}>
            <StaffApp config={state.stored.config} settings={state.settings} onLeave={() => setStaffOpen(false)} onAssist={assist} />
          </Suspense>
        );
      }
      return (
        <Kiosk
          key={state.settings.mode}
          onOpenStaff={openStaff}
          assisted={assisting}
          onAssistedDone={endAssisting}
          deviceId={state.deviceId}
          config={state.stored.config}
          settings={state.settings}
          questionnaire={state.questionnaire}
        />
      );
  }
}
