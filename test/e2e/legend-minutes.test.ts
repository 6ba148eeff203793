/**
 * The on-screen legend's response-time ramp of the settlement circles (issue 15, point 3): one minute axis from 0 to
 * twice the larger norm with a bar per settlement class (towns: urban norm, villages: rural norm), each norm marked
 * and labelled in minutes. The marks move and the labels follow when a norm slider moves; the block goes with the
 * circles and the time cells; English labels. The legend covers no more of a 1280×800 window than before.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startReadyApp, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
beforeAll(async () => {
  app = await startReadyApp({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await app?.close();
});

const block = (page: Page) => page.locator('[data-testid="legend-minutes"]');
const ticks = (page: Page) => page.locator('[data-testid="legend-minutes-axis"] .tick').allTextContents();
const normTicks = (page: Page) =>
  page.locator('[data-testid="legend-minutes-axis"] .tick[data-norm]').allTextContents();
/** A norm mark's place along its bar, 0…1, from the drawn boxes. */
const markAt = (page: Page, kind: string) =>
  page.locator(`[data-testid="norm-mark-${kind}"]`).evaluate((m) => {
    const bar = m.parentElement!.getBoundingClientRect();
    const r = m.getBoundingClientRect();
    return (r.left + r.width / 2 - bar.left) / bar.width;
  });

describe('legend: response-time ramp', () => {
  it('shows the ramp with its end labels and both norms (fire: towns 10, villages 20 min)', async () => {
    const { page } = app;
    await block(page).waitFor();
    expect(await ticks(page)).toEqual(['0', '10', '20', '40+']);
    expect(await normTicks(page)).toEqual(['10', '20']);
    expect(await block(page).locator('.minutes-row-label').allTextContents()).toEqual(['міста', 'села']);
    expect(await block(page).getByRole('img').getAttribute('aria-label')).toBe(
      'Шкала часу доїзду від 0 до 40 хв і більше; норматив — міста й смт: 10 хв, села й селища: 20 хв',
    );
    expect(await markAt(page, 'urban')).toBeCloseTo(0.25, 1);
    expect(await markAt(page, 'rural')).toBeCloseTo(0.5, 1);
    // the legend box is what it was before the ramp had two bars (250 × 346 px at 1280×800, scrolling inside)
    const box = (await page.locator('.legend').boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(264);
    expect(box.height).toBeLessThanOrEqual(350);
    await page.locator('.legend').screenshot({ path: 'test-results/legend-minutes.png' });
  });

  it('the marks move and the labels follow the norm sliders', async () => {
    const { page } = app;
    await waitRecomputed(page, () => page.locator('#norm-urban').fill('5'));
    await expect.poll(() => normTicks(page)).toEqual(['5', '20']);
    expect(await markAt(page, 'urban')).toBeCloseTo(0.125, 1);
    await waitRecomputed(page, () => page.locator('#norm-rural').fill('30'));
    // the "0" label gives way to a norm label this near the start
    await expect.poll(() => ticks(page)).toEqual(['5', '30', '60+']);
    const urban = await markAt(page, 'urban');
    expect(urban).toBeGreaterThan(0.07);
    expect(urban).toBeLessThan(0.1);
    expect(await markAt(page, 'rural')).toBeCloseTo(0.5, 1);
    // equal norms: one bar, its mark in the middle
    await waitRecomputed(page, () => page.locator('#norm-urban').fill('30'));
    await expect.poll(() => ticks(page)).toEqual(['0', '30', '60+']);
    expect(await block(page).locator('.minutes-bar').count()).toBe(1);
    expect(await markAt(page, 'all')).toBeCloseTo(0.5, 1);
    await screenshot(page, 'legend-minutes-equal');
  });

  it('goes with the circles and the time cells; English labels', async () => {
    const { page } = app;
    const circles = page.getByRole('checkbox', { name: 'Населені пункти (від масштабу області)', exact: true });
    await circles.uncheck();
    await block(page).waitFor({ state: 'detached' });
    await circles.check();
    await block(page).waitFor();
    // the circles are drawn from oblast zoom (src/map/settlements-style.ts SETTLEMENTS_MIN_ZOOM): the legend says so
    expect(await page.locator('[data-testid="legend-circles-zoom"]').textContent()).toContain('від масштабу області');
    await waitRecomputed(page, () => page.locator('#norm-urban').fill('10'));
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => block(page).locator('.minutes-row-label').allTextContents()).toEqual(['urban', 'rural']);
    expect(await block(page).locator('.legend-title').textContent()).toContain('Response time, min');
    expect(await ticks(page)).toEqual(['0', '10', '30', '60+']);
    // the title and its key share one line
    const title = (await block(page).locator('.legend-title').boundingBox())!;
    expect(title.height).toBeLessThan(20);
    await block(page).screenshot({ path: 'test-results/legend-minutes-en.png' });
  });
});
