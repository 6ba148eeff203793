/**
 * The road network in the built app (issue 13 point 4): a real OSM XML cut of Lviv's streets (test/fixtures/roads/
 * lviv, ODbL) chosen in the Data panel is built into a graph in a worker; with the road model chosen, a village's time
 * changes where the road network detours (Годовиця, Сокільницька громада: the fixture has only the transit streets,
 * so its road time is far above the straight line × detour); back to the straight line gives the original figure
 * exactly. The legend, the sources and the exports say which model produced the figures; the roads layer draws the
 * graph. A ~100 MB graph file loads without a main-thread task over 200 ms (parsed in the worker only).
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { buildRoadGraph, writeGraphFile } from '../../src/io/roads';
import { DIST_DIR, RESULTS_DIR, ROOT, htmlData, startApp, waitForHtml, waitReady, waitRecomputed, type AppSession } from './harness';

const FIXTURE = join(ROOT, 'test/fixtures/roads/lviv/lviv-transit.osm');
const HROMADA = 'UA46060410000052681'; // Сокільницька
const VILLAGE = 'UA46060410030063633'; // Годовиця

let app: AppSession;
let dir: string;

async function openPanel(page: Page, name: string): Promise<void> {
  const b = page.getByRole('button', { name, exact: true });
  if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
}

/** The village's fire time in the community panel (the row's raw minutes). */
async function villageMinutes(page: Page): Promise<number> {
  // a hash with the hromada only (not a full link, which would reset the parameters): opens its community panel
  await page.goto(`${app.baseUrl}#h=${HROMADA}`);
  const row = page.locator(`[data-testid="place-row"][data-id="${VILLAGE}"]`);
  if ((await row.count()) === 0) await page.locator('.panel button', { hasText: /Показати всі|Show all/ }).first().click();
  return Number(await row.locator('td[data-value]').getAttribute('data-value'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hc-roads-'));
  app = await startApp();
  await app.page.goto(`${app.baseUrl}#h=${HROMADA}&s=fire`);
  await waitReady(app.page);
});

afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('road network in the page', () => {
  let straight = NaN;

  it('offers the road model only once a graph is loaded, and says why', async () => {
    const { page } = app;
    straight = await villageMinutes(page);
    expect(straight).toBeGreaterThan(0);
    expect(await page.locator('input[name="travel-model"][value="road"]').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('[data-testid="travel-model-hint"]').textContent()).toContain('Дані');
    expect(await page.locator('[data-testid="legend-travel-model"]').textContent()).toContain('за прямою × коефіцієнт');
  });

  it('builds a dropped OSM XML file into a graph in a worker and loads it', async () => {
    const { page } = app;
    await openPanel(page, 'Дані та сценарії');
    await page.locator('[data-testid="roads-file"]').setInputFiles(FIXTURE);
    const loaded = page.locator('[data-testid="roads-loaded"]');
    await loaded.waitFor({ timeout: 60_000 });
    const nodes = Number(await loaded.getAttribute('data-nodes'));
    const edges = Number(await loaded.getAttribute('data-edges'));
    console.log(`lviv-transit.osm → graph: ${nodes} nodes, ${edges} edges`);
    expect(nodes).toBeGreaterThan(100);
    expect(edges).toBeGreaterThan(nodes);
    expect(await loaded.textContent()).toContain('20.05.2013');
    expect(await page.locator('[data-testid="roads-data"]').textContent()).toContain('© OpenStreetMap contributors');
  });

  it('is cross-origin isolated, so the road searches get a helper thread once a graph is loaded', async () => {
    // the preview server sends COOP/COEP (vite.config.ts); the coverage worker then starts search-thread.worker
    expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);
    // (a nested worker's script request is not visible to the test: the worker reports its helper instead)
    expect(await app.page.locator('[data-testid="roads-loaded"]').getAttribute('data-search-threads')).toBe('2');
  });

  it('times change where the road network detours; the legend and the exports say so', async () => {
    const { page } = app;
    await waitRecomputed(page, () => page.locator('input[name="travel-model"][value="road"]').check());
    const road = await villageMinutes(page);
    console.log(`Годовиця: straight line × detour ${straight.toFixed(2)} min → road network ${road.toFixed(2)} min`);
    expect(road).toBeGreaterThan(straight + 5);
    const legend = page.locator('[data-testid="legend-travel-model"]');
    await expect.poll(() => legend.textContent()).toContain('час за дорожньою мережею (граф lviv-transit.graph, OSM дата 20.05.2013)');
    await expect.poll(() => legend.textContent()).toMatch(/поза дорожньою мережею/);
    expect(page.url()).toContain('tm=road');
    // the demand export: a travel_model column per unit, the model note and the ODbL credit
    await openPanel(page, 'Дані та сценарії');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="demand"]').click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    const lines = csv.split('\r\n');
    const header = lines[0]!.split(',');
    const col = header.indexOf('travel_model');
    expect(col).toBeGreaterThan(0);
    const village = lines.find((l) => l.startsWith(`${VILLAGE},`) && l.includes(',fire,'))!;
    expect(village.split(',')[col]).toBe('road');
    expect(csv).toContain('travel_model: road network (graph lviv-transit.graph, OSM date 2013-05-20)');
    expect(csv).toContain('Road network: © OpenStreetMap contributors, ODbL 1.0');
  });


  it('the helper thread ran one service\'s road search', async () => {
    const helper = app.page.workers().find((w) => w.url().includes('search-thread.worker'));
    expect(helper, 'the coverage worker started its helper').toBeDefined();
    expect(await helper!.evaluate(() => (self as unknown as { top2JobsDone: () => number }).top2JobsDone())).toBeGreaterThan(0);
  });

  it('draws the graph as the roads layer, coloured by minutes', async () => {
    const { page } = app;
    await page.locator('input[name="layer-roads"]').check();
    const d = await waitForHtml(page, (x) => Number(x.roadPaths ?? '0') > 0, 'the roads layer');
    console.log(`roads layer: ${d.roadPaths} paths`);
    await expect.poll(() => page.locator('.legend').textContent()).toContain('Дороги: хвилини від найближчого підрозділу');
    // Its scale in minutes, as the circles' legend: 0 · rural norm (marked) · 2 × rural norm+, and the unreached grey.
    const ramp = page.locator('[data-testid="legend-roads-ramp"]');
    const norm = await page.evaluate(() => document.querySelector('[data-testid="legend-minutes"] .minutes-bar[data-kind="rural"], [data-testid="legend-minutes"] .minutes-bar[data-kind="all"]')?.getAttribute('data-norm'));
    expect(await ramp.locator('.tick').allTextContents()).toEqual(['0', norm, `${2 * Number(norm)}+`]);
    expect(await ramp.locator('.tick[data-norm]').textContent()).toBe(norm);
    expect(await page.locator('[data-testid="roads-norm-mark"]').evaluate((el) => (el as HTMLElement).style.left)).toBe('50%');
    expect(await page.locator('[data-testid="roads-unreached"]').textContent()).toContain('не досягнуто');
    await page.locator('[data-testid="legend-travel-model"]').screenshot({ path: join(RESULTS_DIR, 'legend-roads.png') });
    // The saved image's legend carries the same roads scale (looked at in test-results/map-image-roads.png).
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-map"]').click()]);
    await dl.saveAs(join(RESULTS_DIR, 'map-image-roads.png'));
    expect(readFileSync(join(RESULTS_DIR, 'map-image-roads.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('the sources list credits OpenStreetMap (ODbL) with the graph’s OSM date', async () => {
    const { page } = app;
    await openPanel(page, 'Джерела');
    const item = page.locator('[data-testid="roads-source"]');
    expect(await item.textContent()).toContain('ODbL');
    expect(await item.textContent()).toContain('© OpenStreetMap contributors');
    // the note on what is modelled says the times are by road, not straight line × detour
    const note = await page.locator('[data-testid="sources-honesty"]').textContent();
    expect(note).toContain('за дорожньою мережею');
    expect(note).not.toContain('відстань × коефіцієнт');
  });

  it('back to the straight line gives the original figure exactly', async () => {
    const { page } = app;
    await waitRecomputed(page, () => page.locator('input[name="travel-model"][value="straight"]').check());
    expect(await villageMinutes(page)).toBe(straight);
  });

  it('a graph removed or loaded under the road model recomputes at once', async () => {
    const { page } = app;
    await waitRecomputed(page, () => page.locator('input[name="travel-model"][value="road"]').check());
    await openPanel(page, 'Дані та сценарії');
    await waitRecomputed(page, () => page.locator('[data-testid="roads-clear"]').click());
    expect(await villageMinutes(page)).toBe(straight);
    await expect.poll(() => page.locator('[data-testid="legend-travel-model"]').textContent()).toContain('дорожню мережу не завантажено');
    expect(page.url()).toContain('tm=road');
    await openPanel(page, 'Дані та сценарії');
    await waitRecomputed(page, () => page.locator('[data-testid="roads-file"]').setInputFiles(FIXTURE));
    expect(await villageMinutes(page)).toBeGreaterThan(straight + 5);
    await waitRecomputed(page, () => page.locator('input[name="travel-model"][value="straight"]').check());
  });

  it('a ~100 MB graph file loads without a main-thread task over 200 ms', async () => {
    const { page } = app;
    const file = join(dir, 'big.graph');
    const bytes = writeGraphFile(syntheticRoads({ seed: 1, nx: 1340, ny: 1200 }));
    writeFileSync(file, bytes);
    const layerToggle = page.locator('input[name="layer-roads"]');
    if ((await layerToggle.count()) > 0) await layerToggle.uncheck();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __loaf: string[] };
      w.__longTasks = [];
      w.__loaf = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { duration: number; scripts: { duration: number; invoker: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number }[] }[])
          if (e.duration > 200) w.__loaf.push(`${Math.round(e.duration)}: ` + e.scripts.map((x) => `${x.invoker}|${x.sourceFunctionName}|${x.sourceURL.split('/').pop()}:${x.sourceCharPosition} ${Math.round(x.duration)}`).join(' ; '));
      }).observe({ type: 'long-animation-frame' });
    });
    // baseline: the same file set on a bare <input type=file> that nothing reads
    await page.evaluate(() => {
      const i = document.createElement('input');
      i.type = 'file';
      i.id = 'bare-file';
      document.body.append(i);
    });
    await page.locator('#bare-file').setInputFiles(file);
    await new Promise((r) => setTimeout(r, 2000));
    const baseline = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0).map(Math.round));
    console.log(`baseline (file set on a bare input): long tasks [${baseline.join(', ')}] ms`);
    // the panel opened first, so its own rendering is not counted
    await openPanel(page, 'Дані та сценарії');
    await new Promise((r) => setTimeout(r, 1500));
    const opening = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0).map(Math.round));
    console.log(`opening the Data panel: long tasks [${opening.join(', ')}] ms`);
    const t0 = Date.now();
    await page.locator('[data-testid="roads-file"]').setInputFiles(file);
    const loaded = page.locator('[data-testid="roads-loaded"]');
    await waitForHtml(page, () => true, 'nothing'); // a round trip before polling
    await expect.poll(async () => loaded.getAttribute('data-nodes'), { timeout: 120_000 }).toBe(String(1340 * 1200));
    const ms = Date.now() - t0;
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.map(Math.round));
    const longest = Math.max(0, ...tasks);
    const d = await htmlData(page);
    console.log(`${(bytes.byteLength / 1e6).toFixed(1)} MB graph loaded in ${ms} ms, ${d.roadPaths} roads drawn; main-thread long tasks [${tasks.join(', ')}] ms, longest ${longest} ms`);
    const frames = await page.evaluate(() => (window as unknown as { __loaf: string[] }).__loaf.splice(0));
    if (frames.length) console.log(`long frames while loading:\n${frames.join('\n')}`);
    expect(bytes.byteLength).toBeGreaterThan(95e6);
    expect(longest).toBeLessThanOrEqual(200);
    // Reported, not asserted: drawing the big graph's main roads (≤ 100,000 paths) — colours on the main thread,
    // the rest in deck.gl (software WebGL on this machine; a GPU draws it in a frame).
    await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    const t1 = Date.now();
    if ((await layerToggle.count()) > 0) await layerToggle.check();
    const drawn = await waitForHtml(page, (x) => Number(x.roadPaths ?? '0') > 1000, 'the big graph drawn', 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    const drawTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.map(Math.round));
    console.log(`roads layer on the big graph: ${drawn.roadPaths} paths drawn in ${Date.now() - t1} ms; long tasks [${drawTasks.join(', ')}] ms`);
    expect((await htmlData(page)).appState).not.toBe('error');
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('a graph at public/geo/roads.graph', () => {
  let app2: AppSession;
  const target = join(DIST_DIR, 'geo', 'roads.graph');

  beforeAll(async () => {
    const src = { name: 'lviv-transit.osm', size: statSync(FIXTURE).size, open: () => createReadStream(FIXTURE) };
    const { graph } = await buildRoadGraph(src, { builtAt: '2026-01-01T00:00:00Z' });
    writeFileSync(target, writeGraphFile(graph));
    app2 = await startApp();
  });

  afterAll(async () => {
    await app2?.close();
    rmSync(target, { force: true });
  });

  it('is used by default, fetched from the page’s own folder only', async () => {
    const { page } = app2;
    await page.goto(`${app2.baseUrl}#h=${HROMADA}`);
    await waitReady(page);
    const road = page.locator('input[name="travel-model"][value="road"]');
    await expect.poll(() => road.isDisabled(), { timeout: 60_000 }).toBe(false);
    await openPanel(page, 'Дані та сценарії');
    expect(await page.locator('[data-testid="roads-loaded"]').textContent()).toContain('roads.graph');
    await waitRecomputed(page, () => road.check());
    expect(await page.locator('[data-testid="legend-travel-model"]').textContent()).toContain('граф roads.graph');
    expect(app2.foreignRequests).toEqual([]);
    expect(app2.consoleErrors).toEqual([]);
  });
});
