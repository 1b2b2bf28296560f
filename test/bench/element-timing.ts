import type { CDPSession } from 'playwright-core';

/**
 * What the browser benchmarks measure in the page itself: when an element carrying an Element Timing
 * identifier was first painted, and what scripts came before it.
 */

/**
 * Page-side source of `elementPainted(identifier, what)`: resolves with the paint time (ms from navigation
 * start) of the element carrying the identifier, or fails after 60 s naming `what`. Spliced into the
 * expressions a benchmark evaluates in the page.
 */
export const ELEMENT_PAINTED_SOURCE = `function elementPainted(identifier, what) {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('no ' + what + ' painted within 60 s')), 60000);
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntries().find((candidate) => candidate.identifier === identifier);
      if (!entry) return;
      observer.disconnect();
      clearTimeout(timeout);
      resolve(entry.renderTime || entry.loadTime);
    }).observe({ type: 'element', buffered: true });
  });
}`;

/**
 * Evaluates `expression` (which may await) in the page over CDP rather than page.evaluate, which would first
 * inject Playwright's own script into the throttled main thread in the middle of the load being measured.
 */
export async function evaluateInPage<Value>(cdp: CDPSession, expression: string, url: string): Promise<Value> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`reading the timings of ${url} failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as Value;
}
