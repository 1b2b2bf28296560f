import { useCallback, useEffect, useState } from 'react';

/** Screens of the dashboard by path below /manage; anything unknown shows the report. */
export const ADMIN_SECTIONS = [
  'units',
  'counters',
  'service-fields',
  'procedures',
  'targets',
  'accounts',
  'questionnaires',
  'kiosk-settings',
  'devices',
  'dossier-links',
  'flag-thresholds',
  'audit',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export type ManageRoute = { screen: 'report' } | { screen: 'alerts' } | { screen: 'admin'; section: AdminSection };

export function routeOfPath(path: string): ManageRoute {
  if (/^\/manage\/alerts\/?$/.test(path)) return { screen: 'alerts' };
  const match = /^\/manage\/admin\/([a-z-]+)/.exec(path);
  const section = ADMIN_SECTIONS.find((candidate) => candidate === match?.[1]);
  return section ? { screen: 'admin', section } : { screen: 'report' };
}

export function pathOfRoute(route: ManageRoute): string {
  if (route.screen === 'alerts') return '/manage/alerts';
  return route.screen === 'admin' ? `/manage/admin/${route.section}` : '/manage';
}

/** Client-side navigation inside /manage with the browser's history, so Back and reload work. */
export function useManageRoute() {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((route: ManageRoute) => {
    const next = pathOfRoute(route);
    window.history.pushState(null, '', next);
    setPath(next);
  }, []);
  return { route: routeOfPath(path), navigate };
}
