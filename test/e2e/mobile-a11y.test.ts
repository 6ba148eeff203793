/**
 * Phones, small screens, keyboard and screen readers (issue 16, points 3 and 4), in the built app:
 * - at 390×844 the map takes the screen, the legend and the data banner are folded to buttons, and searching a
 *   hromada opens its panel as a sheet with the engine's figures;
 * - Escape closes the open panel (or sheet) and focus returns to what opened it; opening a panel moves focus into it;
 * - at 1024×700 what stays over the map covers at most a quarter of it;
 * - MapLibre's controls speak the interface language;
 * - a built-in station is selected and edited from the keyboard; "place at the centre" leaves focus in the editor;
 * - axe-core (injected from node_modules, no network) finds no serious or critical violation on the main views.
 * Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CoverageEngine } from '../../src/engine/coverage';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { screenshot, startApp, waitReady, waitRecomputed, type AppSession } from './harness';

const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
const CODE = 'UA07040010000033507'; // Камінь-Каширська міська громада (Volyn)
const H = data.hromadas.codes.indexOf(CODE);
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page; returns its serious and critical violations, one line each. The page's
 * Content-Security-Policy forbids inline scripts, so axe's source goes in through the debugger (page.evaluate), as
 * the harness does for its own checks; the app's CSP stays as it is.
 */
async function axeSerious(page: Page, view: string): Promise<string[]> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!has) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const all = violations.map((v) => `${view}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  if (all.length) console.log(all.join('\n'));
  return all.filter((_, k) => violations[k]!.impact === 'serious' || violations[k]!.impact === 'critical');
}

/** The element that has focus: tag, id, test id and text (for messages). */
async function focused(page: Page): Promise<{ tag: string; id: string; testid: string; text: string; inPanel: boolean }> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return {
      tag: a?.tagName.toLowerCase() ?? '',
      id: a?.id ?? '',
      testid: a?.dataset.testid ?? '',
      text: (a?.textContent ?? '').trim().slice(0, 60),
      inPanel: !!a?.closest('.rightpanel, .sidebar.open'),
    };
  });
}

async function searchHromada(page: Page): Promise<void> {
  await page.fill('#search-input', 'камінь-каширська');
  await page.locator('.search-results [role="option"]').first().waitFor();
  await page.press('#search-input', 'Enter');
  await page.locator(`section.community[data-hromada="${CODE}"]`).waitFor();
}

describe('phone, 390×844', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp({ viewport: { width: 390, height: 844 } });
    await app.page.goto(app.baseUrl);
    await waitReady(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the map takes the screen; the legend and the data banner are folded to buttons', async () => {
    const { page } = app;
    await screenshot(page, 'phone-country');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const map = (await page.locator('main.map-wrap').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(389);
    expect(map.height).toBeGreaterThan(0.8 * 844);
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    const search = (await page.locator('#search-input').boundingBox())!;
    expect(search.width).toBeGreaterThan(300);
    expect(search.height).toBeGreaterThanOrEqual(40);
    const legend = page.locator('details.legend');
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const lb = (await legend.boundingBox())!;
    expect(lb.width * lb.height).toBeLessThan(160 * 60);
    const banner = page.locator('[data-testid="assumed-banner"]');
    const bb = (await banner.boundingBox())!;
    expect(bb.width).toBeLessThanOrEqual(48);
    expect(bb.height).toBeLessThanOrEqual(48);
    // folded, it keeps its sentence as its name and opens the sources
    expect(await banner.evaluate((b) => b.textContent ?? '')).toMatch(/умовн/);
    // the legend opens and folds again from the keyboard
    await legend.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await screenshot(page, 'phone-legend');
    await page.keyboard.press('Enter');
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  });

  it('searching a hromada shows its panel as a sheet with its figures; Escape closes it and focus returns', async () => {
    const { page } = app;
    expect(H).toBeGreaterThanOrEqual(0);
    await searchHromada(page);
    const panel = page.locator(`section.community[data-hromada="${CODE}"]`);
    const sheet = (await page.locator('[data-testid="panel-sheet"]').boundingBox())!;
    expect(sheet.width).toBeGreaterThanOrEqual(389);
    expect(sheet.y).toBeGreaterThan(200); // the map stays visible above it
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(845);
    // the figures: the engine's, readable in the sheet
    const st = engine.stats('fire');
    expect(Number(await panel.locator('[data-stat="shareCovered-fire"]').getAttribute('data-value'))).toBeCloseTo(st.share[H]!, 9);
    expect(Number(await panel.locator('[data-stat="outsidePopulation-fire"]').getAttribute('data-value'))).toBe(st.population[H]! - st.coveredPopulation[H]!);
    await expect(panel.locator('[data-testid="summary"]').isVisible()).resolves.toBe(true);
    const title = (await panel.locator('h2').boundingBox())!;
    expect(title.y).toBeGreaterThanOrEqual(sheet.y);
    expect(title.y + title.height).toBeLessThanOrEqual(844);
    const summaryFont = await panel.locator('[data-testid="summary"]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(summaryFont).toBeGreaterThanOrEqual(14);
    // focus moved into the panel, on its title
    const f = await focused(page);
    expect(f.inPanel).toBe(true);
    expect(f.id).toBe('community-title');
    await page.waitForTimeout(1200);
    await screenshot(page, 'phone-community');
    expect(await axeSerious(page, 'phone, community sheet')).toEqual([]);
    // the handle expands the sheet
    await page.locator('.sheet-handle').click();
    const full = (await page.locator('[data-testid="panel-sheet"]').boundingBox())!;
    expect(full.height).toBeGreaterThan(sheet.height + 100);
    await screenshot(page, 'phone-community-expanded');
    // Escape closes it; focus returns to the search box
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect((await focused(page)).id).toBe('search-input');
    expect(app.consoleErrors).toEqual([]);
  });

  it('the settings open as a sheet from "Layers & parameters"; Escape closes it and focus returns to the button', async () => {
    const { page } = app;
    const button = page.getByRole('button', { name: 'Шари й параметри' });
    await button.focus();
    await page.keyboard.press('Enter');
    const sheet = page.locator('[data-testid="controls-sheet"]');
    await sheet.locator('#norm-rural').waitFor({ state: 'visible' });
    const box = (await sheet.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(389);
    expect(box.y).toBeGreaterThan(200);
    expect((await focused(page)).inPanel).toBe(true);
    await screenshot(page, 'phone-settings');
    expect(await axeSerious(page, 'phone, settings sheet')).toEqual([]);
    await page.keyboard.press('Escape');
    await sheet.locator('#norm-rural').waitFor({ state: 'hidden' });
    expect((await focused(page)).text).toBe('Шари й параметри');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});

describe('1024×700 and the keyboard', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp({ viewport: { width: 1024, height: 700 } });
    await app.page.goto(app.baseUrl);
    await waitReady(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('nothing permanent covers more than a quarter of the map', async () => {
    const { page } = app;
    await screenshot(page, 'tablet-country');
    const share = await page.evaluate(() => {
      const wrap = document.querySelector('main.map-wrap')!.getBoundingClientRect();
      // MapLibre's corner containers are see-through (pointer-events: none): what covers the map are their controls.
      const over = ['.legend', '.honesty-pill', '.map-save', '.progress', '.maplibregl-ctrl-top-right > *', '.maplibregl-ctrl-bottom-right > *', '.maplibregl-ctrl-bottom-left > *', '.maplibregl-ctrl-top-left > *'];
      const parts: Record<string, number> = {};
      for (const sel of over)
        for (const el of document.querySelectorAll(sel)) {
          const r = el.getBoundingClientRect();
          const w = Math.max(0, Math.min(r.right, wrap.right) - Math.max(r.left, wrap.left));
          const h = Math.max(0, Math.min(r.bottom, wrap.bottom) - Math.max(r.top, wrap.top));
          parts[sel] = (parts[sel] ?? 0) + (w * h) / (wrap.width * wrap.height);
        }
      return parts;
    });
    const total = Object.values(share).reduce((a, b) => a + b, 0);
    console.log('share of the map covered at 1024×700:', JSON.stringify(share), total.toFixed(3));
    expect(total).toBeLessThanOrEqual(0.25);
  });

  it('axe: no serious violations on the country view, in Ukrainian and English', async () => {
    const { page } = app;
    expect(await axeSerious(page, 'country (uk)')).toEqual([]);
  });

  it("MapLibre's controls are labelled in the interface language", async () => {
    const { page } = app;
    const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
    expect(await zoomIn.getAttribute('aria-label')).toBe('Наблизити');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('Віддалити');
    expect(await page.locator('.maplibregl-canvas').getAttribute('aria-label')).toBe('Карта покриття громад');
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/км$/);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => zoomIn.getAttribute('aria-label')).toBe('Zoom in');
    expect(await page.locator('.maplibregl-canvas').getAttribute('aria-label')).toBe('Hromada coverage map');
    expect(await axeSerious(page, 'country (en)')).toEqual([]);
    await page.getByRole('button', { name: 'УКР', exact: true }).click();
    await expect.poll(() => zoomIn.getAttribute('aria-label')).toBe('Наблизити');
    // the zoom buttons still work after being relabelled
    const z0 = await page.evaluate(() => window.location.hash);
    await zoomIn.click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 5000 }).not.toBe(z0);
  });

  it('each panel takes focus when opened, passes axe, and Escape closes it with focus back on its button', async () => {
    const { page } = app;
    for (const [name, heading] of [
      ['Таблиця громад', 'table'],
      ['Дані та сценарії', 'data-title'],
      ['Планування', 'planner-title'],
      ['Джерела', 'sources-title'],
    ] as const) {
      const button = page.getByRole('button', { name, exact: true });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="panel-sheet"]').waitFor();
      const f = await focused(page);
      expect(f.inPanel, `${name}: focus in the panel`).toBe(true);
      expect(f.tag).toBe('h2');
      if (heading !== 'table') expect(f.id).toBe(heading);
      await waitReady(page);
      expect(await axeSerious(page, `panel ${name}`)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="panel-sheet"]').waitFor({ state: 'detached' });
      expect((await focused(page)).text, `${name}: focus back on its button`).toBe(name);
    }
    // the community panel (opened from the search box) too
    await searchHromada(page);
    await waitReady(page);
    expect(await axeSerious(page, 'community panel')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="panel-sheet"]').waitFor({ state: 'detached' });
    expect((await focused(page)).id).toBe('search-input');
    expect(app.consoleErrors).toEqual([]);
  });

  it('a built-in station is selected and edited from the keyboard; "place at the centre" leaves focus in the editor', async () => {
    const { page } = app;
    // the hromada selected, then the planner opened from the keyboard
    await searchHromada(page);
    const plannerButton = page.getByRole('button', { name: 'Планування', exact: true });
    await plannerButton.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="planner"]').waitFor();
    // stations near the map centre (the map is on the hromada after the search)
    await page.waitForTimeout(1200);
    await page.locator('[data-testid="pick-near-centre"]').focus();
    await page.keyboard.press('Enter');
    const first = page.locator('.plan-pick-list button').first();
    await first.waitFor();
    expect(await page.locator('.plan-pick-list button').count()).toBeGreaterThan(0);
    const id = await first.getAttribute('data-pick-id');
    expect(data.facilities.some((f) => f.id === id)).toBe(true); // a built-in station
    await first.focus();
    await page.keyboard.press('Enter');
    const editor = page.locator(`[data-testid="facility-editor"][data-facility="${id}"]`);
    await editor.waitFor();
    expect((await focused(page)).id).toBe('plan-edit-type');
    await screenshot(page, 'tablet-planner-keyboard');
    expect(await axeSerious(page, 'planner with the station editor')).toEqual([]);
    // change its type with the keyboard: an edit in the scenario, recomputed
    const before = await page.locator('#plan-edit-type').inputValue();
    const other = before === 'volunteer_fire_brigade' ? 'local_fire_department' : 'volunteer_fire_brigade';
    await waitRecomputed(page, async () => {
      await page.locator('#plan-edit-type').selectOption(other);
    });
    expect(await page.locator('#plan-edit-type').inputValue()).toBe(other);
    expect(await page.locator('[data-testid="plan-edit-count"]').getAttribute('data-count')).toBe('1');
    // Escape closes the editor (not the panel); focus goes back to the station in the list
    await page.locator('#plan-edit-type').focus();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="planner"]').isVisible()).toBe(true);
    expect((await focused(page)).tag).toBe('button');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.pickId)).toBe(id);
    // add mode, then "place at the centre": focus lands in the new station's editor
    await page.locator('[data-testid="plan-add"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="plan-place-centre"]').focus();
    await waitRecomputed(page, async () => {
      await page.keyboard.press('Enter');
    });
    await page.locator('[data-testid="facility-editor"]').waitFor();
    expect((await focused(page)).id).toBe('plan-edit-type');
    expect(await page.locator('[data-testid="plan-edit-count"]').getAttribute('data-count')).toBe('2');
    // Escape: editor, then the panel; focus back on the Planner button
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="planner"]').waitFor({ state: 'detached' });
    expect((await focused(page)).text).toBe('Планування');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
