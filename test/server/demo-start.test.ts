import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { buildApp } from '../../src/server/app.ts';
import { createAccount } from '../../src/server/auth/create-account.ts';
import { DEMO_PASSWORD } from '../../src/server/auth/demo-password.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { countUnits } from '../../src/server/db/units-repository.ts';
import { DEMO_ACCOUNTS } from '../../src/server/demo-seed.ts';
import { seedDemoIfEmpty } from '../../src/server/demo/seed-once.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from '../e2e/server-process.ts';
import { CENTRE_ID, seedTestUnits } from './fixtures.ts';
import { ACCOUNTS, asSignedIn, seedAccounts, signIn } from './manage-fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

/** No default accounts on a real server: the demo only when asked, its password only on a demo server. */

async function waitForOutput(server: RunningServer, text: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  while (!server.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" never printed:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return server.output();
}

describe.each(databasesUnderTest)('demo accounts and links on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
    await seedAccounts(opened.db);
    await createAccount(
      opened.db,
      { username: 'kept-demo-password', displayName: 'x', password: DEMO_PASSWORD, role: 'admin', unitId: null },
      { now: new Date(), actor: 'test' },
    );
    app = buildApp({ db: opened.db, staticDir: null, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const login = (target: FastifyInstance, username: string, password: string) =>
    target.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { [CSRF_HEADER]: '1' }, payload: { username, password } });

  it('refuses the demo password on a server that is not a demo, whatever the account', async () => {
    for (const username of ['kept-demo-password', 'nobody-at-all', ACCOUNTS.admin.username]) {
      const reply = await login(app, username, DEMO_PASSWORD);
      expect(reply.statusCode).toBe(401);
      expect(reply.json().error).toMatchObject({ code: 'demo-password-refused', field: 'password' });
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('lets the demo password sign in on a demo server', async () => {
    const demo = buildApp({ db: opened.db, staticDir: null, demo: true });
    try {
      expect((await login(demo, 'kept-demo-password', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      await demo.close();
    }
  });

  it('makes enrolment links from PUBLIC_URL, never from the Host header', async () => {
    const configured = buildApp({ db: opened.db, staticDir: null, publicUrl: 'https://sipas.example.gov.vn/' });
    try {
      const cookie = await signIn(configured, ACCOUNTS.admin.username);
      const reply = await asSignedIn(configured, cookie, {
        method: 'POST',
        url: '/api/v1/admin/enrolment-codes',
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
        payload: { unitId: CENTRE_ID },
      });
      expect(reply.statusCode, reply.body).toBe(201);
      expect(reply.json().kioskUrl).toBe(`https://sipas.example.gov.vn/kiosk?enrol=${reply.json().code}`);
    } finally {
      await configured.close();
    }
  });

  it('refuses to make a link without PUBLIC_URL, and spends no code', async () => {
    const codesBefore = (await opened.db.selectFrom('enrolment_codes').select('code_hash').execute()).length;
    const cookie = await signIn(app, ACCOUNTS.admin.username);
    const reply = await asSignedIn(app, cookie, { method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { unitId: CENTRE_ID } });
    expect(reply.statusCode).toBe(503);
    expect(reply.json().error.code).toBe('public-url-not-configured');
    expect((await opened.db.selectFrom('enrolment_codes').select('code_hash').execute()).length).toBe(codesBefore);
  });
});

describe('the server process on an empty database', () => {
  it('seeds nothing unless asked, and says how to create the first administrator', async () => {
    const databaseUrl = temporarySqliteFile();
    const server = await startServer({ port: await freePort(), databaseUrl, env: { SEED_DEMO: '', STATIC_DIR: 'no-build-here' } });
    try {
      const output = await waitForOutput(server, 'create-admin');
      expect(output).toContain('npm run admin -- create-admin --username');
      expect(output).not.toContain('DEMO SERVER');
      const signIn = await fetch(`${server.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ username: DEMO_ACCOUNTS[0].username, password: 'anything at all' }),
      });
      expect(signIn.status).toBe(401);
    } finally {
      await server.stop();
    }
    const db = createDatabase(databaseUrl);
    try {
      expect(await countUnits(db)).toBe(0);
      expect(await db.selectFrom('accounts').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('seeds no demo in production even when SEED_DEMO is set', async () => {
    const databaseUrl = temporarySqliteFile();
    const server = await startServer({
      port: await freePort(),
      databaseUrl,
      env: { SEED_DEMO: 'true', NODE_ENV: 'production', STATIC_DIR: 'no-build-here' },
    });
    try {
      const output = await waitForOutput(server, 'create-admin');
      expect(output).toContain('SEED_DEMO is ignored with NODE_ENV=production');
      expect(output).toContain('PUBLIC_URL is not set');
    } finally {
      await server.stop();
    }
    const db = createDatabase(databaseUrl);
    try {
      expect(await countUnits(db)).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});

describe.each(databasesUnderTest.filter((database) => database.name === 'postgres'))(
  'seeding the demo from two processes at once on $name',
  (database) => {
    it('seeds once: two app instances on one fresh database both finish', async () => {
      const opened = await database.open();
      const first = createDatabase(opened.url);
      const second = createDatabase(opened.url);
      try {
        const results = await Promise.all([seedDemoIfEmpty(first), seedDemoIfEmpty(second)]);
        expect(results.filter((result) => result !== null)).toHaveLength(1);
        expect(await opened.db.selectFrom('accounts').select('username').orderBy('username').execute()).toEqual(
          DEMO_ACCOUNTS.map((account) => ({ username: account.username })).sort((a, b) => a.username.localeCompare(b.username)),
        );
      } finally {
        await first.destroy();
        await second.destroy();
        await opened.close();
      }
    }, 120_000);

    it('two server processes started together on one fresh database both serve the demo', async () => {
      const opened = await database.open();
      const servers: RunningServer[] = [];
      try {
        const env = { SEED_DEMO: 'true', STATIC_DIR: 'no-build-here' };
        const ports = [await freePort(), await freePort()];
        servers.push(...(await Promise.all(ports.map((port) => startServer({ port, databaseUrl: opened.url, env })))));
        for (const server of servers) await waitForOutput(server, 'DEMO SERVER');
        expect(servers.filter((server) => server.output().includes('Seeded the demo province'))).toHaveLength(1);
        for (const server of servers) {
          const reply = await fetch(`${server.origin}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
            body: JSON.stringify({ username: DEMO_ACCOUNTS[0].username, password: DEMO_PASSWORD }),
          });
          expect(reply.status).toBe(200);
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
        await opened.close();
      }
    }, 180_000);
  },
);
