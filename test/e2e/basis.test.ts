/**
 * The basis of every figure in the built app (issue 12): Запоріжжя, spread over cells, is one row of its hromada's
 * panel with share, median, p90 and worst time; villages of Ріпкинська without a point show a time range; the share of
 * people first reached by an assumed unit is in the panel and the banner and changes when assumed units are not
 * counted (`#…&assumed=0`); the police view, with no police station in the data, shows no minutes beyond the reach
 * cap and says what is missing. One page load for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { CoverageEngine } from '../../src/engine/coverage';
import { cityIndex, cityRow } from '../../src/engine/places';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { screenshot, startApp, waitReady, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);
const ZAP_HROMADA = 'UA23060070000082704'; // Запорізька міська громада
const ZAP_CITY = 'UA23060070010069526'; // Запоріжжя
const RIPKY = 'UA74100330000029082'; // Ріпкинська селищна громада (Chernihiv oblast)
const CAP = DEFAULT_PARAMS.reachCapMin.police;

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1400, height: 900 } });
  await app.page.goto(app.baseUrl);
  await waitReady(app.page);
});

afterAll(async () => {
  await app?.close();
});

async function openBySearch(page: Page, query: string, code: string) {
  await page.fill('#search-input', query);
  await page.locator('.search-results [role="option"]').first().waitFor();
  await page.press('#search-input', 'Enter');
  const panel = page.locator(`section.community[data-hromada="${code}"]`);
  await panel.waitFor();
  return panel;
}

/** Polls `test` every 100 ms until it holds (the page's CSP forbids Playwright's waitForFunction). */
async function until(test: () => Promise<boolean>, what: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
}

/** Minutes written as plain numbers in `text` (uk: comma decimals). */
function minutesIn(text: string): number[] {
  return [...text.matchAll(/(\d+(?:,\d+)?)\s*хв/g)].map((m) => Number(m[1]!.replace(',', '.')));
}

describe('the basis of every figure', () => {
  it('Запоріжжя is found by name and is one row of its hromada with share, median, p90 and worst time', async () => {
    const { page } = app;
    const panel = await openBySearch(page, 'Запоріжжя', ZAP_HROMADA);
    const rows = panel.locator('[data-testid="city-row"]');
    await rows.first().waitFor();
    expect(await panel.locator(`tr[data-id="${ZAP_CITY}"]`).count()).toBe(1);
    const row = panel.locator(`tr[data-id="${ZAP_CITY}"]`);
    expect(await row.locator('td').first().textContent()).toContain('Запоріжжя');
    const detail = (await row.locator('[data-testid="city-detail"]').textContent()) ?? '';
    const h = data.hromadas.codes.indexOf(ZAP_HROMADA);
    const c = data.demand.cities.findIndex((x) => x.id === ZAP_CITY);
    const expected = cityRow(data.demand, cityIndex(data.demand), engine.coverage('fire'), c);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(detail).toMatch(/^\d+(,\d)?\s?% у нормативі · медіана [\d,]+ хв · p90 [\d,]+ хв · найдовше [\d,]+ хв$/);
    const [median, p90, max] = minutesIn(detail);
    expect(median).toBeCloseTo(expected.minutes, 1);
    expect(p90).toBeCloseTo(expected.p90, 1);
    expect(max).toBeCloseTo(expected.max, 1);
    expect(detail.startsWith(`${Math.round(expected.share * 100)}`)).toBe(true);
    // 710,052 people in one row, not 449 cells
    expect((await row.locator('td').nth(1).textContent())?.replace(/\s/g, '')).toBe('710052');
    // drawn as cells: with the response-time surface on, the map draws every city cell (Запоріжжя's 449 among them)
    const cityCells = data.demand.city.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0);
    expect(data.demand.cities[c]!.cells).toBe(449);
    await page.locator('input[name="layer-surface"]').check();
    await until(async () => (await page.evaluate(() => document.documentElement.dataset.cityCells)) === String(cityCells), 'the city cells drawn');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'basis-zaporizhzhia');
    // A settlement of the list is a link: the map flies to it.
    await row.locator('button.place-link').click();
    await until(async () => Number((await page.evaluate(() => window.location.hash)).match(/map=([\d.]+)/)?.[1] ?? 0) >= 10.9, 'the map at the city');
    expect(app.consoleErrors).toEqual([]);
  });

  it('Ріпкинська: villages without a point show a range; the share resting on an assumed unit is named in the panel and the banner', async () => {
    const { page } = app;
    const panel = await openBySearch(page, 'Ріпкинська', RIPKY);
    await panel.locator('[data-testid="unlocated"]').waitFor();
    const range = (await panel.locator('[data-testid="unlocated-range"]').first().textContent()) ?? '';
    // Every time in tenths, as the engine gives them (11,6–31,2 хв).
    expect(range).toMatch(/^\d+,\d–\d+,\d хв; розташування невідоме$/);
    const h = data.hromadas.codes.indexOf(RIPKY);
    const st = engine.stats('fire');
    const tenths = (m: number) => m.toFixed(1).replace('.', ',');
    expect(range.startsWith(`${tenths(st.spreadMinMin[h]!)}–${tenths(st.spreadMaxMin[h]!)} `)).toBe(true);
    const summary = (await panel.locator('[data-testid="summary"]').textContent()) ?? '';
    expect(summary).toMatch(/без координат можливо поза нормативом: час \d+,\d–\d+,\d хв, розташування невідоме; це близько [\d\s ]+ ос/);
    expect(summary).not.toMatch(/(^|\D)0 осіб у 0/);
    const basis = (await panel.locator('[data-testid="assumed-basis"]').textContent()) ?? '';
    expect(basis).toMatch(/у межах нормативу — з них \d+\s?% спираються на умовний підрозділ: .*Ріпки/);
    expect(Number(await panel.locator('[data-stat="statAssumedShare-fire"]').getAttribute('data-value'))).toBeCloseTo(st.assumedPopulation[h]! / st.population[h]!, 9);
    expect(await panel.locator('[data-testid="first-due"] li[data-basis="assumed"]').count()).toBeGreaterThan(0);
    const banner = page.locator('[data-testid="assumed-banner"]');
    expect(await banner.textContent()).toMatch(/\d+\s?% людей першими досягає умовний підрозділ/);
    expect(Number(await banner.getAttribute('data-share'))).toBeGreaterThan(0.3);
    await page.waitForTimeout(1000);
    await waitReady(page);
    await screenshot(page, 'basis-ripky-fire');
  });

  it('the assumed-unit share changes when assumed units are not counted (#…&assumed=0)', async () => {
    const { page } = app;
    const before = Number(await page.locator('[data-testid="assumed-banner"]').getAttribute('data-share'));
    const banner = page.locator('[data-testid="assumed-banner"]');
    // A result a hash edit brings is counted as drawn, as a slider's is (<html data-compute-count>).
    await waitRecomputed(page, () => page.evaluate(() => void (window.location.hash = `${window.location.hash}&assumed=0`)));
    await until(async () => Number(await banner.getAttribute('data-share')) === 0, 'the result without assumed units');
    expect(await banner.textContent()).toContain('Умовні підрозділи не враховано');
    expect(Number(await banner.getAttribute('data-share'))).toBe(0);
    expect(before).toBeGreaterThan(0);
    const panel = page.locator(`section.community[data-hromada="${RIPKY}"]`);
    expect(await panel.locator('[data-testid="assumed-basis"]').textContent()).toContain('Умовні підрозділи не враховано');
    expect(Number(await panel.locator('[data-stat="statAssumedShare-fire"]').getAttribute('data-value'))).toBe(0);
    await waitRecomputed(page, () => page.evaluate(() => void (window.location.hash = window.location.hash.replace('assumed=0', 'assumed=1'))));
    await until(async () => Number(await banner.getAttribute('data-share')) === before, 'the result with assumed units again');
    expect(await banner.textContent()).toMatch(/людей першими досягає умовний підрозділ/);
  });

  it('the police view, with no police station in the data, shows no minutes beyond the cap and says what is missing', async () => {
    const { page } = app;
    await page.locator('input[name="service"][value="police"]').check();
    const panel = page.locator(`section.community[data-hromada="${RIPKY}"]`);
    const note = panel.locator('[data-testid="no-own-facilities"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('Відомих поліцейських станцій немає: лише Центри безпеки.');
    expect(await note.locator('button').count()).toBe(1);
    // Every time in the panel is within the cap, "понад 60 хв", "не досягається" or "—" with its reason.
    const text = (await panel.textContent()) ?? '';
    expect(text).not.toContain('405');
    for (const m of minutesIn(text.replace(/понад \d+ хв/g, ''))) expect(m).toBeLessThanOrEqual(CAP);
    const median = panel.locator('[data-stat="medianTime-police"]');
    expect((await median.textContent())?.trim()).toBe('—');
    expect(await median.locator('[title]').getAttribute('title')).toContain('Більшість людей поза 60 хв');
    await panel.locator('[data-testid="cap-note"]').waitFor();
    expect(await panel.locator('[data-stat="worstTime-police"]').textContent()).toBe('понад 60 хв');
    // The legend lists only the types present and names the missing ones.
    const legend = page.locator('.legend');
    expect(await legend.locator('.legend-list').textContent()).not.toContain('Відділення поліції');
    expect(await legend.locator('[data-testid="legend-missing"]').textContent()).toBe('Немає в даних: Відділення поліції, Поліцейська станція');
    await legend.locator('[data-testid="legend-no-own"]').waitFor();
    await screenshot(page, 'basis-ripky-police');
    // The same in English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await until(async () => ((await note.textContent()) ?? '').startsWith('No police stations are known: only Security Centers.'), 'the English note');
    expect(await panel.locator('[data-stat="worstTime-police"]').textContent()).toBe('beyond 60 min');
    expect(await legend.locator('[data-testid="legend-missing"]').textContent()).toBe('Not in the data: Police station, Community police post');
    expect(await page.locator('[data-testid="assumed-banner"]').textContent()).toMatch(/^i0% of people are first reached by an assumed unit/);
    await page.getByRole('button', { name: 'УКР', exact: true }).click();
    expect(app.consoleErrors).toEqual([]);
  });

  it('the hromada table marks occupied rows, sorts and filters by status and by the share resting on an assumed unit', async () => {
    const { page } = app;
    await page.locator('input[name="service"][value="fire"]').check();
    await page.getByRole('button', { name: 'Таблиця громад', exact: true }).click();
    const total = page.locator('[data-testid="national-total"]');
    await total.waitFor();
    const text = (await total.textContent()) ?? '';
    expect(text).toMatch(/^Україна, підконтрольна територія:.*першими досягає умовний підрозділ: \d+\s?%/);
    expect(text).toContain('окуповані громади (окремо)');
    const table = page.locator('table.hromada-table');
    await table.locator('th button', { hasText: 'Статус' }).click();
    const first = table.locator('tbody tr').first();
    expect(await first.getAttribute('class')).toContain('occupied');
    expect(await first.getAttribute('data-status')).toMatch(/^occupied/);
    await page.locator('[data-testid="hide-occupied"]').check();
    expect(await table.locator('tbody tr.occupied').count()).toBe(0);
    await page.locator('[data-testid="min-assumed"]').fill('90');
    const shares = await table.locator('td[data-stat="assumed"]').allTextContents();
    expect(shares.length).toBeGreaterThan(0);
    for (const v of shares) expect(Number(v.replace(/[^\d,]/g, '').replace(',', '.'))).toBeGreaterThanOrEqual(90);
    await table.locator('th button', { hasText: 'Умовний підрозділ' }).click();
    const sorted = await table.locator('td[data-stat="assumed"]').allTextContents();
    expect(sorted[0]).toMatch(/^100\s?%$/);
    await screenshot(page, 'basis-table');
    expect(app.consoleErrors).toEqual([]);
  });
});
