/**
 * The Model check panel (issue 13, point 6) in a real browser: opened from the model parameters, it shows the same
 * errors the engine's calibrate() gives on the bundled KSE times, the table by oblast and the scatter plot; "Apply
 * fitted parameters" puts the fitted speeds into the scenario's parameters; an imported observed-trips file is
 * checked with its bad row rejected. With a road graph loaded (a real OSM XML cut of Lviv's streets) and the road
 * model chosen, the panel shows the road model's check, computed in the coverage worker, equal to the engine's.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/engine/calibrate';
import { straightLineModel } from '../../src/engine/calibrate-models';
import { roadCheckModel } from '../../src/engine/calibrate-roads';
import { buildRoadGraph } from '../../src/io/roads';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { parseKseTimes } from '../../src/io/kse-times';
import { DIST_DIR, ROOT, screenshot, startReadyApp, type AppSession } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await startReadyApp({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await app?.close();
});

const value = async (id: string): Promise<number> =>
  Number(await app.page.locator(`[data-testid="${id}"]`).getAttribute('data-value'));

describe('model check panel', () => {
  it('shows the engine figures on KSE times, applies the fit, and checks an imported file', async () => {
    const { page } = app;
    const kse = parseKseTimes(JSON.parse(readFileSync(join(DIST_DIR, 'geo/kse-road-times.json'), 'utf8')));
    const want = calibrate(straightLineModel, kse.pairs, DEFAULT_PARAMS);

    await page.locator('details:has([data-testid="open-model-check"]) > summary').click();
    await page.locator('[data-testid="open-model-check"]').click();
    const panel = page.locator('[data-testid="model-check"]');
    await panel.locator('[data-testid="check-mae-before"]').waitFor();
    await expect(panel.textContent()).resolves.toContain('20–200 км');

    for (const [id, x] of [
      ['check-n-before', want.before.all.n],
      ['check-mae-before', want.before.all.mae],
      ['check-medianAe-before', want.before.all.medianAe],
      ['check-bias-before', want.before.all.bias],
      ['check-mae-after', want.after.all.mae],
      ['check-medianAe-after', want.after.all.medianAe],
      ['check-bias-after', want.after.all.bias],
    ] as const)
      expect(await value(id), id).toBeCloseTo(x, 9);
    // Shown with a decimal comma in Ukrainian.
    expect(await panel.locator('[data-testid="check-mae-before"]').textContent()).toBe(
      want.before.all.mae.toFixed(1).replace('.', ','),
    );
    expect(await panel.locator('[data-testid="check-groups"] tbody tr').count()).toBe(23);
    expect(Number(await panel.locator('[data-testid="check-scatter"]').getAttribute('data-points'))).toBe(1377);
    await expect(panel.locator('[data-testid="check-diagonal"]').count()).resolves.toBe(1);
    console.log(
      `model check: ${kse.pairs.length} pairs checked and fitted in ${await panel.getAttribute('data-ms')} ms (main thread)`,
    );
    await screenshot(page, 'model-check');
    await panel
      .locator('[data-testid="check-scatter"]')
      .screenshot({ path: join(ROOT, 'test-results/model-check-scatter.png') });
    // In English: the caveat and the oblasts' English names.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => panel.textContent()).toContain('not fire-engine runs');
    expect(await panel.locator('[data-testid="check-groups"]').textContent()).toContain('Lviv');
    expect(await panel.locator('[data-testid="check-mae-before"]').textContent()).toBe(want.before.all.mae.toFixed(1));
    await page.getByRole('button', { name: 'УКР', exact: true }).click();
    await expect.poll(() => panel.textContent()).toContain('20–200 км');

    // Fitting the rural class only (KSE's urban class is a drive from a city centre, not a run in a city).
    const rural = calibrate(straightLineModel, kse.pairs, DEFAULT_PARAMS, { classes: ['rural'] });
    await page.locator('[data-testid="check-fit-urban"]').uncheck();
    await expect.poll(() => value('check-mae-after')).toBeCloseTo(rural.after.all.mae, 9);
    await page.locator('[data-testid="check-fit-urban"]').check();
    await expect.poll(() => value('check-mae-after')).toBeCloseTo(want.after.all.mae, 9);
    expect(want.paramStrings).toEqual(['speed.urban=55', 'speed.rural=57.6']);
    expect(await page.locator('#speed-urban').inputValue()).toBe('40');
    await page.locator('[data-testid="check-apply"]').click();
    await expect.poll(() => page.locator('#speed-urban').inputValue()).toBe('55');
    expect(await page.locator('#speed-rural').inputValue()).toBe('57.6');
    // The panel now checks the applied parameters: "before" is the former "after".
    await expect.poll(() => value('check-mae-before')).toBeCloseTo(want.after.all.mae, 9);

    const csv =
      'from_lon,from_lat,to_lon,to_lat,minutes,group\n30.52,50.45,31.29,51.49,110,A\n24.03,49.84,25.59,49.55,95,B\n24.03,49.84,abc,49.55,95,B\n35.04,48.47,35.12,47.85,80,A\n';
    await page
      .locator('[data-testid="check-file"]')
      .setInputFiles({ name: 'trips.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-testid="check-rejected"]').waitFor();
    expect(await page.locator('[data-testid="check-rejected"] summary').textContent()).toContain('1');
    await expect.poll(() => value('check-n-before')).toBe(3);
    const applied = { ...DEFAULT_PARAMS, speedKmh: { urban: 55, rural: 57.6 } };
    const mine = calibrate(
      straightLineModel,
      [
        [30.52, 50.45, 31.29, 51.49, 110, 'A'],
        [24.03, 49.84, 25.59, 49.55, 95, 'B'],
        [35.04, 48.47, 35.12, 47.85, 80, 'A'],
      ].map(([a, b, c, d, m, g]) => ({
        fromLon: a as number,
        fromLat: b as number,
        toLon: c as number,
        toLat: d as number,
        observedMin: m as number,
        urban: 0 as const,
        group: g as string,
        label: '',
        turnoutMin: 0,
      })),
      applied,
    );
    expect(await value('check-mae-before')).toBeCloseTo(mine.before.all.mae, 9);
    expect(await page.locator('[data-testid="check-groups"] tbody tr').count()).toBe(2);

    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('checks the road model in the worker once a road graph is loaded and chosen', async () => {
    const { page } = app;
    const fixture = join(ROOT, 'test/fixtures/roads/lviv/lviv-transit.osm');
    const roads = page.getByRole('button', { name: 'Дані та сценарії', exact: true });
    await roads.click();
    await page.locator('[data-testid="roads-file"]').setInputFiles(fixture);
    await page.locator('[data-testid="roads-loaded"]').waitFor({ timeout: 60_000 });
    await page.locator('input[name="travel-model"][value="road"]').check();
    await page.locator('[data-testid="open-model-check"]').click();
    const panel = page.locator('[data-testid="model-check"]');
    await panel.locator('[data-testid="check-model"][data-model="road"]').waitFor({ timeout: 60_000 });

    const { graph } = await buildRoadGraph(
      { name: basename(fixture), size: statSync(fixture).size, open: () => createReadStream(fixture) },
      {},
    );
    const kse = parseKseTimes(JSON.parse(readFileSync(join(DIST_DIR, 'geo/kse-road-times.json'), 'utf8')));
    const params = { ...DEFAULT_PARAMS, speedKmh: { urban: 55, rural: 57.6 }, travelModel: 'road' as const };
    const want = calibrate(roadCheckModel(graph), kse.pairs, params);
    console.log(
      `road model on the Lviv streets: ${want.before.all.n} KSE trips timed, MAE ${want.before.all.mae.toFixed(1)} → ${want.after.all.mae.toFixed(1)} min (${want.fit.mode})`,
    );
    await expect.poll(() => value('check-n-before')).toBe(want.before.all.n);
    expect(await value('check-mae-before')).toBeCloseTo(want.before.all.mae, 9);
    expect(await value('check-mae-after')).toBeCloseTo(want.after.all.mae, 9);
    expect(await panel.textContent()).toContain('не пораховано');
    expect(want.paramStrings.length).toBeGreaterThan(0);
    await page.locator('[data-testid="check-apply"]').click();
    const primary = want.params.roads.speeds.kmh.primary;
    await expect.poll(() => page.url()).toContain(`rs_primary=${primary}`);
    expect(app.consoleErrors).toEqual([]);
  });
});
