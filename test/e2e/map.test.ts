/**
 * The map experience in the built app (issue 4): search opens a hromada's panel with the engine's numbers; the norm
 * slider changes the choropleth; English relabels the page; a shared URL restores the view. Screenshots of the
 * country and of one community go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine/coverage';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { DEFAULT_PARAMS, SERVICES } from '../../src/engine/types';
import { htmlData, screenshot, startApp, waitReady, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
const CODE = 'UA07040010000033507'; // Камінь-Каширська міська громада (Volyn): villages beyond the fire norm
const H = data.hromadas.codes.indexOf(CODE);

beforeAll(async () => {
  app = await startApp();
  await app.page.goto(app.baseUrl);
  await waitReady(app.page);
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
