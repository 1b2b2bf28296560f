import { z } from 'zod';
import type { FlagThresholds } from './stuffing-flags.ts';

/** Thresholds an administrator may set per unit; bounds keep every rule meaningful. */
export const flagThresholdsSchema = z.object({
  burst: z.object({
    count: z.number().int().min(2).max(1000),
    withinSeconds: z.number().int().min(1).max(86_400),
  }),
  tooFastSeconds: z.number().int().min(0).max(3600),
  repeatedPatternTimes: z.number().int().min(2).max(1000),
  clockSkewMinutes: z.number().int().min(1).max(100_000),
}) satisfies z.ZodType<FlagThresholds>;

export const flagThresholdsReplySchema = z.object({
  unitId: z.string(),
  thresholds: flagThresholdsSchema,
  /** The unit whose setting is in force (this one, an ancestor) or null for the product defaults. */
  inheritedFrom: z.string().nullable(),
});
export type FlagThresholdsReply = z.infer<typeof flagThresholdsReplySchema>;
