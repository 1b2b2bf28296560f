import { z } from 'zod';
import { deliveryPreferencesSchema, type DeliveryPreferences } from '../../../domain/alert-delivery.ts';
import { alertRuleSchema, alertSchema, deliveryItemSchema } from '../../../domain/alerts-api.ts';
import { apiRequest, withQuery } from './http.ts';

const preferencesReplySchema = z.object({
  preferences: deliveryPreferencesSchema,
  channelsAvailable: z.object({ email: z.boolean(), webhook: z.boolean() }),
});
const alertListSchema = z.object({ alerts: z.array(alertSchema), openCount: z.number() });

export const alertsApi = {
  listAlerts: (status: 'open' | 'all', signal: AbortSignal) =>
    apiRequest('GET', withQuery('/api/v1/alerts', { status }), { schema: alertListSchema, signal }),
  openCount: (signal: AbortSignal) => apiRequest('GET', '/api/v1/alerts/open-count', { schema: z.object({ openCount: z.number() }), signal }),
  acknowledge: (id: string) => apiRequest('POST', `/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, { schema: alertSchema }),
  resolve: (id: string) => apiRequest('POST', `/api/v1/alerts/${encodeURIComponent(id)}/resolve`, { schema: alertSchema }),
  listRules: (signal: AbortSignal) => apiRequest('GET', '/api/v1/alert-rules', { schema: z.object({ rules: z.array(alertRuleSchema) }), signal }),
  createRule: (body: unknown) => apiRequest('POST', '/api/v1/alert-rules', { body, schema: alertRuleSchema }),
  changeRule: (id: string, body: { params?: Record<string, unknown>; enabled?: boolean }) =>
    apiRequest('PUT', `/api/v1/alert-rules/${encodeURIComponent(id)}`, { body, schema: alertRuleSchema }),
  getPreferences: (signal: AbortSignal) => apiRequest('GET', '/api/v1/alert-preferences', { schema: preferencesReplySchema, signal }),
  savePreferences: (body: DeliveryPreferences) => apiRequest('PUT', '/api/v1/alert-preferences', { body, schema: preferencesReplySchema }),
  listDeadLetters: (signal: AbortSignal) =>
    apiRequest('GET', '/api/v1/admin/alert-deliveries?status=dead', { schema: z.object({ deliveries: z.array(deliveryItemSchema) }), signal }),
  retryDelivery: (id: string) => apiRequest('POST', `/api/v1/admin/alert-deliveries/${encodeURIComponent(id)}/retry`, { schema: z.unknown() }),
  deleteRule: (id: string) => apiRequest('DELETE', `/api/v1/alert-rules/${encodeURIComponent(id)}`, { schema: z.unknown() }),
};
