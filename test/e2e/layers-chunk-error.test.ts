/**
 * When the deck.gl layers' chunk cannot be loaded (a network drop before the service worker has stored it), turning
 * on one of its layers says so on the map, in the page's language, and offers a reload; the rest of the page goes on
 * working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlData, startApp, waitReady, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
let blocked = 0;
beforeAll(async () => {
  app = await startApp();
  // every script that holds a deck.gl layer fails to load, as if the network dropped
  await app.page.route('**/assets/*.js', async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    if (/[`'"]ScatterplotLayer[`'"]/.test(body)) {
      blocked++;
      return route.abort('internetdisconnected');
    }
    return route.fulfill({ response: res, body });
  });
  await app.page.goto(app.baseUrl);
  await waitReady(app.page);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('a map-layers chunk that fails to load', () => {
  it('is reported on the map with a reload button, and the panels still work', async () => {
    const { page } = app;
    expect(await page.locator('[data-testid="layers-error"]').count()).toBe(0);
    await page.locator('input[name="layer-surface"]').check();
    const alert = page.locator('[data-testid="layers-error"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(blocked).toBeGreaterThan(0);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('Не вдалося завантажити частину шарів карти');
    expect(await alert.getByRole('button', { name: 'Перезавантажити' }).count()).toBe(1);
    // the page goes on: a norm change still recomputes and recolours the map (not a layer of the failed chunk)
    await page.locator('input[name="layer-surface"]').uncheck();
    const before = (await htmlData(page)).choropleth;
    const d = await waitRecomputed(page, () => page.locator('#norm-rural').fill('35'));
    expect(d.choropleth).not.toBe(before);
    // and in English
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => alert.textContent()).toContain('Some map layers');
    expect(await alert.getByRole('button', { name: 'Reload' }).count()).toBe(1);
  });
});
