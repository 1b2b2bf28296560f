import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../domain/manage-api.ts';
import { ReportScreen } from '../report/ReportScreen.tsx';
import type { ManageRoute } from './manage-route.ts';

/** Administration is only for administrators, so its screens load apart from the report. */
const AdminScreen = lazy(() => import('../admin/AdminScreen.tsx'));
const AlertsScreen = lazy(() => import('../alerts/AlertsScreen.tsx'));

interface ManageScreenProps {
  route: ManageRoute;
  user: SessionUser;
  /** The inbox tells the navigation's badge how many alerts are open. */
  onAlertCountChanged?: (openCount: number) => void;
}

export function ManageScreen({ route, user, onAlertCountChanged }: ManageScreenProps) {
  const { t } = useTranslation();
  let screen = <ReportScreen canCorrectThemes={user.role !== 'staff'} canExportDossiers={user.role !== 'staff'} />;
  if (route.screen === 'alerts') {
    screen =
      user.role === 'staff' ? (
        <p role="alert">{t('manage.errors.forbidden')}</p>
      ) : (
        <Suspense fallback={<p className="loading">{t('manage.loading')}</p>}>
          <AlertsScreen user={user} onCountChanged={onAlertCountChanged} />
        </Suspense>
      );
  }
  if (route.screen === 'admin') {
    screen =
      user.role === 'admin' ? (
        <Suspense fallback={<p className="loading">{t('manage.loading')}</p>}>
          <AdminScreen section={route.section} />
        </Suspense>
      ) : (
        <p role="alert">{t('manage.errors.forbidden')}</p>
      );
  }
  return screen;
}
