import { deviceConfigSchema, type DeviceConfig } from '../../domain/device-config.ts';
import { batchReplySchema, enrolmentReplySchema, type BatchReply, type EnrolmentReply, type ResponseBatch } from '../../domain/sync-protocol.ts';
import { readReply, requestJson, send } from '../http/request.ts';

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * The kiosk's client of the sync API: the device's bearer token, a timeout (a tablet on a weak network
 * must not wait forever) and the configuration's ETag. Failures are the app's ApiError (http/api-error.ts).
 */
export function createApiClient({ baseUrl = '', fetch, timeoutMs = 30_000 }: ApiClientOptions = {}) {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    async enrol(body: { code: string; deviceId: string; deviceName?: string }): Promise<EnrolmentReply> {
      return requestJson({ method: 'POST', url: `${baseUrl}/api/v1/devices/enrol`, body, fetch, timeoutMs, schema: enrolmentReplySchema });
    },
    /** `null` when the server says the copy we hold (by ETag) is current. */
    async fetchConfig(token: string, etag: string | null): Promise<{ config: DeviceConfig; etag: string | null } | null> {
      const response = await send({
        method: 'GET',
        url: `${baseUrl}/api/v1/sync/config`,
        headers: { ...bearer(token), ...(etag ? { 'if-none-match': etag } : {}) },
        cache: 'no-store',
        fetch,
        timeoutMs,
      });
      if (response.status === 304) return null;
      return { config: await readReply(response, deviceConfigSchema), etag: response.headers.get('etag') };
    },
    async sendBatch(token: string, batch: ResponseBatch): Promise<BatchReply> {
      return requestJson({
        method: 'POST',
        url: `${baseUrl}/api/v1/sync/responses`,
        headers: bearer(token),
        body: batch,
        fetch,
        timeoutMs,
        schema: batchReplySchema,
      });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
