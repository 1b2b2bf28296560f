import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { extname, join, relative } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSIBLE_EXTENSIONS } from '../../build/precompress.ts';
import { chunksBeforeFirstScreen } from '../bench/kiosk-bundle.ts';
import { DEFERRED_ASSETS_LIST } from '../../src/app/pwa/deferred-assets.ts';
import { freePort, startServer, temporarySqliteFile, type RunningServer } from './server-process.ts';

const DIST = 'dist';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(DIST, join(entry.parentPath, entry.name)));
}

/** The body exactly as the server sent it: node:http does not decode Content-Encoding. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('the production build, precompressed', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: await freePort(), databaseUrl: temporarySqliteFile(), env: { SEED_DEMO: '0' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('has a brotli and a gzip copy of every text file, and precaches only the originals', () => {
    const files = filesUnder(DIST);
    const text = files.filter((file) => COMPRESSIBLE_EXTENSIONS.has(extname(file)));
    expect(text.length).toBeGreaterThan(20);
    for (const file of text.filter((name) => statSync(join(DIST, name)).size > 1024)) {
      expect(existsSync(join(DIST, `${file}.br`)), `${file}.br`).toBe(true);
      expect(existsSync(join(DIST, `${file}.gz`)), `${file}.gz`).toBe(true);
    }
    expect(readFileSync(join(DIST, 'sw.js'), 'utf8')).not.toMatch(/\.(br|gz)["']/);
  });

  it('precaches at install what the kiosk needs, and lists the dashboard’s, staff view’s and QR scanner’s files to cache later', () => {
    const precached = [...readFileSync(join(DIST, 'sw.js'), 'utf8').matchAll(/url:"([^"]+)"/g)].map((match) => `/${match[1]}`);
    const deferred = JSON.parse(readFileSync(join(DIST, DEFERRED_ASSETS_LIST), 'utf8')) as string[];
    for (const name of ['ManageApp-', 'StaffApp-', 'QrScanner-', 'exceljs', 'zxing_reader-']) {
      expect(
        deferred.some((path) => path.includes(name)),
        name,
      ).toBe(true);
    }
    const kioskFiles = [...chunksBeforeFirstScreen(DIST).map((chunk) => `/${chunk.file}`), '/index.html', `/${DEFERRED_ASSETS_LIST}`];
    expect(precached.some((path) => path.includes('/assets/SurveyRunner-'))).toBe(true);
    for (const path of kioskFiles) expect(precached, path).toContain(path);
    expect(precached.filter((path) => deferred.includes(path))).toEqual([]);
    for (const path of deferred) expect(existsSync(join(DIST, path)), path).toBe(true);
  });

  it('keeps the citizen’s dossier-link page out of the kiosk’s service worker, and its scripts within 50 KB gzip', async () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const linkScripts = chunksBeforeFirstScreen(DIST, 'd.html');
    const entry = linkScripts[0]!.file;
    expect(entry).toMatch(/^assets\/dossier-link-.+\.js$/);
    expect(sw).not.toContain('d.html');
    expect(sw).not.toContain(entry);
    expect(readFileSync(join(DIST, 'd.html'), 'utf8')).not.toContain('rel="manifest"');
    // What the server sends to a gzip client (the gzip copy; a file too small to compress as it is) of every
    // script the page runs before its first question.
    const sentBytes = (file: string) => statSync(join(DIST, existsSync(join(DIST, `${file}.gz`)) ? `${file}.gz` : file)).size;
    const gzipBytes = linkScripts.reduce((sum, chunk) => sum + sentBytes(chunk.file), 0);
    expect(gzipBytes).toBeLessThanOrEqual(50 * 1024);
    const page = await rawGet(`${server.origin}/d`, 'identity');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body.equals(readFileSync(join(DIST, 'd.html')))).toBe(true);
  });

  it('sends the kiosk’s start-up scripts and the service worker as brotli to a browser that accepts it', async () => {
    const startup = chunksBeforeFirstScreen(DIST).map((chunk) => `/${chunk.file}`);
    for (const path of [...startup, '/sw.js', '/kiosk']) {
      const reply = await rawGet(`${server.origin}${path}`, 'gzip, deflate, br, zstd');
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-encoding'], path).toBe('br');
      expect(String(reply.headers.vary).toLowerCase(), path).toContain('accept-encoding');
      const original = readFileSync(join(DIST, path === '/kiosk' ? 'index.html' : path.slice(1)));
      expect(brotliDecompressSync(reply.body).equals(original), path).toBe(true);
    }
  });
});
