import { z } from 'zod';
import { textInput } from './text-input.ts';
import { deviceIdSchema, utcTimestampSchema } from './response.ts';

/** Sync protocol v1 (architecture.md). Records are validated one by one, so the batch holds them loosely. */
export const MAX_BATCH_SIZE = 500;

export const responseBatchSchema = z.object({
  /** The device clock when the batch was sent; the server derives the clock skew from it. */
  deviceTime: utcTimestampSchema,
  /** The highest sequence number the device has issued, so a gap at the end is visible too. */
  highestIssuedSequence: z.number().int().min(0),
  /** Records still pending on the device (reported for administrators). */
  pendingCount: z.number().int().min(0).optional(),
  responses: z.array(z.unknown()).max(MAX_BATCH_SIZE),
});
export type ResponseBatch = z.infer<typeof responseBatchSchema>;

export const rejectionCodeSchema = z.enum([
  'invalid-record',
  'unknown-questionnaire',
  'invalid-answer',
  'wrong-unit',
  'wrong-device',
  'unknown-counter',
  'unknown-service-field',
  'unknown-procedure',
  'conflicting-id',
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const recordResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('accepted') }),
  z.object({ id: z.string(), status: z.literal('duplicate') }),
  z.object({
    /** The record's id, or `#<index>` when the record had no readable id. */
    id: z.string(),
    status: z.literal('rejected'),
    code: rejectionCodeSchema,
    message: z.string(),
  }),
]);
export type RecordResult = z.infer<typeof recordResultSchema>;

export const batchReplySchema = z.object({
  results: z.array(recordResultSchema),
  serverTime: utcTimestampSchema,
  ledger: z.object({
    /** Every sequence number from 1 to this one has reached the server. */
    highestContiguousSequence: z.number().int().min(0),
    receivedCount: z.number().int().min(0),
    /** Missing sequence numbers as inclusive ranges, oldest first. */
    missing: z.array(z.tuple([z.number().int().min(1), z.number().int().min(1)])),
  }),
});
export type BatchReply = z.infer<typeof batchReplySchema>;

export const enrolmentRequestSchema = z.object({
  code: z.string().trim().min(4).max(64),
  deviceId: deviceIdSchema,
  deviceName: textInput({ max: 120 }).optional(),
});
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

export const enrolmentReplySchema = z.object({
  deviceId: z.string(),
  token: z.string().min(43),
  unitId: z.string(),
});
export type EnrolmentReply = z.infer<typeof enrolmentReplySchema>;

/** The error body every API route answers with. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
