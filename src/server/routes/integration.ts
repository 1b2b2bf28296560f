import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { tokenForLog, vietnamDayOf } from '../../domain/dossier-link.ts';
import {
  dossierLinkRequestSchema,
  dossierRatingQuerySchema,
  type DossierLinkRequest,
  type DossierRatingQuery,
} from '../../domain/dossier-links-api.ts';
import { parseCsvRecords } from '../admin/csv-import.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { findDossierRating, findMintedLink, knownProcedureCodes, recordMintedLinks } from '../db/dossier-links-repository.ts';
import type { Database } from '../db/schema.ts';
import { listUnits } from '../db/units-repository.ts';
import {
  callerOf,
  integrationCovers,
  integrationRateLimitKeyOf,
  onlyIntegrationKeys,
  type IntegrationCaller,
} from '../dossier-links/integration-auth.ts';
import { currentKeysOf, dossierLinkUrl, mintDossierLink, requireLinkKeysSecret, type CurrentKeyOf } from '../dossier-links/link-service.ts';
import { ApiFailure, formatIssuePath } from '../http/api-failure.ts';
import { problemOfLinkRequest } from '../dossier-links/link-requests.ts';
import { UnitRowTree } from '../db/unit-row-tree.ts';
import { publicOrigin } from './admin-devices.ts';
import { mintOneLink } from '../dossier-links/mint-one.ts';
import { limitRoutesOfPlugin, type RateLimitOptions } from './rate-limit.ts';
import { DomainError, Forbidden, NotFound, TooLarge } from '../errors.ts';

export interface IntegrationRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  rateLimit: RateLimitOptions;
  publicUrl?: string | undefined;
  linkKeysSecret?: Uint8Array | undefined;
}

/** A batch is a day's handovers of a large centre; more belongs in several requests. */
export const MAX_BATCH_ROWS = 2_000;
const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The one-stop systems' API (docs/dossier-links.md): mint a link for a completed dossier, one or a CSV
 * batch, and read a dossier's rating. Authenticated by an integration key scoped to units, rate-limited
 * per key, audited per request without any token.
 */
export const integrationRoutes: FastifyPluginAsync<IntegrationRoutesOptions> = async (app, options) => {
  await limitRoutesOfPlugin(app, options.rateLimit, integrationRateLimitKeyOf, { db: options.db, now: options.now, family: 'integration' });
  onlyIntegrationKeys(app, options.db, options.now);
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  await app.register(singleLinkRoutes, options);
  await app.register(batchLinkRoutes, options);
  await app.register(dossierRatingRoutes, options);
};

/**
 * The order a vendor is answered in: 401/403 (its key, on arrival), 503 (links not set up on this server),
 * then what it sent (400, 413, 415).
 */
function mintingRoute(linkKeysSecret: Uint8Array | undefined) {
  return { config: { integrationApi: true }, preValidation: async () => void requireLinkKeysSecret(linkKeysSecret) };
}

const singleLinkRoutes: FastifyPluginAsync<IntegrationRoutesOptions> = async (app, { db, now, publicUrl, linkKeysSecret }) => {
  const route = { ...mintingRoute(linkKeysSecret), schema: { body: dossierLinkRequestSchema } };
  app.post<{ Body: DossierLinkRequest }>('/api/v1/integration/dossiers', route, async (request, reply) => {
    const at = now();
    const caller = callerOf(request);
    const link = request.body;
    const minted = await mintOneLink(db, { origin: publicOrigin(publicUrl), sealingKey: requireLinkKeysSecret(linkKeysSecret), caller, link, at });
    await appendAudit(db, { at, actor: `integration:${caller.id}`, action: 'dossier-links.minted', detail: { unitIds: [link.unitId], count: 1 } });
    request.log.info({ integrationKeyId: caller.id, token: tokenForLog(minted.token) }, 'dossier link minted');
    return reply.code(201).send(minted);
  });
};

const batchLinkRoutes: FastifyPluginAsync<IntegrationRoutesOptions> = async (app, { db, now, publicUrl, linkKeysSecret }) => {
  /**
   * A CSV (header unit_id, dossier_code, procedure_code; optional issued_on, valid_days). Every valid row is
   * minted; each invalid one is answered with its line, field, code and reason, so the vendor fixes those.
   */
  app.post('/api/v1/integration/dossiers/batch', { ...mintingRoute(linkKeysSecret), bodyLimit: BATCH_BODY_LIMIT_BYTES }, async (request) => {
    const at = now();
    const caller = callerOf(request);
    const sealingKey = requireLinkKeysSecret(linkKeysSecret);
    if (typeof request.body !== 'string') throw new ApiFailure(415, 'unsupported-media-type', 'Send the CSV itself with "Content-Type: text/csv".');
    const records = parseCsvRecords(request.body, ['unit_id', 'dossier_code', 'procedure_code']);
    if (records.length > MAX_BATCH_ROWS)
      throw new TooLarge(`A batch holds at most ${MAX_BATCH_ROWS} rows; this one has ${records.length}.`, { code: 'batch-too-large', field: 'csv' });
    const tree = new UnitRowTree(await listUnits(db));
    const procedures = await knownProcedureCodes(
      db,
      records.map(({ values }) => values.procedure_code ?? ''),
    );
    const today = vietnamDayOf(at);
    const minted: { line: number; unitId: string; dossierCode: string; token: string; url: string; expiresOn: string }[] = [];
    const errors: { line: number; field: string; code: string; message: string }[] = [];
    const toRecord = [];
    const keyOf = currentKeysOf(db, sealingKey);
    for (const { line, values } of records) {
      const parsed = dossierLinkRequestSchema.safeParse({
        unitId: values.unit_id,
        dossierCode: values.dossier_code,
        procedureCode: values.procedure_code,
        ...(values.issued_on ? { issuedOn: values.issued_on } : {}),
        ...(values.valid_days ? { validDays: Number(values.valid_days) } : {}),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        errors.push({ line, field: issue ? formatIssuePath(issue.path) : 'row', code: 'invalid-request', message: issue?.message ?? 'invalid' });
        continue;
      }
      const problem = problemOfLinkRequest(caller, tree, procedures, parsed.data, today);
      if (problem) {
        errors.push({ line, field: problem.field, code: problem.code, message: problem.message });
        continue;
      }
      try {
        const link = await mint(publicUrl, caller, keyOf, parsed.data, at);
        minted.push({
          line,
          unitId: link.fields.unitId,
          dossierCode: link.fields.dossierCode,
          token: link.token,
          url: link.url,
          expiresOn: link.fields.expiresOn,
        });
        toRecord.push(link.record);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({ line, field: error.field ?? 'row', code: error.code, message: error.message });
      }
    }
    await recordMintedLinks(db, toRecord);
    await appendAudit(db, {
      at,
      actor: `integration:${caller.id}`,
      action: 'dossier-links.minted',
      detail: { unitIds: [...new Set(minted.map((link) => link.unitId))], count: minted.length, refusedRows: errors.length },
    });
    return { minted, errors };
  });
};

const dossierRatingRoutes: FastifyPluginAsync<IntegrationRoutesOptions> = async (app, { db }) => {
  const route = { config: { integrationApi: true }, schema: { querystring: dossierRatingQuerySchema } };
  /** The rating of a dossier this key may act for: rated or not, when, and nothing about who. */
  app.get<{ Querystring: DossierRatingQuery }>('/api/v1/integration/dossier-ratings', route, async (request) => {
    const caller = callerOf(request);
    const { unitId, dossierCode } = request.query;
    if (!integrationCovers(caller, new UnitRowTree(await listUnits(db)), unitId)) {
      throw new Forbidden(`unitId: this integration key does not act for the unit "${unitId}"`, { code: 'unit-out-of-scope', field: 'unitId' });
    }
    const rating = await findDossierRating(db, unitId, dossierCode);
    const link = rating ? undefined : await findMintedLink(db, unitId, dossierCode);
    if (!rating && !link) throw new NotFound('No link was minted for this dossier through the API and it has no rating.');
    return rating
      ? { unitId, dossierCode, rated: true, ratedAt: rating.rated_at, procedureCode: rating.procedure_code, responseId: rating.response_id }
      : { unitId, dossierCode, rated: false };
  });
};

/** Signs one link and builds what the reply, the minted-links table and the audit need of it. */
async function mint(publicUrl: string | undefined, caller: IntegrationCaller, keyOf: CurrentKeyOf, link: DossierLinkRequest, at: Date) {
  const { token, fields } = await mintDossierLink(keyOf, link, at);
  return { token, fields, url: dossierLinkUrl(publicOrigin(publicUrl), token), record: { ...fields, integrationKeyId: caller.id, at } };
}
