import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, seedTestUnits } from './fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const run = promisify(execFile);

describe.each(databasesUnderTest)('the admin command line on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  const admin = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], {
        env: { ...process.env, DATABASE_URL: opened.url, PUBLIC_URL: 'https://sipas.example.vn' },
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  };

  it('issues a code a tablet can enrol with, lists the device, and revokes it', async () => {
    const issued = await admin('enrol', '--unit', CENTRE_ID, '--expires-days', '2');
    expect(issued.code).toBe(0);
    const code = /kiosk\?enrol=([A-Z0-9-]+)/.exec(issued.output)?.[1];
    expect(issued.output).toContain('https://sipas.example.vn/kiosk?enrol=');

    const app = buildApp({ db: opened.db, staticDir: null });
    const deviceId = uuidv7();
    try {
      const enrolled = await app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { code, deviceId, deviceName: 'Quầy 1' } });
      expect(enrolled.statusCode).toBe(200);
    } finally {
      await app.close();
    }

    const listed = await admin('devices');
    expect(listed.code).toBe(0);
    expect(listed.output).toContain(deviceId);
    expect(listed.output).toContain('Quầy 1');

    const revoked = await admin('revoke', '--device', deviceId);
    expect(revoked.code).toBe(0);
    const row = await opened.db.selectFrom('devices').select('revoked_at').where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('prints the unit tree with ids', async () => {
    const tree = await admin('units');
    expect(tree.code).toBe(0);
    expect(tree.output).toMatch(/test-province {2}Tỉnh Thử/);
    expect(tree.output).toMatch(/\n {2}test-centre {2}Trung tâm Thử/);
  });

  it('fails with a clear message and a non-zero exit on bad arguments', async () => {
    const missingUnit = await admin('enrol');
    expect(missingUnit.code).toBe(2);
    expect(missingUnit.output).toContain('enrol needs --unit');

    const unknownUnit = await admin('enrol', '--unit', 'nowhere');
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.output).toContain('no unit with id "nowhere"');

    expect((await admin('revoke', '--device', uuidv7())).code).toBe(2);
    expect((await admin('frobnicate')).code).toBe(2);
  });
});
