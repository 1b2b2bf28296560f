import { isIP } from 'node:net';

/**
 * The reverse proxies whose X-Forwarded-For / -Proto / -Host the server believes (TRUST_PROXY). Only
 * addresses or networks: "trust any" (true) or a hop count would let a client that reaches the server
 * directly claim any address, and walk past the per-address sign-in limit by rotating the header.
 */

/** proxy-addr's names for the usual private ranges, accepted as Fastify passes them on. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export class TrustProxyInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustProxyInvalid';
  }
}

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** "127.0.0.1, 10.0.0.0/8" → the list; unset, empty or "false" → none; anything else is refused at start. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const text = value?.trim() ?? '';
  if (text === '' || /^(false|no|off)$/i.test(text)) return [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const wrong = entries.filter((entry) => !isAddressOrNetwork(entry));
  if (wrong.length > 0) {
    throw new TrustProxyInvalid(
      `TRUST_PROXY must list the addresses or networks of the reverse proxies, e.g. TRUST_PROXY=127.0.0.1 or ` +
        `TRUST_PROXY=10.0.0.0/8,192.168.1.10; "${wrong.join(', ')}" is not one (trusting any sender, or a hop count, ` +
        'would let a client claim any address).',
    );
  }
  return entries;
}
