import { z } from 'zod';
import { MAX_DOSSIER_LINK_DAYS } from './dossier-link.ts';
import { localeCodeSchema } from './questionnaire.ts';
import { responseIdSchema, utcTimestampSchema } from './response.ts';
import { textInput } from './text-input.ts';

/** The contract of the dossier-link routes (issue 21): administrators' keys, the integration API, the public page. */

const id = (max: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${max - 1}}$`), `letters, digits, ".", "_" or "-", at most ${max} characters`);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** POST /api/v1/admin/dossier-signing-keys: a new current key for the unit (the previous one is rotated). */
export const signingKeyRequestSchema = z.object({ unitId: id(64) });

/** POST /api/v1/admin/integration-keys. */
export const integrationKeyRequestSchema = z.object({
  vendor: textInput({ max: 120 }),
  unitIds: z.array(id(64)).min(1).max(500),
});

/** POST /api/v1/integration/dossiers: a completed dossier whose result is being handed over. */
export const dossierLinkRequestSchema = z.object({
  unitId: id(64),
  /** As printed on the receipt (normalised to NFC and trimmed, as every typed text is). */
  dossierCode: textInput({ max: 64 }),
  procedureCode: id(32),
  /** The day the result is handed over; today in Việt Nam when left out. */
  issuedOn: day.optional(),
  validDays: z.number().int().min(1).max(MAX_DOSSIER_LINK_DAYS).optional(),
});
export type DossierLinkRequest = z.infer<typeof dossierLinkRequestSchema>;

/**
 * POST /api/v1/dossier-links/:token/rating: the citizen's answers. The id is made on the phone when the
 * rating starts, so the same answers sent again (a dropped connection, a double tap) are recognised.
 * The answers themselves are checked as a kiosk's are (domain/response.ts) against the questionnaire.
 */
export const dossierRatingSubmissionSchema = z.object({
  id: responseIdSchema,
  questionnaireId: id(64),
  questionnaireVersion: z.number().int().min(1),
  locale: localeCodeSchema,
  startedAt: utcTimestampSchema,
  answers: z.record(z.string(), z.unknown()),
  screenDurationsMs: z.record(z.string().min(1).max(64), z.number().int().min(0).max(86_400_000)).default({}),
});
export type DossierRatingSubmission = z.infer<typeof dossierRatingSubmissionSchema>;

/** GET /api/v1/integration/dossier-ratings?unitId=&dossierCode= */
export const dossierRatingQuerySchema = z.object({ unitId: id(64), dossierCode: textInput({ max: 64 }) });
export type DossierRatingQuery = z.infer<typeof dossierRatingQuerySchema>;

/** GET /api/v1/admin/dossier-signing-keys: a unit's keys, never a secret. */
export const signingKeyItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Set once a newer key replaced it; it still verifies links issued up to lastIssueDay. */
  rotatedAt: z.string().nullable(),
  lastIssueDay: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type SigningKeyItem = z.infer<typeof signingKeyItemSchema>;

/** POST /api/v1/admin/dossier-signing-keys → 201: the secret, shown this once. */
export const signingKeyCreatedSchema = z.object({ keyId: z.string(), unitId: z.string(), secret: z.string(), rotated: z.array(z.string()) });
export type SigningKeyCreated = z.infer<typeof signingKeyCreatedSchema>;

/** GET /api/v1/admin/integration-keys: the vendors' keys, never a key itself. */
export const integrationKeyItemSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  unitIds: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type IntegrationKeyItem = z.infer<typeof integrationKeyItemSchema>;

/** POST /api/v1/admin/integration-keys → 201: the key, shown this once. */
export const integrationKeyCreatedSchema = z.object({ id: z.string(), vendor: z.string(), unitIds: z.array(z.string()), key: z.string() });
export type IntegrationKeyCreated = z.infer<typeof integrationKeyCreatedSchema>;

/** POST /api/v1/integration/dossiers and /api/v1/admin/dossier-links → 201: the link, its token and its QR code. */
export const mintedDossierLinkSchema = z.object({
  keyId: z.string(),
  unitId: z.string(),
  dossierCode: z.string(),
  procedureCode: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  token: z.string(),
  url: z.string(),
  qrSvg: z.string(),
  qrPngBase64: z.string(),
});
export type MintedDossierLink = z.infer<typeof mintedDossierLinkSchema>;
