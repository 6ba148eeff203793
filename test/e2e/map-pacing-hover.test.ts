/**
 * The map after the first screen (review of the lazy deck.gl overlay and frame pacing): once the first result is on
 * the map, its frames are no longer paced (MapLibre's own triggerRepaint, not the pacer's one per 600 ms), and a
 * pointer that leaves the map in the same frame as its last move leaves no tooltip behind (hover is picked once per
 * animation frame from MapLibre's mousemove).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadyApp, type AppSession } from './harness';

let app: AppSession;
beforeAll(async () => {
  app = await startReadyApp({ viewport: { width: 1280, height: 800 } });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** Client position of a facility symbol well inside the map. */
async function symbolAt(page: Page): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(() => {
    type Feature = { geometry: { coordinates: [number, number] } };
    const map = (document.querySelector('[data-testid="map"]') as unknown as {
      hcMap: { queryRenderedFeatures(o: { layers: string[] }): Feature[]; project(c: [number, number]): { x: number; y: number } };
    }).hcMap;
    const rect = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    const p = map
      .queryRenderedFeatures({ layers: ['facilities'] })
      .map((f) => map.project(f.geometry.coordinates))
      .find((q) => q.x > 420 && q.x < rect.width - 80 && q.y > 120 && q.y < rect.height - 80);
    return p ? { x: rect.left + p.x, y: rect.top + p.y } : null;
  });
  expect(at).not.toBeNull();
  return at!;
}

/** Dispatches a mousemove at (x, y) on the map's canvas and, when `leave`, a mouseout in the same task. */
async function moveThenMaybeLeave(page: Page, at: { x: number; y: number }, leave: boolean): Promise<void> {
  await page.evaluate(
    ([x, y, out]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas')!;
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
      if (out) canvas.dispatchEvent(new MouseEvent('mouseout', { clientX: x, clientY: y, bubbles: true, relatedTarget: document.body }));
    },
    [at.x, at.y, leave] as const,
  );
  // a few animation frames for the hover to be picked and the tooltip drawn
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => ok())))));
  await page.waitForTimeout(300);
}

describe('map after the first screen', () => {
  it('draws frames as MapLibre asks once the first result is on the map (no pacing left)', async () => {
    const paced = await app.page.evaluate(() => {
      const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: object }).hcMap;
      return Object.prototype.hasOwnProperty.call(map, 'triggerRepaint');
    });
    expect(paced).toBe(false);
  });

  it('a move then leaving the map in the same frame leaves no tooltip; a move alone shows one', async () => {
    const { page } = app;
    const at = await symbolAt(page);
    await moveThenMaybeLeave(page, at, true);
    expect(await page.locator('.tooltip').count()).toBe(0);
    // control: the same move without leaving names the unit
    await moveThenMaybeLeave(page, at, false);
    await page.locator('.tooltip').waitFor({ timeout: 15_000 });
    expect(await page.locator('.tooltip').count()).toBe(1);
    expect(app.consoleErrors).toEqual([]);
  });
});
