/**
 * Browser-test harness: serves the built app (dist/) on loopback with Vite's preview server and drives Debian's
 * Chromium through playwright-core. Every console error, uncaught page error and request to a host other than the
 * preview server is recorded (foreign requests are also aborted, so a test never touches the network).
 */
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS_DIR = join(ROOT, 'test-results');
/** The built app to serve: `dist/` unless HC_DIST names another build folder (parallel local runs). */
export const DIST_DIR = resolve(ROOT, process.env.HC_DIST ?? 'dist');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface AppSession {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Console messages of type error and uncaught page errors. */
  consoleErrors: string[];
  /** URLs of requests to any host other than the preview server. */
  foreignRequests: string[];
  /** Opens a new page in the same browser with the same recording. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface StartOptions {
  viewport?: { width: number; height: number };
  /** Extra Chromium flags. */
  args?: string[];
  /**
   * Service workers: blocked by default, so a test does not download the ~28 MB offline precache in the background
   * (noise for timing checks); the offline test allows them.
   */
  serviceWorkers?: 'allow' | 'block';
}

/**
 * Starts the preview server on a free port and a fresh headless Chromium profile.
 * @throws if dist/ is missing (run `vite build`) or Chromium is not installed.
 */
export async function startApp(opts: StartOptions = {}): Promise<AppSession> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error('Browser tests need Chromium: apt-get install chromium');
  if (!existsSync(join(DIST_DIR, 'index.html'))) throw new Error(`${DIST_DIR} is missing: run \`vite build\` first (npm run test:e2e does)`);
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'error',
    build: { outDir: DIST_DIR },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  const host = `127.0.0.1:${port}`;
  const profile = mkdtempSync(join(tmpdir(), 'hc-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      serviceWorkers: opts.serviceWorkers ?? 'block',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
        // WebGL without a GPU: ANGLE on SwiftShader (Chromium no longer falls back to it silently).
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        ...(opts.args ?? []),
      ],
    });
  } catch (e) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let foreign: boolean;
    try {
      const u = new URL(url);
      foreign = (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.host !== host;
    } catch {
      foreign = true;
    }
    if (foreign) {
      foreignRequests.push(url);
      await route.abort('blockedbyclient');
    } else {
      await route.continue();
    }
  });
  const watch = (p: Page): Page => {
    p.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    p.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
    return p;
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    baseUrl,
    context,
    page,
    consoleErrors,
    foreignRequests,
    newPage: async () => context.newPage(),
    close: async () => {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The `<html>` data attributes (app state, counts, choropleth signature, compute count). */
export async function htmlData(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => ({ ...document.documentElement.dataset }) as Record<string, string>);
}

/**
 * Polls `<html>` data until `test` holds. (Playwright's waitForFunction evaluates its predicate with eval inside
 * the page, which the app's Content-Security-Policy rightly forbids; page.evaluate goes through the debugger.)
 */
export async function waitForHtml(page: Page, test: (d: Record<string, string>) => boolean, what: string, timeout = 60_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeout;
  let d: Record<string, string> = {};
  while (Date.now() < deadline) {
    d = await htmlData(page);
    if (test(d)) return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}; <html> data: ${JSON.stringify(d)}`);
}

/** Waits until `<html data-app-state="ready">`. */
export async function waitReady(page: Page, timeout = 60_000): Promise<Record<string, string>> {
  return waitForHtml(page, (d) => d.appState === 'ready', 'data-app-state="ready"', timeout);
}

/** Runs `action`, then waits for the recompute it causes to be drawn (compute count grows, state back to ready). */
export async function waitRecomputed(page: Page, action: () => Promise<void>, timeout = 60_000): Promise<Record<string, string>> {
  const before = Number((await htmlData(page)).computeCount ?? '0');
  await action();
  return waitForHtml(page, (d) => Number(d.computeCount ?? '0') > before && d.appState === 'ready', 'a recompute', timeout);
}

/** Saves a screenshot under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** startApp, then open the page and wait until the first result is drawn (the usual start of a test file). */
export async function startReadyApp(opts: StartOptions = {}): Promise<AppSession> {
  const app = await startApp(opts);
  await app.page.goto(app.baseUrl);
  await waitReady(app.page);
  return app;
}
