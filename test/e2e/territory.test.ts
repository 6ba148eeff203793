/**
 * Territory status in the built app (issue 12): occupied hromadas of the built-in list are hatched on the map and named
 * in the legend with the list and its date, and marked in the table; a territory list written here and imported
 * through the Data panel (preview with rejected rows, then Apply) makes a hromada occupied on the map, in the community
 * panel and the table, changes the controlled-territory totals, is kept after a reload and can be removed; the
 * "count assumed units" switch changes the national figure; settlement names appear from zoom 10.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, screenshot, startReadyApp, waitForHtml, waitReady, waitRecomputed } from './harness';

let app: AppSession;
// Агрономічна (Vinnytsia oblast): not occupied in the built-in 2022 list.
const CODE = 'UA05020010000053508';
// Світлодарська (Donetsk oblast): occupied in the built-in list.
const BUILT_IN_OCCUPIED = 'UA14020050000019803';
const LIST = [
  'Код КАТОТТГ;Назва громади;Статус;Дата початку;Дата завершення',
  `${CODE};Агрономічна;Тимчасово окуповані території;01.03.2022;`,
  `${BUILT_IN_OCCUPIED};Світлодарська;Тимчасово окуповані території;24.02.2022;`,
  'UA05020030000031457;Вінницька;щось зовсім інше;;',
  'UA99999999999999999;Невідома;окупована;01.03.2022;',
].join('\n');

/**
 * What the map holds for territory: the codes its two layers' filters keep (by mark) and whether hatched polygons are
 * drawn.
 */
async function mapTerritory(page: Page): Promise<{ occupied: string[]; hostilities: number; drawn: number }> {
  return page.evaluate(() => {
    type M = {
      getFilter(id: string): unknown;
      queryRenderedFeatures(o: { layers: string[] }): unknown[];
    };
    const map = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap;
    // ['in', ['get', 'code'], ['literal', codes]] (src/map/territory-style.ts)
    const codes = (id: string) => ((map.getFilter(id) as [string, unknown, [string, string[]]] | undefined)?.[2]?.[1] ?? []) as string[];
    return {
      occupied: codes('territory-occupied'),
      hostilities: codes('territory-hostilities').length,
      drawn: map.queryRenderedFeatures({ layers: ['territory-occupied'] }).length,
    };
  });
}

async function openPanel(page: Page, name: string, open = true): Promise<void> {
  const b = page.getByRole('button', { name, exact: true });
  if (((await b.getAttribute('aria-pressed')) === 'true') !== open) await b.click();
}

async function nationalTotal(page: Page): Promise<string> {
  await openPanel(page, 'Таблиця громад');
  return (await page.locator('[data-testid="national-total"]').textContent()) ?? '';
}

beforeAll(async () => {
  app = await startReadyApp();
});

afterAll(async () => {
  await app?.close();
});

describe('territory status', () => {
  it('hatches the built-in list’s occupied hromadas and names the list and its date in the legend', async () => {
    const { page } = app;
    const t = await mapTerritory(page);
    expect(t.occupied).toContain(BUILT_IN_OCCUPIED);
    expect(t.occupied).not.toContain(CODE);
    expect(t.occupied.length).toBe(140);
    expect(t.hostilities).toBe(120);
    expect(t.drawn).toBeGreaterThan(0);
    const legend = (await page.locator('[data-testid="legend-occupied"]').textContent()) ?? '';
    expect(legend).toContain('Тимчасово окупована територія (перелік: ');
    expect(legend).toContain('23.11.2022'); // the page's date format (2022-11-23 in English)
    await screenshot(page, 'territory-built-in');
  });

  it('imports a territory list: preview with rejected rows, then the hromada is occupied everywhere and the totals change', async () => {
    const { page } = app;
    const before = await nationalTotal(page);
    await openPanel(page, 'Дані та сценарії');
    await expect(page.locator('[data-testid="territory-loaded"]').getAttribute('data-source')).resolves.toBe('built-in');
    await page.locator('[data-testid="data-file"]').setInputFiles({ name: 'perelik-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
    const p = page.locator('[data-testid="import-preview"]');
    await p.waitFor();
    expect(await p.getAttribute('data-kind')).toBe('territory');
    expect(await p.getAttribute('data-accepted')).toBe('2');
    expect(await p.getAttribute('data-rejected')).toBe('2');
    await expect(page.locator('[data-testid="territory-preview"]').getAttribute('data-occupied')).resolves.toBe('2');
    const reasons = await page.locator('[data-testid="rejected-rows"] li').allTextContents();
    expect(reasons).toHaveLength(2);
    await waitRecomputed(page, () => page.locator('[data-testid="apply-import"]').click());
    const loaded = page.locator('[data-testid="territory-loaded"]');
    expect(await loaded.getAttribute('data-source')).toBe('perelik-2025.csv');
    expect(await loaded.getAttribute('data-occupied')).toBe('2');
    expect(await loaded.textContent()).toContain('01.03.2022'); // the list's date 2022-03-01 in the page's format
    // map: the imported list's two hromadas are hatched, no others
    await waitForHtml(page, (d) => d.appState === 'ready', 'ready');
    const t = await mapTerritory(page);
    expect(t.occupied.sort()).toEqual([CODE, BUILT_IN_OCCUPIED].sort());
    expect((await page.locator('[data-testid="legend-occupied"]').textContent()) ?? '').toContain('perelik-2025.csv');
    // totals for controlled territory changed (138 hromadas back under control, Агрономічна out)
    const after = await nationalTotal(page);
    expect(after).not.toBe(before);
    // the table marks the hromada
    await page.locator('#oblast-filter').selectOption({ label: 'Вінницька' });
    const row = page.locator(`tr[data-code="${CODE}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('occupied');
    // the community panel marks it
    await row.locator('button').click();
    const mark = page.locator('[data-testid="territory"]');
    await mark.waitFor();
    expect(await mark.getAttribute('data-status')).toBe('occupied');
    await screenshot(page, 'territory-imported');
  });

  it('keeps the imported list after a reload and goes back to the built-in list on Remove', async () => {
    const { page } = app;
    await waitForHtml(page, (d) => Number(d.scenarioSaves ?? '0') > 0, 'the scenario autosave');
    await page.waitForTimeout(400);
    await page.goto(app.baseUrl);
    await waitReady(page);
    expect((await mapTerritory(page)).occupied.sort()).toEqual([CODE, BUILT_IN_OCCUPIED].sort());
    await openPanel(page, 'Дані та сценарії');
    await waitRecomputed(page, () => page.locator('[data-testid="remove-territory"]').click());
    expect(await page.locator('[data-testid="territory-loaded"]').getAttribute('data-source')).toBe('built-in');
    expect((await mapTerritory(page)).occupied).toHaveLength(140);
  });

  it('"count assumed units" off changes the national figure', async () => {
    const { page } = app;
    const before = await nationalTotal(page);
    const box = page.locator('[data-testid="count-assumed"]');
    expect(await box.isChecked()).toBe(true);
    await waitRecomputed(page, () => box.uncheck());
    expect(await nationalTotal(page)).not.toBe(before);
    expect(page.url()).toContain('assumed=0');
    await waitRecomputed(page, () => box.check());
    expect(await nationalTotal(page)).toBe(before);
  });

  it('names settlements from zoom 10, only those in view', async () => {
    const { page } = app;
    await openPanel(page, 'Таблиця громад', false);
    // Ріпки (Chernihiv oblast) at zoom 11
    await page.goto(`${app.baseUrl}#map=11/51.8/31.08`);
    await waitReady(page);
    await page.waitForTimeout(1500);
    await screenshot(page, 'territory-names-z11');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
