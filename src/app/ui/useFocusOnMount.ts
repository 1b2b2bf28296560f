import { useEffect, useRef } from 'react';

/**
 * A ref that focuses its element when the component mounts, every time it mounts. `autoFocus` does not:
 * Preact (vite.config.ts) leaves it to the browser, which focuses only the first autofocus element a page
 * ever inserts, so a dialog shown again on a long-running kiosk would open unfocused.
 */
export function useFocusOnMount<Element extends HTMLElement>() {
  const ref = useRef<Element>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
