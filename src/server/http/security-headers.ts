import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (the PWA, the dashboard, the service worker, the API), by
 * @fastify/helmet. The Content-Security-Policy is what the built app needs and no more:
 * - scripts only from this origin (the build has no inline script; the service worker is registered from
 *   a bundled module), plus 'wasm-unsafe-eval' for the QR camera's WebAssembly decoder (self-hosted);
 * - style attributes are allowed ('unsafe-inline' for styles only): React style props and uPlot set them;
 * - images, audio and fonts from this origin and data: (QR codes, recordings in the questionnaire);
 * - framed only by a page of this origin (frame-ancestors 'self': the questionnaire editor frames the
 *   kiosk's preview), so no other site can frame it; no plugins, forms and <base> to this origin only.
 * No upgrade-insecure-requests: a LAN install may serve plain http, where it would break every request.
 * HSTS only when the request came over TLS (directly, or from a trusted proxy's X-Forwarded-Proto), or
 * when HSTS=true says the server is only ever reached over https.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** On the root instance (not as an encapsulated plugin), so every route and the 404 answer get them. */
export function addSecurityHeaders(app: FastifyInstance, options: { alwaysHsts: boolean }): void {
  app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (options.alwaysHsts || request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
    return payload;
  });
}
