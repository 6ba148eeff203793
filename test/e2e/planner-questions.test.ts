/**
 * The planner's questions of issue 14 in the built app, one page load per test:
 * - volunteer availability 0.5 → 0.3 lowers the expected share within the norm of a hromada whose people a volunteer
 *   brigade reaches (as the engine computes it), while the plain share stays; the same panel names the neighbouring
 *   hromada whose unit reaches it first;
 * - a closure ranking for one oblast lists the units (the largest loss first, as the worker's ranking) and the map rings
 *   every one of them;
 * - a budget plan for one oblast spends within the budget and "add to scenario" puts its planned stations on the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CoverageEngine } from '../../src/engine/coverage';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { DEFAULT_PARAMS, type ModelParams } from '../../src/engine/types';
import { buildClosures } from '../../src/worker/optimize-handler';
import type { OptimizeRequest } from '../../src/worker/optimize-protocol';
import { htmlData, screenshot, startApp, waitForHtml, waitReady, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
const low: ModelParams = structuredClone(DEFAULT_PARAMS);
low.availability.volunteer_fire_brigade = 0.3;
const before = engine.stats('fire').expectedShare.slice();
const beforeShare = engine.stats('fire').share.slice();
engine.setParams(low);
const after = engine.stats('fire').expectedShare.slice();
engine.setParams(structuredClone(DEFAULT_PARAMS));

/**
 * The hromada where volunteer availability matters most (largest fall of the expected share) among those whose people
 * are partly first reached from a neighbouring hromada's unit, and that neighbour.
 */
function pick(): { h: number; code: string; from: number } {
  let best = -1;
  let from = -1;
  for (let h = 0; h < data.hromadas.count; h++) {
    const drop = before[h]! - after[h]!;
    if (!(drop > 0.01) || (best >= 0 && drop <= before[best]! - after[best]!)) continue;
    const across = engine.firstDueFrom('fire', h).find((a) => a.hromada >= 0);
    if (!across) continue;
    best = h;
    from = across.hromada;
  }
  if (best < 0) throw new Error('no hromada where volunteer availability matters and a neighbour reaches first');
  return { h: best, code: data.hromadas.codes[best]!, from };
}
const P = pick();
const OBLAST = data.hromadas.oblasts[P.h]!;

async function panelValue(page: Page, key: string): Promise<number> {
  return Number(await page.locator(`section.community[data-hromada="${P.code}"] [data-stat="${key}"]`).getAttribute('data-value'));
}

/** A fresh page load of the app at `hash` (a hash change alone would keep the previous test's state). */
async function load(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${app.baseUrl}${hash}`);
  await waitReady(page);
}

async function openPlanner(page: Page, objective: string): Promise<void> {
  await page.getByRole('button', { name: 'Планування', exact: true }).click();
  await page.locator('[data-testid="planner"]').waitFor();
  await page.locator('#plan-objective').selectOption(objective);
  await page.locator('#plan-scope').selectOption('oblast');
  await page.locator('#plan-oblast').selectOption(OBLAST);
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('planner questions (issue 14)', () => {
  it('volunteer availability 0.3 lowers the expected share; the panel names the neighbour reaching it first', async () => {
    const { page } = app;
    await load(page, `#h=${P.code}`);
    await page.locator(`section.community[data-hromada="${P.code}"]`).waitFor();
    const e0 = await panelValue(page, 'expectedShare-fire');
    expect(e0).toBeCloseTo(before[P.h]!, 9);
    // help across borders: the neighbour, by name, with its people
    const li = page.locator(`[data-testid="across-borders"] li[data-hromada="${data.hromadas.codes[P.from]}"]`);
    await li.waitFor();
    expect(await li.textContent()).toContain(data.hromadas.names[P.from]!);
    expect(await li.textContent()).toMatch(/першими досягають \d/);

    const details = page.locator('details', { has: page.locator('#avail-volunteer_fire_brigade') });
    if ((await details.getAttribute('open')) === null) await details.locator(':scope > summary').click();
    await waitRecomputed(page, () => page.locator('#avail-volunteer_fire_brigade').fill('0.3'));
    const e1 = await panelValue(page, 'expectedShare-fire');
    expect(e1).toBeLessThan(e0);
    expect(e1).toBeCloseTo(after[P.h]!, 9);
    expect(await panelValue(page, 'shareCovered-fire')).toBeCloseTo(beforeShare[P.h]!, 9);
    // the link carries it
    expect(await page.evaluate(() => window.location.hash)).toContain('a_volunteer_fire_brigade=0.3');
    await screenshot(page, 'planner-questions-availability');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('a closure ranking for one oblast is listed largest loss first and rings its units on the map', async () => {
    const { page } = app;
    await load(page, '#s=fire');
    await openPlanner(page, 'closures');
    await page.locator('[data-testid="plan-run"]').click();
    const list = page.locator('[data-testid="plan-closures"]');
    await list.waitFor({ timeout: 60_000 });
    const req = { service: 'fire', scope: { kind: 'oblast', name: OBLAST }, closuresType: null } as unknown as OptimizeRequest;
    const expected = buildClosures(engine, req);
    expect(Number(await list.getAttribute('data-count'))).toBe(expected.length);
    expect(await list.locator('li').first().getAttribute('data-id')).toBe(expected[0]!.id);
    expect(Number(await list.locator('li').first().getAttribute('data-loss'))).toBe(expected[0]!.loss);
    expect(await list.locator('li').first().getAttribute('data-class')).toBe('4');
    const located = expected.filter((r) => Number.isFinite(r.lon) && Number.isFinite(r.lat)).length;
    const d = await waitForHtml(page, (x) => Number(x.closureUnits) > 0, 'closure rings on the map');
    expect(Number(d.closureUnits)).toBe(located);
    await screenshot(page, 'planner-questions-closures');
    expect(app.consoleErrors).toEqual([]);
  });

  it('a budget plan for one oblast spends within the budget and adds its planned stations to the scenario', async () => {
    const { page } = app;
    await load(page, '#s=fire');
    await openPlanner(page, 'budget');
    await page.locator('#plan-budget').fill('10');
    // only the Security Center has a cost by default (2.65 M UAH, decentralization.ua)
    expect(await page.locator('[data-testid="plan-budget-types"] input:checked').count()).toBe(1);
    await page.locator('[data-testid="plan-run"]').click();
    const results = page.locator('[data-testid="plan-results"][data-objective="budget"]');
    await results.waitFor({ timeout: 60_000 });
    const spent = page.locator('[data-testid="plan-budget-spent"]');
    expect(Number(await spent.getAttribute('data-spent'))).toBeLessThanOrEqual(10);
    const n = Number(await results.getAttribute('data-sites'));
    expect(n).toBe(3); // ⌊10 / 2.65⌋
    expect(await page.locator('[data-testid="plan-sites"] li[data-type="security_center"]').count()).toBe(n);
    const facilitiesBefore = Number((await htmlData(page)).facilities);
    const d = await waitRecomputed(page, () => page.locator('[data-testid="plan-add-scenario"]').click());
    expect(Number(d.facilities)).toBe(facilitiesBefore + n);
    expect(await page.locator('[data-testid="plan-edit-count"]').getAttribute('data-count')).toBe(String(n));
    await screenshot(page, 'planner-questions-budget');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
