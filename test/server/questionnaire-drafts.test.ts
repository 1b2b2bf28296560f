import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftListReplySchema, draftReplySchema } from '../../src/domain/questionnaire-drafts.ts';
import { QUESTIONNAIRE_TEMPLATES } from '../../src/domain/templates/index.ts';
import { ACCOUNTS, asSignedIn, openManagedApp, signIn, type ManagedApp } from './manage-fixtures.ts';
import { databasesUnderTest } from './test-databases.ts';

const [SCHOOL] = QUESTIONNAIRE_TEMPLATES.slice(1);

describe.each(databasesUnderTest)('questionnaire drafts kept on the server, on $name', (database) => {
  let managed: ManagedApp;
  beforeAll(async () => {
    managed = await openManagedApp(database);
  });
  afterAll(async () => {
    await managed.close();
  });

  const call = (method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, payload?: Record<string, unknown>, cookie = managed.admin) =>
    asSignedIn(managed.app, cookie, { method, url: `/api/v1/admin/${url}`, ...(payload === undefined ? {} : { payload }) });
  const listed = async () => draftListReplySchema.parse((await call('GET', 'questionnaire-drafts')).json()).drafts;

  it('keeps a half-written version as written, replaces it on the next save, and gives it back to be opened', async () => {
    const halfWritten = `{\n  "id": "${SCHOOL!.id}",\n  "version": 7,\n  "title": { "vi": "Phụ huynh (bản nháp)" },\n  "elements": []\n}`;
    const saved = await call('PUT', 'questionnaire-drafts', { text: halfWritten });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ id: SCHOOL!.id, version: 7, title: { vi: 'Phụ huynh (bản nháp)' }, savedBy: ACCOUNTS.admin.username });

    const better = halfWritten.replace('"elements": []', '"elements": [], "mode": "full"');
    expect((await call('PUT', 'questionnaire-drafts', { text: better })).statusCode).toBe(200);
    const drafts = await listed();
    expect(drafts.filter((draft) => draft.id === SCHOOL!.id && draft.version === 7)).toHaveLength(1);
    const opened = draftReplySchema.parse((await call('GET', `questionnaire-drafts/${SCHOOL!.id}/7`)).json());
    expect(opened.text).toBe(better);

    const audit = await managed.opened.db.selectFrom('audit_log').select('action').where('action', '=', 'questionnaire.draft-saved').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses what cannot be a draft, naming the field, and stores nothing', async () => {
    const before = await listed();
    const notJson = await call('PUT', 'questionnaire-drafts', { text: '{ "id": "sipas", ' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'draft-not-json', field: 'text' } });
    const noVersion = await call('PUT', 'questionnaire-drafts', { text: '{ "id": "sipas" }' });
    expect(noVersion.json()).toMatchObject({ error: { code: 'draft-without-version', field: 'text' } });
    const published = await call('PUT', 'questionnaire-drafts', { text: '{ "id": "sipas", "version": 1 }' });
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({ error: { code: 'version-published', field: 'version' } });
    expect(await listed()).toEqual(before);
  });

  it('is removed when its version is published, and can be deleted, once, by an administrator only', async () => {
    const version = { ...SCHOOL!, version: 5 };
    expect((await call('PUT', 'questionnaire-drafts', { text: JSON.stringify(version) })).statusCode).toBe(200);
    expect((await call('POST', 'questionnaires', version)).statusCode).toBe(201);
    expect((await listed()).some((draft) => draft.id === SCHOOL!.id && draft.version === 5)).toBe(false);

    expect((await call('PUT', 'questionnaire-drafts', { text: JSON.stringify({ ...SCHOOL!, version: 6 }) })).statusCode).toBe(200);
    const manager = await signIn(managed.app, ACCOUNTS.manager.username);
    expect((await call('GET', 'questionnaire-drafts', undefined, manager)).statusCode).toBe(403);
    expect((await call('DELETE', `questionnaire-drafts/${SCHOOL!.id}/6`, undefined, manager)).statusCode).toBe(403);
    expect((await call('DELETE', `questionnaire-drafts/${SCHOOL!.id}/6`)).statusCode).toBe(204);
    expect((await call('DELETE', `questionnaire-drafts/${SCHOOL!.id}/6`)).statusCode).toBe(404);
    expect((await call('GET', `questionnaire-drafts/${SCHOOL!.id}/6`)).statusCode).toBe(404);
  });
});
