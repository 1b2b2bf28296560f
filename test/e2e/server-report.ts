import { CSRF_HEADER, type ReportReply } from '../../src/domain/manage-api.ts';
import type { TallyEntry } from '../../src/domain/tally.ts';

/** The demo accounts the server prints on its first start: "demo manager: quanly-anhoa / sipas-demo (…)". */
export function demoManagerCredentials(output: string): { username: string; password: string } {
  const match = /demo manager: (\S+) \/ (\S+)/.exec(output);
  if (!match) throw new Error(`the server printed no manager credentials:\n${output}`);
  return { username: match[1]!, password: match[2]! };
}

/** Signs in as a person would through the dashboard and returns the session cookie. */
export async function signIn(origin: string, credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}

/** The dashboard's report for one unit (without sub-units) and one day. */
export async function dailyReport(origin: string, cookie: string, unitId: string, day: string, questionnaireId: string): Promise<ReportReply> {
  const query = new URLSearchParams({ unitId, from: day, to: day, includeSubunits: 'false', questionnaireId });
  const response = await fetch(`${origin}/api/v1/reports/summary?${query}`, { headers: { cookie, [CSRF_HEADER]: '1' } });
  if (!response.ok) throw new Error(`the report failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as ReportReply;
}

/**
 * What was added to a report's answers per criterion and level between two reads of it, as tally
 * entries: the demo history may already hold answers on the same day, and only the tablet's count here.
 */
export function addedLevelCounts(before: ReportReply, after: ReportReply): TallyEntry[] {
  const earlier = new Map(before.elements.flatMap((element) => element.criteria.map((criterion) => [criterion.id, criterion.levelCounts])));
  return after.elements.flatMap((element) =>
    element.criteria.flatMap((criterion) =>
      criterion.levelCounts.map((count, index) => ({
        criterionId: criterion.id,
        level: index + 1,
        count: count - (earlier.get(criterion.id)?.[index] ?? 0),
      })),
    ),
  );
}

export function addedQuickCounts(before: ReportReply, after: ReportReply): { n: number; satisfied: number } {
  return { n: (after.quick?.n ?? 0) - (before.quick?.n ?? 0), satisfied: (after.quick?.satisfied ?? 0) - (before.quick?.satisfied ?? 0) };
}
