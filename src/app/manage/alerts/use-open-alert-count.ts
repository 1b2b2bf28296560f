import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../domain/manage-api.ts';
import { alertsApi } from '../api/alerts.ts';

export const OPEN_ALERTS_REFRESH_MS = 60_000;

/** The navigation badge's count: asked at sign-in and every minute; the inbox sets it when it loads. */
export function useOpenAlertCount(user: SessionUser | null) {
  const [openCount, setOpenCount] = useState<number | null>(null);
  const watching = user !== null && user.role !== 'staff';
  useEffect(() => {
    if (!watching) return;
    const controller = new AbortController();
    const ask = () =>
      alertsApi.openCount(controller.signal).then(
        (reply) => setOpenCount(reply.openCount),
        () => undefined,
      );
    void ask();
    const timer = setInterval(() => void ask(), OPEN_ALERTS_REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [watching]);
  return { openCount: watching ? openCount : null, setOpenCount };
}
