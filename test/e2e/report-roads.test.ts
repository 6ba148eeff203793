/**
 * The community report by road (issue 13 leftovers): a link with `tm=road` computes the report by the road network
 * when the default graph public/geo/roads.graph is there (served here from a SYNTHETIC graph, not real roads, over the
 * hromada and its neighbours) and says so, with the graph's credit in the sources; without a graph it keeps the
 * straight line and says plainly that the road model was asked for but no graph was available. A link without
 * `tm=road` stays straight-line. The planner on the main page, with the same default graph and the road model, ranks
 * closures by road and words its road note in Ukrainian.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadEmbeddedData } from '../../src/cli/plan';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { writeGraphFile } from '../../src/io/roads/graph-file';
import { type AppSession, startReadyApp, waitForHtml, waitReady } from './harness';

const CODE = 'UA05020010000053508'; // Агрономічна (Вінницька), 6 settlements
let oblast = '';
let app: AppSession;
let graphBytes: Buffer;

beforeAll(async () => {
  const data = loadEmbeddedData();
  const h = data.hromadas.codes.indexOf(CODE);
  oblast = data.hromadas.oblasts[h]!;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (let i = 0; i < data.demand.count; i++) {
    if (data.demand.hromada[i] !== h) continue;
    w = Math.min(w, data.demand.lon[i]!);
    e = Math.max(e, data.demand.lon[i]!);
    s = Math.min(s, data.demand.lat[i]!);
    n = Math.max(n, data.demand.lat[i]!);
  }
  // slow synthetic minor roads over the hromada and 25-30 km around it (nodes about 1 km apart)
  const bbox: [number, number, number, number] = [w - 0.4, s - 0.25, e + 0.4, n + 0.25];
  const nx = Math.ceil((bbox[2] - bbox[0]) / 0.014);
  const ny = Math.ceil((bbox[3] - bbox[1]) / 0.009);
  graphBytes = Buffer.from(writeGraphFile(syntheticRoads({ seed: 4, bbox, nx, ny, highwayEvery: 12 })));
  app = await startReadyApp();
}, 180_000);

afterAll(async () => {
  await app?.close();
});

async function report(rest: string): Promise<Page> {
  const page = await app.newPage();
  await page.goto(`${app.baseUrl}#report=${CODE}${rest}`);
  await waitForHtml(page, (d) => d.reportState === 'ready' || d.reportState === 'error', 'the report', 90_000);
  expect(await page.evaluate(() => document.documentElement.dataset.reportState)).toBe('ready');
  return page;
}

async function stats(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll<HTMLElement>('.report-stats td[data-stat]')].map((td) => [td.dataset.stat!, td.dataset.value ?? ''])),
  );
}

describe('the community report by road', () => {
  let straight: Record<string, string>;

  it('without tm=road: the straight line, said so', async () => {
    const page = await report('');
    const m = page.locator('[data-testid="report-travel-model"]');
    expect(await m.getAttribute('data-model')).toBe('straight');
    expect(await m.textContent()).toContain('пряма відстань × коефіцієнт звивистості');
    straight = await stats(page);
    expect(Object.keys(straight).length).toBe(20);
    await page.close();
  }, 120_000);

  it('tm=road and no graph on the server: straight line, and the report says the road model was asked for but no graph was available', async () => {
    const page = await report('&lang=en&tm=road');
    const m = page.locator('[data-testid="report-travel-model"]');
    expect(await m.getAttribute('data-model')).toBe('road-missing');
    expect(await m.textContent()).toContain('The link asks for the road model, but no road graph is available');
    expect(await stats(page)).toEqual(straight);
    expect(await page.locator('[data-testid="report-roads-source"]').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('tm=road with public/geo/roads.graph: computed by road, said so, the graph credited', async () => {
    const requests: string[] = [];
    await app.context.route('**/geo/roads.graph', async (route) => {
      requests.push(route.request().method());
      await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: graphBytes });
    });
    try {
      const page = await report('&tm=road');
      const m = page.locator('[data-testid="report-travel-model"]');
      expect(await m.getAttribute('data-model')).toBe('road');
      const text = (await m.textContent())!;
      expect(text).toContain('за дорожньою мережею (граф roads.graph');
      expect(await page.locator('[data-testid="report-roads-source"]').textContent()).toContain('© OpenStreetMap contributors, ODbL');
      const road = await stats(page);
      expect(Object.keys(road).length).toBe(20);
      // the slow synthetic roads change the hromada's times
      expect(road).not.toEqual(straight);
      console.log(`report ${CODE} by road: ${JSON.stringify(road)}; straight: ${JSON.stringify(straight)}; graph requests ${requests.join(',')}`);
      expect(requests).toContain('GET');
      await page.close();
    } finally {
      await app.context.unroute('**/geo/roads.graph');
    }
  }, 150_000);

  it('the planner with the default graph and the road model ranks closures by road and says so in Ukrainian', async () => {
    await app.context.route('**/geo/roads.graph', (route) =>
      route.fulfill({ status: 200, contentType: 'application/octet-stream', body: graphBytes }),
    );
    try {
      const page = await app.newPage();
      await page.goto(`${app.baseUrl}#s=fire&tm=road`);
      await waitReady(page);
      const legend = page.locator('[data-testid="legend-travel-model"]');
      await expect.poll(() => legend.textContent(), { timeout: 60_000 }).toContain('час за дорожньою мережею (граф roads.graph');
      await page.getByRole('button', { name: 'Планування', exact: true }).click();
      await page.locator('[data-testid="planner"]').waitFor();
      await page.locator('#plan-objective').selectOption('closures');
      await page.locator('#plan-scope').selectOption('oblast');
      await page.locator('#plan-oblast').selectOption(oblast);
      await page.locator('[data-testid="plan-run"]').click();
      await page.locator('[data-testid="plan-closures"]').waitFor({ timeout: 60_000 });
      const note = (await page.locator('[data-testid="plan-road-note"]').textContent())!;
      console.log(`planner closures by road: ${note}`);
      expect(note).toContain('Модель часу доїзду: дорожня мережа (граф synthetic)');
      expect(note).toMatch(/\d+ з \d+ підрозділів у рейтингу/);
      // not repeated in the English solver notes
      expect(await page.locator('.plan-results details ul[lang="en"]').textContent()).not.toContain('ROAD NETWORK');
      await page.close();
    } finally {
      await app.context.unroute('**/geo/roads.graph');
    }
  }, 150_000);

  it('no request left the page’s own host; no console error', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
