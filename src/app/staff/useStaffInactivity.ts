import { useEffect, useRef } from 'react';

/** Two minutes: long enough to read a report, short enough that a forgotten staff view closes itself. */
export const STAFF_INACTIVITY_MS = 2 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/** Calls `onInactive` once nobody has touched the tablet for `timeoutMs`. */
export function useStaffInactivity(onInactive: () => void, timeoutMs = STAFF_INACTIVITY_MS): void {
  const callback = useRef(onInactive);
  useEffect(() => {
    callback.current = onInactive;
  }, [onInactive]);
  useEffect(() => {
    let timer = window.setTimeout(() => callback.current(), timeoutMs);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => callback.current(), timeoutMs);
    };
    for (const event of ACTIVITY_EVENTS) document.addEventListener(event, restart, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of ACTIVITY_EVENTS) document.removeEventListener(event, restart, { capture: true });
    };
  }, [timeoutMs]);
}
