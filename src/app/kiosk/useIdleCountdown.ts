import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

interface IdleCountdownOptions {
  active: boolean;
  idleSeconds: number;
  countdownSeconds: number;
  onExpire: () => void;
}

/**
 * After `idleSeconds` without a touch, asks "are you still there?" with a visible countdown, then calls
 * `onExpire`, so a walk-away never leaves answers on screen for the next person.
 */
export function useIdleCountdown({ active, idleSeconds, countdownSeconds, onExpire }: IdleCountdownOptions) {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const lastActivity = useRef(0);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  const stillHere = useCallback(() => {
    lastActivity.current = Date.now();
    setSecondsLeft(null);
  }, []);

  useEffect(() => {
    if (!active) return;
    lastActivity.current = Date.now();
    const markActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, markActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const idleMs = Date.now() - lastActivity.current;
      const countdownStartMs = idleSeconds * 1000;
      if (idleMs < countdownStartMs) {
        setSecondsLeft(null);
        return;
      }
      const left = Math.ceil(countdownSeconds - (idleMs - countdownStartMs) / 1000);
      if (left <= 0) {
        window.clearInterval(timer);
        setSecondsLeft(null);
        expire.current();
      } else {
        setSecondsLeft(left);
      }
    }, 250);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, markActivity, { capture: true });
    };
  }, [active, idleSeconds, countdownSeconds]);

  return { secondsLeft: active ? secondsLeft : null, stillHere };
}
