import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../../src/domain/alert-delivery.ts';
import type { DeliveryItem } from '../../../src/domain/alerts-api.ts';
import { allCriteria } from '../../../src/domain/questionnaire.ts';
import type { SurveyResponse } from '../../../src/domain/response.ts';
import type { DeliverySettings } from '../../../src/server/alerts/delivery-worker.ts';
import { buildApp } from '../../../src/server/app.ts';
import { findAccountByUsername } from '../../../src/server/db/accounts-repository.ts';
import { savePreferences } from '../../../src/server/db/deliveries-repository.ts';
import {
  batchOf,
  CENTRE_ID,
  COUNTER_IDS,
  enrolNewDevice,
  seedTestUnits,
  SIPAS_V1,
  sipasResponse,
  syncBatch,
  type EnrolledDevice,
} from '../fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

const SECRET = 'a-webhook-secret-of-the-province';
const SUBJECT = '[SIPAS] Cảnh báo: Nhiều lượt không hài lòng liên tiếp — Trung tâm Thử';

interface Received {
  raw: string;
}

/** A real SMTP server: every message it accepts, as sent. */
async function startSmtp(port: number): Promise<{ server: SMTPServer; mails: Received[]; port: number }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, mails, port: (server.server.address() as AddressInfo).port };
}

/** A real HTTP receiver answering each call with the next status of `statuses` (then the last one). */
async function startReceiver(
  port: number,
): Promise<{ server: Server; calls: { headers: Record<string, string | string[] | undefined>; body: string }[]; statuses: number[]; url: string }> {
  const calls: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const statuses: number[] = [200];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, calls, statuses, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sipas-hook` };
}

function dissatisfied(device: EnrolledDevice, sequence: number, counterId: string, at: Date): SurveyResponse {
  const answers: SurveyResponse['answers'] = {};
  for (const criterion of allCriteria(SIPAS_V1)) answers[criterion.id] = 1;
  return { ...sipasResponse(device, sequence, { submittedAt: at.toISOString() }), counterId, answers };
}

describe.each(databasesUnderTest)('alert deliveries on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let settings: DeliverySettings;
  let clock = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  let device: EnrolledDevice;
  let sequence = 0;
  let managerCookie: string;
  let adminCookie: string;

  async function burstAt(counterId: string): Promise<void> {
    const responses = [0, 1, 2, 3].map((i) => dissatisfied(device, ++sequence, counterId, new Date(clock.getTime() - (4 - i) * 10_000)));
    await syncBatch(app, device.token, batchOf(responses, { deviceTime: clock.toISOString() }));
    await app.alerts.idle();
  }

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    // Ports of this work's range (4400–4499), one pair per database.
    const offset = database.name === 'sqlite' ? 0 : 1;
    smtp = await startSmtp(4421 + offset);
    receiver = await startReceiver(4431 + offset);
    settings = {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'SIPAS <sipas@example.test>' },
      webhook: { url: receiver.url, secret: SECRET },
    };
    app = buildApp({ db: opened.db, staticDir: null, now: () => clock, publicUrl: 'https://sipas.example.gov.vn', delivery: settings });
    managerCookie = await signIn(app, ACCOUNTS.manager.username);
    adminCookie = await signIn(app, ACCOUNTS.admin.username);
    device = await enrolNewDevice(app, opened.db, CENTRE_ID);
    // Another centre's manager wants every e-mail: none of this centre's alerts is theirs.
    const other = await findAccountByUsername(opened.db, ACCOUNTS.otherManager.username);
    await savePreferences(
      opened.db,
      other!.id,
      { email: 'khac@example.test', channels: ['email'], ruleKinds: null, quietHours: null, digest: { frequency: 'none', at: '07:30' } },
      clock,
    );
  });

  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    await opened.close();
  });

  it('a manager chooses e-mail and webhook; the preferences are checked and audited', async () => {
    const bad = await asSignedIn(app, managerCookie, {
      method: 'PUT',
      url: '/api/v1/alert-preferences',
      payload: { email: null, channels: ['email'], ruleKinds: null, quietHours: null, digest: { frequency: 'none', at: '07:30' } },
    });
    expect(bad.statusCode).toBe(400);
    const preferences = {
      email: 'quan.ly@example.test',
      channels: ['email', 'webhook'],
      ruleKinds: ['dissatisfaction-burst'],
      quietHours: null,
      digest: { frequency: 'none', at: '07:30' },
    };
    const saved = await asSignedIn(app, managerCookie, { method: 'PUT', url: '/api/v1/alert-preferences', payload: preferences });
    expect(saved.statusCode).toBe(200);
    const read = await asSignedIn(app, managerCookie, { method: 'GET', url: '/api/v1/alert-preferences' });
    expect(read.json()).toEqual({ preferences, channelsAvailable: { email: true, webhook: true } });
    const audit = await opened.db.selectFrom('audit_log').select('detail').where('action', '=', 'alert-preferences.saved').executeTakeFirstOrThrow();
    expect(audit.detail).not.toContain('quan.ly@example.test');
  });

  it('one e-mail with the Vietnamese subject, and a signed webhook tried again after a 500', async () => {
    receiver.statuses.splice(0, receiver.statuses.length, 500, 200);
    await burstAt(COUNTER_IDS[0]);
    expect(await app.deliveries.runOnce()).toEqual({ sent: 1, failed: 1 });
    expect(smtp.mails).toHaveLength(1);
    const mail = await simpleParser(smtp.mails[0]!.raw);
    expect(smtp.mails[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('quan.ly@example.test');
    expect(mail.text).toContain('4/4 lượt đánh giá không hài lòng trong 15 phút tại Quầy 1.');
    expect(mail.text).toMatch(
      new RegExp(`Xem báo cáo: https://sipas\\.example\\.gov\\.vn/manage\\?unit=${CENTRE_ID}&period=custom&from=\\d{4}-\\d\\d-\\d\\d&to=`),
    );

    // Not due before its backoff, then sent.
    expect(await app.deliveries.runOnce()).toEqual({ sent: 0, failed: 0 });
    clock = new Date(clock.getTime() + retryDelayMs(1));
    expect(await app.deliveries.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(receiver.calls).toHaveLength(2);
    for (const call of receiver.calls) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(call.body).digest('hex')}`;
      expect(call.headers['x-sipas-signature-256']).toBe(expected);
    }
    const bodies = receiver.calls.map(
      (call) =>
        JSON.parse(call.body) as {
          deliveryId: string;
          type: string;
          alert: { kind: string; summary: { vi: string } };
          recipient: { username: string };
        },
    );
    expect(bodies[0]!.deliveryId).toBe(bodies[1]!.deliveryId);
    expect(receiver.calls[1]!.headers['x-sipas-delivery']).toBe(bodies[1]!.deliveryId);
    expect(bodies[1]).toMatchObject({
      type: 'alert.opened',
      alert: { kind: 'dissatisfaction-burst' },
      recipient: { username: ACCOUNTS.manager.username },
    });
    expect(await app.deliveries.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('a webhook that keeps failing ends in the dead letters administrators see, and can be sent again', async () => {
    receiver.statuses.splice(0, receiver.statuses.length, 500);
    const before = receiver.calls.length;
    await burstAt(COUNTER_IDS[1]);
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await app.deliveries.runOnce();
      clock = new Date(clock.getTime() + retryDelayMs(attempt));
    }
    expect(receiver.calls.length - before).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(smtp.mails).toHaveLength(2);
    expect((await asSignedIn(app, managerCookie, { method: 'GET', url: '/api/v1/admin/alert-deliveries?status=dead' })).statusCode).toBe(403);
    const dead = (await asSignedIn(app, adminCookie, { method: 'GET', url: '/api/v1/admin/alert-deliveries?status=dead' })).json<{
      deliveries: DeliveryItem[];
    }>().deliveries;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      channel: 'webhook',
      status: 'dead',
      attempts: MAX_DELIVERY_ATTEMPTS,
      lastError: 'http-500',
      about: 'alert.opened',
    });
    expect(JSON.stringify(dead)).not.toContain('example.test');
    expect(await app.deliveries.runOnce()).toEqual({ sent: 0, failed: 0 });

    receiver.statuses.splice(0, receiver.statuses.length, 200);
    const retried = await asSignedIn(app, adminCookie, { method: 'POST', url: `/api/v1/admin/alert-deliveries/${dead[0]!.id}/retry` });
    expect(retried.statusCode).toBe(200);
    expect(await app.deliveries.runOnce()).toEqual({ sent: 1, failed: 0 });
  });

  it('a server killed after the alert committed loses nothing, and two processes send each message once', async () => {
    // The earlier bursts have ended: their alerts clear, and a new burst opens a new alert.
    clock = new Date(clock.getTime() + 60 * 60_000);
    await app.alerts.evaluateAll();
    await burstAt(COUNTER_IDS[0]);
    const second = buildApp({ db: opened.db, staticDir: null, now: () => clock, delivery: settings });
    // The first process stops before its worker runs; the outbox row waits in the database.
    const pending = await opened.db.selectFrom('alert_deliveries').select('id').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(2);
    const results = await Promise.all([app.deliveries.runOnce(), second.deliveries.runOnce()]);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(2);
    expect(smtp.mails).toHaveLength(3);
    await second.close();
  });
});
