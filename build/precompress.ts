import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Files that shrink when compressed; images and fonts (png, woff2) are compressed formats already. */
export const COMPRESSIBLE_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.json', '.webmanifest', '.svg', '.map', '.txt', '.wasm', '.xml']);

/**
 * Source maps are most of the bytes and are fetched only by a developer's tools: brotli's top quality on
 * them would triple the build's compression time for no citizen's benefit.
 */
const SOURCE_MAP_BROTLI_QUALITY = 6;
const PARALLEL_FILES = 4;

export interface PrecompressSummary {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `file.br` and `file.gz` beside every compressible file of `dir`, at the strongest settings: done
 * once per build, so the server sends them with no CPU spent per request (see src/server/http/pwa-static.ts).
 * A variant that would not be smaller is not written, and the server then sends the file itself.
 */
export async function precompressDirectory(dir: string): Promise<PrecompressSummary> {
  const summary: PrecompressSummary = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const queue = (await filesUnder(dir)).filter((file) => COMPRESSIBLE_EXTENSIONS.has(extname(file)));
  // libuv's thread pool compresses several files side by side; a few at a time keeps memory bounded.
  await Promise.all(
    Array.from({ length: PARALLEL_FILES }, async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const { bytes, brotliBytes, gzipBytes } = await precompressFile(file);
        summary.files += 1;
        summary.bytes += bytes;
        summary.brotliBytes += brotliBytes;
        summary.gzipBytes += gzipBytes;
      }
    }),
  );
  return summary;
}

async function precompressFile(file: string): Promise<{ bytes: number; brotliBytes: number; gzipBytes: number }> {
  const source = await readFile(file);
  const extension = extname(file);
  const [brotliBytes, gzipBytes] = await Promise.all([
    brotli(source, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: extension === '.map' ? SOURCE_MAP_BROTLI_QUALITY : zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.length,
        [zlibConstants.BROTLI_PARAM_MODE]: extension === '.wasm' ? zlibConstants.BROTLI_MODE_GENERIC : zlibConstants.BROTLI_MODE_TEXT,
      },
    }),
    gzipAsync(source, { level: zlibConstants.Z_BEST_COMPRESSION }),
  ]);
  if (brotliBytes.length < source.length) await writeFile(`${file}.br`, brotliBytes);
  if (gzipBytes.length < source.length) await writeFile(`${file}.gz`, gzipBytes);
  return {
    bytes: source.length,
    brotliBytes: Math.min(brotliBytes.length, source.length),
    gzipBytes: Math.min(gzipBytes.length, source.length),
  };
}

/**
 * Precompresses the build's output (brotli and gzip) after every other plugin has written its files:
 * it is placed after vite-plugin-pwa, whose service worker (sw.js, workbox-*.js) is written when the
 * bundle closes. The precache manifest lists only the original files, never the .br/.gz copies.
 */
export function precompressBuild(): Plugin {
  let outDir = 'dist';
  let logger: ResolvedConfig['logger'] | null = null;
  return {
    name: 'sipas:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      logger = config.logger;
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        if (!(await stat(outDir).catch(() => null))?.isDirectory()) return;
        const summary = await precompressDirectory(outDir);
        const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
        logger?.info(`precompressed ${summary.files} files: ${kb(summary.bytes)} → ${kb(summary.brotliBytes)} brotli, ${kb(summary.gzipBytes)} gzip`);
      },
    },
  };
}
