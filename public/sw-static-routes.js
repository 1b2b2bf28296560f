/**
 * Imported by the generated service worker (vite.config.ts, workbox.importScripts). Files under /assets/
 * carry their content hash in their name, so the copy in Cache Storage is always the right one: the
 * browser reads it straight from there, without running the worker's fetch handler for each of the
 * start-up scripts, stylesheet and fonts (issue 23). A file in no cache goes to the network, as the
 * worker's own CacheFirst route does. Browsers without static routing keep using the fetch handler.
 */
const HASHED_ASSETS_FROM_CACHE = {
  condition: { urlPattern: '/assets/*', requestMethod: 'GET' },
  source: 'cache',
};

self.addEventListener('install', (event) => {
  if (typeof event.addRoutes !== 'function') return;
  event.waitUntil(event.addRoutes([HASHED_ASSETS_FROM_CACHE]));
});
