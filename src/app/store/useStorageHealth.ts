import { useEffect, useState } from 'react';
import { checkStorageHealth, type StorageHealth } from './storage-health.ts';

const REFRESH_MS = 5 * 60_000;

export function useStorageHealth(): StorageHealth | null {
  const [health, setHealth] = useState<StorageHealth | null>(null);
  useEffect(() => {
    let cancelled = false;
    const refresh = () =>
      void checkStorageHealth().then((next) => {
        if (!cancelled) setHealth(next);
      });
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, []);
  return health;
}
