import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../domain/alert-delivery.ts';
import type { DigestAttachment } from '../../domain/digest.ts';
import type { AlertDeliveryRow } from '../db/alerts-schema.ts';
import { claimDelivery, dueDeliveries, markDelivered, markFailed } from '../db/deliveries-repository.ts';
import type { Database } from '../db/schema.ts';
import { PeriodicPasses } from './periodic-passes.ts';

/** The province's SMTP relay (SMTP_* in the environment). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the relay offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** The province's webhook (ALERT_WEBHOOK_URL, ALERT_WEBHOOK_SECRET). */
export interface WebhookSettings {
  url: string;
  secret: string;
}

export interface DeliverySettings {
  smtp: SmtpSettings | null;
  webhook: WebhookSettings | null;
}

export const SIGNATURE_HEADER = 'x-sipas-signature-256';
export const DELIVERY_ID_HEADER = 'x-sipas-delivery';

/** GitHub's form: "sha256=" and the hex HMAC-SHA256 of the exact body with the shared secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** A worker holds a claimed row this long; a worker killed mid-send leaves it to another after that. */
const CLAIM_MS = 120_000;
const BATCH = 50;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Sends the outbox: due rows, each claimed first (so two processes never send one row at once), then
 * marked sent, or failed with its next attempt (exponential backoff) or, after the last, dead. A send
 * cut off between the receiver's acceptance and the row's update is repeated with the same delivery id
 * (the webhook's X-SIPAS-Delivery, the e-mail's Message-ID), by which a receiver recognises it.
 */
export class DeliveryWorker extends PeriodicPasses<{ sent: number; failed: number }> {
  private readonly mailer: Transporter | null;

  constructor(
    private readonly options: { db: Kysely<Database>; now: () => Date; settings: DeliverySettings; log?: Pick<FastifyBaseLogger, 'warn' | 'error'> },
  ) {
    super({ message: 'delivery pass failed', log: options.log });
    const smtp = options.settings.smtp;
    this.mailer = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
  }

  close(): void {
    this.mailer?.close();
  }

  /** One pass over the due rows. */
  protected async pass(): Promise<{ sent: number; failed: number }> {
    const { db } = this.options;
    const outcome = { sent: 0, failed: 0 };
    const now = this.options.now();
    for (const row of await dueDeliveries(db, now, BATCH)) {
      if (!(await claimDelivery(db, row, now, new Date(now.getTime() + CLAIM_MS)))) continue;
      try {
        await this.send(row);
        await markDelivered(db, row.id, this.options.now());
        outcome.sent += 1;
      } catch (error) {
        const attempts = row.attempts + 1;
        const retryAt = attempts >= MAX_DELIVERY_ATTEMPTS ? null : new Date(this.options.now().getTime() + retryDelayMs(attempts));
        const reason = failureText(error);
        await markFailed(db, row.id, { error: reason, retryAt });
        // Neither the address nor the message: the delivery id leads an administrator to the row.
        this.options.log?.warn({ deliveryId: row.id, channel: row.channel, attempts, reason, dead: retryAt === null }, 'a delivery failed');
        outcome.failed += 1;
      }
    }
    return outcome;
  }

  private async send(row: AlertDeliveryRow): Promise<void> {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    if (row.channel === 'email') {
      const smtp = this.options.settings.smtp;
      if (!this.mailer || !smtp) throw new DeliveryFailure('smtp-not-configured');
      await this.mailer.sendMail({
        from: smtp.from,
        to: String(payload.to),
        subject: String(payload.subject),
        text: String(payload.text),
        attachments: attachmentsOf(payload),
        messageId: `<${row.id}@sipas-collect>`,
      });
      return;
    }
    const webhook = this.options.settings.webhook;
    if (!webhook) throw new DeliveryFailure('webhook-not-configured');
    const body = JSON.stringify({ deliveryId: row.id, sentAt: this.options.now().toISOString(), ...payload });
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: webhookSignature(webhook.secret, body),
        [DELIVERY_ID_HEADER]: row.id,
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) throw new DeliveryFailure(`http-${response.status}`);
  }
}

class DeliveryFailure extends Error {}

/** A digest's files (the monthly official report), stored in the outbox row as base64. */
function attachmentsOf(payload: Record<string, unknown>): { filename: string; content: string; encoding: 'base64'; contentType: string }[] {
  const attachments = Array.isArray(payload.attachments) ? (payload.attachments as DigestAttachment[]) : [];
  return attachments.map((attachment) => ({
    filename: attachment.fileName,
    content: attachment.contentBase64,
    encoding: 'base64',
    contentType: attachment.contentType,
  }));
}

/** What an administrator sees of a failure: a code, never the relay's text (it may quote the address). */
function failureText(error: unknown): string {
  if (error instanceof DeliveryFailure) return error.message;
  const failure = error as { code?: unknown; responseCode?: unknown; name?: unknown; cause?: { code?: unknown } };
  const code =
    typeof failure.code === 'string'
      ? failure.code
      : typeof failure.cause?.code === 'string'
        ? failure.cause.code
        : typeof failure.name === 'string'
          ? failure.name
          : 'error';
  return typeof failure.responseCode === 'number' ? `${code} ${failure.responseCode}` : code;
}
