/**
 * Safer edits and English mode (issue 16, points 6 and 7), in the built app:
 * - a facility file of one oblast set to replace its type shows, before applying, how many built-in units it
 *   removes and where, replaces only within that oblast by default, and the national figure then changes by that
 *   oblast's change alone;
 * - a speed of 0 is refused with a message next to the field, and nothing is recomputed;
 * - in English, place names are in Latin script (KMU 2010) with the Ukrainian name on hover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, htmlData, startReadyApp, waitRecomputed } from './harness';

let app: AppSession;
const VOLYN = 'Волинська';
// Four local fire departments (МПО) in Volyn oblast: villages of Камінь-Каширська громада and one near Lutsk.
const CSV = [
  'id;name;type;lat;lon',
  'se-1;Приклад: МПО Оленине;МПО;51,53693;25,31017',
  'se-2;Приклад: МПО Піщане;МПО;51,50758;25,16731',
  'se-3;Приклад: МПО Нуйно;МПО;51,39934;25,0922',
  'se-4;Приклад: МПО Боголюби;МПО;50,7567;25,3937',
].join('\n');

async function openPanel(page: Page, name: string): Promise<void> {
  const b = page.getByRole('button', { name, exact: true });
  if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
}

/** The first number of a total line («123 456 з 789 000 осіб …»): people within the norm. */
function covered(text: string): number {
  const m = /:\s*([\d\s\u00a0\u202f]+?)\s+з\s/.exec(text);
  if (!m) throw new Error(`no covered figure in «${text}»`);
  return Number(m[1]!.replace(/[\s\u00a0\u202f]/g, ''));
}

// Volyn's neighbours (its units near the border reach people there) and a far oblast.
const NEIGHBOURS = ['Рівненська', 'Львівська'];
const FAR = 'Харківська';

/** People within the fire norm nationally (controlled territory) and per oblast, from the hromada table. */
async function figures(page: Page, oblasts: readonly string[] = []): Promise<{ national: number; nationalText: string; oblast: Record<string, number> }> {
  await openPanel(page, 'Таблиця громад');
  const nationalText = (await page.locator('[data-testid="national-total"]').textContent()) ?? '';
  const oblast: Record<string, number> = {};
  for (const o of oblasts) {
    await page.selectOption('#oblast-filter', o);
    oblast[o] = covered((await page.locator('[data-testid="oblast-total"]').textContent()) ?? '');
  }
  await page.selectOption('#oblast-filter', '');
  return { national: covered(nationalText), nationalText, oblast };
}

beforeAll(async () => {
  app = await startReadyApp();
});

afterAll(async () => {
  await app?.close();
});

describe('safer edits and English mode', () => {
  it('replacing a type from a one-oblast file says what it removes and where, and replaces only in that oblast', async () => {
    const { page } = app;
    const all = [VOLYN, ...NEIGHBOURS, FAR];
    const before = await figures(page, all);
    await openPanel(page, 'Дані та сценарії');
    await page.locator('[data-testid="data-file"]').setInputFiles({ name: 'volyn-mpo.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const preview = page.locator('[data-testid="import-preview"]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-accepted')).toBe('4');
    await page.selectOption('#mode-local_fire_department', 'replace');
    const rp = page.locator('[data-testid="replace-preview"]');
    await rp.waitFor();
    // default: only in the oblasts the file covers
    expect(await page.locator('[data-testid="replace-scope-oblasts"]').isChecked()).toBe(true);
    expect(await rp.locator('label', { has: page.locator('[data-testid="replace-scope-oblasts"]') }).textContent()).toContain(VOLYN);
    const removal = rp.locator('[data-testid="replace-removal"][data-type="local_fire_department"]');
    await removal.waitFor();
    const removed = Number(await removal.getAttribute('data-removed'));
    expect(removed).toBeGreaterThan(0);
    expect(await removal.getAttribute('data-built-in')).toBe(String(removed));
    expect(await removal.getAttribute('data-oblasts')).toBe('UA07');
    expect(Number(await removal.getAttribute('data-kept'))).toBeGreaterThan(0);
    const text = (await removal.textContent()) ?? '';
    expect(text).toContain(`вилучено вбудованих підрозділів — ${removed}`);
    expect(text).toContain(`${VOLYN} ${removed}`);
    // the whole country would remove more, in many oblasts
    await page.locator('[data-testid="replace-scope-country"]').check();
    const nationwide = Number(await removal.getAttribute('data-removed'));
    expect(nationwide).toBeGreaterThan(removed);
    expect(((await removal.getAttribute('data-oblasts')) ?? '').split(',').length).toBeGreaterThan(5);
    await page.locator('[data-testid="replace-scope-oblasts"]').check();
    expect(await removal.getAttribute('data-removed')).toBe(String(removed));

    await waitRecomputed(page, () => page.locator('[data-testid="apply-import"]').click());
    const after = await figures(page, all);
    const delta = (o: string) => after.oblast[o]! - before.oblast[o]!;
    expect(delta(VOLYN)).not.toBe(0);
    // Other oblasts keep their units of this type: the national figure moves by Volyn's change and, where Volyn's
    // old units reached over its border, its neighbours'; a far oblast does not move.
    expect(after.national - before.national).toBe(delta(VOLYN) + NEIGHBOURS.reduce((n, o) => n + delta(o), 0));
    expect(delta(FAR)).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  });

  it('a speed of 0 is refused next to the field and changes nothing', async () => {
    const { page } = app;
    const before = await figures(page);
    const count = (await htmlData(page)).computeCount;
    const details = page.locator('details', { has: page.locator('#speed-rural') });
    if ((await details.getAttribute('open')) === null) await details.locator(':scope > summary').click();
    const input = page.locator('#speed-rural');
    const valid = await input.inputValue();
    await input.fill('0');
    const error = page.locator('[data-testid="speed-rural-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Швидкість має бути більшою за 0');
    expect(await error.textContent()).toContain(valid);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe('speed-rural-error');
    await page.waitForTimeout(800);
    const d = await htmlData(page);
    expect(d.computeCount).toBe(count);
    expect(d.appState).toBe('ready');
    expect((await figures(page)).nationalText).toBe(before.nationalText);
    expect(await page.evaluate(() => window.location.hash)).not.toMatch(/sr=0/);
    // a valid value again clears the message
    await input.fill(valid);
    await error.waitFor({ state: 'detached' });
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    expect(app.consoleErrors).toEqual([]);
  });

  it('in English the community panel, search and table show place names in Latin with the Ukrainian name on hover', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.fill('#search-input', 'Ріпкинська');
    const option = page.locator('.search-results [role="option"]').first();
    await option.waitFor();
    expect(await option.locator('.hit-main').textContent()).toBe('Ripkynska hromada');
    expect(await option.getAttribute('title')).toBe('Ріпкинська');
    expect(await option.locator('.hit-sub').textContent()).toMatch(/^Chernihivska · /);
    await page.press('#search-input', 'Enter');
    const panel = page.locator('section.community[data-hromada="UA74100330000029082"]');
    await panel.waitFor();
    const name = panel.locator('[data-testid="hromada-name"]');
    expect(await name.textContent()).toBe('Ripkynska');
    expect(await name.getAttribute('title')).toBe('Ріпкинська');
    expect(await panel.locator('#community-title').textContent()).toBe('Ripkynska hromada');
    // oblast and raion in Latin, Ukrainian on hover
    const oblast = panel.locator('span[title="Чернігівська"]');
    expect(await oblast.textContent()).toBe('Chernihivska');
    // settlement rows too
    const place = panel.locator('[data-testid="place-row"] .place-link span[title], [data-testid="city-row"] .place-link span[title]').first();
    await place.waitFor();
    expect(await place.textContent()).toMatch(/^[A-Za-z' -]+$/);
    expect(await place.getAttribute('title')).toMatch(/[А-ЯІЇЄҐа-яіїєґ]/);
    // the hromada table: Latin names, Ukrainian on hover, the oblast filter in Latin
    await openPanel(page, 'Hromada table');
    const row = page.locator('table.hromada-table tbody tr').first().locator('button.linklike');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/^[A-Za-z' -]+$/);
    expect(await row.getAttribute('title')).toMatch(/[А-ЯІЇЄҐа-яіїєґ]/);
    expect(await page.locator('#oblast-filter option[value="Чернігівська"]').textContent()).toBe('Chernihivska');
    await page.getByRole('button', { name: 'УКР', exact: true }).click();
    expect(app.consoleErrors).toEqual([]);
  });
});
