import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64UrlOf,
  bytesOfBase64Url,
  dossierLinkExpiryInstant,
  signDossierLink,
  verifyDossierLink,
  type DossierLinkFields,
  type DossierLinkKey,
} from '../../../src/domain/dossier-link.ts';

interface Vectors {
  keys: { unitId: string; keyId: string; secretHex: string; secretBase64Url: string }[];
  valid: { name: string; fields: DossierLinkFields; payload: string; token: string; verifiedAt: string }[];
  invalid: { name: string; token: string; at: string; reason: string | null }[];
}

const vectors = JSON.parse(readFileSync('test/fixtures/dossier-links/vectors.json', 'utf8')) as Vectors;

function keyOf(unitId: string, keyId: string): DossierLinkKey | undefined {
  const key = vectors.keys.find((candidate) => candidate.unitId === unitId && candidate.keyId === keyId);
  return key && { secret: Buffer.from(key.secretHex, 'hex'), revoked: false, lastIssueDay: null };
}

/**
 * The specification (docs/dossier-links.md) written again with Node's crypto and Buffer only, as a vendor
 * would in another language: nothing of src/domain is used, so a vector both agree on is the format, not
 * one implementation's reading of it.
 */
function independentVerify(token: string, at: Date): { reason: string | null; fields?: Record<string, string> } {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]{22}$/.test(parts[1]!)) return { reason: 'malformed' };
  const payload = Buffer.from(parts[0]!, 'base64url');
  const tag = Buffer.from(parts[1]!, 'base64url');
  if (payload.toString('base64url') !== parts[0] || tag.toString('base64url') !== parts[1]) return { reason: 'malformed' };
  const lines = payload.toString('utf8').split('\n');
  if (lines[0] !== 'DL1') return { reason: /^DL\d+$/.test(lines[0]!) ? 'unknown-version' : 'malformed' };
  if (lines.length !== 7) return { reason: 'malformed' };
  const [, keyId, unitId, dossierCode, procedureCode, issuedOn, expiresOn] = lines as [string, string, string, string, string, string, string];
  const key = vectors.keys.find((candidate) => candidate.unitId === unitId && candidate.keyId === keyId);
  if (!key) return { reason: 'forged' };
  const expected = createHmac('sha256', Buffer.from(key.secretHex, 'hex')).update(payload).digest().subarray(0, 16);
  if (!timingSafeEqual(expected, tag)) return { reason: 'forged' };
  // Valid through the end of the expiry day at +07:00: the start of that day there, plus a day.
  if (at.getTime() >= Date.parse(`${expiresOn}T00:00:00+07:00`) + 86_400_000) return { reason: 'expired' };
  return { reason: null, fields: { keyId, unitId, dossierCode, procedureCode, issuedOn, expiresOn } };
}

function independentSign(fields: DossierLinkFields, secretHex: string): string {
  const payload = Buffer.from(
    ['DL1', fields.keyId, fields.unitId, fields.dossierCode, fields.procedureCode, fields.issuedOn, fields.expiresOn].join('\n'),
    'utf8',
  );
  return `${payload.toString('base64url')}.${createHmac('sha256', Buffer.from(secretHex, 'hex')).update(payload).digest().subarray(0, 16).toString('base64url')}`;
}

function secretHexOf(fields: DossierLinkFields): string {
  return vectors.keys.find((key) => key.unitId === fields.unitId && key.keyId === fields.keyId)!.secretHex;
}

describe('the specification test vectors', () => {
  it.each(vectors.valid)('$name: the domain signs exactly the published token and verifies it', (vector) => {
    expect(signDossierLink(vector.fields, Buffer.from(secretHexOf(vector.fields), 'hex'))).toBe(vector.token);
    expect(verifyDossierLink(vector.token, keyOf, new Date(vector.verifiedAt))).toEqual({ ok: true, fields: vector.fields });
    expect(Buffer.from(vector.token.split('.')[0]!, 'base64url').toString('utf8')).toBe(vector.payload);
  });

  it.each(vectors.valid)('$name: Node crypto alone signs the same token and verifies it', (vector) => {
    expect(independentSign(vector.fields, secretHexOf(vector.fields))).toBe(vector.token);
    expect(independentVerify(vector.token, new Date(vector.verifiedAt))).toEqual({ reason: null, fields: vector.fields });
  });

  it.each(vectors.invalid)('$name: both implementations give the published verdict', (vector) => {
    const verdict = verifyDossierLink(vector.token, keyOf, new Date(vector.at));
    expect(verdict.ok ? null : verdict.reason).toBe(vector.reason);
    expect(independentVerify(vector.token, new Date(vector.at)).reason).toBe(vector.reason);
  });
});

describe('verifying a dossier link', () => {
  const fields = vectors.valid[0]!.fields;
  const secret = Buffer.from(secretHexOf(fields), 'hex');
  const at = new Date('2026-12-10T03:00:00Z');
  const withKey = (key: Partial<DossierLinkKey>) => () => ({ secret, revoked: false, lastIssueDay: null, ...key });

  it('refuses every link of a revoked key, even one it signed', () => {
    expect(verifyDossierLink(signDossierLink(fields, secret), withKey({ revoked: true }), at)).toEqual({ ok: false, reason: 'key-revoked' });
  });

  it('keeps verifying a rotated key’s links issued up to its rotation day, and none issued after it', () => {
    const rotated = withKey({ lastIssueDay: '2026-12-05' });
    expect(verifyDossierLink(signDossierLink(fields, secret), rotated, at).ok).toBe(true);
    const later = signDossierLink({ ...fields, issuedOn: '2026-12-06' }, secret);
    expect(verifyDossierLink(later, rotated, at)).toEqual({ ok: false, reason: 'issued-after-rotation' });
  });

  it('says "forged", not "expired", for an altered link past its expiry', () => {
    const token = signDossierLink(fields, secret);
    const altered = `${base64UrlOf(new TextEncoder().encode(vectors.valid[0]!.payload.replace('1.001193', '1.001194')))}.${token.split('.')[1]}`;
    expect(verifyDossierLink(altered, withKey({}), new Date('2030-01-01T00:00:00Z'))).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses to sign fields a verifier would refuse', () => {
    expect(() => signDossierLink({ ...fields, dossierCode: 'HS\n01' }, secret)).toThrow();
    expect(() => signDossierLink({ ...fields, dossierCode: ' HS-01' }, secret)).toThrow();
    expect(() => signDossierLink({ ...fields, dossierCode: 'Ho\u0302 so\u031b' }, secret)).toThrow();
    expect(() => signDossierLink({ ...fields, expiresOn: '2026-12-04' }, secret)).toThrow();
    expect(() => signDossierLink({ ...fields, issuedOn: '2026-02-30' }, secret)).toThrow();
    expect(() => signDossierLink({ ...fields, expiresOn: '2027-12-07' }, secret)).toThrow();
    expect(signDossierLink({ ...fields, expiresOn: '2027-12-06' }, secret)).toMatch(/\./);
  });

  it('ends a link at 24:00 in Việt Nam on its expiry day', () => {
    expect(dossierLinkExpiryInstant('2027-01-04').toISOString()).toBe('2027-01-04T17:00:00.000Z');
  });

  it('never accepts a token with any one character changed', () => {
    const token = signDossierLink(fields, secret);
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        (position, replacement) => {
          fc.pre(token[position] !== replacement);
          const changed = token.slice(0, position) + replacement + token.slice(position + 1);
          return !verifyDossierLink(changed, withKey({}), at).ok;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('base64url', () => {
  it('agrees with Node’s encoding both ways and refuses non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        return base64UrlOf(bytes) === text && Buffer.from(bytesOfBase64Url(text)!).equals(Buffer.from(bytes));
      }),
    );
    expect(bytesOfBase64Url('QR')).toBeUndefined();
    expect(bytesOfBase64Url('Q')).toBeUndefined();
    expect(bytesOfBase64Url('QQ=')).toBeUndefined();
  });
});
