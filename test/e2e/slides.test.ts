/**
 * Presentation mode (issue 15 point 4) in the browser: two slides with different framing and service; presenting
 * shows slide 1, the arrow key moves to slide 2 (map centre, service and counter change), Escape leaves; exporting
 * gives a zip of two PNGs (decoded here: entry names, PNG signature, IHDR sizes).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyScenario, serializeScenario } from '../../src/io/scenario';
import { defaultState } from '../../src/state/app-state';
import { makeSlide } from '../../src/state/slides';
import { RESULTS_DIR, screenshot, startReadyApp, waitForHtml, type AppSession } from './harness';

type M = { getCenter(): { lng: number; lat: number }; jumpTo(o: { center: [number, number]; zoom: number }): void; getZoom(): number };

let app: AppSession;
beforeAll(async () => {
  app = await startReadyApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

async function centre(): Promise<{ lng: number; lat: number }> {
  return app.page.evaluate(() => {
    const c = (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap.getCenter();
    return { lng: c.lng, lat: c.lat };
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page now (its source goes in through the debugger: CSP). */
async function axeSerious(): Promise<string[]> {
  const { page } = app;
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type V = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

const serviceInHash = () => app.page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('s'));

describe('presentation mode', () => {
  const slideCentres: { lng: number; lat: number }[] = [];

  it('adds the current view as a slide twice (country, fire; Chernihiv, police)', async () => {
    const { page } = app;
    await page.locator('[data-testid="slides-open"]').click();
    const panel = page.locator('[data-testid="slides-panel"]');
    await panel.waitFor();
    await panel.locator('[data-testid="slide-new-caption"]').fill('Україна — пожежна охорона');
    await panel.locator('[data-testid="slide-add"]').click();
    slideCentres.push(await centre());
    // Slide 2: another framing and the police.
    await page.evaluate(() => (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap.jumpTo({ center: [31.3, 51.5], zoom: 8.5 }));
    await page.locator('input[name="service"][value="police"]').check({ force: true });
    await page.waitForTimeout(300);
    await panel.locator('[data-testid="slide-new-caption"]').fill('Чернігів — поліція <b>не HTML</b>');
    await panel.locator('[data-testid="slide-add"]').click();
    slideCentres.push(await centre());
    await expect.poll(() => panel.locator('[data-testid="slide-row"]').count()).toBe(2);
    expect(Math.abs(slideCentres[1]!.lng - 31.3)).toBeLessThan(0.01);
    expect(await axeSerious()).toEqual([]);
    // Back to the fire service before presenting: the slides must set it themselves.
    await page.locator('input[name="service"][value="fire"]').check({ force: true });
  }, 60_000);

  it('reorders with the keyboard-reachable buttons and back', async () => {
    const panel = app.page.locator('[data-testid="slides-panel"]');
    const captions = () => panel.locator('[data-testid="slide-caption"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    await panel.locator('[data-testid="slide-down"]').first().focus();
    await app.page.keyboard.press('Enter');
    expect(await captions()).toEqual(['Чернігів — поліція <b>не HTML</b>', 'Україна — пожежна охорона']);
    await panel.locator('[data-testid="slide-up"]').nth(1).click();
    expect(await captions()).toEqual(['Україна — пожежна охорона', 'Чернігів — поліція <b>не HTML</b>']);
    // Dragging by the number does the same, and back.
    await panel.locator('[data-testid="slide-handle"]').first().dragTo(panel.locator('[data-testid="slide-row"]').nth(1));
    expect(await captions()).toEqual(['Чернігів — поліція <b>не HTML</b>', 'Україна — пожежна охорона']);
    await panel.locator('[data-testid="slide-handle"]').first().dragTo(panel.locator('[data-testid="slide-row"]').nth(1));
    expect(await captions()).toEqual(['Україна — пожежна охорона', 'Чернігів — поліція <b>не HTML</b>']);
  });

  it('presents: slide 1, then the arrow key to slide 2 (centre, service, counter), Escape leaves', async () => {
    const { page } = app;
    await page.locator('[data-testid="slides-present"]').click();
    const presenter = page.locator('[data-testid="slides-presenter"]');
    await presenter.waitFor();
    await waitForHtml(page, (d) => d.slideReady === '1/2', 'slide 1 drawn', 90_000);
    expect(await page.locator('[data-testid="slide-counter"]').textContent()).toBe('Слайд 1 з 2');
    expect(await page.locator('[data-testid="present-caption"]').textContent()).toBe('Україна — пожежна охорона');
    expect(await serviceInHash()).toBe('fire');
    const c1 = await centre();
    expect(Math.abs(c1.lng - slideCentres[0]!.lng)).toBeLessThan(0.2);
    expect(Math.abs(c1.lat - slideCentres[0]!.lat)).toBeLessThan(0.2);
    // The map fills the window; the page's controls are hidden.
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(1270);
    expect(await axeSerious()).toEqual([]);

    await page.keyboard.press('ArrowRight');
    await waitForHtml(page, (d) => d.slideReady === '2/2', 'slide 2 drawn', 90_000);
    expect(await page.locator('[data-testid="slide-counter"]').textContent()).toBe('Слайд 2 з 2');
    // The caption is the user's text, shown as text.
    expect(await page.locator('[data-testid="present-caption"]').textContent()).toBe('Чернігів — поліція <b>не HTML</b>');
    expect(await page.locator('[data-testid="present-caption"] b').count()).toBe(0);
    expect(await serviceInHash()).toBe('police');
    const c2 = await centre();
    expect(Math.abs(c2.lng - 31.3)).toBeLessThan(0.05);
    expect(Math.abs(c2.lat - 51.5)).toBeLessThan(0.05);
    await screenshot(page, 'slides-present-2');
    // At the last slide the arrow stays; PageUp goes back.
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-testid="slide-counter"]').textContent()).toBe('Слайд 2 з 2');
    await page.keyboard.press('PageUp');
    await waitForHtml(page, (d) => d.slideReady === '1/2', 'slide 1 again', 90_000);
    expect(await serviceInHash()).toBe('fire');
    await page.keyboard.press(' ');
    await waitForHtml(page, (d) => d.slideReady === '2/2', 'slide 2 by space', 90_000);
    await page.keyboard.press('Home');
    await waitForHtml(page, (d) => d.slideReady === '1/2', 'slide 1 by Home', 90_000);

    await page.keyboard.press('Escape');
    await presenter.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.classList.contains('hc-presenting'))).toBe(false);
    expect(await page.locator('.topbar').isVisible()).toBe(true);
    // The view from before presenting comes back (the fire service, chosen just before).
    await expect.poll(serviceInHash).toBe('fire');
    expect(app.consoleErrors).toEqual([]);
  }, 240_000);

  it('exports all slides as PNGs in one zip', async () => {
    const { page } = app;
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.locator('[data-testid="slides-zip"]').click()]);
    expect(dl.suggestedFilename()).toMatch(/^hromada-coverage-slides-\d{4}-\d{2}-\d{2}\.zip$/);
    const file = join(RESULTS_DIR, 'slides.zip');
    await dl.saveAs(file);
    const entries = unzipSync(new Uint8Array(readFileSync(file)));
    const names = Object.keys(entries);
    expect(names).toEqual(['slide-01-Україна-пожежна-охорона.png', 'slide-02-Чернігів-поліція-b-не-HTML-b.png']);
    for (const name of names) {
      const png = Buffer.from(entries[name]!);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      console.log(`${name}: ${width}×${height}, ${png.length} bytes`);
      // 16:9 for slides, whatever the window (src/ui/map-image.ts renderMapImage).
      expect([width, height]).toEqual([1920, 1080]);
    }
    expect(app.consoleErrors).toEqual([]);
  }, 300_000);
});

describe('presentation mode, go to', () => {
  it('"Go to" shows a slide on the page, and the view from before comes back with one click', async () => {
    const { page } = app;
    const panel = page.locator('[data-testid="slides-panel"]');
    expect(await serviceInHash()).toBe('fire');
    expect(await panel.locator('[data-testid="slides-go-back"]').count()).toBe(0);
    await panel.locator('[data-testid="slide-go"]').nth(1).click();
    await expect.poll(serviceInHash, { timeout: 30_000 }).toBe('police');
    await expect.poll(async () => Math.abs((await centre()).lng - 31.3), { timeout: 30_000 }).toBeLessThan(0.05);
    await panel.locator('[data-testid="slides-go-back"]').click();
    await expect.poll(serviceInHash, { timeout: 30_000 }).toBe('fire');
    await panel.locator('[data-testid="slides-go-back"]').waitFor({ state: 'detached' });
  }, 120_000);
});

describe('presentation mode, print', () => {
  it('prints one landscape page per slide (the print layout, as "Save as PDF" gets it)', async () => {
    const { page } = app;
    // Headless Chromium has no print dialog: window.print returns at once; the layout stays until 'afterprint'.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.locator('[data-testid="slides-print"]').click();
    const layout = page.locator('[data-testid="slides-print-layout"]');
    await layout.waitFor({ state: 'attached', timeout: 240_000 });
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('hc-printing-slides')), { timeout: 30_000 }).toBe(true);
    expect(await layout.locator('.slides-print-caption').allTextContents()).toEqual(['Україна — пожежна охорона', 'Чернігів — поліція <b>не HTML</b>']);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    // A4 landscape: 842 × 595 pt.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    console.log(`slides PDF: ${pages} pages, ${pdf.length} bytes, media box ${box?.[1]}×${box?.[2]} pt`);
    expect(pages).toBe(2);
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2]));
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await layout.waitFor({ state: 'detached' });
  }, 300_000);
});

describe('presentation mode, kept in the browser', () => {
  it('the slides are there again after a reload (IndexedDB, with the working scenario)', async () => {
    const { page } = app;
    await page.reload();
    await waitForHtml(page, (d) => d.appState === 'ready', 'ready after reload', 90_000);
    await page.locator('[data-testid="slides-open"]').click();
    const panel = page.locator('[data-testid="slides-panel"]');
    await expect.poll(() => panel.locator('[data-testid="slide-row"]').count(), { timeout: 30_000 }).toBe(2);
    const captions = await panel.locator('[data-testid="slide-caption"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(captions).toEqual(['Україна — пожежна охорона', 'Чернігів — поліція <b>не HTML</b>']);
    // Delete one: gone after the next reload too.
    await panel.locator('[data-testid="slide-delete"]').first().click();
    await expect.poll(() => panel.locator('[data-testid="slide-row"]').count()).toBe(1);
    const saves = Number((await page.evaluate(() => document.documentElement.dataset.scenarioSaves)) ?? '0');
    await waitForHtml(page, (d) => Number(d.scenarioSaves ?? '0') > saves, 'the scenario saved', 10_000);
    await page.reload();
    await waitForHtml(page, (d) => d.appState === 'ready', 'ready after reload', 90_000);
    await page.locator('[data-testid="slides-open"]').click();
    await expect.poll(() => page.locator('[data-testid="slide-row"]').count(), { timeout: 30_000 }).toBe(1);
    expect(app.consoleErrors).toEqual([]);
  }, 240_000);
});

describe('presentation mode, slides from a scenario file', () => {
  it('a file with a bad slide: the good one arrives, the panel names the one left out and why', async () => {
    const { page } = app;
    page.on('dialog', (d) => void d.accept());
    const good = makeSlide({ id: 'f1', caption: 'З файлу', state: defaultState(), view: { lon: 31.3, lat: 51.5, zoom: 8 }, bounds: [30, 50.8, 32.6, 52.2], hromada: null, edits: [] });
    const bad = { ...good, id: 'f2', view: { ...good.view, zoom: 'far' } };
    const o = JSON.parse(serializeScenario(emptyScenario('Слайди', '2026-12-03T08:00:00.000Z'))) as Record<string, unknown>;
    o.slides = [good, bad];
    await page.getByRole('button', { name: 'Дані та сценарії', exact: true }).click();
    await page.locator('[data-testid="data-file"]').setInputFiles({ name: 'slides.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(o)) });
    const preview = page.locator('[data-testid="import-preview"]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-kind')).toBe('scenario');
    await page.locator('[data-testid="apply-import"]').click();
    await page.locator('[data-testid="slides-open"]').click();
    const panel = page.locator('[data-testid="slides-panel"]');
    await expect.poll(() => panel.locator('[data-testid="slide-caption"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))).toEqual(['З файлу']);
    expect(await panel.locator('[data-testid="slides-notes"] li').allTextContents()).toEqual(['слайд 2: view.zoom is not a number from 0 to 24']);
    await panel.locator('[data-testid="slides-notes"] button').click();
    await panel.locator('[data-testid="slides-notes"]').waitFor({ state: 'detached' });
  }, 120_000);
});

describe('presentation mode, slides with an area of view', () => {
  it('a slide framed inside its oblast keeps its own framing, and one without an area is not left at the country', async () => {
    const { page } = app;
    const inOblast = { ...defaultState(), area: { kind: 'oblast' as const, oblast: 'Чернігівська' } };
    const nizhyn = makeSlide({ id: 'a1', caption: 'Ніжин', state: inOblast, view: { lon: 31.9, lat: 51.05, zoom: 10 }, bounds: [31.7, 50.95, 32.1, 51.15], hromada: null, edits: [] });
    const lviv = makeSlide({ id: 'a2', caption: 'Львів', state: defaultState(), view: { lon: 24.03, lat: 49.84, zoom: 10 }, bounds: [23.83, 49.74, 24.23, 49.94], hromada: null, edits: [] });
    expect(nizhyn.params).toContain('area=');
    const o = JSON.parse(serializeScenario(emptyScenario('Області', '2026-12-03T08:00:00.000Z'))) as Record<string, unknown>;
    o.slides = [nizhyn, lviv];
    await page.getByRole('button', { name: 'Дані та сценарії', exact: true }).click();
    await page.locator('[data-testid="data-file"]').setInputFiles({ name: 'areas.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(o)) });
    await page.locator('[data-testid="import-preview"]').waitFor();
    await page.locator('[data-testid="apply-import"]').click();
    await page.locator('[data-testid="slides-open"]').click();
    await expect.poll(() => page.locator('[data-testid="slide-row"]').count()).toBe(2);
    await page.locator('[data-testid="slides-present"]').click();
    await waitForHtml(page, (d) => d.slideReady === '1/2', 'slide 1 drawn', 90_000);
    await page.waitForTimeout(1000);
    const c1 = await centre();
    expect(Math.abs(c1.lng - 31.9)).toBeLessThan(0.03);
    expect(Math.abs(c1.lat - 51.05)).toBeLessThan(0.03);
    expect(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('area'))).toBe('Чернігівська');
    await page.keyboard.press('ArrowRight');
    await waitForHtml(page, (d) => d.slideReady === '2/2', 'slide 2 drawn', 90_000);
    await page.waitForTimeout(1000);
    const c2 = await centre();
    expect(Math.abs(c2.lng - 24.03)).toBeLessThan(0.03);
    expect(Math.abs(c2.lat - 49.84)).toBeLessThan(0.03);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="slides-presenter"]').waitFor({ state: 'detached' });
  }, 240_000);
});
