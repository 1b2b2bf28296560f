import type { FastifyPluginAsync } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AUDIT_ACTION_GROUP_IDS, AUDIT_ACTION_GROUPS, type AuditActionGroup } from '../../domain/audit-sentences.ts';
import { countMissing } from '../../domain/ledger.ts';
import { enrolmentCodeRequestSchema, type DeviceItem } from '../../domain/manage-api.ts';
import { viewerOf } from '../auth/access.ts';
import { appendAudit } from '../db/audit-repository.ts';
import { findTablet, listDeviceOverviews, revokeDevice } from '../db/devices-repository.ts';
import { listAuditEntries } from '../db/units-admin-repository.ts';
import { EnrolmentRefused, issueEnrolmentCode } from '../enrolment/enrolment.ts';
import type { AdminRoutesOptions } from './admin.ts';
import { actorOf } from './reports.ts';
import { InvalidInput, NotConfigured, NotFound } from '../errors.ts';

const unitFilter = z.object({ unitId: z.string().min(1).max(64).optional() });
const deviceParams = z.object({ id: z.string().min(1).max(64) });
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().min(1).max(64).optional(),
  /** Only this kind of action (AUDIT_ACTION_GROUPS) and/or this actor, as stored. */
  group: z.enum(AUDIT_ACTION_GROUP_IDS as [AuditActionGroup, ...AuditActionGroup[]]).optional(),
  actor: z.string().min(1).max(200).optional(),
});

/** Devices (ledger, last contact, revocation), enrolment codes with their QR, and the audit log. */
export const adminDeviceRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { db, now, publicUrl }) => {
  app.get<{ Querystring: z.infer<typeof unitFilter> }>('/api/v1/admin/devices', { schema: { querystring: unitFilter } }, async (request) => {
    const viewer = viewerOf(request);
    const { unitId } = request.query;
    const scope = unitId === undefined ? undefined : viewer.tree.scopeOf(unitId);
    const devices: DeviceItem[] = (await listDeviceOverviews(db, scope)).map((device) => ({
      id: device.id,
      unitId: device.unitId,
      counterId: device.counterId,
      name: device.name,
      enrolledAt: device.enrolledAt,
      lastSeenAt: device.lastSeenAt,
      highestIssued: device.highestIssued,
      received: device.receivedCount,
      missingCount: countMissing(device),
      missing: device.missing,
      pendingReported: device.pendingReported,
      revokedAt: device.revokedAt,
    }));
    return { devices };
  });

  app.post<{ Body: z.infer<typeof enrolmentCodeRequestSchema> }>(
    '/api/v1/admin/enrolment-codes',
    { schema: { body: enrolmentCodeRequestSchema } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const body = request.body;
      const origin = publicOrigin(publicUrl);
      try {
        // issueEnrolmentCode writes its own audit entry (without the code).
        const issued = await issueEnrolmentCode(db, { ...body, now: now(), actor: actorOf(viewer) });
        const kioskUrl = `${origin}/kiosk?enrol=${issued.code}`;
        const qrSvg = await QRCode.toString(kioskUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return reply.code(201).send({ code: issued.code, unitId: issued.unitId, expiresAt: issued.expiresAt.toISOString(), kioskUrl, qrSvg });
      } catch (error) {
        if (error instanceof EnrolmentRefused) throw new InvalidInput(`unitId: ${error.message}`, { field: 'unitId' });
        throw error;
      }
    },
  );

  app.post<{ Params: z.infer<typeof deviceParams> }>(
    '/api/v1/admin/devices/:id/revoke',
    { schema: { params: deviceParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { id } = request.params;
      const device = await findTablet(db, id.toLowerCase());
      if (!device) throw new NotFound(`There is no device "${id}".`);
      if (await revokeDevice(db, device.id, now())) {
        await appendAudit(db, {
          at: now(),
          actor: actorOf(viewer),
          action: 'device.revoked',
          detail: { deviceId: device.id, unitId: device.unit_id },
        });
      }
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: z.infer<typeof auditQuery> }>('/api/v1/admin/audit', { schema: { querystring: auditQuery } }, async (request) => {
    const { limit, before, group, actor } = request.query;
    return { entries: await listAuditEntries(db, limit, before, { prefixes: group === undefined ? undefined : AUDIT_ACTION_GROUPS[group], actor }) };
  });
};

/**
 * Links point to the configured public address, never to the request's Host header (which whoever sends
 * the request chooses). Without one, no link is made, and no code is spent on a link that cannot be made.
 */
export function publicOrigin(publicUrl: string | undefined): string {
  if (!publicUrl) {
    throw new NotConfigured(
      'The server does not know the address tablets reach it at: set PUBLIC_URL (e.g. https://sipas.example.gov.vn) and restart.',
      { code: 'public-url-not-configured' },
    );
  }
  return publicUrl.replace(/\/+$/, '');
}
