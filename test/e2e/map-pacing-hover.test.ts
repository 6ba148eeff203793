/**
 * The map after the first screen (review of the lazy deck.gl overlay and frame pacing): once the first result is on
 * the map, its frames are no longer paced (MapLibre's own triggerRepaint, not the pacer's one per 600 ms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadyApp, type AppSession } from './harness';

let app: AppSession;
beforeAll(async () => {
  app = await startReadyApp({ viewport: { width: 1280, height: 800 } });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('map after the first screen', () => {
  it('draws frames as MapLibre asks once the first result is on the map (no pacing left)', async () => {
    const paced = await app.page.evaluate(() => {
      const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: object }).hcMap;
      return Object.prototype.hasOwnProperty.call(map, 'triggerRepaint');
    });
    expect(paced).toBe(false);
  });
});
