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
