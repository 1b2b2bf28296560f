import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Signing keys at rest: AES-256-GCM under the server's LINK_KEYS_SECRET. A vendor mints links offline with
 * the same secret, so the server must read it back (a hash would not do); sealing keeps a copied database
 * or backup from minting links. The key id is the additional data, so a sealed secret moved to another
 * key's row does not open.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class LinkKeysSecretInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkKeysSecretInvalid';
  }
}

/** LINK_KEYS_SECRET: 32 bytes as base64 or base64url (`openssl rand -base64 32`); unset: no dossier links. */
export function linkKeysSecretFrom(value: string | undefined): Uint8Array | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    throw new LinkKeysSecretInvalid('LINK_KEYS_SECRET must be 32 random bytes in base64 (openssl rand -base64 32).');
  }
  return new Uint8Array(Buffer.from(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''), 'base64url'));
}

export function sealSecret(secret: Uint8Array, sealingKey: Uint8Array, keyId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv).setAAD(Buffer.from(keyId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Throws when the sealing key is not the one that sealed it, or the text was changed. */
export function openSecret(sealedText: string, sealingKey: Uint8Array, keyId: string): Uint8Array {
  const [version, iv, sealed] = sealedText.split('.');
  if (version !== VERSION || !iv || !sealed) throw new Error(`a sealed secret of an unknown form (key ${keyId})`);
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]));
}
