/**
 * The first screen (issue 2): the built app opens on all of Ukraine from the bundled data only, draws hromadas and
 * facilities, says what is estimated or illustrative, and sets data-app-state="ready" — with no console error and
 * no request to any other host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, waitReady, type AppSession } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('first screen', () => {
  it('opens on Ukraine, draws hromadas and facilities, offline, without errors', async () => {
    const { page } = app;
    const t0 = Date.now();
    await page.goto(app.baseUrl);
    await waitReady(page);
    const readyMs = Date.now() - t0;
    const ds = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    expect(Number(ds.hromadas)).toBe(1470);
    expect(Number(ds.facilities)).toBeGreaterThan(100);
    // The note on estimated / illustrative layers is visible.
    await expect(page.locator('.honesty-pill').isVisible()).resolves.toBe(true);
    await expect(page.locator('.legend .honesty').isVisible()).resolves.toBe(true);
    // Something was really drawn: the map canvas holds many distinct colours (choropleth + symbols).
    const colours = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('.map canvas');
      if (!c) return 0;
      const off = document.createElement('canvas');
      off.width = 200;
      off.height = 150;
      const ctx = off.getContext('2d')!;
      ctx.drawImage(c, 0, 0, off.width, off.height);
      const px = ctx.getImageData(0, 0, off.width, off.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < px.length; i += 4) seen.add((px[i]! >> 3) * 1024 + (px[i + 1]! >> 3) * 32 + (px[i + 2]! >> 3));
      return seen.size;
    });
    expect(colours).toBeGreaterThan(30);
    await screenshot(page, 'first-screen');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    console.log(`first screen ready in ${readyMs} ms`);
  });
});
