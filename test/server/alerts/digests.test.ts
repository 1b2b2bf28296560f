import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOfLocalTime, localClockOf, type DeliveryPreferences } from '../../../src/domain/alert-delivery.ts';
import { addDays, periodContaining } from '../../../src/domain/calendar.ts';
import { formatIndex } from '../../../src/domain/format.ts';
import { reportReplySchema } from '../../../src/domain/manage-api.ts';
import { buildApp } from '../../../src/server/app.ts';
import { findAccountByUsername } from '../../../src/server/db/accounts-repository.ts';
import { savePreferences } from '../../../src/server/db/deliveries-repository.ts';
import { inWriteTransaction } from '../../../src/server/db/write-transaction.ts';
import { auditPdfReportNumbered, expectedPdfReportNumber, numberAndAuditPdfReport } from '../../../src/server/reports/report-number.ts';
import { batchOf, CENTRE_ID, enrolNewDevice, PROVINCE_ID, seedTestUnits, sipasResponse, syncBatch } from '../fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from '../manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

const DAILY: DeliveryPreferences = {
  email: 'quan.ly@example.test',
  channels: ['email'],
  ruleKinds: null,
  quietHours: null,
  digest: { frequency: 'daily', at: '07:30' },
};

describe.each(databasesUnderTest)('digests on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let smtp: SMTPServer;
  const mails: string[] = [];
  const today = localClockOf(new Date()).day;
  const yesterday = addDays(today, -1);
  let clock = instantOfLocalTime(today, '07:29');
  const build = () =>
    buildApp({
      db: opened.db,
      staticDir: null,
      now: () => clock,
      publicUrl: 'https://sipas.example.gov.vn',
      delivery: {
        smtp: { host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, secure: false, from: 'SIPAS <sipas@example.test>' },
        webhook: null,
      },
    });

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    // A port of this work's range (4400–4499), one per database.
    await new Promise<void>((resolve) => smtp.listen(database.name === 'sqlite' ? 4441 : 4442, '127.0.0.1', resolve));
    app = build();
    const device = await enrolNewDevice(app, opened.db, CENTRE_ID);
    const responses = [1, 2, 3].map((sequence) =>
      sipasResponse(device, sequence, { submittedAt: instantOfLocalTime(yesterday, `09:0${sequence}`).toISOString() }),
    );
    await syncBatch(app, device.token, batchOf(responses, { deviceTime: clock.toISOString() }));
    await app.alerts.idle();
    const manager = await findAccountByUsername(opened.db, ACCOUNTS.manager.username);
    await savePreferences(opened.db, manager!.id, DAILY, clock);
  });

  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await opened.close();
  });

  it('puts the daily digest in the outbox at its local time, once, even after a restart', async () => {
    expect(await app.digests.runOnce()).toBe(0);
    clock = instantOfLocalTime(today, '07:31');
    expect(await app.digests.runOnce()).toBe(1);
    expect(await app.digests.runOnce()).toBe(0);
    const restarted = build();
    expect(await restarted.digests.runOnce()).toBe(0);
    await restarted.close();
    expect(await app.deliveries.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(mails[0]!);
    const shown = `${yesterday.slice(8, 10)}/${yesterday.slice(5, 7)}/${yesterday.slice(0, 4)}`;
    expect(mail.subject).toBe(`[SIPAS] Bản tin hằng ngày ${shown} — Trung tâm Thử`);
    expect(mail.text).toContain('• Trung tâm Thử: chỉ số hài lòng');
    expect(mail.text).toContain('3 phiếu');
    expect(mail.text).toContain(`Xem báo cáo: https://sipas.example.gov.vn/manage?unit=${CENTRE_ID}&period=day&from=${yesterday}&to=${yesterday}`);
  });

  it('two server processes on one database send a digest once', async () => {
    const admin = await findAccountByUsername(opened.db, ACCOUNTS.admin.username);
    await savePreferences(opened.db, admin!.id, { ...DAILY, email: 'quan.tri@example.test' }, clock);
    const second = build();
    const written = await Promise.all([app.digests.runOnce(), second.digests.runOnce()]);
    expect(written[0] + written[1]).toBe(1);
    const sent = await Promise.all([app.deliveries.runOnce(), second.deliveries.runOnce()]);
    expect(sent[0].sent + sent[1].sent).toBe(1);
    expect(mails).toHaveLength(2);
    expect((await simpleParser(mails[1]!)).text).toContain('Tỉnh Thử');
    await second.close();
  });

  it('attaches the official PDF report of the month just ended to the monthly digest, numbered and audited once', async () => {
    for (const name of ['manager', 'admin'] as const) {
      const account = await findAccountByUsername(opened.db, ACCOUNTS[name].username);
      await savePreferences(opened.db, account!.id, { ...DAILY, digest: { frequency: 'none', at: '07:30' } }, clock);
    }
    const provinceManager = await findAccountByUsername(opened.db, ACCOUNTS.provinceManager.username);
    await savePreferences(
      opened.db,
      provinceManager!.id,
      { ...DAILY, email: 'tinh@example.test', digest: { frequency: 'monthly', at: '07:30' } },
      clock,
    );
    const month = periodContaining('month', yesterday);
    clock = instantOfLocalTime(addDays(month.to, 1), '07:31');
    // Two processes at once render a report each; only the one whose mail is queued numbers and audits it.
    const second = build();
    const written = await Promise.all([app.digests.runOnce(), second.digests.runOnce()]);
    await second.close();
    expect(written[0] + written[1]).toBe(1);
    const restarted = build();
    expect(await restarted.digests.runOnce()).toBe(0);
    await restarted.close();
    const before = mails.length;
    expect(await app.deliveries.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(mails).toHaveLength(before + 1);

    const mail = await simpleParser(mails.at(-1)!);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment!.contentType).toBe('application/pdf');
    expect(attachment!.filename).toBe(`bao-cao-sipas-tinh-thu-${month.from.slice(0, 7)}.pdf`);
    expect(mail.text).toContain(`• Số 1/BC-SIPAS: bao-cao-sipas-tinh-thu-${month.from.slice(0, 7)}.pdf`);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: attachment!.content, encoding: 'utf8' });
    const cookie = await signIn(app, ACCOUNTS.provinceManager.username);
    const summary = await asSignedIn(app, cookie, {
      method: 'GET',
      url: `/api/v1/reports/summary?unitId=${PROVINCE_ID}&from=${month.from}&to=${month.to}`,
    });
    const report = reportReplySchema.parse(summary.json());
    expect(report.overall.index).not.toBeNull();
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('BÁO CÁO KẾT QUẢ ĐO LƯỜNG SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC');
    expect(text).toContain('TỈNH THỬ');
    expect(text).toContain('Số: 1/BC-SIPAS');
    const overall = text.split('\n').find((line) => line.trim().startsWith('Chỉ số hài lòng chung (SIPAS) '));
    expect(overall).toContain(formatIndex(report.overall.index, 'vi'));
    expect(overall).toContain(` ${report.overall.n} `);

    const audit = await opened.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.exported.pdf').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('system:digest');
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ unitId: PROVINCE_ID, from: month.from, to: month.to, reportNumber: 1 });
  });

  it('registers a number rendered ahead only while no other report has taken it', async () => {
    const entry = { at: clock, actor: 'system:digest', unitId: CENTRE_ID, timeZone: 'Asia/Ho_Chi_Minh', detail: { unitId: CENTRE_ID } };
    const expected = await expectedPdfReportNumber(opened.db, entry);
    expect(await numberAndAuditPdfReport(opened.db, { ...entry, actor: 'account:someone' })).toBe(expected);
    expect(await inWriteTransaction(opened.db, (trx) => auditPdfReportNumbered(trx, entry, expected))).toBe(false);
    expect(await inWriteTransaction(opened.db, (trx) => auditPdfReportNumbered(trx, entry, expected + 1))).toBe(true);
  });
});
