import { createServer, request as forwardRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on loopback between the tablet and the server that loses requests, as a flaky counter
 * network does. While faults are on, each request draws from a seeded generator (the same seed gives the
 * same sequence of fates): a share is cut before it reaches the server, another share is forwarded,
 * answered by the server (a batch is committed) and then cut before the reply reaches the tablet.
 */
export interface FaultProxy {
  origin: string;
  /** Turns the faults on with a fresh generator from `seed`, or off with `null`; the counts start again. */
  setFaults(faults: { dropRate: number; seed: number } | null): void;
  counts(): { passed: number; droppedBefore: number; droppedAfterServer: number };
  close(): Promise<void>;
}

/** mulberry32: small, fast and good enough to spread drops; deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  let faults: { dropRate: number; random: () => number } | null = null;
  const counts = { passed: 0, droppedBefore: 0, droppedAfterServer: 0 };

  function forward(incoming: IncomingMessage, onResponse: (response: IncomingMessage) => void) {
    const outgoing = forwardRequest(
      { host: targetUrl.hostname, port: targetUrl.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      onResponse,
    );
    outgoing.on('error', () => incoming.socket.destroy());
    incoming.pipe(outgoing);
  }

  function pass(incoming: IncomingMessage, reply: ServerResponse) {
    counts.passed += 1;
    forward(incoming, (response) => {
      reply.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(reply);
    });
  }

  const server = createServer((incoming, reply) => {
    const draw = faults ? faults.random() : 1;
    const dropRate = faults?.dropRate ?? 0;
    if (draw >= dropRate) return pass(incoming, reply);
    if (draw < dropRate / 2) {
      // Lost on the way to the server: the connection dies before any byte is forwarded.
      counts.droppedBefore += 1;
      incoming.socket.destroy();
      return;
    }
    // Lost on the way back: the server has answered (and committed) in full, the tablet hears nothing.
    counts.droppedAfterServer += 1;
    forward(incoming, (response) => {
      response.resume();
      response.on('end', () => incoming.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    setFaults(next) {
      faults = next ? { dropRate: next.dropRate, random: seededRandom(next.seed) } : null;
      Object.assign(counts, { passed: 0, droppedBefore: 0, droppedAfterServer: 0 });
    },
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
