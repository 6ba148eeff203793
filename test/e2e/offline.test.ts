/**
 * The installable offline app (issue 16, point 2): after one visit the service worker has precached the app, its
 * data and the tiles, and a reload with the browser context offline reaches data-app-state="ready", served by the
 * worker; the page is installable (manifest, icons, worker) and asks for no missing file (the favicon 404). A new
 * version is announced with «Оновити» and applied only when the user presses it, by a reload.
 * Each startApp() is a fresh Chromium profile, so this worker never reaches another test's pages.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'playwright-core';
import type { AppSession } from './harness';

type Harness = typeof import('./harness');
let h: Harness;
let app: AppSession;
/** A copy of the build, served instead of dist/, so the second test can deploy a "new version" into it. */
let dist: string;
const savedDist = process.env.HC_DIST;

beforeAll(async () => {
  const source = resolve(import.meta.dirname, '../..', process.env.HC_DIST ?? 'dist');
  dist = mkdtempSync(join(tmpdir(), 'hc-pwa-dist-'));
  cpSync(source, dist, { recursive: true });
  process.env.HC_DIST = dist; // read by the harness when it loads
  h = await import('./harness');
  app = await h.startApp({ serviceWorkers: 'allow' });
});

afterAll(async () => {
  await app?.close();
  if (savedDist === undefined) delete process.env.HC_DIST;
  else process.env.HC_DIST = savedDist;
  if (dist) rmSync(dist, { recursive: true, force: true });
});

/** Deploys a new version into the served copy: index.html gains a marker, and sw.js lists its new revision. */
function deployNextVersion(): void {
  const indexFile = join(dist, 'index.html');
  const next = readFileSync(indexFile, 'utf8').replace('<head>', '<head>\n    <meta name="hc-build" content="next" />');
  writeFileSync(indexFile, next);
  const revision = createHash('md5').update(next).digest('hex');
  const swFile = join(dist, 'sw.js');
  const sw = readFileSync(swFile, 'utf8');
  const updated = sw.replace(/\{url:"index\.html",revision:"[0-9a-f]+"\}/, `{url:"index.html",revision:"${revision}"}`);
  if (updated === sw) throw new Error('sw.js does not list index.html with a revision');
  writeFileSync(swFile, updated);
}

/**
 * The active worker's state once the registration has one (its precache complete), or 'none' after `timeout`.
 * Workbox fetches the ~700 files one at a time, each through the harness's request routing: ~15 s alone, more on a
 * busy machine.
 */
async function workerActivated(app: AppSession, timeout = 80_000): Promise<string> {
  return app.page.evaluate(async (ms) => {
    const reg = await Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
    const sw = reg?.active;
    if (!sw) return 'none';
    if (sw.state === 'activated') return sw.state;
    await new Promise<void>((r) => sw.addEventListener('statechange', () => sw.state === 'activated' && r()));
    return sw.state;
  }, timeout);
}

describe('offline app', () => {
  it('after one visit, reloads with no network to a ready map, with no 404 and an installable manifest', async () => {
    const { page, context } = app;
    const failed: string[] = [];
    const requested: string[] = [];
    const onResponse = (r: Response) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    };
    context.on('response', onResponse);
    context.on('request', (r) => requested.push(r.url()));

    await page.goto(app.baseUrl);
    await h.waitReady(page);
    expect(await workerActivated(app)).toBe('activated');
    // The icons named in index.html and the manifest exist; nothing asked for a file that is not there.
    // The browser fetched the favicon index.html names, and never guessed /favicon.ico.
    expect(requested.some((u) => u.endsWith('/icons/icon.svg'))).toBe(true);
    expect(requested.some((u) => u.endsWith('/favicon.ico'))).toBe(false);
    for (const path of ['icons/icon.svg', 'icons/favicon-32.png', 'icons/icon-192.png', 'icons/icon-maskable-512.png', 'manifest.webmanifest']) {
      const status = await page.evaluate(async (u) => (await fetch(u)).status, path);
      expect(status, path).toBe(200);
    }
    const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
    expect(manifest).toMatchObject({ short_name: 'Покриття громад', lang: 'uk', start_url: './', display: 'standalone' });
    // Chromium's own installability check: manifest, icons, a worker with a fetch handler.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    await cdp.detach();

    // The precache holds the whole public/geo: data files (demand.json as the compact copy the app reads) and every tile.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(cached.some((p) => p.endsWith('/geo/demand.bin.gz'))).toBe(true);
    expect(cached.some((p) => p.endsWith('/geo/demand.json'))).toBe(false);
    expect(cached.filter((p) => p.includes('/geo/tiles/')).length).toBeGreaterThan(600);
    expect(cached.some((p) => p.includes('openstreetmap'))).toBe(false);

    await context.setOffline(true);
    const fromWorker: string[] = [];
    const fromNetwork: string[] = [];
    const onReload = (r: Response) => (r.fromServiceWorker() ? fromWorker : fromNetwork).push(new URL(r.url()).pathname);
    page.on('response', onReload);
    await page.reload();
    const d = await h.waitReady(page);
    page.off('response', onReload);
    expect(Number(d.hromadas)).toBe(1470);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(fromWorker).toContain('/');
    expect(fromWorker.some((p) => p.endsWith('/geo/demand.bin.gz'))).toBe(true);
    expect(fromNetwork.filter((p) => !p.startsWith('blob:'))).toEqual([]);
    expect(failed).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    context.off('response', onResponse);
    await context.setOffline(false);
  });

  it('announces a new version and applies it only on «Оновити», by a reload', async () => {
    const { page } = app;
    const build = () => page.evaluate(() => document.querySelector('meta[name="hc-build"]')?.getAttribute('content') ?? 'first');
    const registration = () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { waiting: reg?.waiting?.state ?? 'none', controlled: navigator.serviceWorker.controller !== null };
      });
    deployNextVersion();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.locator('[data-testid="update-prompt"]');
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await prompt.textContent()).toContain('Доступна нова версія');
    expect(await registration()).toEqual({ waiting: 'installed', controlled: true });

    // Not applied behind the user's back: a plain reload still runs the first version, and asks again.
    await page.reload();
    await h.waitReady(page);
    expect(await build()).toBe('first');
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await registration()).toEqual({ waiting: 'installed', controlled: true });

    // «Оновити»: the new worker takes over and the page reloads onto the new version.
    await page.evaluate(() => {
      document.documentElement.dataset.beforeUpdate = '1';
    });
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('[data-testid="update-reload"]').click();
    await reloaded;
    await h.waitForHtml(page, (x) => x.beforeUpdate === undefined && x.appState === 'ready', 'the reload onto the new version', 60_000);
    expect(await build()).toBe('next');
    expect(await registration()).toEqual({ waiting: 'none', controlled: true });
    expect(await prompt.count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
