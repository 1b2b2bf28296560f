import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../domain/manage-api.ts';
import { UI_LANGUAGES } from '../../i18n/index.ts';
import { ADMIN_SECTIONS, pathOfRoute, type ManageRoute } from './manage-route.ts';

interface ManageLayoutProps {
  user: SessionUser;
  route: ManageRoute;
  onNavigate: (route: ManageRoute) => void;
  onSignOut: () => Promise<void>;
  children: ReactNode;
  /** Open alerts of the account's units; null while unknown (or for staff, who have no inbox). */
  openAlerts?: number | null;
}

/** Header and navigation; both are hidden on paper (@media print), where only the report remains. */
export function ManageLayout({ user, route, onNavigate, onSignOut, children, openAlerts = null }: ManageLayoutProps) {
  const { t, i18n } = useTranslation();
  const link = (target: ManageRoute, label: string, badge: ReactNode = null) => {
    const current = pathOfRoute(target) === pathOfRoute(route);
    return (
      <a
        href={pathOfRoute(target)}
        aria-current={current ? 'page' : undefined}
        onClick={(event) => {
          event.preventDefault();
          onNavigate(target);
        }}
      >
        {label}
        {badge}
      </a>
    );
  };
  return (
    <div className="manage">
      <header className="manage__header no-print">
        <p className="manage__brand">{t('manage.title')}</p>
        <div className="manage__account">
          <span>{t('manage.signedInAs', { name: user.displayName, role: t(`manage.roles.${user.role}`) })}</span>
          <label className="manage__language">
            <span className="visually-hidden">{t('language.label')}</span>
            <select value={i18n.language} onChange={(event) => void i18n.changeLanguage(event.target.value)}>
              {UI_LANGUAGES.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.nativeName}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="manage-button" onClick={() => void onSignOut()}>
            {t('manage.signOut')}
          </button>
        </div>
      </header>
      <nav className="manage__nav no-print" aria-label={t('manage.nav.label')}>
        <ul>
          <li>{link({ screen: 'report' }, t('manage.nav.report'))}</li>
          {user.role !== 'staff' && (
            <li>
              {link(
                { screen: 'alerts' },
                t('manage.nav.alerts'),
                openAlerts !== null && openAlerts > 0 ? (
                  <span className="nav-badge" aria-label={t('manage.alerts.openCount', { count: openAlerts })}>
                    {openAlerts}
                  </span>
                ) : null,
              )}
            </li>
          )}
          {user.role === 'admin' &&
            ADMIN_SECTIONS.map((section) => <li key={section}>{link({ screen: 'admin', section }, t(`manage.nav.admin.${section}`))}</li>)}
        </ul>
      </nav>
      <main className="manage__main">{children}</main>
    </div>
  );
}
