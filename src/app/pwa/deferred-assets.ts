/**
 * The service worker precaches at install only what the kiosk needs to take a survey offline. The assets
 * of the dashboard, the staff view (its XLSX export included) and the camera's QR decoder are listed by
 * the build in DEFERRED_ASSETS_LIST and cached here once the kiosk is ready, so on a first visit they never
 * compete with the kiosk for a slow link. The service worker answers them from DEFERRED_ASSETS_CACHE
 * (vite.config.ts, runtimeCaching) and fetches any that are not there yet.
 */

export const DEFERRED_ASSETS_CACHE = 'sipas-deferred-assets';
/** Written by the build (vite.config.ts, deferPrecacheOfOptionalFaces) at the root of dist/. */
export const DEFERRED_ASSETS_LIST = 'precache-deferred.json';

function isListOfPaths(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/**
 * Caches every deferred asset of this build that is not cached yet, one at a time, and drops those of
 * earlier builds. A failure (the network went away) leaves what is cached; the next call goes on.
 */
export async function cacheDeferredAssets(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const reply = await fetch(`/${DEFERRED_ASSETS_LIST}`, { cache: 'no-cache' });
  if (!reply.ok) return;
  const listed: unknown = await reply.json();
  if (!isListOfPaths(listed)) throw new Error(`${DEFERRED_ASSETS_LIST} is not a list of paths`);
  const wanted = new Set(listed.map((path) => new URL(path, window.location.origin).href));
  const cache = await caches.open(DEFERRED_ASSETS_CACHE);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
  for (const url of wanted) {
    if (!(await cache.match(url))) await cache.add(url);
  }
}

/** Caches the deferred assets now, and again when the network comes back if this attempt fails. */
export function cacheDeferredAssetsWhenReady(onError: (error: unknown) => void): void {
  cacheDeferredAssets().catch((error: unknown) => {
    if (navigator.onLine) onError(error);
    window.addEventListener('online', () => cacheDeferredAssetsWhenReady(onError), { once: true });
  });
}
