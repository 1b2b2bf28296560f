import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { deliveryPreferencesSchema } from '../../domain/alert-delivery.ts';
import type { DeliveryItem } from '../../domain/alerts-api.ts';
import { signedInAs, viewerOf } from '../auth/access.ts';
import type { AlertDeliveryRow } from '../db/alerts-schema.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { listDeliveries, preferencesOfAccount, requeueDelivery, savePreferences } from '../db/deliveries-repository.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { actorOf } from './reports.ts';
import { NotFound } from '../errors.ts';

export interface AlertDeliveryRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  /** Which channels the server can send on (configured in the environment). */
  channels: { email: boolean; webhook: boolean };
}

const statusQuery = z.object({ status: z.enum(['pending', 'sent', 'dead']).default('dead') });
const idParams = z.object({ id: z.string().min(1).max(64) });

/** The signed-in account's delivery preferences; the outbox (dead letters first) for administrators. */
export const alertDeliveryRoutes: FastifyPluginAsync<AlertDeliveryRoutesOptions> = async (app, { db, now, channels }) => {
  const recipients = { onRequest: signedInAs(db, now, ['admin', 'manager'], 'Alerts are for administrators and managers.') };
  const administrators = { onRequest: signedInAs(db, now, ['admin']) };

  app.get('/api/v1/alert-preferences', recipients, async (request) => {
    const viewer = viewerOf(request);
    return { preferences: await preferencesOfAccount(db, viewer.account.id), channelsAvailable: channels };
  });

  app.put<{ Body: z.infer<typeof deliveryPreferencesSchema> }>(
    '/api/v1/alert-preferences',
    { ...recipients, schema: { body: deliveryPreferencesSchema } },
    async (request) => {
      const viewer = viewerOf(request);
      const preferences = request.body;
      await inWriteTransaction(db, async (trx) => {
        await savePreferences(trx, viewer.account.id, preferences, now());
        // The address is personal data: the log says only whether there is one.
        const { email, ...rest } = preferences;
        await appendAudit(trx, {
          at: now(),
          actor: actorOf(viewer),
          action: 'alert-preferences.saved',
          detail: { ...rest, email: email === null ? 'none' : 'set' },
        });
      });
      return { preferences, channelsAvailable: channels };
    },
  );

  app.get<{ Querystring: z.infer<typeof statusQuery> }>(
    '/api/v1/admin/alert-deliveries',
    { ...administrators, schema: { querystring: statusQuery } },
    async (request) => {
      const { status } = request.query;
      return { deliveries: (await listDeliveries(db, status, 200)).map(deliveryItem) };
    },
  );

  app.post<{ Params: z.infer<typeof idParams> }>(
    '/api/v1/admin/alert-deliveries/:id/retry',
    { ...administrators, schema: { params: idParams } },
    async (request) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const requeued = await inWriteTransaction(db, async (trx) => {
        if (!(await requeueDelivery(trx, id, now()))) return false;
        await appendAudit(trx, { at: now(), actor: actorOf(viewer), action: 'alert-delivery.retried', detail: { deliveryId: id } });
        return true;
      });
      if (!requeued) throw new NotFound(`There is no dead delivery "${id}".`);
      return { id, status: 'pending' };
    },
  );
};

function deliveryItem(row: AlertDeliveryRow): DeliveryItem {
  const payload = JSON.parse(row.payload) as { subject?: unknown; type?: unknown; digest?: unknown };
  return {
    id: row.id,
    channel: row.channel,
    alertId: row.alert_id,
    // What the message was about, never where it went.
    about: typeof payload.subject === 'string' ? payload.subject : typeof payload.type === 'string' ? payload.type : '',
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
  };
}
