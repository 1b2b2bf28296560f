import { useEffect, useMemo, useRef } from 'react';

/** Milliseconds spent on each screen of one survey, kept as evidence against stuffing. */
export function useScreenTimer(screenId: string) {
  const totals = useRef<Record<string, number>>({});
  const current = useRef<{ id: string; since: number } | null>(null);

  useEffect(() => {
    const now = performance.now();
    const previous = current.current;
    if (previous?.id === screenId) return;
    if (previous) totals.current[previous.id] = (totals.current[previous.id] ?? 0) + (now - previous.since);
    current.current = { id: screenId, since: now };
  }, [screenId]);

  return useMemo(
    () => ({
      durations(): Record<string, number> {
        const result = { ...totals.current };
        if (current.current) {
          const { id, since } = current.current;
          result[id] = (result[id] ?? 0) + (performance.now() - since);
        }
        return result;
      },
    }),
    [],
  );
}
