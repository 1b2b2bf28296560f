import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findDeviceByTokenHash } from '../db/devices-repository.ts';
import type { Database, DeviceRow } from '../db/schema.ts';
import { deviceTokenHash, isWellFormedDeviceToken } from './secrets.ts';
import { Forbidden, Unauthenticated } from '../errors.ts';

/** The token of an "Authorization: Bearer <token>" header, if the header has that shape. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The rate-limit bucket of a request: the device's token hash, so one tablet cannot starve the others
 * behind the same office router; requests without a well-formed token share their address's bucket.
 */
export function rateLimitKeyOf(request: FastifyRequest): string {
  const token = bearerTokenOf(request);
  return token && isWellFormedDeviceToken(token) ? `device:${deviceTokenHash(token)}` : `ip:${request.ip}`;
}

/**
 * The enrolled device that sent the request. 401 for a missing, malformed or unknown token; 403 for a
 * revoked device, so the tablet stops retrying and tells staff it must be enrolled again.
 */
export async function authenticateDevice(db: Kysely<Database>, request: FastifyRequest): Promise<DeviceRow> {
  const token = bearerTokenOf(request);
  if (!token || !isWellFormedDeviceToken(token)) {
    throw new Unauthenticated('A device token is required: "Authorization: Bearer <token>".', { code: 'unauthorized' });
  }
  const device = await findDeviceByTokenHash(db, deviceTokenHash(token));
  if (!device) throw new Unauthenticated('This device token is not known; enrol the device again.', { code: 'unauthorized' });
  if (device.revoked_at !== null) {
    throw new Forbidden('This device has been revoked by an administrator; enrol it again with a new code.', { code: 'device-revoked' });
  }
  return device;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device a device route's hook (onlyEnrolledDevices) let through; null on other routes. */
    device: DeviceRow | null;
  }
}

/**
 * Makes every route of the plugin `app` a device route, as Fastify's docs show authentication: a hook
 * that runs when the request arrives, before its body is read or validated, and answers 401 or 403 as
 * authenticateDevice does. The handler reads the device through deviceOf.
 */
export function onlyEnrolledDevices(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('device', null);
  app.addHook('onRequest', async (request) => {
    request.device = await authenticateDevice(db, request);
  });
}

/** The device the plugin's hook (onlyEnrolledDevices) let through. */
export function deviceOf(request: FastifyRequest): DeviceRow {
  if (!request.device) throw new Error(`${request.routeOptions.url ?? request.url} has no device check (onlyEnrolledDevices)`);
  return request.device;
}
