import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import type { Database } from '../db/schema.ts';
import { onlyAdministrators } from '../auth/access.ts';
import { adminAccountRoutes } from './admin-accounts.ts';
import { adminConfigRoutes } from './admin-config.ts';
import { adminDraftRoutes } from './admin-drafts.ts';
import { adminDeviceRoutes } from './admin-devices.ts';
import { adminFlagRoutes } from './admin-flags.ts';
import { adminUnitRoutes } from './admin-units.ts';
import { adminCatalogRoutes, adminCounterRoutes } from './admin-catalog.ts';
import { adminDossierLinkRoutes } from './admin-dossier-links.ts';

export interface AdminRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
  publicUrl?: string | undefined;
  /** LINK_KEYS_SECRET: seals dossier-link signing keys; without it those routes answer 503. */
  linkKeysSecret?: Uint8Array | undefined;
}

/** /api/v1/admin/…: administrators only (403 for managers and staff, 401 without a session). */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  onlyAdministrators(app, options.db, options.now);
  await app.register(adminUnitRoutes, options);
  await app.register(adminCatalogRoutes, options);
  await app.register(adminCounterRoutes, options);
  await app.register(adminAccountRoutes, options);
  await app.register(adminConfigRoutes, options);
  await app.register(adminDraftRoutes, options);
  await app.register(adminDeviceRoutes, options);
  await app.register(adminFlagRoutes, options);
  await app.register(adminDossierLinkRoutes, options);
};
