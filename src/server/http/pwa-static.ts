import { existsSync, statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody, sendNotFound } from './api-failure.ts';

/** Client-side routes of the PWA: the server answers them with index.html and the app routes itself. */
const APP_ROUTE = /^\/(?:(?:kiosk|staff|manage)(?:[/?#].*)?)?$/;

/** The citizen's dossier-link page, a page of its own (d.html): /d#<token>, the token never reaching us. */
const LINK_PAGE_ROUTE = /^\/d(?:\?.*)?$/;

/** Files that name the current release; a stale copy would pin tablets to an old version. */
const ALWAYS_REVALIDATED = new Set(['index.html', 'd.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js']);
const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Serves the built PWA from `staticDir` with caching that suits an app that must update safely: files
 * Vite names by content hash (under assets/) are cached for a year, the service worker and the entry
 * page are always revalidated, and the rest revalidates by ETag. Text files go out precompressed (brotli or
 * gzip, by negotiation) when the build made the copies. Unknown /api paths answer a JSON 404.
 * Registered on the root instance, because the 404 handler belongs to the root.
 */
export function servePwa(app: FastifyInstance, staticDir: string | null): void {
  const root = staticDir === null ? null : resolve(staticDir);
  const hasBuild = root !== null && existsSync(root) && statSync(root).isDirectory();
  const hasIndex = hasBuild && existsSync(resolve(root, 'index.html'));

  if (hasBuild) {
    app.register(fastifyStatic, {
      root,
      index: 'index.html',
      // The build writes file.br and file.gz beside each text file (build/precompress.ts); the client's
      // Accept-Encoding picks one, with Vary: Accept-Encoding, and the file itself when it takes neither.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, filePath: string) => {
        reply.header('cache-control', cacheControlFor(root, filePath));
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url;
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (isRead && hasBuild && LINK_PAGE_ROUTE.test(path) && existsSync(resolve(root, 'd.html'))) {
      return reply.header('cache-control', 'no-cache').sendFile('d.html');
    }
    if (path.startsWith('/api/') || path === '/api' || !isRead || !APP_ROUTE.test(path)) return sendNotFound(request, reply);
    if (!hasIndex) {
      return reply.code(404).send(errorBody('app-not-built', 'The web app is not built on this server; run "npm run build" and restart.'));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** The precompressed copy that was sent names the same file as the original: caching follows the original. */
const PRECOMPRESSED_SUFFIX = /\.(?:br|gz)$/;

function cacheControlFor(root: string, sentPath: string): string {
  const filePath = sentPath.replace(PRECOMPRESSED_SUFFIX, '');
  const name = basename(filePath);
  if (ALWAYS_REVALIDATED.has(name)) return 'no-cache';
  const inAssets = relative(root, filePath).split(sep)[0] === 'assets';
  return inAssets ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache';
}
