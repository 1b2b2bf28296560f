import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { CSRF_HEADER } from '../../src/domain/manage-api.ts';
import { BUNDLED_QUESTIONNAIRES } from '../../src/domain/questionnaires/index.ts';
import type { SurveyResponse } from '../../src/domain/response.ts';
import { buildApp } from '../../src/server/app.ts';
import { createAccount } from '../../src/server/auth/create-account.ts';
import type { Database } from '../../src/server/db/schema.ts';
import {
  CENTRE_ID,
  OTHER_CENTRE_ID,
  OTHER_COUNTER_ID,
  PROVINCE_ID,
  SIPAS_V1,
  batchOf,
  enrolNewDevice,
  seedTestUnits,
  sipasResponse,
  syncBatch,
} from './fixtures.ts';
import type { DatabaseUnderTest, OpenedDatabase } from './test-databases.ts';

/** Accounts, sign-in and a varied seeded history for the dashboard's server tests. */

import { seededRandom } from '../../src/server/demo/demo-history.ts';

export { seededRandom };

export const PASSWORD = 'correct horse battery';
export const ACCOUNTS = {
  admin: { username: 'root-admin', role: 'admin', unitId: null },
  provinceManager: { username: 'province-manager', role: 'manager', unitId: PROVINCE_ID },
  manager: { username: 'centre-manager', role: 'manager', unitId: CENTRE_ID },
  otherManager: { username: 'other-manager', role: 'manager', unitId: OTHER_CENTRE_ID },
  staff: { username: 'centre-staff', role: 'staff', unitId: CENTRE_ID },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

export async function seedAccounts(db: Kysely<Database>): Promise<void> {
  for (const account of Object.values(ACCOUNTS)) {
    await createAccount(db, { ...account, displayName: account.username, password: PASSWORD }, { now: new Date(), actor: 'test' });
  }
}

/** Signs in and answers the Cookie header value to send back. */
export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const reply = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { [CSRF_HEADER]: '1' }, payload: { username, password } });
  if (reply.statusCode !== 200) throw new Error(`sign-in failed: ${reply.statusCode} ${reply.body}`);
  const cookie = String(reply.headers['set-cookie']).split(';')[0]!;
  return cookie;
}

/** A request as the dashboard sends it: the session cookie and, on changes, the CSRF header. */
export interface ManagedApp {
  opened: OpenedDatabase;
  app: FastifyInstance;
  /** The administrator's session cookie. */
  admin: string;
  close(): Promise<void>;
}

/** A fresh database with the test units and ACCOUNTS, the app over it, and the administrator signed in. */
export async function openManagedApp(database: DatabaseUnderTest): Promise<ManagedApp> {
  const opened = await database.open();
  await seedTestUnits(opened.db);
  await seedAccounts(opened.db);
  const app = buildApp({ db: opened.db, staticDir: null });
  return {
    opened,
    app,
    admin: await signIn(app, ACCOUNTS.admin.username),
    async close() {
      await app.close();
      await opened.close();
    },
  };
}

export function asSignedIn(app: FastifyInstance, cookie: string | null, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({
    ...options,
    headers: { ...(cookie ? { cookie } : {}), ...(options.method && options.method !== 'GET' ? { [CSRF_HEADER]: '1' } : {}), ...options.headers },
  });
}

export const QUICK_V1 = BUNDLED_QUESTIONNAIRES.find((q) => q.id === 'counter-rating' && q.version === 1)!;
const IMPROVEMENT_OPTIONS = ['access', 'procedure', 'staff', 'result', 'feedback', 'shorter-time', 'fewer-documents', 'online-services'];

/** 'YYYY-MM-DD' of `daysAgo` days before today (UTC, which at 03:00Z is also the day in Việt Nam). */
export function dayAgo(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Varied answers over the last `days` days from three tablets (two in the centre, one in the other
 * centre): random levels, unanswered criteria, incomplete records, improvements, comments, quick ratings.
 */
export async function seedHistory(app: FastifyInstance, db: Kysely<Database>, { days = 12, perDay = 6, seed = 7 } = {}): Promise<void> {
  const random = seededRandom(seed);
  const devices = [
    await enrolNewDevice(app, db, CENTRE_ID),
    await enrolNewDevice(app, db, CENTRE_ID),
    await enrolNewDevice(app, db, OTHER_CENTRE_ID),
  ];
  const quickCriterion = QUICK_V1.elements[0]!.criteria[0]!.id;
  for (const [deviceIndex, device] of devices.entries()) {
    let sequence = 0;
    const responses: SurveyResponse[] = [];
    for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
      for (let k = 0; k < perDay; k++) {
        sequence++;
        // Spread over the working day (08:00–16:00 in Việt Nam), minutes apart.
        const counter = device.unitId === OTHER_CENTRE_ID ? { counterId: random() < 0.5 ? OTHER_COUNTER_ID : null } : {};
        const submittedAt = new Date(Date.parse(`${dayAgo(daysAgo)}T01:00:00.000Z`) + (k * 37 + deviceIndex * 11) * 60_000).toISOString();
        if (random() < 0.2) {
          const level = 1 + Math.floor(random() * 3);
          responses.push({
            ...sipasResponse(device, sequence, { submittedAt, ...counter }),
            questionnaireId: 'counter-rating',
            answers: { [quickCriterion]: level },
          });
          continue;
        }
        const answers: SurveyResponse['answers'] = {};
        for (const element of SIPAS_V1.elements) {
          for (const criterion of element.criteria) {
            if (random() < 0.1) continue;
            // Mostly satisfied, as real rounds are, with a tail of dissatisfaction.
            const roll = random();
            answers[criterion.id] = roll < 0.05 ? 1 : roll < 0.12 ? 2 : roll < 0.25 ? 3 : roll < 0.65 ? 4 : 5;
          }
        }
        const chosen = IMPROVEMENT_OPTIONS.filter(() => random() < 0.25).slice(0, 3);
        if (chosen.length > 0) answers.improvements = chosen;
        if (random() < 0.3)
          answers.comment = `Góp ý ${device.deviceId.slice(-4)} #${sequence}: =SUM(A1) ${random() < 0.5 ? 'nhanh hơn' : 'thân thiện'}`;
        responses.push({ ...sipasResponse(device, sequence, { submittedAt, ...counter }), answers, complete: random() > 0.08 });
      }
    }
    for (let start = 0; start < responses.length; start += 200) {
      const batch = responses.slice(start, start + 200);
      const reply = await syncBatch(app, device.token, batchOf(batch));
      const refused = reply.results.find((result) => result.status === 'rejected');
      if (refused) throw new Error(`seed refused: ${JSON.stringify(refused)}`);
    }
  }
}
