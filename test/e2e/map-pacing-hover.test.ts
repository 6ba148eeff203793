/**
 * The map after the first screen (review of the lazy deck.gl overlay and frame pacing): once the first result is on
 * the map, its frames are no longer paced (MapLibre's own triggerRepaint, not the pacer's one per 600 ms), and a
 * pointer that leaves the map in the same frame as its last move leaves no tooltip behind (hover is picked once per
 * animation frame from MapLibre's mousemove). A deck.gl layer switched on later (deck.gl is loaded then) is really
 * drawn by the late overlay, not only listed by the app, and its objects are hovered through it. The settlement
 * circles' source gets its points (8,700) only when the map is first zoomed near the circles' zoom, and they are then
 * drawn coloured.
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
    const map = (
      document.querySelector('[data-testid="map"]') as unknown as {
        hcMap: {
          queryRenderedFeatures(o: { layers: string[] }): Feature[];
          project(c: [number, number]): { x: number; y: number };
        };
      }
    ).hcMap;
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
      if (out)
        canvas.dispatchEvent(
          new MouseEvent('mouseout', { clientX: x, clientY: y, bubbles: true, relatedTarget: document.body }),
        );
    },
    [at.x, at.y, leave] as const,
  );
  // a few animation frames for the hover to be picked and the tooltip drawn
  await page.evaluate(
    () =>
      new Promise<void>((ok) =>
        requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => ok()))),
      ),
  );
  await page.waitForTimeout(300);
}

describe('map after the first screen', () => {
  it('draws frames as MapLibre asks once the first result is on the map (no pacing left)', async () => {
    // Pacing ends with the first frame after the result's that has no tile in flight (or at idle), at the latest
    // 1.5 s after the result.
    const paced = () =>
      app.page.evaluate(() => {
        const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: object }).hcMap;
        return Object.prototype.hasOwnProperty.call(map, 'triggerRepaint');
      });
    await expect.poll(paced, { timeout: 5_000 }).toBe(false);
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

  it('a deck.gl layer switched on later is drawn by the late overlay and hovered through it', async () => {
    const { page } = app;
    // no deck.gl layer on the map before
    const deckIds = () =>
      page.evaluate(() =>
        (document.querySelector('[data-testid="map"]') as unknown as { hcMap: { getLayersOrder(): string[] } }).hcMap
          .getLayersOrder()
          // the interleaved overlay's MapLibre layers (deck.gl groups its layers by beforeId)
          .filter((id) => id.startsWith('deck-layer-group')),
      );
    expect(await deckIds()).toEqual([]);
    await page.locator('input[name="layer-surface"]').check();
    await expect.poll(async () => (await deckIds()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    // a pixel where the overlay picks a surface cell and MapLibre draws neither a symbol nor a settlement circle
    const findCell = () =>
      page.evaluate(() => {
        type Map = {
          __deck?: {
            isInitialized: boolean;
            pickObject(o: { x: number; y: number; radius: number }): { layer: { id: string } } | null;
          };
          queryRenderedFeatures(b: [[number, number], [number, number]], o: { layers: string[] }): unknown[];
          getLayer(id: string): unknown;
        };
        const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: Map }).hcMap;
        const rect = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
        // deck.gl attaches to MapLibre's context asynchronously: nothing to pick before that
        if (!map.__deck?.isInitialized) return null;
        const layers = ['facilities', 'settlements', 'labels'].filter((id) => map.getLayer(id));
        for (let y = 140; y < rect.height - 100; y += 23)
          for (let x = 440; x < rect.width - 100; x += 23) {
            if (
              map.queryRenderedFeatures(
                [
                  [x - 8, y - 8],
                  [x + 8, y + 8],
                ],
                { layers },
              ).length > 0
            )
              continue;
            if (map.__deck?.pickObject({ x, y, radius: 4 })?.layer.id === 'surface')
              return { x: rect.left + x, y: rect.top + y };
          }
        return null;
      });
    await expect.poll(findCell, { timeout: 30_000 }).not.toBeNull();
    const at = await findCell();
    await page.mouse.move(at!.x, at!.y);
    const tip = page.locator('.tooltip');
    await tip.waitFor({ timeout: 15_000 });
    expect(await tip.textContent()).toContain('Гексагон H3');
    await page.mouse.move(5, 790);
    await page.locator('input[name="layer-surface"]').uncheck();
    expect(app.consoleErrors).toEqual([]);
  });

  it('the settlement circles get their points when the map is zoomed near them, and are drawn coloured there', async () => {
    const { page } = app;
    type M = {
      getSource(id: string): { getData(): Promise<{ features: unknown[] }> } | undefined;
      getZoom(): number;
      jumpTo(o: { center: [number, number]; zoom: number }): void;
      queryRenderedFeatures(o: { layers: string[] }): { state: { fill?: string } }[];
    };
    const points = () =>
      page.evaluate(async () => {
        const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap;
        return { zoom: map.getZoom(), n: (await map.getSource('settlements')!.getData()).features.length };
      });
    const before = await points();
    expect(before.zoom).toBeLessThan(5.5);
    expect(before.n).toBe(0);
    await page.evaluate(() => {
      const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap;
      map.jumpTo({ center: [31.3, 51.5], zoom: 7.5 });
    });
    expect((await points()).n).toBeGreaterThan(5_000);
    const drawn = () =>
      page.evaluate(() => {
        const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap;
        const f = map.queryRenderedFeatures({ layers: ['settlements'] });
        return { n: f.length, coloured: f.filter((x) => typeof x.state.fill === 'string').length };
      });
    await expect.poll(async () => (await drawn()).n, { timeout: 30_000 }).toBeGreaterThan(100);
    const d = await drawn();
    expect(d.coloured).toBe(d.n);
    expect(app.consoleErrors).toEqual([]);
  });
});
