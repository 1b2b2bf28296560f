import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../build/precompress.ts';
import { apiErrorSchema } from '../../src/domain/sync-protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

const INDEX_HTML = `<!doctype html><title>SIPAS Collect</title><div id="root"></div>${'<!-- padding so it compresses -->'.repeat(20)}`;
const ENTRY_CHUNK = Array.from({ length: 200 }, (_, index) => `export const label${index} = "Rất hài lòng ${index}";`).join('\n');
const MANIFEST = JSON.stringify({
  name: 'SIPAS Collect — Đánh giá sự hài lòng',
  start_url: '/kiosk',
  icons: Array(20).fill({ src: '/icons/icon-192.png' }),
});
const REGISTER_SW = `if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/' });`.repeat(5);
/** What the static server calls JavaScript, compressed or not (the plain file's type is checked too). */
const JAVASCRIPT = 'application/javascript; charset=utf-8';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Every header value that names request headers the answer varies on, lower-cased. */
function variesOn(header: string | string[] | number | undefined): string[] {
  return String(header ?? '')
    .toLowerCase()
    .split(',')
    .map((token) => token.trim());
}

describe.each(databasesUnderTest)('serving the PWA on $name', (database) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let staticDir: string;

  beforeAll(async () => {
    opened = await database.open();
    staticDir = mkdtempSync(join(tmpdir(), 'sipas-dist-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(staticDir, 'assets', 'index-3f2a9c1b.js'), ENTRY_CHUNK);
    writeFileSync(join(staticDir, 'assets', 'tiny-0a1b2c3d.js'), 'a()');
    writeFileSync(join(staticDir, 'manifest.webmanifest'), MANIFEST);
    writeFileSync(join(staticDir, 'registerSW.js'), REGISTER_SW);
    await precompressDirectory(staticDir);
    app = buildApp({ db: opened.db, staticDir });
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it.each(['/', '/kiosk', '/kiosk?enrol=ABCD-EFGH-JKMN', '/staff/day', '/manage'])('answers %s with index.html, never cached stale', async (url) => {
    const reply = await app.inject({ url });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers['cache-control']).toBe('no-cache');
  });

  it('serves the service worker revalidated and hashed assets cached for a year', async () => {
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ url: '/assets/index-3f2a9c1b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('sends a hashed asset as brotli, gzip or plain by Accept-Encoding, each cached for a year', async () => {
    const brotli = await app.inject({ url: '/assets/index-3f2a9c1b.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe(JAVASCRIPT);
    expect(variesOn(brotli.headers.vary)).toContain('accept-encoding');
    expect(brotli.headers['cache-control']).toBe(IMMUTABLE);
    expect(brotli.rawPayload.length).toBeLessThan(Buffer.byteLength(ENTRY_CHUNK) / 4);
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(ENTRY_CHUNK);

    const gzip = await app.inject({ url: '/assets/index-3f2a9c1b.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toBe(JAVASCRIPT);
    expect(variesOn(gzip.headers.vary)).toContain('accept-encoding');
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(ENTRY_CHUNK);

    const plain = await app.inject({ url: '/assets/index-3f2a9c1b.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe(JAVASCRIPT);
    expect(variesOn(plain.headers.vary)).toContain('accept-encoding');
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body).toBe(ENTRY_CHUNK);
  });

  it('sends a file too small to shrink as it is, still varying on Accept-Encoding', async () => {
    const reply = await app.inject({ url: '/assets/tiny-0a1b2c3d.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(variesOn(reply.headers.vary)).toContain('accept-encoding');
    expect(reply.body).toBe('a()');
  });

  it.each([
    { url: '/', body: INDEX_HTML, type: 'text/html; charset=utf-8' },
    { url: '/kiosk', body: INDEX_HTML, type: 'text/html; charset=utf-8' },
    { url: '/manage/reports', body: INDEX_HTML, type: 'text/html; charset=utf-8' },
    { url: '/sw.js', body: 'self.addEventListener("install", () => {});', type: JAVASCRIPT },
    { url: '/manifest.webmanifest', body: MANIFEST, type: 'application/manifest+json' },
    { url: '/registerSW.js', body: REGISTER_SW, type: JAVASCRIPT },
  ])('sends $url compressed when it shrinks, with its own type, and never cached stale', async ({ url, body, type }) => {
    const reply = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(variesOn(reply.headers.vary)).toContain('accept-encoding');
    const sent = reply.headers['content-encoding'] === 'br' ? brotliDecompressSync(reply.rawPayload) : reply.rawPayload;
    expect(sent.toString('utf8')).toBe(body);
    if (Buffer.byteLength(body) > 200) expect(reply.headers['content-encoding']).toBe('br');
  });

  it('answers unknown /api routes and unknown files with a JSON 404', async () => {
    for (const request of [
      { url: '/api/v1/nothing-here' },
      { url: '/api/v1/sync/responses' },
      { method: 'POST' as const, url: '/api/v2/sync/responses', payload: {} },
      { url: '/missing.png' },
    ]) {
      const reply = await app.inject(request);
      expect(reply.statusCode).toBe(404);
      expect(apiErrorSchema.parse(reply.json()).error.code).toBe('not-found');
    }
  });

  it('reports health', async () => {
    const reply = await app.inject({ url: '/api/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'ok' });
  });
});
