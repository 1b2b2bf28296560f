import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSigningKey,
  currentSigningKey,
  findSigningKey,
  listSigningKeys,
  recordMintedLinks,
  findMintedLink,
  revokeSigningKey,
} from '../../../src/server/db/dossier-links-repository.ts';
import { linkKeysSecretFrom, openSecret, sealSecret } from '../../../src/server/dossier-links/sealed-secrets.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, seedTestUnits } from '../fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

describe('sealed signing secrets', () => {
  const sealingKey = new Uint8Array(randomBytes(32));
  const secret = new Uint8Array(randomBytes(32));

  it('open with the sealing key and the key id they were sealed for, and with nothing else', () => {
    const sealed = sealSecret(secret, sealingKey, 'k1');
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(openSecret(sealed, sealingKey, 'k1')).toEqual(secret);
    expect(() => openSecret(sealed, sealingKey, 'k2')).toThrow();
    expect(() => openSecret(sealed, new Uint8Array(randomBytes(32)), 'k1')).toThrow();
    const [version, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openSecret(`${version}.${iv}.${flipped.toString('base64url')}`, sealingKey, 'k1')).toThrow();
  });

  it('reads LINK_KEYS_SECRET as 32 bytes of base64 or base64url, nothing when unset, and refuses anything else', () => {
    const bytes = randomBytes(32);
    expect(linkKeysSecretFrom(bytes.toString('base64'))).toEqual(new Uint8Array(bytes));
    expect(linkKeysSecretFrom(bytes.toString('base64url'))).toEqual(new Uint8Array(bytes));
    expect(linkKeysSecretFrom(undefined)).toBeUndefined();
    expect(linkKeysSecretFrom('  ')).toBeUndefined();
    expect(() => linkKeysSecretFrom('too-short')).toThrow(/LINK_KEYS_SECRET/);
    expect(() => linkKeysSecretFrom(randomBytes(16).toString('base64'))).toThrow(/LINK_KEYS_SECRET/);
  });
});

describe.each(databasesUnderTest)('signing keys and minted links stored on $name', (database) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await database.open();
    await seedTestUnits(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  it('rotates: the new key is current, the old one keeps its last issue day, another unit is untouched', async () => {
    const { db } = opened;
    const at = new Date('2026-12-05T03:00:00Z');
    expect(await addSigningKey(db, { id: 'first', unitId: CENTRE_ID, secretSealed: 'v1.a.b', at, actor: 'account:a' }, '2026-12-05')).toEqual([]);
    await addSigningKey(db, { id: 'other', unitId: OTHER_CENTRE_ID, secretSealed: 'v1.a.b', at, actor: 'account:a' }, '2026-12-05');
    const later = new Date('2026-12-06T03:00:00Z');
    expect(await addSigningKey(db, { id: 'second', unitId: CENTRE_ID, secretSealed: 'v1.c.d', at: later, actor: 'account:a' }, '2026-12-06')).toEqual(
      ['first'],
    );
    expect((await currentSigningKey(db, CENTRE_ID))?.id).toBe('second');
    expect(await findSigningKey(db, CENTRE_ID, 'first')).toMatchObject({
      rotated_at: later.toISOString(),
      last_issue_day: '2026-12-06',
      revoked_at: null,
    });
    expect(await findSigningKey(db, OTHER_CENTRE_ID, 'first')).toBeUndefined();
    expect((await currentSigningKey(db, OTHER_CENTRE_ID))?.id).toBe('other');
    expect(await revokeSigningKey(db, 'second', later)).toBe(true);
    expect(await revokeSigningKey(db, 'second', later)).toBe(false);
    expect(await currentSigningKey(db, CENTRE_ID)).toBeUndefined();
    const listed = await listSigningKeys(db, CENTRE_ID);
    expect(listed.map((key) => key.id)).toEqual(['second', 'first']);
    expect(listed[0]).not.toHaveProperty('secret_sealed');
  });

  it('keeps the first minted row of a dossier minted twice', async () => {
    const { db } = opened;
    const link = {
      unitId: CENTRE_ID,
      dossierCode: 'HS-1',
      procedureCode: 'p1',
      keyId: 'first',
      issuedOn: '2026-12-05',
      expiresOn: '2027-01-04',
      integrationKeyId: 'ik',
      at: new Date(),
    };
    await recordMintedLinks(db, [link]);
    await recordMintedLinks(db, [{ ...link, keyId: 'second', expiresOn: '2027-02-04' }]);
    expect(await findMintedLink(db, CENTRE_ID, 'HS-1')).toMatchObject({ key_id: 'first', expires_on: '2027-01-04' });
  });
});
