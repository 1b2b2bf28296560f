import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { CENTRE_ID, seedTestUnits } from './fixtures.ts';
import { signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const run = promisify(execFile);

describe.each(databasesUnderTest)('npm run admin -- create-admin on $name', (database) => {
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
        env: { ...process.env, DATABASE_URL: opened.url },
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  };

  it('creates the first administrator, who can sign in; refuses a taken name and a short password', async () => {
    const created = await admin('create-admin', '--username', 'First.Admin', '--password', 'a good long secret', '--unit', CENTRE_ID);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain('first.admin');
    expect(created.output).not.toContain('a good long secret');

    const app = buildApp({ db: opened.db, staticDir: null });
    try {
      expect(await signIn(app, 'first.admin', 'a good long secret')).toMatch(/^sipas_session=/);
    } finally {
      await app.close();
    }
    const again = await admin('create-admin', '--username', 'first.admin', '--password', 'another long one');
    expect(again.code).toBe(2);
    expect(again.output).toContain('taken');
    const short = await admin('create-admin', '--username', 'second', '--password', 'short');
    expect(short.code).toBe(2);
    expect(short.output).toContain('--password');
    const audit = await opened.db.selectFrom('audit_log').select(['actor', 'detail']).where('action', '=', 'account.created').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain('secret');
  });
});
