import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export interface RunningServer {
  origin: string;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number;
  /** The one-time enrolment code printed at start for the demo kiosk. */
  enrolmentCode: string | null;
  output: () => string;
  /** SIGKILL: the process gets no chance to flush or finish anything. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
  /** SIGTERM, as systemd stops the service; resolves with the exit code once the process has ended. */
  terminate: () => Promise<number | null>;
}

function listensOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A port nothing listens on: any the system hands out, or, with TEST_PORT_RANGE=FROM-TO, the first free
 * one in that range (several people sharing one machine each keep to their own ports).
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORT_RANGE?.trim() ?? '');
  if (!range) return listensOn(0);
  // Ports not handed out yet first; once all were, any that is free again.
  for (const fresh of [true, false]) {
    for (let port = Number(range[1]); port <= Number(range[2]); port += 1) {
      if (
        (!fresh || !usedPorts.has(port)) &&
        (await listensOn(port).then(
          () => true,
          () => false,
        ))
      ) {
        usedPorts.add(port);
        return port;
      }
    }
  }
  throw new Error(`no free port in TEST_PORT_RANGE ${process.env.TEST_PORT_RANGE}`);
}

/** Handed out already in this process: a server given one may not listen on it yet. */
const usedPorts = new Set<number>();

export function temporarySqliteFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'sipas-e2e-')), 'sipas.sqlite');
}

/** Starts the real server (`src/server/main.ts`) as its own process, as an administrator would. */
export async function startServer(options: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, SEED_DEMO: 'true', PORT: String(options.port), HOST: '127.0.0.1', DATABASE_URL: options.databaseUrl, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${options.port}`;
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const exited = exitCode.then(() => undefined);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output}`);
    const healthy = await fetch(`${origin}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const code = /\/kiosk\?enrol=([A-Za-z0-9-]+)/.exec(output)?.[1] ?? null;
  return {
    origin,
    pid: child.pid!,
    enrolmentCode: code,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    terminate: async () => {
      child.kill('SIGTERM');
      return exitCode;
    },
  };
}
