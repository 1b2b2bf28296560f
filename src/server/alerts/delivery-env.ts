import type { DeliverySettings } from './delivery-worker.ts';

/** Thrown for a delivery setting that cannot work; main.ts stops with its message. */
export class DeliverySettingInvalid extends Error {}

/**
 * The SMTP relay and the webhook from the environment (docs/deployment.md). Secrets stay here and in the
 * worker's memory: never in the database, a log line or a reply.
 */
export function deliverySettingsFrom(env: Readonly<Record<string, string | undefined>>): DeliverySettings {
  const host = env.SMTP_HOST?.trim();
  let smtp: DeliverySettings['smtp'] = null;
  if (host) {
    const port = Number(env.SMTP_PORT ?? '587');
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new DeliverySettingInvalid(`SMTP_PORT must be a port number, not "${env.SMTP_PORT}".`);
    const from = env.SMTP_FROM?.trim();
    if (!from) throw new DeliverySettingInvalid('SMTP_FROM is needed with SMTP_HOST (e.g. "SIPAS <sipas@sonoivu.example.gov.vn>").');
    smtp = { host, port, secure: env.SMTP_SECURE === 'true', user: env.SMTP_USER || undefined, password: env.SMTP_PASSWORD || undefined, from };
  }
  const url = env.ALERT_WEBHOOK_URL?.trim();
  let webhook: DeliverySettings['webhook'] = null;
  if (url) {
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new DeliverySettingInvalid('ALERT_WEBHOOK_URL must be an http(s) address.');
    const secret = env.ALERT_WEBHOOK_SECRET ?? '';
    if (secret.length < 16) throw new DeliverySettingInvalid('ALERT_WEBHOOK_SECRET must be at least 16 characters with ALERT_WEBHOOK_URL.');
    webhook = { url, secret };
  }
  return { smtp, webhook };
}
