/**
 * The Data panel's reset keeps the presentation (issue 15, point 4): a scenario file with an imported unit list, a
 * planned station and two slides is loaded; "Start over with the built-in data" asks first, naming what goes (the
 * file, the edit) and what stays (the two slides, the parameters); Cancel changes nothing; confirming empties the
 * data, the map's figures return to the built-in ones, and the two slides are still in the Slides panel — and after a
 * reload, from the browser's copy.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facility } from '../../src/engine/types';
import { emptyScenario, serializeScenario } from '../../src/io/scenario';
import { defaultState } from '../../src/state/app-state';
import { makeSlide } from '../../src/state/slides';
import { htmlData, screenshot, startReadyApp, waitReady, waitRecomputed, type AppSession } from './harness';

let app: AppSession;
beforeAll(async () => {
  app = await startReadyApp({ viewport: { width: 1280, height: 800 } });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const unit = (id: string, lon: number, lat: number): Facility => ({
  id,
  name: `Приклад ${id}`,
  type: 'local_fire_department',
  status: 'opened',
  lon,
  lat,
  hromadaCode: null,
  source: 'user:units.csv',
  sourceUrl: '',
  placement: 'user',
  note: '',
});

function scenarioFile(): string {
  const s = emptyScenario('Волинь з новими МПО');
  s.facilityImports = [
    {
      fileName: 'units.csv',
      mode: 'add',
      types: ['local_fire_department'],
      facilities: [unit('byod-1', 25.31017, 51.53693), unit('byod-2', 25.16731, 51.50758)],
    },
  ];
  const planned = {
    op: 'add' as const,
    facility: { ...unit('planned-1', 25.0922, 51.39934), source: 'user:map', placement: 'user' as const },
  };
  s.facilityEdits = [planned];
  const view = { lon: 25.2, lat: 51.45, zoom: 9 };
  s.slides = [
    makeSlide({
      id: 's1',
      caption: 'Волинь сьогодні',
      state: defaultState(),
      view,
      bounds: [24.8, 51.2, 25.6, 51.7],
      hromada: null,
      edits: [],
    }),
    makeSlide({
      id: 's2',
      caption: 'З новою станцією',
      state: defaultState(),
      view,
      bounds: [24.8, 51.2, 25.6, 51.7],
      hromada: null,
      edits: [planned],
    }),
  ];
  return serializeScenario(s);
}

async function openData(page: Page): Promise<void> {
  const b = page.getByRole('button', { name: 'Дані та сценарії', exact: true });
  if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
}

/** The Data panel's list of what the scenario holds (the built-in territory list is always named). */
const loaded = (page: Page) =>
  page.locator('[data-testid="loaded-imports"] li:not([data-source="built-in"])').allTextContents();

async function slideCaptions(page: Page): Promise<string[]> {
  const b = page.locator('[data-testid="slides-open"]');
  if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
  const panel = page.locator('[data-testid="slides-panel"]');
  await panel.waitFor();
  const captions = await panel
    .locator('[data-testid="slide-caption"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  await b.click();
  return captions;
}

describe('reset keeps the slides', () => {
  const builtIn: { choropleth?: string } = {};

  it('loads a scenario with an import, a planned station and two slides', async () => {
    const { page } = app;
    builtIn.choropleth = (await htmlData(page)).choropleth;
    await openData(page);
    await page
      .locator('[data-testid="data-file"]')
      .setInputFiles({ name: 'volyn.json', mimeType: 'application/json', buffer: Buffer.from(scenarioFile()) });
    await page.locator('[data-testid="import-preview"][data-kind="scenario"]').waitFor();
    const d = await waitRecomputed(page, () => page.locator('[data-testid="apply-import"]').click());
    expect(d.choropleth).not.toBe(builtIn.choropleth);
    expect(await slideCaptions(page)).toEqual(['Волинь сьогодні', 'З новою станцією']);
  });

  it('asks first, naming what goes and what stays; Cancel changes nothing', async () => {
    const { page } = app;
    await openData(page);
    await page.locator('#norm-urban').fill('12');
    await page.locator('[data-testid="reset-scenario"]').click();
    const box = page.locator('[data-testid="reset-confirm-box"]');
    await box.waitFor();
    expect(await box.locator('[data-testid="reset-removes"] li').allTextContents()).toEqual([
      'підрозділи з файлу «units.csv»: 2',
      'зміни підрозділів на карті: 1',
    ]);
    expect(await box.locator('[data-testid="reset-keeps"] li').allTextContents()).toEqual([
      'слайди презентації: 2 — кожен зі своїм виглядом, підписом і станціями, запланованими на ньому; слайд, що показував ваші імпортовані дані, покаже на їхньому місці вбудовані',
      'параметри моделі (нормативи, швидкості) і збережені сценарії',
    ]);
    // focus on the safe choice
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Скасувати');
    await box.screenshot({ path: 'test-results/reset-confirm.png' });
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    const list = await loaded(page);
    expect(list.length).toBe(2);
    expect(list[0]).toMatch(/^units\.csv: 2 підрозділів/);
    expect(list[1]).toBe('Редагувань підрозділів: 1');
  });

  it('confirming removes the data, keeps the slides and the parameters', async () => {
    const { page } = app;
    await page.locator('[data-testid="reset-scenario"]').click();
    await waitRecomputed(page, () => page.locator('[data-testid="reset-confirm"]').click());
    await expect.poll(() => loaded(page)).toEqual([]);
    expect(await page.locator('[data-testid="reset-scenario"]').count()).toBe(0);
    // the button is gone: focus is on the section's title, not lost
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('loaded-title');
    expect(await page.locator('#norm-urban').inputValue()).toBe('12');
    expect(await slideCaptions(page)).toEqual(['Волинь сьогодні', 'З новою станцією']);
    // the figures are the built-in data's at the same parameters
    const d = await waitRecomputed(page, () => page.locator('#norm-urban').fill('10'));
    expect(d.choropleth).toBe(builtIn.choropleth);
    await screenshot(page, 'reset-kept-slides');
  });

  it('the slides are still there after a reload (the browser copy)', async () => {
    const { page } = app;
    await page.waitForFunction(() => Number(document.documentElement.dataset.scenarioSaves ?? '0') > 0);
    await page.waitForTimeout(500); // the autosaver's 300 ms debounce after the last change
    await page.reload();
    await waitReady(page);
    expect(await slideCaptions(page)).toEqual(['Волинь сьогодні', 'З новою станцією']);
    await openData(page);
    expect(await loaded(page)).toEqual([]);
  });

  it('opening a scenario file without slides keeps them too, and the preview says so', async () => {
    const { page } = app;
    const file = serializeScenario({ ...emptyScenario('Без слайдів'), facilityEdits: [] });
    await page
      .locator('[data-testid="data-file"]')
      .setInputFiles({ name: 'plain.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.locator('[data-testid="import-preview"][data-kind="scenario"]').waitFor();
    expect(await page.locator('[data-testid="scenario-slides-note"]').textContent()).toBe(
      'Ваші слайди (2) залишаться: у файлі слайдів немає.',
    );
    await page.locator('[data-testid="apply-import"]').click();
    await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached' });
    expect(await slideCaptions(page)).toEqual(['Волинь сьогодні', 'З новою станцією']);
    expect(app.consoleErrors).toEqual([]);
  });
});
