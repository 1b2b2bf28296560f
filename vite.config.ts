import { defineConfig } from 'vitest/config';
import type { Plugin, Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressBuild } from './build/precompress.ts';
import { DEFERRED_ASSETS_CACHE, DEFERRED_ASSETS_LIST } from './src/app/pwa/deferred-assets.ts';

const manifest = {
  name: 'SIPAS Collect — Đánh giá sự hài lòng',
  short_name: 'SIPAS Collect',
  description: 'Khảo sát sự hài lòng của người dân, tổ chức tại Bộ phận Một cửa',
  lang: 'vi',
  start_url: '/kiosk',
  scope: '/',
  display: 'fullscreen' as const,
  display_override: ['fullscreen' as const, 'standalone' as const],
  orientation: 'any' as const,
  background_color: '#f6f7f9',
  theme_color: '#0b4f8a',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

/**
 * V8 compiles a function lazily, on the page's main thread, the first time it runs. Nearly every function
 * in the chunks loaded before the kiosk's first screen (React DOM, Dexie, i18next, the start-up code) runs
 * during a cold start, so this magic comment has Chromium (136 and later) compile them eagerly, on a
 * background thread while the file streams in. Other engines read it as a comment. Lazy chunks keep
 * lazy compilation: most of their code never runs at start-up.
 */
const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

function eagerCompileStartupChunks(): Plugin {
  return {
    name: 'sipas:eager-compile-startup-chunks',
    apply: 'build',
    generateBundle: {
      // After Vite prepends its preload map to the entry: the hint has to be the file's first line.
      order: 'post',
      handler(_options, bundle) {
        const startupChunks = new Map<string, Rolldown.OutputChunk>();
        const addWithStaticImports = (fileName: string) => {
          const output = bundle[fileName];
          if (output?.type !== 'chunk' || startupChunks.has(fileName)) return;
          startupChunks.set(fileName, output);
          output.imports.forEach(addWithStaticImports);
        };
        for (const output of Object.values(bundle)) {
          if (output.type === 'chunk' && output.isEntry) addWithStaticImports(output.fileName);
        }
        for (const [fileName, chunk] of startupChunks) {
          chunk.code = EAGER_COMPILE_HINT + chunk.code;
          // The hint is one more line at the top: every generated line of the source map moves down by one.
          const mapAsset = bundle[`${fileName}.map`];
          if (mapAsset?.type === 'asset' && typeof mapAsset.source === 'string') {
            const map = JSON.parse(mapAsset.source) as { mappings: string };
            mapAsset.source = JSON.stringify({ ...map, mappings: `;${map.mappings}` });
          }
        }
      },
    },
  };
}

/** The kiosk's text font (src/app/fonts.css): Latin, Latin Extended and Vietnamese subsets, regular and bold. */
const TEXT_FONT_FILES = '@fontsource/noto-sans/files/';
/** The subsets Vietnamese and English text are drawn from (fonts.css orders the faces so); Latin Extended is left to a rare letter. */
const PRELOADED_TEXT_SUBSETS = /noto-sans-(latin|vietnamese)-(400|700)-normal/;

/**
 * The browser asks for a font only when a layout meets text that needs it: on a cold start that was in
 * the middle of the welcome screen's first layout, once per subset and weight, and the text was shaped
 * again when they came. Preloaded from the HTML, they come from the service-worker cache while the
 * scripts load, and the first layout shapes the welcome screen once. Khmer's font stays on demand, and so
 * does Latin Extended: preloaded, its 115 KB would share a first visit's mobile link with the scripts.
 */
function preloadTextFonts(): Plugin {
  let base = '/';
  return {
    name: 'sipas:preload-text-fonts',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        // The dossier-link page is read once, on a phone, often on a slow network: its script comes first,
        // and the text shows in the phone's own font until Noto Sans arrives (font-display: swap).
        if (context.path === `/${LINK_PAGE_HTML}`) return [];
        const fonts = Object.values(context.bundle ?? {}).filter(
          (output) =>
            output.type === 'asset' &&
            output.fileName.endsWith('.woff2') &&
            output.originalFileNames.some((name) => name.includes(TEXT_FONT_FILES) && PRELOADED_TEXT_SUBSETS.test(name)),
        );
        if (fonts.length === 0) throw new Error(`the build emitted no font from ${TEXT_FONT_FILES}: fonts.css and this plugin disagree`);
        return fonts.map((font) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `${base}${font.fileName}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * The lazily loaded faces the kiosk does not need to take a survey: the dashboard, the staff view (with
 * exceljs) and the camera's QR decoder (with its 950 KB wasm; a dossier code can always be typed).
 */
const DEFERRED_FACES = [/\/src\/app\/manage\/ManageApp\.tsx$/, /\/src\/app\/staff\/StaffApp\.tsx$/, /\/src\/app\/kiosk\/QrScanner\.tsx$/];
/** Files of the build that only DEFERRED_FACES load, as dist-relative paths (what the precache manifest holds). */
const deferredFiles = new Set<string>();
/** The citizen's dossier-link page (d.html, src/app/dossier-link): opened once on a phone, never installed. */
const LINK_PAGE_INPUT = 'dossier-link';
const LINK_PAGE_HTML = 'd.html';
/** Files only the dossier-link page loads: the kiosk's service worker neither precaches nor serves them. */
const linkPageFiles = new Set<string>([LINK_PAGE_HTML]);
const isLinkPage = (chunk: Rolldown.OutputChunk) => chunk.isEntry && chunk.name === LINK_PAGE_INPUT;

/** Part of the service worker (imported by it at install), not a file the app loads: kept out of the precache. */
const STATIC_ROUTES_SCRIPT = 'sw-static-routes.js';

/**
 * The PWA plugin links its manifest from every page; the dossier-link page is no app to install (its
 * start URL would be the kiosk), so its link goes.
 */
function keepLinkPageOutOfThePwa(): Plugin {
  return {
    name: 'sipas:keep-link-page-out-of-the-pwa',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = bundle[LINK_PAGE_HTML];
        if (page?.type !== 'asset' || typeof page.source !== 'string') throw new Error(`the build emitted no ${LINK_PAGE_HTML}`);
        page.source = page.source.replace(/\s*<link rel="manifest"[^>]*>/, '');
      },
    },
  };
}

/**
 * Splits the service worker's precache (issue 23): the kiosk's chunks are precached at install; the files
 * that only DEFERRED_FACES load are left out of the manifest and listed in DEFERRED_ASSETS_LIST, which the
 * kiosk caches once it is ready (src/app/pwa/deferred-assets.ts). A chunk belongs to the kiosk when the
 * entry reaches it, statically or dynamically, without going through a deferred face.
 */
function deferPrecacheOfOptionalFaces(): Plugin {
  return {
    name: 'sipas:defer-precache-of-optional-faces',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((output): output is Rolldown.OutputChunk => output.type === 'chunk');
        const isDeferredFace = (chunk: Rolldown.OutputChunk) => DEFERRED_FACES.some((face) => face.test(chunk.facadeModuleId ?? ''));
        if (DEFERRED_FACES.some((face) => !chunks.some((chunk) => face.test(chunk.facadeModuleId ?? ''))))
          throw new Error('a deferred face is no chunk of its own any more: DEFERRED_FACES and the lazy imports disagree');
        const reachFrom = (roots: readonly Rolldown.OutputChunk[], stopAt: (chunk: Rolldown.OutputChunk) => boolean) => {
          const reached = new Set<string>();
          const reach = (fileName: string) => {
            const chunk = bundle[fileName];
            if (chunk?.type !== 'chunk' || reached.has(fileName) || stopAt(chunk)) return;
            reached.add(fileName);
            [...chunk.imports, ...chunk.dynamicImports].forEach(reach);
          };
          roots.forEach((chunk) => reach(chunk.fileName));
          return reached;
        };
        // The dossier-link page is an entry of its own, outside the PWA: neither precached nor deferred.
        const kiosk = reachFrom(
          chunks.filter((chunk) => chunk.isEntry && !isLinkPage(chunk)),
          isDeferredFace,
        );
        const faces = reachFrom(chunks.filter(isDeferredFace), () => false);
        const filesOf = (chunk: Rolldown.OutputChunk) => [
          chunk.fileName,
          ...(chunk.viteMetadata?.importedCss ?? []),
          ...(chunk.viteMetadata?.importedAssets ?? []),
        ];
        const kioskFiles = new Set(chunks.filter((chunk) => kiosk.has(chunk.fileName)).flatMap(filesOf));
        const faceFiles = new Set(chunks.filter((chunk) => faces.has(chunk.fileName)).flatMap(filesOf));
        deferredFiles.clear();
        linkPageFiles.clear();
        linkPageFiles.add(LINK_PAGE_HTML);
        for (const chunk of chunks.filter((candidate) => !kiosk.has(candidate.fileName))) {
          for (const file of filesOf(chunk)) {
            if (kioskFiles.has(file)) continue;
            (faceFiles.has(file) ? deferredFiles : linkPageFiles).add(file);
          }
        }
        this.emitFile({ type: 'asset', fileName: DEFERRED_ASSETS_LIST, source: JSON.stringify([...deferredFiles].sort().map((file) => `/${file}`)) });
      },
    },
  };
}

/**
 * The app is written against React's API and rendered by Preact's compatibility layer (issue 23): React
 * DOM was 59% of the kiosk's start-up JavaScript, and Preact does the same work in a fifth of the bytes.
 * Every import of React, from the app and from its React libraries alike, resolves here, in the build,
 * the dev server and the component tests, so what the tests render is what ships.
 */
const REACT_ON_PREACT = [
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
  // react-i18next's polyfill for React 17: Preact's own hook is the one to use.
  { find: /^use-sync-external-store\/shim$/, replacement: 'preact/compat' },
];

/** The libraries that import React: inlined in the component tests, so their imports meet the alias too. */
const REACT_LIBRARIES = [
  /@testing-library\/react/,
  /react-i18next/,
  /@tanstack\/react-query/,
  /react-hook-form/,
  /@hookform\/resolvers/,
  /dexie-react-hooks/,
];

export default defineConfig({
  resolve: { alias: REACT_ON_PREACT },
  plugins: [
    react(),
    eagerCompileStartupChunks(),
    preloadTextFonts(),
    deferPrecacheOfOptionalFaces(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest,
      includeAssets: ['icons/*.png', 'favicon.svg'],
      workbox: {
        // Everything the offline kiosk needs is precached, so an update can never strand it; what only the
        // dashboard, the staff view and the QR scanner load is cached once the kiosk is ready (deferPrecacheOfOptionalFaces).
        globPatterns: ['**/*.{js,css,html,woff2,png,svg,json,webmanifest,wasm}'],
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((entry) => !deferredFiles.has(entry.url) && !linkPageFiles.has(entry.url) && entry.url !== STATIC_ROUTES_SCRIPT),
            warnings: [],
          }),
        ],
        runtimeCaching: [
          {
            // Hashed, immutable files: the cached copy is always right. Precached ones never reach this route.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: DEFERRED_ASSETS_CACHE },
          },
        ],
        navigateFallback: '/index.html',
        // The dossier-link page is a page of its own (d.html), not a route of the kiosk's app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/d(?:[?#]|$)/],
        // Hashed assets come straight from Cache Storage, past the fetch handler (public/sw-static-routes.js).
        importScripts: [`/${STATIC_ROUTES_SCRIPT}`],
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
    keepLinkPageOutOfThePwa(),
    // Last: it compresses what every plugin above wrote, the service worker included.
    precompressBuild(),
  ],
  build: {
    target: 'es2022',
    rollupOptions: { input: { index: 'index.html', [LINK_PAGE_INPUT]: LINK_PAGE_HTML } },
    sourcemap: true,
    // The kiosk's budget is checked by `npm run bench` (150 KB gzip before the first screen), not by this warning.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [react()],
        resolve: {
          alias: [
            // Its package's main file is CommonJS, whose require() no alias reaches: the ES build is the same code.
            { find: /^@testing-library\/react$/, replacement: '@testing-library/react/dist/@testing-library/react.esm.js' },
            ...REACT_ON_PREACT,
          ],
        },
        test: {
          name: 'component',
          server: { deps: { inline: REACT_LIBRARIES } },
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
          // A whole survey clicked through in jsdom takes seconds on a loaded two-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // Accounts are hashed with scrypt at N = 2^17 (some hundred ms each, seconds on a busy machine).
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
