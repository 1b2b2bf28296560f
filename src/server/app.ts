import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { MAX_DOSSIER_LINK_TOKEN_LENGTH } from '../domain/dossier-link.ts';
import { QuestionnaireCatalog } from './db/questionnaires-repository.ts';
import type { Database } from './db/schema.ts';
import { guardPeopleApi } from './auth/access.ts';
import { answerFrameworkError, useApiConventions } from './http/api-failure.ts';
import { ServerLifecycle } from './http/lifecycle.ts';
import { cutOffSlowBodies, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_TIMEOUTS, type ServerTimeouts } from './http/limits.ts';
import { echoRequestId, requestIdOf } from './http/logging.ts';
import { registerMetrics } from './http/metrics.ts';
import { servePwa } from './http/pwa-static.ts';
import { addSecurityHeaders } from './http/security-headers.ts';
import { refuseControlCharacters } from './http/text-guard.ts';
import { AlertEngine } from './alerts/alert-engine.ts';
import { alertOutboxWriter } from './alerts/alert-outbox.ts';
import { DeliveryWorker, type DeliverySettings } from './alerts/delivery-worker.ts';
import { DigestScheduler } from './alerts/digest-scheduler.ts';
import { adminRoutes } from './routes/admin.ts';
import { alertDeliveryRoutes } from './routes/alert-deliveries.ts';
import { alertRoutes } from './routes/alerts.ts';
import { authRoutes } from './routes/auth.ts';
import { enrolmentRoutes } from './routes/enrolment.ts';
import { healthRoutes } from './routes/health.ts';
import { DEFAULT_LOGIN_RATE_LIMIT, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './routes/rate-limit.ts';
import { reportRoutes } from './routes/reports.ts';
import { dossierExportRoutes } from './routes/dossier-export.ts';
import { commentThemeRoutes } from './routes/comment-themes.ts';
import { syncRoutes } from './routes/sync.ts';
import { dossierLinkRoutes } from './routes/dossier-links.ts';
import { integrationRoutes } from './routes/integration.ts';

export interface BuildAppOptions {
  /** A migrated database (see prepareDatabase); the app never changes the schema itself. */
  db: Kysely<Database>;
  logger?: FastifyServerOptions['logger'];
  /** Per device token (sync) and per address (enrolment). */
  rateLimit?: RateLimitOptions;
  /** Dashboard login attempts per address. */
  loginRateLimit?: RateLimitOptions;
  /** The origin kiosk links (enrolment QR codes) point to (PUBLIC_URL); without one, no link is made. */
  publicUrl?: string;
  /**
   * A demo server (SEED_DEMO, not in production): the demo accounts' published password signs in.
   * Default false: that password is refused on every account.
   */
  demo?: boolean;
  /** The built PWA; null serves the API only. Default dist/. */
  staticDir?: string | null;
  /** The server clock; tests pin it to check skew correction and expiry. */
  now?: () => Date;
  /**
   * The reverse proxies (addresses or CIDR networks, see parseTrustedProxies) whose X-Forwarded-For and
   * X-Forwarded-Proto are believed, for per-address rate limits and Secure cookies. None by default: a
   * header from anyone else is ignored, or anyone could claim any address.
   */
  trustedProxies?: readonly string[];
  /** Send HSTS on every answer (HSTS=true: the server is only reached over https), not only on TLS requests. */
  alwaysHsts?: boolean;
  /** Request, idle and keep-alive timeouts of the listening server; tests shorten them. */
  timeouts?: ServerTimeouts;
  /** Shared with the shutdown in main.ts: readiness answers 503 once it begins. */
  lifecycle?: ServerLifecycle;
  /** Bearer token for GET /metrics; without it only direct loopback clients may read them. */
  metricsToken?: string;
  /** The SMTP relay and the webhook alerts and digests go out through; none: only the inbox. */
  delivery?: DeliverySettings;
  /** LINK_KEYS_SECRET (32 bytes): seals dossier-link signing keys; without it the dossier-link routes answer 503. */
  linkKeysSecret?: Uint8Array;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Alert rules' evaluation: after each committed sync batch, and on the timer main.ts starts. */
    alerts: AlertEngine;
    /** Sends the delivery outbox; main.ts starts its timer. */
    deliveries: DeliveryWorker;
    /** Puts due digests into the outbox; main.ts starts its timer. */
    digests: DigestScheduler;
  }
}

export const DEFAULT_STATIC_DIR = 'dist';

/** The whole HTTP server as one Fastify instance, testable with inject() and no port. */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    frameworkErrors: answerFrameworkError,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { connectionsCheckingInterval: timeouts.checkIntervalMs },
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    requestIdHeader: false,
    // A dossier link's token is a path parameter of up to 512 characters (the router's default is 100).
    routerOptions: { maxParamLength: MAX_DOSSIER_LINK_TOKEN_LENGTH },
    genReqId: requestIdOf,
  });
  const now = options.now ?? (() => new Date());
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const catalog = new QuestionnaireCatalog(options.db);
  const delivery = options.delivery ?? { smtp: null, webhook: null };
  const alerts = new AlertEngine({ db: options.db, catalog, now, log: app.log, onOpened: alertOutboxWriter({ publicUrl: options.publicUrl, now }) });
  const deliveries = new DeliveryWorker({ db: options.db, now, settings: delivery, log: app.log });
  app.decorate('alerts', alerts);
  const digests = new DigestScheduler({ db: options.db, catalog, now, publicUrl: options.publicUrl, log: app.log });
  app.decorate('deliveries', deliveries);
  app.decorate('digests', digests);
  app.addHook('onClose', async () => {
    alerts.stopTimer();
    await alerts.idle();
    await digests.stop();
    await deliveries.stop();
    deliveries.close();
  });

  useApiConventions(app);
  addSecurityHeaders(app, { alwaysHsts: options.alwaysHsts ?? false });
  cutOffSlowBodies(app, timeouts.requestMs);
  guardPeopleApi(app);
  refuseControlCharacters(app);
  echoRequestId(app);
  registerMetrics(app, { db: options.db, now, token: options.metricsToken });
  app.register(healthRoutes, { db: options.db, now, lifecycle: options.lifecycle ?? new ServerLifecycle() });
  app.register(enrolmentRoutes, { db: options.db, now, rateLimit });
  app.register(syncRoutes, { db: options.db, catalog, now, rateLimit, alerts });
  app.register(authRoutes, {
    db: options.db,
    now,
    loginRateLimit: options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
    demoPasswordAllowed: options.demo ?? false,
  });
  app.register(reportRoutes, { db: options.db, catalog, now });
  app.register(dossierExportRoutes, { db: options.db, catalog, now });
  app.register(commentThemeRoutes, { db: options.db, catalog, now });
  app.register(alertRoutes, { db: options.db, now });
  app.register(alertDeliveryRoutes, { db: options.db, now, channels: { email: delivery.smtp !== null, webhook: delivery.webhook !== null } });
  app.register(adminRoutes, { db: options.db, catalog, now, publicUrl: options.publicUrl, linkKeysSecret: options.linkKeysSecret });
  app.register(integrationRoutes, { db: options.db, now, rateLimit, publicUrl: options.publicUrl, linkKeysSecret: options.linkKeysSecret });
  app.register(dossierLinkRoutes, { db: options.db, catalog, now, rateLimit, linkKeysSecret: options.linkKeysSecret });
  servePwa(app, options.staticDir === undefined ? DEFAULT_STATIC_DIR : options.staticDir);
  return app;
}
