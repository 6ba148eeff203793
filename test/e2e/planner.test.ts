/**
 * The planner in the built app: a station added by clicking the map changes its hromada's numbers (recomputed
 * incrementally through the worker's `edit`, equal to the engine's full recompute) and the planner shows the
 * national delta; the optimizer proposes five sites for an oblast and draws the curve; the exact method loads HiGHS
 * from the app's own origin. No console errors, no foreign requests.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CoverageEngine } from '../../src/engine/coverage';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { htmlData, screenshot, startApp, waitForHtml, waitReady, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
const CODE = 'UA07040010000033507'; // Камінь-Каширська міська громада (Volyn): villages beyond the fire norm
const H = data.hromadas.codes.indexOf(CODE);

/** The located village of hromada H beyond the fire norm with the most people. */
function worstVillage(): { lon: number; lat: number; name: string } {
  const d = data.demand;
  const c = engine.coverage('fire');
  let best = -1;
  for (let i = 0; i < d.count; i++) {
    if (d.hromada[i] !== H || d.kind[i] !== 0 || c.covered[i]) continue;
    if (best < 0 || d.population[i]! > d.population[best]!) best = i;
  }
  if (best < 0) throw new Error('no village beyond the norm in the test hromada');
  return { lon: d.lon[best]!, lat: d.lat[best]!, name: d.names[best]! };
}

/** Screen pixel of lon/lat on the map, from the view in the URL hash (Web Mercator, 512-px tiles). */
async function pixelOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const hash = await page.evaluate(() => window.location.hash);
  const m = /map=([\d.]+)\/([\d.-]+)\/([\d.-]+)/.exec(hash);
  if (!m) throw new Error(`no map view in the hash ${hash}`);
  const [zoom, lat0, lon0] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const world = 512 * 2 ** zoom;
  const wx = (lo: number) => ((lo + 180) / 360) * world;
  const wy = (la: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (la * Math.PI) / 360)) / Math.PI) / 2) * world;
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('map not visible');
  return { x: box.x + box.width / 2 + wx(lon) - wx(lon0), y: box.y + box.height / 2 + wy(lat) - wy(lat0) };
}

async function stat(page: Page, key: string): Promise<number> {
  return Number(
    await page.locator(`section.community[data-hromada="${CODE}"] [data-stat="${key}"]`).getAttribute('data-value'),
  );
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('planner', () => {
  it('a station added by clicking the map raises its hromada’s covered population, as a full recompute would', async () => {
    const { page } = app;
    await page.goto(`${app.baseUrl}#h=${CODE}`);
    await waitReady(page);
    await page.locator(`section.community[data-hromada="${CODE}"]`).waitFor();
    const shareBefore = await stat(page, 'shareCovered-fire');
    const outsideBefore = await stat(page, 'outsidePopulation-fire');
    expect(outsideBefore).toBeGreaterThan(0);
    // the view settles on the hromada; the hash then carries it
    await page.waitForTimeout(1500);
    await waitForHtml(page, (d) => d.appState === 'ready', 'ready');

    await page.getByRole('button', { name: 'Планування', exact: true }).click();
    await page.locator('[data-testid="planner"]').waitFor();
    await page.locator('#plan-add-type').selectOption('local_fire_department');
    await page.locator('[data-testid="plan-add"]').click();
    expect(await page.locator('[data-testid="plan-add"]').getAttribute('aria-pressed')).toBe('true');
    const v = worstVillage();
    const at = await pixelOf(page, v.lon, v.lat);
    const t0 = Date.now();
    const d = await waitRecomputed(page, async () => {
      await page.mouse.click(at.x, at.y);
    });
    const wallMs = Date.now() - t0;
    expect(d.appState).toBe('ready');
    const delta = page.locator('[data-testid="edit-delta"]');
    await delta.waitFor();
    const nation = Number(await delta.getAttribute('data-nation-delta'));
    expect(nation).toBeGreaterThan(0);
    const ms = async (k: string) => Number(await delta.getAttribute(`data-${k}-ms`));
    console.log(
      `incremental edit in the browser: ${await ms('edit')} ms to the patched result (worker round trip ${await ms('worker')} ms, patch ${await ms('patch')} ms), ${wallMs} ms click → drawn`,
    );
    const row = delta.locator(`li[data-hromada="${CODE}"]`);
    expect(Number(await row.getAttribute('data-delta'))).toBeGreaterThan(0);
    expect(await delta.textContent()).toMatch(/осіб у межах нормативу по країні/);
    // the new station is selected: its editor shows where it stands
    const lon = Number(await page.locator('#plan-edit-lon').inputValue());
    const lat = Number(await page.locator('#plan-edit-lat').inputValue());
    expect(Math.abs(lon - v.lon)).toBeLessThan(0.05);
    expect(Math.abs(lat - v.lat)).toBeLessThan(0.05);
    await screenshot(page, 'planner-edit');

    // the community panel shows the new numbers, equal to the engine's full recompute with the same station
    await page.fill('#search-input', 'камінь-каширська громада');
    await page.locator('.search-results [role="option"]').first().waitFor();
    await page.press('#search-input', 'Enter');
    await page.locator(`section.community[data-hromada="${CODE}"]`).waitFor();
    const shareAfter = await stat(page, 'shareCovered-fire');
    const outsideAfter = await stat(page, 'outsidePopulation-fire');
    expect(shareAfter).toBeGreaterThan(shareBefore);
    expect(outsideAfter).toBeLessThan(outsideBefore);
    const full = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
    full.addFacility({
      ...data.facilities[0]!,
      id: 'test-new',
      type: 'local_fire_department',
      status: 'opened',
      lon,
      lat,
      placement: 'user',
      source: 'user:map',
    });
    expect(shareAfter).toBeCloseTo(full.stats('fire').share[H]!, 9);
    expect(outsideAfter).toBe(full.stats('fire').population[H]! - full.stats('fire').coveredPopulation[H]!);
    expect(nation).toBe(full.totals('fire').coveredPopulation - engine.totals('fire').coveredPopulation);
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('“add 5 stations” for one oblast lists five proposed sites and draws the coverage curve', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Планування', exact: true }).click();
    await page.locator('[data-testid="planner"]').waitFor();
    await page.locator('#plan-objective').selectOption('coverage');
    await page.locator('#plan-n').fill('5');
    await page.locator('#plan-scope').selectOption('oblast');
    const oblast = data.hromadas.oblasts[H]!;
    await page.locator('#plan-oblast').selectOption(oblast);
    await page.locator('#plan-method').selectOption('heuristic');
    const t0 = Date.now();
    await page.locator('[data-testid="plan-run"]').click();
    const results = page.locator('[data-testid="plan-results"]');
    await results.waitFor({ timeout: 60_000 });
    console.log(`optimizer (heuristic, MCLP N=5, ${oblast}) in the browser: ${Date.now() - t0} ms`);
    expect(await results.getAttribute('data-sites')).toBe('5');
    expect(await page.locator('[data-testid="plan-sites"] > li').count()).toBe(5);
    const curve = page.locator('[data-testid="plan-curve"]');
    expect(await curve.getAttribute('data-points')).toBe('6');
    expect(await page.locator('[data-testid="plan-curve-path"]').getAttribute('d')).toMatch(
      /^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){5}$/,
    );
    expect(await page.locator('[data-testid="plan-summary"]').textContent()).toMatch(
      /^\+[\d\s ]+ осіб у межах нормативу/,
    );
    // the village populations are estimated in every oblast: the result says so
    await page.locator('[data-testid="plan-estimated"]').waitFor();
    await waitReady(page);
    await screenshot(page, 'planner-sites');
    // downloads: CSV with BOM, header, five rows and the attribution; GeoJSON with five points
    const [csvDl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="plan-csv"]').click(),
    ]);
    const csv = readFileSync((await csvDl.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFrank,id,name,hromada_code,hromada,type,')).toBe(true);
    expect(csv.split('\r\n').filter((l) => /^\d+,/.test(l))).toHaveLength(5);
    expect(csv).toContain('# Source: ');
    expect(csv).toContain('# ILLUSTRATIVE: ');
    const [geoDl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="plan-geojson"]').click(),
    ]);
    const geo = JSON.parse(readFileSync((await geoDl.path())!, 'utf8')) as {
      features: unknown[];
      illustrative: boolean;
    };
    expect(geo.features).toHaveLength(5);
    expect(geo.illustrative).toBe(true);
    // one click adds them to the scenario as planned stations (a full recompute: several edits at once)
    const facilitiesBefore = Number((await htmlData(page)).facilities);
    const d = await waitRecomputed(page, async () => {
      await page.locator('[data-testid="plan-add-scenario"]').click();
    });
    expect(Number(d.facilities)).toBe(facilitiesBefore + 5);
    expect(await page.locator('[data-testid="plan-edit-count"]').getAttribute('data-count')).toBe('6');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('the exact method (HiGHS, WebAssembly from this origin) solves a one-hromada plan', async () => {
    const { page } = app;
    await page.locator('#plan-scope').selectOption('hromada');
    await page.locator('#plan-n').fill('2');
    await page.locator('#plan-method').selectOption('exact');
    await page.locator('#plan-time').fill('20');
    const before = await page.locator('[data-testid="plan-results"]').getAttribute('data-sites');
    expect(before).toBe('5');
    const t0 = Date.now();
    await page.locator('[data-testid="plan-run"]').click();
    await page.locator('[data-testid="plan-results"]', { hasText: 'HiGHS' }).waitFor({ timeout: 60_000 });
    console.log(`optimizer (exact, MCLP N=2, one hromada) in the browser: ${Date.now() - t0} ms`);
    const status = await page.locator('[data-testid="plan-results"]').textContent();
    expect(status).toMatch(/точний \(HiGHS\); статус: optimal/);
    const sites = Number(await page.locator('[data-testid="plan-results"]').getAttribute('data-sites'));
    expect(sites).toBeGreaterThanOrEqual(1);
    expect(sites).toBeLessThanOrEqual(2);
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    expect((await htmlData(page)).appState).toBe('ready');
  });

  it('Cancel stops an exact run at once (its solver worker is terminated); edits answer right after', async () => {
    const { page } = app;
    await page.locator('#plan-objective').selectOption('p-median');
    await page.locator('#plan-n').fill('20');
    await page.locator('#plan-scope').selectOption('oblast');
    await page.locator('#plan-candidates').selectOption('cells');
    await page.locator('#plan-method').selectOption('exact');
    await page.locator('#plan-time').fill('120');
    // Cancel is pressed by the page itself the moment the HiGHS phase shows: a Playwright wait and a click are two
    // round trips, and a solve that ends in between (HiGHS can close this instance in tens of ms) left nothing to cancel.
    const pressed = page.evaluate(
      () =>
        new Promise<number>((ok) => {
          const check = () => {
            const progress = document.querySelector('[data-testid="plan-progress"]');
            const cancel = document.querySelector<HTMLButtonElement>('[data-testid="plan-cancel"]');
            if (!progress?.textContent?.includes('HiGHS') || !cancel || cancel.disabled) return false;
            cancel.click();
            ok(performance.now());
            return true;
          };
          const mo = new MutationObserver(() => check() && mo.disconnect());
          mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        }),
    );
    await page.locator('[data-testid="plan-run"]').click();
    const t0 = await pressed;
    await page.getByText('Розрахунок скасовано.').waitFor({ timeout: 5_000 });
    console.log(`exact run cancelled in ${Math.round((await page.evaluate(() => performance.now())) - t0)} ms`);
    expect(await page.locator('[data-testid="plan-run"]').isEnabled()).toBe(true);
    await page.locator('#plan-candidates').selectOption('settlements');
    await page.locator('#plan-objective').selectOption('coverage');
    await page.locator('#plan-method').selectOption('heuristic');
    expect(app.consoleErrors).toEqual([]);
  });

  it('the added station can change type, be dragged, moved by coordinates and deleted, each recomputed incrementally', async () => {
    const { page } = app;
    const editor = page.locator('[data-testid="facility-editor"]');
    await editor.waitFor();
    const delta = page.locator('[data-testid="edit-delta"]');
    const nation = async () => Number(await delta.getAttribute('data-nation-delta'));
    // a volunteer brigade turns out later (5 min instead of 2): fewer people within the norm
    await waitRecomputed(page, async () => {
      await page.locator('#plan-edit-type').selectOption('volunteer_fire_brigade');
    });
    expect(await nation()).toBeLessThan(0);
    console.log(`second edit (change type): ${await delta.getAttribute('data-edit-ms')} ms to the patched result`);
    // drag the red marker
    const lonBefore = await page.locator('#plan-edit-lon').inputValue();
    const marker = page.locator('[data-testid="edit-marker"]');
    const mb = await marker.boundingBox();
    if (!mb) throw new Error('edit marker not visible');
    await waitRecomputed(page, async () => {
      await page.mouse.move(mb.x + mb.width / 2, mb.y + mb.height - 4);
      await page.mouse.down();
      await page.mouse.move(mb.x + mb.width / 2 - 20, mb.y + mb.height - 4, { steps: 4 });
      await page.mouse.move(mb.x + mb.width / 2 - 40, mb.y + mb.height - 4, { steps: 4 });
      await page.mouse.up();
    });
    expect(await page.locator('#plan-edit-lon').inputValue()).not.toBe(lonBefore);
    // move by typing coordinates (the keyboard way)
    await page.locator('#plan-edit-lon').fill(String(data.demand.lon[0]));
    await page.locator('#plan-edit-lat').fill(String(data.demand.lat[0]));
    await waitRecomputed(page, async () => {
      await page.getByRole('button', { name: 'Перемістити сюди' }).click();
    });
    console.log(`move by coordinates: ${await delta.getAttribute('data-edit-ms')} ms to the patched result`);
    // delete: the country is back to where it started (before any edit)
    await waitRecomputed(page, async () => {
      await page.locator('[data-testid="facility-delete"]').click();
    });
    expect(await editor.count()).toBe(0);
    expect(Number(await delta.getAttribute('data-nation-after'))).toBe(engine.totals('fire').coveredPopulation);
    expect(await page.locator('[data-testid="plan-edit-count"]').getAttribute('data-count')).toBe('10');
    // by keyboard: add mode, then "place at the centre of the map"
    await page.locator('[data-testid="plan-add"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="plan-place-centre"]').focus();
    await waitRecomputed(page, async () => {
      await page.keyboard.press('Enter');
    });
    expect(await page.locator('[data-testid="plan-edit-count"]').getAttribute('data-count')).toBe('11');
    await editor.waitFor();
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
