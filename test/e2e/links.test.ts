/**
 * Links that keep their promise: a link carries the scenario's facility edits (compressed, `e=`), so a planned station
 * gives the same national figure in a fresh browser; a link that cannot carry everything (`x=`) says so on open; the
 * scenario comparison always offers the built-in data as one side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CoverageEngine } from '../../src/engine/coverage';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import type { FacilityEdit } from '../../src/io/scenario';
import { decodeEdits, encodeEdits } from '../../src/state/link-edits';
import { startApp, waitReady, type AppSession } from './harness';

const CODE = 'UA07040010000033507'; // Камінь-Каширська міська громада (Volyn): villages beyond the fire norm
const data = loadEmbedded();
const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, DEFAULT_PARAMS);

/** The located village of the test hromada beyond the fire norm with the most people. */
function worstVillage(): { lon: number; lat: number } {
  const H = data.hromadas.codes.indexOf(CODE);
  const d = data.demand;
  const c = engine.coverage('fire');
  let best = -1;
  for (let i = 0; i < d.count; i++) {
    if (d.hromada[i] !== H || d.kind[i] !== 0 || c.covered[i]) continue;
    if (best < 0 || d.population[i]! > d.population[best]!) best = i;
  }
  if (best < 0) throw new Error('no village beyond the norm in the test hromada');
  return { lon: d.lon[best]!, lat: d.lat[best]! };
}

async function openPanel(page: Page, name: string): Promise<void> {
  const b = page.getByRole('button', { name, exact: true });
  if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
}

async function nationalTotal(page: Page): Promise<string> {
  await openPanel(page, 'Таблиця громад');
  const text = (await page.locator('[data-testid="national-total"]').textContent()) ?? '';
  expect(text).toMatch(/\d/);
  return text;
}

let sender: AppSession | undefined;
let figures: { builtIn: string; sent: string; hash: string } | undefined;
let recipient: AppSession | undefined;

beforeAll(async () => {
  sender = await startApp();
});

afterAll(async () => {
  await sender?.close();
  await recipient?.close();
});

describe('links', () => {
  it('a link with a planned station reproduces the sender’s figure in a fresh browser context', async () => {
    const page = sender!.page;
    await page.goto(`${sender!.baseUrl}#s=fire`);
    await waitReady(page);
    const builtIn = await nationalTotal(page);

    const v = worstVillage();
    const edit: FacilityEdit = {
      op: 'add',
      facility: {
        id: 'user-link-1',
        name: 'Планована частина',
        type: 'local_fire_department',
        status: 'opened',
        lon: v.lon,
        lat: v.lat,
        hromadaCode: CODE,
        source: 'user:map',
        sourceUrl: '',
        placement: 'user',
        note: '',
      },
    };
    // A fresh load of the link (a hash change on the open page, then a reload, raced the page's own rewrite of the
    // hash: under load the reload could come before the pasted edits were back in it).
    await page.goto('about:blank');
    await page.goto(`${sender!.baseUrl}#s=fire&e=${encodeEdits([edit])}`);
    await waitReady(page);
    const sent = await nationalTotal(page);
    expect(sent).not.toBe(builtIn);
    // The page writes the link from its own scenario: the edit is in it.
    const hash = await page.evaluate(() => window.location.hash);
    const e = /[#&]e=([^&]*)/.exec(hash)?.[1];
    expect(e).toBeTruthy();
    expect(decodeEdits(e!)).toEqual([edit]);
    expect(hash).not.toMatch(/[#&]x=/);

    recipient = await startApp();
    const other = recipient.page;
    await other.goto(`${recipient.baseUrl}${hash}`);
    await waitReady(other);
    expect(await nationalTotal(other)).toBe(sent);
    expect(await other.locator('[data-testid="link-incomplete"]').count()).toBe(0);
    figures = { builtIn, sent, hash };
  });

  it('a link without edits clears the recipient’s saved ones, and a link pasted into the open tab brings its edits', async () => {
    // The recipient's browser now keeps the sender's edit as its own working scenario.
    const page = await recipient!.newPage();
    await page.goto(`${recipient!.baseUrl}#s=fire`);
    await waitReady(page);
    expect(await nationalTotal(page)).toBe(figures!.builtIn);
    // Pasted into the same tab: the parameters and the edits both apply.
    await page.evaluate((h) => {
      window.location.hash = h;
    }, figures!.hash);
    await expect.poll(() => page.locator('[data-testid="national-total"]').textContent(), { timeout: 60_000 }).toBe(figures!.sent);
  });

  it('a link that leaves changes out says so on open', async () => {
    // A new tab: a hash changed in an open page is rewritten from that page's own scenario.
    const page = await recipient!.newPage();
    await page.goto(`${recipient!.baseUrl}#s=fire&x=imports`);
    await waitReady(page);
    const notice = page.locator('[data-testid="link-incomplete"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Посилання не містить усіх змін відправника: імпортовані файли; попросіть файл сценарію.');
  });

  it('the comparison offers the built-in data as one side', async () => {
    const page = sender!.page;
    await openPanel(page, 'Дані та сценарії');
    const a = page.locator('#compare-a');
    await a.waitFor();
    expect(await a.inputValue()).toBe('built-in');
    expect(await a.locator('option:checked').textContent()).toBe('Вбудовані дані');
    await page.locator('#compare-b').selectOption('');
    await page.locator('[data-testid="compare"]').click();
    const result = page.locator('[data-testid="compare-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('Вбудовані дані');
    expect(await page.locator('[data-testid="compare-hromadas-fire"]').textContent()).toContain('Камінь-Каширська');
  });
});
