import { DOSSIER_LINK_MODES, RESPONSE_CHANNELS } from './response-channel.ts';
import { COMMENT_THEME_IDS } from './comment-themes.ts';
import { z } from 'zod';
import { daysInRange, isLocalDay, TREND_GRANULARITIES } from './calendar.ts';
import { kioskSettingsSchema } from './kiosk-settings.ts';
import { isIanaTimeZone } from './local-day.ts';
import { textInput } from './text-input.ts';
import { idSchema } from './common-schemas.ts';
import { localeCodeSchema, localizedTextSchema, translationStatusSchema } from './questionnaire.ts';

/**
 * The managers' dashboard API (/api/v1/auth, /api/v1/reports, /api/v1/admin): request and reply shapes
 * shared by the server and the dashboard client. Types flow from the schemas.
 *
 * Conventions
 * - Sessions: POST /api/v1/auth/login sets the cookie `sipas_session` (HttpOnly; SameSite=Strict; Path=/;
 *   Secure over TLS). The browser sends it back by itself; the client never reads it.
 * - CSRF: every request other than GET/HEAD must carry the header `x-sipas-csrf: 1` (a custom header a
 *   cross-site form cannot send, and a cross-site fetch cannot send without a preflight we never grant), and
 *   an Origin header, when present, must be the server's own origin. Otherwise 403 `csrf-rejected`.
 * - Errors: `{ error: { code, message, field? } }`; 401 `unauthenticated` without a valid session,
 *   403 `forbidden` for a unit outside the account's subtree or a role that may not act, 400
 *   `invalid-request` naming `field`, 404 `not-found`, 409 `conflict`, 429 `rate-limited`.
 * - Sign-in failures (unknown user, wrong password, disabled, or locked after 5 failures for 15 minutes)
 *   all answer 401 `invalid-credentials` with the same message, so nothing is learnt about accounts.
 * - Staff reports always leave sub-units out (the reply's filters.includeSubunits says false).
 * - Local days are 'YYYY-MM-DD' in the unit's time zone, ranges inclusive. Indices are 0–100 at full
 *   precision (round only when shown: format.ts); null means "no answers" (shown as "—").
 * - Localized texts are { vi: '…', en?: '…' } as in questionnaires; the client picks with localize().
 */

// ─── Shared pieces ───────────────────────────────────────────────────────────────────────────────

export { CSRF_HEADER } from './csrf.ts';
export const SESSION_COOKIE = 'sipas_session';

export const localDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local day as YYYY-MM-DD')
  .refine(isLocalDay, 'not a day of the calendar');
export const roleSchema = z.enum(['admin', 'manager', 'staff']);
export type Role = z.infer<typeof roleSchema>;

export const intervalSchema = z.object({ low: z.number(), high: z.number() });
export const targetStandingSchema = z.enum(['meets', 'below', 'not-conclusive', 'no-data']);
export type TargetStandingValue = z.infer<typeof targetStandingSchema>;

// ─── Auth ────────────────────────────────────────────────────────────────────────────────────────

/** POST /api/v1/auth/login (needs the CSRF header too). Any failure answers 401 `invalid-credentials`. */
export const loginRequestSchema = z.object({
  username: textInput({ max: 64 }),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** The root of the subtree the account may read (all units for an admin whose unit is null). */
  unitId: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** Reply of login and of GET /api/v1/auth/session (401 when signed out). POST /api/v1/auth/logout → 204. */
export const sessionInfoSchema = z.object({
  user: sessionUserSchema,
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const loginReplySchema = sessionInfoSchema;
export type LoginReply = SessionInfo;

// ─── Units (readable by every signed-in account, limited to its subtree) ─────────────────────────

/** GET /api/v1/units: the units the account may read, as a flat list in tree order (parents first). */
export const unitNodeSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  name: localizedTextSchema,
  timeZone: z.string(),
  /** Set when merged into another unit: its history is reported under that unit. */
  mergedIntoId: z.string().nullable(),
  /** The questionnaire id its kiosks use in each mode; null inherits the parent's (the shipped default at the top). */
  fullQuestionnaireId: z.string().nullable().default(null),
  quickQuestionnaireId: z.string().nullable().default(null),
  /** Its electronic agency code (Decision 20/2020/QĐ-TTg), which the per-dossier export carries; null until an administrator sets it. */
  agencyCode: z.string().nullable().default(null),
  /** Which questionnaire its dossier links ask ('full' or 'quick'); null inherits (the full survey at the top). */
  dossierLinkMode: z.enum(DOSSIER_LINK_MODES).nullable().default(null),
});
export type UnitNode = z.infer<typeof unitNodeSchema>;

export const unitTreeReplySchema = z.object({
  /** The account's root unit(s): the whole tree's roots for an admin without unit. */
  rootIds: z.array(z.string()),
  units: z.array(unitNodeSchema),
  serviceFields: z.array(z.object({ id: z.string(), name: localizedTextSchema })),
  /** Procedures of the service fields, for the report filter. */
  procedures: z.array(z.object({ id: z.string(), serviceFieldId: z.string(), name: localizedTextSchema })).default([]),
  /** Published questionnaires, newest version first per id. */
  questionnaires: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      mode: z.enum(['full', 'quick']),
      title: localizedTextSchema,
      /** Each locale's translation status, so administrators see which await a native speaker's review. */
      locales: z.record(localeCodeSchema, translationStatusSchema),
      /** The method the version is scored by, with what it rests on and assumes. */
      method: z
        .object({
          id: z.string(),
          version: z.number(),
          name: localizedTextSchema,
          legalBasis: localizedTextSchema,
          notes: z.array(localizedTextSchema),
        })
        .optional(),
    }),
  ),
});
export type UnitTreeReply = z.infer<typeof unitTreeReplySchema>;

// ─── Reports ─────────────────────────────────────────────────────────────────────────────────────

const booleanParam = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

/**
 * Query of GET /api/v1/reports/summary, /reports/export.csv and /reports/export.xlsx.
 * Period presets (day, week, month, quarter, year) are computed by the client into from/to.
 */
export const reportQuerySchema = z
  .object({
    unitId: z.string().min(1).max(64),
    from: localDaySchema,
    to: localDaySchema,
    serviceFieldId: z.string().min(1).max(64).optional(),
    /** Only responses about this procedure (its service field is implied); the quick index is then not shown. */
    procedureId: z.string().min(1).max(64).optional(),
    /** Default: the unit's full-mode questionnaire (sipas). */
    questionnaireId: z.string().min(1).max(64).optional(),
    /** Default: the newest published version among those with answers in the period, else the newest. */
    version: z.coerce.number().int().min(1).optional(),
    /** The listed comments: only those with this theme (the theme counts always cover every comment). */
    commentTheme: z.enum(COMMENT_THEME_IDS).optional(),
    includeSubunits: booleanParam.default(true),
    /** false: every figure counts only responses without a stuffing flag (issue 7); the reply says how many were left out. */
    includeFlagged: booleanParam.default(true),
    /** Only responses that came by this channel (the counter's kiosk, or a dossier link); absent: every channel. */
    channel: z.enum(RESPONSE_CHANNELS).optional(),
    /**
     * Ranking: units with fewer criterion answers than this are listed unranked. Default: the scoring
     * method's minimum sample to rank (30 for every shipped method).
     */
    minimumSample: z.coerce.number().int().min(1).max(100_000).optional(),
    /**
     * The trend's points: by default weeks up to about three months and months beyond; `day` (or `week`
     * over a longer range) only on request and up to a year — the reply's `trend.granularity` says which.
     */
    trendBy: z.enum(TREND_GRANULARITIES).optional(),
    /** Locale of texts in exports; the summary returns LocalizedText everywhere. */
    locale: z.string().min(2).max(12).default('vi'),
  })
  .refine((query) => query.from <= query.to, { message: 'from is after to', path: ['from'] })
  .refine((query) => daysInRange(query.from, query.to) <= 3661, { message: 'at most ten years', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuerySchema>;
/** What the client puts in the URL (everything as text is fine). */
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

export const criterionReportSchema = z.object({
  id: z.string(),
  text: localizedTextSchema,
  /** Answers at any level; unanswered criteria excluded. */
  n: z.number(),
  satisfied: z.number(),
  index: z.number().nullable(),
  interval: intervalSchema.nullable(),
  /** Answers per level, level 1 first (five entries on the five-level scale). */
  levelCounts: z.array(z.number()),
  target: z.number(),
  gap: z.number().nullable(),
  /** Additional satisfied answers that reach the target; null when unreachable (100% target). */
  additionalNeeded: z.number().nullable(),
  standing: targetStandingSchema,
});
export type CriterionReport = z.infer<typeof criterionReportSchema>;

export const elementReportSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  index: z.number().nullable(),
  gap: z.number().nullable(),
  criteria: z.array(criterionReportSchema),
});
export type ElementReport = z.infer<typeof elementReportSchema>;

export const rankingRowSchema = z.object({
  unitId: z.string(),
  name: localizedTextSchema,
  /** Complete responses of the sub-unit's scope (itself, below it, merged into it). */
  responses: z.number(),
  /** The sample compared with the minimum sample: the complete responses, as provinces publish n. */
  n: z.number(),
  index: z.number().nullable(),
  rank: z.number().nullable(),
  /** 'quick-only': no SIPAS answers but quick ratings, listed with its quick index, not ranked with SIPAS. */
  reason: z.enum(['below-minimum-sample', 'quick-only', 'no-data']).nullable(),
  /** The quick-rating index of the sub-unit and its answers. */
  quickIndex: z.number().nullable().default(null),
  quickN: z.number().default(0),
  /** The rank in the previous comparable period, null when unranked then. */
  previousRank: z.number().nullable().default(null),
  /** Agencies and communes/wards, from the unit kind; null for other kinds. */
  block: z.enum(['agency', 'commune']).nullable().default(null),
  /** The rank within its block when the ranking has both blocks, else null. */
  blockRank: z.number().nullable().default(null),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const trendPointSchema = z.object({
  /** 'YYYY-MM' when granularity is month, 'YYYY-MM-DD' when day, the Monday 'YYYY-MM-DD' when week. */
  period: z.string(),
  /** The local days the point covers within the report's range (the first and last buckets may be cut). */
  from: z.string(),
  to: z.string(),
  responses: z.number(),
  index: z.number().nullable(),
  /** How many of the point's responses have comments of each theme, most first (as the report's `commentThemes`). */
  themes: z.array(z.object({ theme: z.enum(COMMENT_THEME_IDS), count: z.number() })).default([]),
});

/** The scoring method behind a report's figures (domain/scoring-method.ts), stated on every report and export. */
export const methodLabelSchema = z.object({ id: z.string(), version: z.number(), name: localizedTextSchema });

export const quickIndexSchema = z.object({
  questionnaireId: z.string(),
  title: localizedTextSchema,
  /** The counter rating's own method, never the SIPAS one. */
  method: methodLabelSchema,
  n: z.number(),
  satisfied: z.number(),
  index: z.number().nullable(),
  interval: intervalSchema.nullable(),
  /** Answers per level, level 1 (not satisfied) first. */
  levelCounts: z.array(z.number()),
  /** Against the same target as the SIPAS index, by the headline's rules (see overall.verdict). */
  verdict: targetStandingSchema.default('no-data'),
});

export const commentSchema = z.object({
  /** The response the comment belongs to: what a theme correction names. */
  responseId: z.string(),
  submittedAt: z.string(),
  localDay: localDaySchema,
  text: z.string(),
  unitId: z.string().default(''),
  unitName: localizedTextSchema.default({}),
  serviceFieldId: z.string().nullable().default(null),
  serviceFieldName: localizedTextSchema.nullable().default(null),
  counterId: z.string().nullable().default(null),
  /** At least one criterion answer of the response is below the scale's middle (report-headline.ts isDissatisfied). */
  dissatisfied: z.boolean().default(false),
  themes: z.array(z.enum(COMMENT_THEME_IDS)),
  /** A manager set these themes (the classifier's were corrected). */
  themesCorrected: z.boolean(),
});
export type ReportComment = z.infer<typeof commentSchema>;

/** PUT /api/v1/comments/:responseId/themes: a manager's themes for a response's comments (none is a valid answer). */
export const commentThemesCorrectionSchema = z.object({
  themes: z.array(z.enum(COMMENT_THEME_IDS)).max(COMMENT_THEME_IDS.length),
});
export type CommentThemesCorrection = z.infer<typeof commentThemesCorrectionSchema>;

export const commentThemesReplySchema = z.object({
  responseId: z.string(),
  themes: z.array(z.enum(COMMENT_THEME_IDS)),
  themesCorrected: z.literal(true),
});
export type CommentThemesReply = z.infer<typeof commentThemesReplySchema>;

const headlinePointSchema = z.object({
  /** 'YYYY-MM' for months, the Monday 'YYYY-MM-DD' for weeks. */
  period: z.string(),
  n: z.number(),
  index: z.number().nullable(),
  /**
   * The questionnaire version the point is scored with, by that version's own method: the report's where
   * the bucket has its answers, else the newest version that has answers there; null without answers.
   */
  version: z.number().nullable(),
});

/** What the report's first screen answers: are we above target, who drags us down, what people complain about. */
export const headlineSchema = z.object({
  /** Sub-units and criteria with fewer answers than this are not called the weakest. */
  minimumSample: z.number(),
  previous: z.object({
    period: z.object({ from: localDaySchema, to: localDaySchema }),
    index: z.number().nullable(),
    n: z.number(),
    verdict: targetStandingSchema,
    quickIndex: z.number().nullable(),
    /** The period has complete answers, but only of other questionnaire versions: a method apart, not compared. */
    otherVersionsOnly: z.boolean(),
  }),
  weakestUnits: z.array(z.object({ unitId: z.string(), name: localizedTextSchema, index: z.number(), n: z.number() })),
  weakestCriteria: z.array(z.object({ criterionId: z.string(), elementId: z.string(), text: localizedTextSchema, index: z.number(), n: z.number() })),
  /** Comments of dissatisfied responses, newest first, at most five. */
  complaints: z.array(commentSchema),
  /** The last twelve months (weeks for ranges shorter than a month) ending with the period, for a sparkline. */
  sparkline: z.object({
    granularity: z.enum(['month', 'week']),
    points: z.array(headlinePointSchema),
    /** The method of each version a point is scored with, so a change of method can be marked and named. */
    methods: z.array(z.object({ version: z.number(), method: methodLabelSchema })),
  }),
});
export type ReportHeadline = z.infer<typeof headlineSchema>;

export const reportReplySchema = z.object({
  unit: z.object({ id: z.string(), name: localizedTextSchema, timeZone: z.string() }),
  period: z.object({ from: localDaySchema, to: localDaySchema }),
  filters: z.object({
    serviceFieldId: z.string().nullable(),
    procedureId: z.string().nullable().default(null),
    includeSubunits: z.boolean(),
    /** The channel the figures keep to; null: every channel. */
    channel: z.enum(RESPONSE_CHANNELS).nullable().default(null),
  }),
  /**
   * Complete responses of the questionnaire version by channel (every channel, whatever the filter), the
   * report's channel mix: how many answers came from the counter's kiosks and how many through dossier links.
   */
  channels: z.array(z.object({ channel: z.enum(RESPONSE_CHANNELS), complete: z.number() })).default([]),
  questionnaire: z.object({
    id: z.string(),
    version: z.number(),
    title: localizedTextSchema,
    /** 'quick': a counter rating, reported as itself (one question, no elements of SIPAS). */
    mode: z.enum(['full', 'quick']).default('full'),
    /** Versions with answers in the period, for the version picker. */
    versionsWithAnswers: z.array(z.number()),
  }),
  /** The method every index of the reply was scored by; a report never mixes methods. */
  method: methodLabelSchema,
  /**
   * Complete responses of the questionnaire version; `incomplete` are stored but never counted.
   * `withDossierCode`: complete responses that carry a dossier code (the share a province can audit).
   */
  responses: z.object({ complete: z.number(), incomplete: z.number(), withDossierCode: z.number() }),
  /** The SIPAS index (mean of element indices). */
  overall: z.object({
    index: z.number().nullable(),
    target: z.number(),
    gap: z.number().nullable(),
    /** 'meets' when index ≥ target, else 'below'; 'no-data'. */
    standing: targetStandingSchema,
    /** The respondents behind the index: the complete responses. */
    n: z.number().default(0),
    /** 95% interval of the index read as a share of its n respondents (scoring.ts indexInterval). */
    interval: intervalSchema.nullable().default(null),
    /** Đạt / Chưa đạt / Chưa đủ kết luận: the interval against the target, not conclusive under the minimum sample. */
    verdict: targetStandingSchema.default('no-data'),
  }),
  headline: headlineSchema,
  elements: z.array(elementReportSchema),
  /** Criteria ids without answers: the means skip them; the report must say so. */
  criteriaWithoutAnswers: z.array(z.string()),
  quick: quickIndexSchema.nullable(),
  /** Direct sub-units (each with its own subtree), best first; empty when includeSubunits is false. */
  ranking: z.object({ minimumSample: z.number(), rows: z.array(rankingRowSchema) }),
  trend: z.object({ granularity: z.enum(TREND_GRANULARITIES), target: z.number(), points: z.array(trendPointSchema) }),
  /** Options of the questionnaire's multiple-choice "improvements" question, most chosen first. */
  improvements: z.array(z.object({ optionId: z.string(), text: localizedTextSchema, count: z.number() })),
  /**
   * Free-text comments, newest first, plain text (render as text, never HTML), at most 100, already
   * redacted when stored; each with its stored themes (found by the classifier at sync, or a manager's correction).
   */
  comments: z.array(commentSchema),
  commentsTruncated: z.boolean(),
  /** How many responses of the period have comments of each theme (all of them, not only those listed), most first; themes no comment has are left out. */
  commentThemes: z.array(z.object({ theme: z.enum(COMMENT_THEME_IDS), count: z.number() })),
  /**
   * Flagged responses of the same unit scope, period, questionnaire version and filters, whether or not
   * they were excluded. `count`: flagged complete responses. `byReason`: flagged responses per reason; a
   * response with two flags counts under each, so the reasons may add up to more than `count`.
   */
  flagged: z.object({ count: z.number(), byReason: z.array(z.object({ flag: z.string(), count: z.number() })) }),
  /** true when the figures above leave the flagged responses out (query includeFlagged=false). */
  flaggedExcluded: z.boolean(),
});
export type ReportReply = z.infer<typeof reportReplySchema>;

// ─── Admin (role admin only; every change is audited) ───────────────────────────────────────────

/**
 * An electronic agency code of Decision 20/2020/QĐ-TTg: groups of letters and digits joined by dots, as
 * 000.00.31.H12 (a department) or H12.22.10 (a commune). Upper case, as the one-stop systems print it.
 */
export const agencyCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(
    z
      .string()
      .max(40)
      .regex(/^[A-Z0-9]{1,4}(\.[A-Z0-9]{1,4}){1,5}$/, 'is not an agency code of Decision 20/2020/QĐ-TTg (e.g. 000.00.31.H12)'),
  );

/** POST /api/v1/admin/units → 201 UnitNode. */
export const createUnitSchema = z.object({
  id: idSchema,
  parentId: z.string().nullable(),
  kind: textInput({ max: 40 }),
  name: localizedTextSchema,
  timeZone: z.string().trim().min(1).max(64).refine(isIanaTimeZone, 'is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)').optional(),
  agencyCode: agencyCodeSchema.nullable().optional(),
});
export type CreateUnit = z.infer<typeof createUnitSchema>;
/** PATCH /api/v1/admin/units/:id (rename and/or move) → UnitNode. Moving under its own subtree → 409. */
export const updateUnitSchema = z.object({
  name: localizedTextSchema.optional(),
  parentId: z.string().nullable().optional(),
  kind: textInput({ max: 40 }).optional(),
  /** null removes it. */
  agencyCode: agencyCodeSchema.nullable().optional(),
});
/**
 * PUT /api/v1/admin/units/:id/questionnaires: the questionnaire id each kiosk mode uses in the unit and
 * below (its newest published version); null inherits the parent's, omitted leaves the mode as it is.
 */
export const unitQuestionnairesSchema = z
  .object({
    full: idSchema.nullable().optional(),
    quick: idSchema.nullable().optional(),
    /** Which of the two a dossier link asks (the citizen's own phone, after the result); null inherits. */
    dossierLink: z.enum(DOSSIER_LINK_MODES).nullable().optional(),
  })
  .strict();
export type UnitQuestionnaires = z.infer<typeof unitQuestionnairesSchema>;
/** POST /api/v1/admin/units/:id/merge: the unit is merged into `intoId`; its responses keep their unit. */
export const mergeUnitSchema = z.object({ intoId: z.string().min(1) });
/**
 * POST /api/v1/admin/units/import and /admin/service-fields/import: { csv } text with a header row.
 * Units: id,parent_id,kind,name_vi[,name_en][,name_km][,time_zone]; service fields: id,name_vi[,name_en][,name_km].
 * Rows with an existing id are renamed. Reply: { created, updated }.
 */
export const csvImportSchema = z.object({ csv: z.string().min(1).max(5_000_000) });
export const importReplySchema = z.object({ created: z.number(), updated: z.number() });

/** GET /api/v1/admin/counters?unitId= ; POST /api/v1/admin/counters (create or rename by id). */
export const counterSchema = z.object({ id: idSchema, unitId: z.string().min(1), name: localizedTextSchema });
export type CounterItem = z.infer<typeof counterSchema>;
/** GET/POST /api/v1/admin/service-fields (create or rename by id). */
export const serviceFieldSchema = z.object({ id: idSchema, name: localizedTextSchema });

/**
 * GET/POST /api/v1/admin/procedures (create, or rename and move by id); POST /admin/procedures/import with
 * columns id,service_field_id,name_vi[,name_en][,name_km]. The id is the procedure's code, e.g. "1.001193".
 */
export const procedureSchema = z.object({ id: idSchema, serviceFieldId: z.string().min(1).max(64), name: localizedTextSchema });
export type ProcedureItem = z.infer<typeof procedureSchema>;

/** GET /api/v1/admin/targets?unitId= ; PUT /api/v1/admin/targets (set one). */
export const targetSchema = z.object({
  unitId: z.string().min(1),
  questionnaireId: z.string().min(1).max(64),
  year: z.number().int().min(2000).max(2100),
  percent: z.number().min(0).max(100),
});
export type TargetItem = z.infer<typeof targetSchema>;

/** GET /api/v1/admin/accounts → { accounts: AccountItem[] }; POST creates; PATCH /:id changes. */
export const accountItemSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountItem = z.infer<typeof accountItemSchema>;
export const PASSWORD_MIN_LENGTH = 10;
const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(200);
export const createAccountSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'letters, digits, ".", "_" or "-"'),
  displayName: textInput({ max: 120 }),
  password: passwordSchema,
  role: roleSchema,
  /** Required for manager and staff; null for an admin of the whole tree. */
  unitId: z.string().min(1).nullable(),
});
export type CreateAccount = z.infer<typeof createAccountSchema>;
export const updateAccountSchema = z.object({
  displayName: textInput({ max: 120 }).optional(),
  role: roleSchema.optional(),
  unitId: z.string().min(1).nullable().optional(),
  /** Sets a new password, clears the lockout and ends the account's sessions. */
  password: passwordSchema.optional(),
  /** true disables (and ends sessions), false enables. */
  disabled: z.boolean().optional(),
});

/** POST /api/v1/admin/questionnaires: the questionnaire JSON (questionnaireSchema); version must be new → 201. */
export const publishQuestionnaireReplySchema = z.object({ id: z.string(), version: z.number(), publishedAt: z.string() });

/** GET/PUT /api/v1/admin/kiosk-settings/:unitId: the unit's own settings (null when it inherits). */
export const kioskSettingsReplySchema = z.object({ unitId: z.string(), settings: kioskSettingsSchema.nullable() });
export { kioskSettingsSchema };

/** GET /api/v1/admin/devices?unitId= (subtree) → { devices }. */
export const deviceItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  /** The counter of the unit's kiosk settings, when one is fixed; devices carry none themselves. */
  counterId: z.string().nullable(),
  name: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  highestIssued: z.number(),
  received: z.number(),
  missingCount: z.number(),
  missing: z.array(z.tuple([z.number(), z.number()])),
  pendingReported: z.number().nullable(),
  revokedAt: z.string().nullable(),
});
export type DeviceItem = z.infer<typeof deviceItemSchema>;
/** POST /api/v1/admin/enrolment-codes → 201 with the code (shown once), the kiosk link and its QR. */
export const enrolmentCodeRequestSchema = z.object({
  unitId: z.string().min(1),
  expiresInDays: z.number().int().min(1).max(60).optional(),
});
export const enrolmentCodeReplySchema = z.object({
  code: z.string(),
  unitId: z.string(),
  expiresAt: z.string(),
  kioskUrl: z.string(),
  /** An <svg> document; insert as an image (data URL) or text, never as HTML from elsewhere. */
  qrSvg: z.string(),
});
export type EnrolmentCodeReply = z.infer<typeof enrolmentCodeReplySchema>;
/** POST /api/v1/admin/devices/:id/revoke → 204. */

/**
 * GET /api/v1/admin/audit?limit=&before=&group=&actor= (before: an entry id, for paging; group: a kind of
 * action of AUDIT_ACTION_GROUPS in audit-sentences.ts; actor: as stored) → { entries }, newest first.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
