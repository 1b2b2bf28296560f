import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskApp } from './kiosk/KioskApp.tsx';
import { KIOSK_PREVIEW_PATH } from './ui/kiosk-preview-message.ts';

/** The managers' dashboard is its own chunk: it must never weigh on the kiosk's first screen. */
const ManageApp = lazy(() => import('./manage/ManageApp.tsx'));
/** The kiosk's screens for a draft, framed by the dashboard's questionnaire editor. */
const KioskPreview = lazy(() => import('./kiosk/KioskPreview.tsx').then((module) => ({ default: module.KioskPreview })));

/** The faces of the app by path; the kiosk is the default at the counter. */
export function App({ path, enrolmentCode }: { path: string; enrolmentCode: string | null }) {
  const { t } = useTranslation();
  if (path === '/' || path.startsWith('/kiosk')) return <KioskApp enrolmentCode={enrolmentCode} />;
  if (path === KIOSK_PREVIEW_PATH) {
    return (
      <Suspense fallback={<p className="loading">{t('loading')}</p>}>
        <KioskPreview />
      </Suspense>
    );
  }
  if (path.startsWith('/manage')) {
    return (
      <Suspense fallback={<p className="loading">{t('loading')}</p>}>
        <ManageApp />
      </Suspense>
    );
  }
  return (
    <main className="setup">
      <p role="alert">{t('notFound')}</p>
      <a href="/kiosk">{t('nav.kiosk')}</a>
    </main>
  );
}
