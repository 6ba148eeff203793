import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { demandBinaryPlugin } from './scripts/vite/demand-binary.ts';

/**
 * The installable offline app (vite-plugin-pwa → Workbox generateSW): a web app manifest and a service worker that
 * precaches everything in dist/ — the app shell, the icons and all of public/geo (data files and the ~680 vector
 * tiles; demand.json as its compact copy), ~17 MB — so after one visit the app opens with no network.
 * - registerType 'prompt': a new version installs in the background (its whole precache or nothing) and waits; the
 *   page keeps running the version it loaded until the user presses «Оновити» (src/ui/UpdatePrompt.tsx), then every
 *   open tab reloads onto the new one. No clientsClaim/skipWaiting, so one page never mixes two versions' files.
 * - No runtime caching at all: only the precached files of this origin are served by the worker. The optional
 *   OpenStreetMap basemap (tile.openstreetmap.org, off by default) goes past it to the network, as its tile usage
 *   policy asks (no offline or bulk caching); only the browser's ordinary HTTP cache keeps its tiles.
 * - The dev server registers nothing (devOptions.enabled false; virtual:pwa-register is a no-op there).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false, // src/ui/UpdatePrompt.tsx registers it (after the first screen is ready)
  manifestFilename: 'manifest.webmanifest', // public/geo/manifest.json is the data manifest, a different file
  includeManifestIcons: false, // globPatterns below already precaches every file, icons included
  manifest: {
    id: './',
    name: 'Покриття громад · Hromada Coverage',
    short_name: 'Покриття громад',
    description: 'Як швидко пожежні, ЦБГ і поліція доїжджають до кожного населеного пункту України — How fast fire brigades, Security Centers and police reach every settlement of Ukraine',
    lang: 'uk',
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#0b5cad',
    background_color: '#ffffff',
    categories: ['government', 'utilities', 'navigation'],
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  },
  workbox: {
    globPatterns: ['**/*'],
    // the plugin adds the manifest itself; the app reads demand.json from its compact copy (scripts/vite/demand-binary.ts)
    globIgnores: ['**/node_modules/**/*', 'manifest.webmanifest', 'geo/demand.json'],
    // the largest file must fit or it is silently left out of the precache
    maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
    // Vite's hashed file names are their own revision.
    dontCacheBustURLsMatching: /^assets\//,
    // A navigation to any page of the app that is not a precached file gets the app shell.
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/\/geo\//],
    cleanupOutdatedCaches: true,
    clientsClaim: false,
    skipWaiting: false,
    runtimeCaching: [],
  },
  devOptions: { enabled: false },
});

/**
 * Cross-origin isolation: with these two headers the page may share memory with its workers, so the road model runs
 * its two services' full searches on two threads (src/engine/roads/parallel.ts); without them (a host that cannot set
 * headers) it runs them one after the other, with the same results. Everything the app loads comes from its own
 * origin; the optional online basemap's tiles are fetched with CORS, which COEP require-corp allows.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// One config for the app build and both test projects:
// - unit: pure Node tests of engine, io, state and data invariants;
// - e2e: the built app (dist/) served on loopback and driven in Debian's Chromium.
export default defineConfig({
  plugins: [react(), demandBinaryPlugin(), pwa],
  base: './',
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
