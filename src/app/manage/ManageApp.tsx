import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createDashboardQueryClient } from './api/queries.ts';
import { addManageTranslations } from './i18n/manage-translations.ts';
import { useSession } from './api/session.ts';
import { useOpenAlertCount } from './alerts/use-open-alert-count.ts';
import { useManageRoute } from './layout/manage-route.ts';
import { ManageLayout } from './layout/ManageLayout.tsx';
import { LoginScreen } from './login/LoginScreen.tsx';
import { ManageScreen } from './layout/ManageScreen.tsx';
// Khmer appears in the dashboard too (a unit's Khmer name, a language's own name): its faces are declared for
// Khmer letters only (unicode-range), so the font downloads on a page that shows some and on no other.
import '../i18n/khmer-font.css';
import './manage.css';

/** The managers' dashboard at /manage: session check, sign-in, then the report and admin screens. */
export default function ManageApp() {
  const { t, i18n } = useTranslation();
  addManageTranslations(i18n);
  const session = useSession();
  const { route, navigate } = useManageRoute();
  const { state } = session;
  // A 401 from any query or mutation shows the sign-in screen again (sessionExpired never changes).
  const [queryClient] = useState(() => createDashboardQueryClient({ onUnauthorized: session.sessionExpired }));
  // What one account was shown must not be shown, even for a moment, to the next one to sign in here.
  useEffect(() => {
    if (state.kind !== 'signed-in') queryClient.clear();
  }, [state.kind, queryClient]);
  const alerts = useOpenAlertCount(state.kind === 'signed-in' ? state.user : null);

  if (state.kind === 'checking') return <p className="loading">{t('manage.checkingSession')}</p>;
  if (state.kind === 'unreachable') {
    return (
      <main className="manage-login">
        <p role="alert">{t('manage.errors.unreachable')}</p>
        <button type="button" className="manage-button" onClick={session.retry}>
          {t('manage.retry')}
        </button>
      </main>
    );
  }
  if (state.kind === 'signed-out') return <LoginScreen reason={state.reason} onSignIn={session.signIn} />;
  return (
    <QueryClientProvider client={queryClient}>
      <ManageLayout user={state.user} route={route} onNavigate={navigate} onSignOut={session.signOut} openAlerts={alerts.openCount}>
        <ManageScreen route={route} user={state.user} onAlertCountChanged={alerts.setOpenCount} />
      </ManageLayout>
    </QueryClientProvider>
  );
}
