/**
 * The map experience in the built app (issue 4): search opens a hromada's panel with the engine's numbers; the norm
 * slider changes the choropleth; English relabels the page; a shared URL restores the view. Screenshots of the
 * country and of one community go to test-results/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine/coverage';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { DEFAULT_PARAMS, SERVICES } from '../../src/engine/types';
import { type AppSession, htmlData, RESULTS_DIR, screenshot, startReadyApp, waitReady, waitRecomputed } from './harness';

let app: AppSession;
const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
const CODE = 'UA07040010000033507'; // Камінь-Каширська міська громада (Volyn): villages beyond the fire norm
const H = data.hromadas.codes.indexOf(CODE);

beforeAll(async () => {
  app = await startReadyApp();
  await screenshot(app.page, 'country-view');
});

afterAll(async () => {
  await app?.close();
});

describe('map', () => {
  it('search finds a hromada by name with or without «громада» and opens its panel with the engine numbers', async () => {
    const { page } = app;
    expect(H).toBeGreaterThanOrEqual(0);
    await page.fill('#search-input', 'камінь-каширська громада');
    await page.locator('.search-results [role="option"]').first().waitFor();
    const first = await page.locator('.search-results [role="option"] .hit-main').first().textContent();
    expect(first).toContain('Камінь-Каширська');
    await page.press('#search-input', 'Enter');
    const panel = page.locator(`section.community[data-hromada="${CODE}"]`);
    await panel.waitFor();
    for (const s of SERVICES) {
      const st = engine.stats(s);
      const shown = async (key: string) => Number(await panel.locator(`[data-stat="${key}-${s}"]`).getAttribute('data-value'));
      // Same engine and data; minutes may differ in the last bits (Chromium's and Node's V8 trigonometry).
      expect(await shown('shareCovered')).toBeCloseTo(st.share[H]!, 9);
      expect(await shown('p90Time')).toBeCloseTo(st.p90Min[H]!, 6);
      expect(await shown('worstTime')).toBeCloseTo(st.maxMin[H]!, 6);
      expect(await shown('settlementsOutside')).toBe(st.settlementsOutside[H]);
      expect(await shown('outsidePopulation')).toBe(st.population[H]! - st.coveredPopulation[H]!);
    }
    await expect(panel.locator('[data-testid="summary"]').textContent()).resolves.toMatch(/\d+ осіб у \d+ населених пунктах/);
    // the unlocated villages are loaded lazily and named
    await panel.locator('[data-testid="unlocated"]').waitFor();
    // the map zoomed to the hromada
    await page.waitForTimeout(1200);
    await waitReady(page);
    await screenshot(page, 'community-view');
    expect(app.consoleErrors).toEqual([]);
  });

  it('saves the map as a PNG with a title band and a legend, notes and sources below the map', async () => {
    const { page } = app;
    const size = await page.locator('.maplibregl-canvas').evaluate((c) => ({ w: (c as HTMLCanvasElement).width, h: (c as HTMLCanvasElement).height }));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-map"]').click()]);
    expect(dl.suggestedFilename()).toMatch(new RegExp(`^hromada-coverage-map-${CODE}-\\d{4}-\\d{2}-\\d{2}\\.png$`));
    const file = join(RESULTS_DIR, 'map-image-community.png');
    await dl.saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(size.w);
    expect(height).toBeGreaterThan(size.h + 150);
    // Decoded in the page: the map part is not blank and the text band below it has dark (text) pixels.
    const stats = await page.evaluate(async ({ b64, mapTop, mapH }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const colours = new Set<number>();
      const map = ctx.getImageData(0, mapTop, c.width, mapH).data;
      for (let i = 0; i < map.length; i += 4 * 97) colours.add((map[i]! << 16) | (map[i + 1]! << 8) | map[i + 2]!);
      // The title band is under 120 px high, so the map ends before mapTop + mapH + 120.
      const foot = ctx.getImageData(0, mapTop + mapH + 120, c.width, c.height - mapTop - mapH - 120).data;
      let dark = 0;
      for (let i = 0; i < foot.length; i += 4) if (foot[i]! + foot[i + 1]! + foot[i + 2]! < 200) dark++;
      return { colours: colours.size, dark };
    }, { b64: png.toString('base64'), mapTop: 120, mapH: size.h - 120 });
    expect(stats.colours).toBeGreaterThan(1);
    expect(stats.dark).toBeGreaterThan(100);
  });

  it('Latin search finds the same hromada', async () => {
    const { page } = app;
    await page.fill('#search-input', 'Kamin-Kashyrska');
    const hit = page.locator('.search-results [role="option"] .hit-main').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Камінь-Каширська');
    await page.fill('#search-input', '');
  });

  it('moving the rural norm slider recomputes and changes the choropleth', async () => {
    const { page } = app;
    const before = (await htmlData(page)).choropleth;
    expect(before).toBeTruthy();
    const d = await waitRecomputed(page, async () => {
      await page.locator('#norm-rural').fill('35');
    });
    expect(d.choropleth).not.toBe(before);
    expect(await page.evaluate(() => window.location.hash)).toContain('fr=35');
  });

  it('switching to English changes the labels', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Hromada Coverage');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect(page.locator('label[for="norm-rural"]').textContent()).resolves.toContain('Villages');
    await expect(page.locator('.legend').textContent()).resolves.toContain('Response time');
    expect(await page.evaluate(() => window.location.hash)).toContain('lang=en');
  });

  it('hovering a village circle shows its numbers; clicking it opens its hromada', async () => {
    // A village of the hromada with no facility drawn over it: the one farthest from every facility.
    const d = data.demand;
    const fire = engine.coverage('fire');
    let v = -1;
    for (let i = 0; i < d.count; i++)
      if (d.hromada[i] === H && d.kind[i] === 0 && d.population[i]! >= 500 && (v < 0 || fire.minutes[i]! > fire.minutes[v]!)) v = i;
    const page = await app.newPage();
    await page.goto(`${app.baseUrl}#map=11/${d.lat[v]}/${d.lon[v]}&lang=en`);
    await waitReady(page);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('.tooltip');
    await tip.waitFor();
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain(d.names[v]!);
    // the engine's response time, as the tooltip prints it (minutes, one decimal)
    expect(text).toContain(fire.minutes[v]!.toFixed(1));
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator(`section.community[data-hromada="${CODE}"]`).waitFor();
    await page.close();
  });

  it('a shared URL restores view, hromada, service, language and parameters', async () => {
    const page = await app.newPage();
    await page.goto(`${app.baseUrl}#map=9/49.2/28.4&h=${CODE}&s=police&lang=en&pr=25`);
    await waitReady(page);
    await page.locator(`section.community[data-hromada="${CODE}"]`).waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('Hromada Coverage');
    expect(await page.locator('input[name="service"][value="police"]').isChecked()).toBe(true);
    expect(await page.locator('#norm-rural').inputValue()).toBe('25');
    const hash = await page.evaluate(() => window.location.hash);
    expect(hash).toMatch(/map=9\/49\.2\/28\.4/);
    expect(hash).toContain(`h=${CODE}`);
    await page.close();
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
