import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type DossierLinkRefusal, MAX_DOSSIER_LINK_TOKEN_LENGTH } from '../../domain/dossier-link.ts';
import { findDossierRating, findProcedureName } from '../db/dossier-links-repository.ts';
import type { Database } from '../db/schema.ts';
import { kioskSettingsOfUnit, parseLocalizedText } from '../db/units-repository.ts';
import type { QuestionnaireCatalog } from '../db/questionnaires-repository.ts';
import { DEFAULT_KIOSK_SETTINGS } from '../../domain/kiosk-settings.ts';
import { dossierRatingSubmissionSchema, type DossierRatingSubmission } from '../../domain/dossier-links-api.ts';
import { linkQuestionnaireOf, storeDossierRating } from '../dossier-links/dossier-ratings.ts';
import { requireLinkKeysSecret, verifyStoredDossierLink } from '../dossier-links/link-service.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { limitRoutesOfPlugin, type RateLimitOptions } from './rate-limit.ts';

export interface DossierLinkRoutesOptions {
  db: Kysely<Database>;
  catalog: QuestionnaireCatalog;
  now: () => Date;
  rateLimit: RateLimitOptions;
  linkKeysSecret?: Uint8Array | undefined;
}

const tokenParams = z.object({ token: z.string().min(1).max(MAX_DOSSIER_LINK_TOKEN_LENGTH) });

/** Sendings of one link's rating: a citizen's resends after dropped connections fit many times over. */
export const RATINGS_PER_TOKEN: RateLimitOptions = { max: 10, timeWindowMs: 10 * 60_000 };

/**
 * What the citizen's page is told when a link does not hold. The codes are for the page to say it in the
 * citizen's language; one "not valid" covers forged and altered links, so the answer teaches a forger
 * nothing about which part was wrong.
 */
const REFUSALS: Record<DossierLinkRefusal, { status: number; code: string; message: string }> = {
  malformed: { status: 404, code: 'dossier-link-invalid', message: 'This link is not valid: it may have been cut off or changed.' },
  'unknown-version': { status: 404, code: 'dossier-link-invalid', message: 'This link is not valid: it may have been cut off or changed.' },
  forged: { status: 404, code: 'dossier-link-invalid', message: 'This link is not valid: it may have been cut off or changed.' },
  'issued-after-rotation': { status: 404, code: 'dossier-link-invalid', message: 'This link is not valid: it may have been cut off or changed.' },
  'key-revoked': { status: 410, code: 'dossier-link-revoked', message: 'This link has been withdrawn by the unit and can no longer be used.' },
  expired: { status: 410, code: 'dossier-link-expired', message: 'This link has expired: the time to rate this dossier is over.' },
};

/** The citizen's page: what a link is about and which questions it asks (stores nothing, sets no cookie), and the rating. */
export const dossierLinkRoutes: FastifyPluginAsync<DossierLinkRoutesOptions> = async (app, { db, catalog, now, rateLimit, linkKeysSecret }) => {
  // By address: a person opens a link a few times; trying tokens needs thousands of requests.
  await limitRoutesOfPlugin(app, rateLimit, (request: FastifyRequest) => request.ip, { db, now, family: 'dossier-link' });

  /** The link's fields, or the refusal the page says in the citizen's language. */
  const verifiedFields = async (token: string) => {
    const verdict = await verifyStoredDossierLink(db, requireLinkKeysSecret(linkKeysSecret), token, now());
    if (!verdict.ok) {
      const refusal = REFUSALS[verdict.reason];
      throw new ApiFailure(refusal.status, refusal.code, refusal.message);
    }
    return verdict.fields;
  };

  // 503 (no sealing secret configured) before a malformed token's 400: the page then says "try later", not "bad link".
  const requireSecret = async () => void requireLinkKeysSecret(linkKeysSecret);
  app.get<{ Params: z.infer<typeof tokenParams> }>(
    '/api/v1/dossier-links/:token',
    { preValidation: requireSecret, schema: { params: tokenParams } },
    async (request, reply) => {
      const fields = await verifiedFields(request.params.token);
      const [{ unit, mode, questionnaire }, procedureName, rating, settings] = await Promise.all([
        linkQuestionnaireOf(db, catalog, fields.unitId),
        findProcedureName(db, fields.procedureCode),
        findDossierRating(db, fields.unitId, fields.dossierCode),
        kioskSettingsOfUnit(db, fields.unitId),
      ]);
      reply.header('cache-control', 'no-store');
      return {
        unit: { id: unit.id, name: parseLocalizedText(unit.name) },
        procedure: { code: fields.procedureCode, name: procedureName === undefined ? null : parseLocalizedText(procedureName) },
        dossierCode: fields.dossierCode,
        issuedOn: fields.issuedOn,
        expiresOn: fields.expiresOn,
        rated: rating !== undefined,
        mode,
        languages: (settings ?? DEFAULT_KIOSK_SETTINGS).languages,
        questionnaire,
      };
    },
  );

  // By token too: one dossier is rated once, so a link sending more than a few times is someone else's script.
  await app.register(async (ratings) => {
    await limitRoutesOfPlugin(ratings, RATINGS_PER_TOKEN, (request) => (request.params as { token?: string }).token ?? '', {
      db,
      now,
      family: 'dossier-rating',
    });
    ratings.post<{ Params: z.infer<typeof tokenParams>; Body: DossierRatingSubmission }>(
      '/api/v1/dossier-links/:token/rating',
      { preValidation: requireSecret, schema: { params: tokenParams, body: dossierRatingSubmissionSchema } },
      async (request, reply) => {
        const fields = await verifiedFields(request.params.token);
        const stored = await storeDossierRating(db, catalog, { fields, submission: request.body, receivedAt: now() });
        reply.header('cache-control', 'no-store');
        return reply.code(stored.status === 'stored' ? 201 : 200).send(stored);
      },
    );
  });
};
