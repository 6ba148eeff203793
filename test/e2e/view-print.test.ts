/**
 * Navigation by oblast and raion, maps for slides and print (issue 15, points 2–3):
 * - search «Чернігівська область» frames the oblast (the map's bounds hold its box and are not much larger), filters
 *   the table, goes into the link, and the PNG is titled by it;
 * - the 16:9 PNG decodes to 1920×1080, with every scale drawn in its legend column (the share ramp's and the
 *   response-time ramp's end colours, found in the legend's pixels);
 * - printing the oblast keeps it whole on the page: with print media, the printed image shows the choropleth at the
 *   oblast's westernmost and easternmost hromadas.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, screenshot, startReadyApp, waitReady, type AppSession } from './harness';

const OBLAST = 'Чернігівська';
interface Props {
  oblast: string;
  center_lon: number;
  center_lat: number;
}
const geo = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/geo/hromadas.geojson'), 'utf8')) as {
  features: { properties: Props; geometry: { coordinates: unknown } }[];
};
const members = geo.features.filter((f) => f.properties.oblast === OBLAST);
/** The oblast's box from every coordinate of its hromadas: [west, south, east, north]. */
const box = (() => {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    } else (c as unknown[]).forEach(visit);
  };
  for (const f of members) visit(f.geometry.coordinates);
  return [w, s, e, n] as const;
})();

let app: AppSession;

beforeAll(async () => {
  app = await startReadyApp({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await app?.close();
});

const mapBounds = (page: Page) =>
  page.locator('[data-testid="map"]').evaluate((el) => {
    const b = (el as unknown as { hcMap: { getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number } } }).hcMap.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as const;
  });

/** A PNG's width and height from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels of a PNG (decoded in the page) in a rectangle, as [r, g, b] triples (sent back as base64 RGBA). */
async function pixels(page: Page, png: Buffer, rect: { x: number; y: number; w: number; h: number }): Promise<number[][]> {
  const b64 = await page.evaluate(
    async ({ b64, rect }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(rect.x, rect.y, rect.w, rect.h).data;
      let bin = '';
      for (let i = 0; i < d.length; i += 0x8000) bin += String.fromCharCode(...d.subarray(i, i + 0x8000));
      return btoa(bin);
    },
    { b64: png.toString('base64'), rect },
  );
  const d = Buffer.from(b64, 'base64');
  const out: number[][] = [];
  for (let i = 0; i < d.length; i += 4) out.push([d[i]!, d[i + 1]!, d[i + 2]!]);
  return out;
}

const near = (a: number[], b: readonly number[], tol: number) => Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!) <= tol;

describe('an oblast as the view', () => {
  it('search «Чернігівська область» frames the oblast, filters the table, keeps it in the link and titles the PNG', async () => {
    const { page } = app;
    const input = page.locator('#search-input');
    await input.fill('Чернігівська область');
    const first = page.locator('.search-results li').first();
    await expect.poll(() => first.locator('.hit-main').textContent()).toBe('Чернігівська область');
    await input.press('Enter');
    // Framed: the visible area holds the oblast's box and is not much larger than it.
    await expect
      .poll(
        async () => {
          const [w, s, e, n] = await mapBounds(page);
          return w <= box[0] + 1e-6 && s <= box[1] + 1e-6 && e >= box[2] - 1e-6 && n >= box[3] - 1e-6;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.waitForTimeout(900);
    const [w, s, e, n] = await mapBounds(page);
    const rw = (e - w) / (box[2] - box[0]);
    const rh = (n - s) / (box[3] - box[1]);
    console.log(`oblast box ${box.map((x) => x.toFixed(3)).join(', ')}; map ${[w, s, e, n].map((x) => x.toFixed(3)).join(', ')}; ratio ${rw.toFixed(2)} × ${rh.toFixed(2)}`);
    expect(Math.min(rw, rh)).toBeLessThan(1.4);
    expect(Math.max(rw, rh)).toBeLessThan(3);
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`area=${OBLAST}`);
    await expect.poll(() => page.locator('[data-testid="area-chip"]').textContent()).toContain('Чернігівська область');

    // The table is filtered to it.
    await page.getByRole('button', { name: 'Таблиця громад', exact: true }).click();
    const table = page.locator('table.hromada-table');
    await table.locator('tbody tr').first().waitFor();
    expect(await page.locator('#oblast-filter').inputValue()).toBe(OBLAST);
    expect(new Set(await table.locator('td[data-stat="oblast"]').allTextContents())).toEqual(new Set([OBLAST]));
    expect(await table.locator('tbody tr').count()).toBe(members.length);
    await screenshot(page, 'view-oblast');

    // The PNG (as on screen) is titled by the oblast.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-map"]').click()]);
    expect(dl.suggestedFilename()).toMatch(/^hromada-coverage-map-\d{4}-\d{2}-\d{2}\.png$/);
    expect(await page.locator('html').getAttribute('data-map-image-title')).toBe('Чернігівська область');
    await page.getByRole('button', { name: 'Закрити', exact: true }).first().click();
  });

  it('«Nizhyn raion» frames the raion and filters the table to its hromadas', async () => {
    const { page } = app;
    await page.locator('#search-input').fill('Nizhyn raion');
    await expect.poll(() => page.locator('.search-results li .hit-main').first().textContent()).toBe('Ніжинський район');
    await page.locator('#search-input').press('Enter');
    await expect.poll(() => page.locator('[data-testid="area-chip"]').textContent()).toContain('Ніжинський район, Чернігівська область');
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`area=${OBLAST}/Ніжинський`);
    const raion = geo.features.filter((f) => f.properties.oblast === OBLAST && (f.properties as Props & { raion: string }).raion === 'Ніжинський');
    expect(raion.length).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Таблиця громад', exact: true }).click();
    const table = page.locator('table.hromada-table');
    await table.locator('tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="raion-filter"]').textContent()).toBe('Район: Ніжинський');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(raion.length);
    expect(new Set(await table.locator('td[data-stat="raion"]').allTextContents())).toEqual(new Set(['Ніжинський']));
    await page.getByRole('button', { name: 'Закрити', exact: true }).first().click();
  });

  it('clearing the area shows the country again, and the link drops it', async () => {
    const { page } = app;
    await page.locator('[data-testid="area-clear"]').click();
    await expect
      .poll(
        async () => {
          const [w, , e] = await mapBounds(page);
          return w < 23 && e > 39;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(new URL(page.url()).hash).not.toContain('area=');
    // Back to the oblast for the images below.
    await page.locator('#search-input').fill('Chernihiv oblast');
    await expect.poll(() => page.locator('.search-results li .hit-main').first().textContent()).toBe('Чернігівська область');
    await page.locator('#search-input').press('Enter');
    await expect.poll(() => page.locator('[data-testid="area-chip"]').count()).toBe(1);
    await page.waitForTimeout(1200);
  });

  it('the 16:9 PNG is 1920×1080 with every drawn scale in its legend', { timeout: 240_000 }, async () => {
    const { page } = app;
    await page.locator('[data-testid="save-map-menu"]').click();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.locator('[data-size="16:9"]').click()]);
    expect(dl.suggestedFilename()).toMatch(/^hromada-coverage-map-16x9-\d{4}-\d{2}-\d{2}\.png$/);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, 'map-image-16x9.png');
    await dl.saveAs(file);
    const png = readFileSync(file);
    expect(pngSize(png)).toEqual({ width: 1920, height: 1080 });
    expect(await page.locator('html').getAttribute('data-map-image-size')).toBe('1920x1080');
    console.log(`16:9 image rendered in ${await page.locator('html').getAttribute('data-map-image-ms')} ms`);
    // The legend column (right of the map): 450 px wide at the right edge, 24 px margin.
    const legend = await pixels(page, png, { x: 1920 - 24 - 450, y: 120, w: 450, h: 700 });
    // Ends of the share ramp (cividis) and of the response-time ramp (viridis reversed: yellow fast, purple slow).
    const ends: [string, number[]][] = [
      ['share 0 %', [0, 32, 81]],
      ['share 100 %', [253, 234, 69]],
      ['time 0', [253, 231, 37]],
      ['time 2× norm', [68, 1, 84]],
    ];
    for (const [what, rgb] of ends) expect(legend.some((p) => near(p, rgb, 40)), what).toBe(true);
    // Text in the legend (dark pixels) and the map part is not blank.
    expect(legend.filter((p) => p[0]! + p[1]! + p[2]! < 150).length).toBeGreaterThan(500);
    const map = await pixels(page, png, { x: 24, y: 200, w: 1300, h: 600 });
    expect(new Set(map.map((p) => p.join(','))).size).toBeGreaterThan(50);
    // The page's map is back at its own size.
    const canvas = await page.locator('.maplibregl-canvas').evaluate((c) => (c as HTMLCanvasElement).getBoundingClientRect().width);
    expect(canvas).toBeLessThan(1280);
  });

  it('printing the oblast keeps the whole oblast on the page (its west and east coloured by the choropleth)', { timeout: 240_000 }, async () => {
    const { page } = app;
    // Only the choropleth, so that the checked pixels are the fill (no circle, symbol or name over them).
    await page.goto(`${app.baseUrl}#s=fire&layers=choropleth&area=${encodeURIComponent(OBLAST)}`);
    await page.reload();
    await waitReady(page);
    await page.evaluate(() => {
      window.print = () => {
        document.documentElement.dataset.printed = '1';
      };
    });
    await page.locator('[data-testid="save-map-menu"]').click();
    await page.locator('[data-testid="print-map"]').click();
    await page.waitForFunction(() => document.documentElement.dataset.printed === '1', undefined, { timeout: 180_000 });
    const img = page.locator('[data-testid="print-image"]');
    const meta = await img.evaluate((el) => ({ ...(el as HTMLImageElement).dataset }));
    expect(await page.locator('html').getAttribute('data-map-image-title')).toBe('Чернігівська область');
    console.log(`print image (${meta.width}×${meta.height}) rendered in ${await page.locator('html').getAttribute('data-map-image-ms')} ms`);
    // The printable area of A4 landscape with 8 mm margins, in CSS px.
    const page_ = { width: 1062, height: 733 };
    await page.setViewportSize(page_);
    await page.emulateMedia({ media: 'print' });
    const shot = await page.screenshot({ path: join(RESULTS_DIR, 'view-print.png') });
    await page.emulateMedia({ media: 'screen' });
    const imgW = Number(meta.width);
    const scale = page_.width / imgW;
    const rect = JSON.parse(meta.mapRect!) as { x: number; y: number; w: number; h: number };
    const [[w, s], [e, n]] = JSON.parse(meta.mapBounds!) as [[number, number], [number, number]];
    // The oblast's box lies inside what the printed map shows.
    expect(w <= box[0] && e >= box[2] && s <= box[1] && n >= box[3]).toBe(true);
    const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const toPage = (lon: number, lat: number) => ({
      x: Math.round((rect.x + ((lon - w) / (e - w)) * rect.w) * scale),
      y: Math.round((rect.y + ((mercY(n) - mercY(lat)) / (mercY(n) - mercY(s))) * rect.h) * scale),
    });
    const west = members.reduce((a, b) => (b.properties.center_lon < a.properties.center_lon ? b : a));
    const east = members.reduce((a, b) => (b.properties.center_lon > a.properties.center_lon ? b : a));
    writeFileSync(join(RESULTS_DIR, 'view-print-meta.json'), JSON.stringify({ meta, west: west.properties, east: east.properties }, null, 1));
    for (const [what, f] of [
      ['west', west],
      ['east', east],
    ] as const) {
      const p = toPage(f.properties.center_lon, f.properties.center_lat);
      expect(p.x, `${what} x`).toBeGreaterThan(0);
      expect(p.x, `${what} x`).toBeLessThan(page_.width);
      expect(p.y, `${what} y`).toBeGreaterThan(0);
      expect(p.y, `${what} y`).toBeLessThan(page_.height);
      const around = await pixels(page, shot, { x: p.x - 2, y: p.y - 2, w: 5, h: 5 });
      // Choropleth fill (cividis, saturated), not the land (#f6f4ee) or white paper.
      const coloured = around.filter((c) => Math.max(...c) - Math.min(...c) > 30);
      expect(coloured.length, `${what}: ${JSON.stringify(around.slice(0, 5))}`).toBeGreaterThan(around.length / 2);
    }
  });
});

describe('more sizes and the browser’s own Print', () => {
  it('A4 portrait at 2× is 1588×2246, its legend below the map', { timeout: 240_000 }, async () => {
    const { page } = app;
    await page.locator('[data-testid="save-map-menu"]').click();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.locator('[data-size="a4-portrait"]').click()]);
    const file = join(RESULTS_DIR, 'map-image-a4-portrait.png');
    await dl.saveAs(file);
    const png = readFileSync(file);
    expect(pngSize(png)).toEqual({ width: 1588, height: 2246 });
    console.log(`A4 portrait image rendered in ${await page.locator('html').getAttribute('data-map-image-ms')} ms`);
    // The lower part holds the legend: the share ramp's ends appear below the map.
    const lower = await pixels(page, png, { x: 0, y: 1400, w: 1588, h: 600 });
    expect(lower.some((p) => near(p, [0, 32, 81], 40))).toBe(true);
    expect(lower.some((p) => near(p, [253, 234, 69], 40))).toBe(true);
  });

  it('Ctrl+P (beforeprint): the live map at the printed size, the oblast framed, the legend beside it, controls hidden', { timeout: 120_000 }, async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    // The Print button's print above was stubbed, so its afterprint is due first.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.locator('[data-testid="print-image"]').count()).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => {
      const r = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null;
      const shown = (s: string) => {
        const el = document.querySelector(s);
        return !!el && getComputedStyle(el).display !== 'none';
      };
      return { map: r('.map'), legend: r('.legend'), title: document.querySelector('.print-title-block h1')?.textContent, topbar: shown('.topbar'), save: shown('.map-save-group') };
    });
    await page.screenshot({ path: join(RESULTS_DIR, 'view-print-live.png') });
    expect(layout.title).toBe('Чернігівська область');
    expect(layout.topbar).toBe(false);
    expect(layout.save).toBe(false);
    const { map, legend } = layout;
    // Legend right of the map, not over it; the map 207 mm wide (≈ 782 px).
    expect(legend!.left).toBeGreaterThanOrEqual(map!.right);
    expect(Math.abs(map!.width - (207 / 25.4) * 96)).toBeLessThan(2);
    const [w, s, e, n] = await mapBounds(page);
    expect(w <= box[0] && s <= box[1] && e >= box[2] && n >= box[3]).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.locator('.print-title-block').count()).toBe(0);
    expect(await page.locator('.topbar').isVisible()).toBe(true);
  });
});
