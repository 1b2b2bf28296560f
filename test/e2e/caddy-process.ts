import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './server-process.ts';

/**
 * The shipped deploy/caddy/Caddyfile, run by Debian's Caddy with `tls internal` on a loopback address in
 * front of the given server processes (round-robin), as a province runs it. Clients trust only Caddy's
 * own root certificate (`ca`), as a tablet would once given it.
 */
export interface RunningCaddy {
  origin: string;
  /** Caddy's root certificate, for a client's `ca` option. */
  ca: Buffer;
  output: () => string;
  stop: () => Promise<void>;
}

const CADDYFILE = resolve('deploy/caddy/Caddyfile');

export function caddyExecutable(): string {
  const found = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((path) => existsSync(path));
  if (!found) throw new Error('Caddy is not installed: apt-get install -y caddy (.ci/run installs it).');
  return found;
}

/** Polls `probe` until it gives a value (null or a throw means not yet), for up to a minute. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null>, output: () => string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await new Promise((resolveTimer) => setTimeout(resolveTimer, 200));
  }
}

function statusOf(url: URL, ca: Buffer): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const request = httpsRequest(url, { ca }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Starts Caddy before `upstreams` (host:port each) and waits until it answers readiness over TLS. */
export async function startCaddy(upstreams: string[]): Promise<RunningCaddy> {
  const home = mkdtempSync(join(tmpdir(), 'sipas-caddy-'));
  const httpsPort = await freePort();
  const origin = `https://127.0.0.1:${httpsPort}`;
  let output = '';
  const caddy: ChildProcess = spawn(caddyExecutable(), ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      SIPAS_SITE: origin,
      SIPAS_HTTPS_PORT: String(httpsPort),
      SIPAS_HTTP_PORT: String(await freePort()),
      SIPAS_CADDY_ADMIN: 'off',
      SIPAS_UPSTREAMS: upstreams.join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  caddy.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  caddy.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (caddy.exitCode === null) {
      const exited = new Promise((resolveExit) => caddy.once('exit', resolveExit));
      caddy.kill('SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const rootCertificate = join(home, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt');
    const ca = await waitFor(
      'Caddy’s root certificate',
      async () => (existsSync(rootCertificate) ? readFileSync(rootCertificate) : null),
      () => output,
    );
    await waitFor(
      'the proxy to answer over TLS',
      async () => ((await statusOf(new URL('/api/v1/health/ready', origin), ca)) === 200 ? true : null),
      () => output,
    );
    return { origin, ca, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
