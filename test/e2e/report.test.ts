/**
 * The community report in the built app (issue 15 point 1): `#report=KATOTTG` for a small hromada, for the largest by
 * settlement count (Лебединська, 125) and for the one with the most located settlements (Валківська, 99 of 102, in
 * English) prints to at most 4 A4 pages (counted in the PDF), and its DOM before printing holds the hromada's name,
 * the community panel's figures for both services (same values and same text), every located and unlocated
 * settlement with the panel's range, three optimizer runs naming their sites, and the sources. An occupied hromada
 * says so and plans nothing; the panel's Report button opens the report in a new tab.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, startReadyApp, waitForHtml, waitReady } from './harness';
import type { FacilityEdit } from '../../src/io/scenario';
import { encodeEdits } from '../../src/state/link-edits';

let app: AppSession;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SMALL = 'UA05020010000053508'; // Агрономічна (Вінницька), 6 settlements
const LARGEST = 'UA59080110000034361'; // Лебединська (Сумська), 125 settlements: 3 located, 122 without a point
const MOST_LOCATED = 'UA63020030000094096'; // Валківська (Харківська), 99 located
const OCCUPIED = 'UA14020050000019803'; // Світлодарська (Донецька), occupied in the built-in list
const RIPKY = 'UA74100330000029082'; // Ріпкинська (Чернігівська): 78 % within the fire norm

beforeAll(async () => {
  app = await startReadyApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

type Cells = Record<string, { value: string; text: string }>;

async function cells(page: Page, selector: string): Promise<Cells> {
  return page.evaluate(
    (sel) =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>(sel)].map((td) => [
          td.dataset.stat!,
          { value: td.dataset.value ?? '', text: (td.textContent ?? '').trim() },
        ]),
      ),
    selector,
  );
}

/** What the community panel shows for `code`: its name, figures, located rows and unlocated rows with the range. */
async function panel(code: string, on?: Page) {
  const page = on ?? app.page;
  if (!on) await page.evaluate((c) => (window.location.hash = `#h=${c}&s=fire`), code);
  const p = page.locator(`.panel.community[data-hromada="${code}"]`);
  await p.waitFor({ timeout: 60_000 });
  await p.locator('table.stats').waitFor();
  // the settlements without a point are fetched on opening
  await p
    .locator('[data-testid="unlocated"], p.muted:has-text("Усі населені пункти мають координати")')
    .first()
    .waitFor({ timeout: 30_000 });
  for (const b of await p.getByRole('button', { name: /^Показати всі/ }).all()) await b.click();
  return {
    name: (await p.locator('[data-testid="hromada-name"]').textContent())!.trim(),
    stats: await cells(page, '.panel.community table.stats td[data-stat]'),
    located: await p.locator('[data-testid="place-row"], [data-testid="city-row"]').count(),
    unlocated: await p.locator('[data-testid="unlocated-row"]').count(),
    range:
      (
        await p
          .locator('[data-testid="unlocated-range"]')
          .first()
          .textContent()
          .catch(() => null)
      )?.trim() ?? null,
  };
}

/** Opens the report in a new tab and waits for it and its three plans. */
async function report(code: string, lang: 'uk' | 'en' = 'uk', rest = ''): Promise<Page> {
  const page = await app.newPage();
  await page.goto(`${app.baseUrl}#report=${code}${lang === 'en' ? '&lang=en' : ''}${rest}`);
  await waitForHtml(page, (d) => d.reportState === 'ready' || d.reportState === 'error', 'the report', 90_000);
  expect(await page.evaluate(() => document.documentElement.dataset.reportState)).toBe('ready');
  return page;
}

async function waitPlan(page: Page): Promise<void> {
  await waitForHtml(page, (d) => d.reportPlan === 'done' || d.reportPlan === 'error', 'the report plans', 90_000);
  expect(await page.locator('[data-testid="report-plan-error"]').count()).toBe(0);
}

/** Pages of the printed A4 PDF (page objects in its uncompressed object table). */
async function pdfPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4' });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function checkReport(code: string, lang: 'uk' | 'en') {
  const want = await panel(code);
  const page = await report(code, lang);
  try {
    await waitPlan(page);
    const title = (await page.locator('[data-testid="report-title"]').textContent())!;
    if (lang === 'uk') expect(title).toContain(want.name);
    else expect(title).toMatch(/^[A-Z][a-z'’-]+ (urban|rural|settlement) hromada$/);
    // the panel's figures, both services, value and text
    const got = await cells(page, '.report-stats td[data-stat]');
    const keys = Object.keys(got);
    expect(keys.length).toBe(20);
    for (const k of keys) {
      expect(want.stats[k], k).toBeDefined();
      expect(got[k]!.value, k).toBe(want.stats[k]!.value);
      if (lang === 'uk') expect(got[k]!.text, k).toBe(want.stats[k]!.text);
    }
    // every settlement, located and not
    expect(await page.locator('[data-testid="report-place"]').count()).toBe(want.located);
    expect(await page.locator('[data-testid="report-unlocated-row"]').count()).toBe(want.unlocated);
    if (want.range && lang === 'uk') {
      const r = (await page
        .locator('[data-testid="report-unlocated-row"] td[data-service="fire"]')
        .first()
        .textContent())!.trim();
      expect(want.range.startsWith(r)).toBe(true);
      expect(want.range).toContain('розташування невідоме');
    }
    // three plans, each naming its sites (or saying why none helps)
    const runs = page.locator('[data-testid="report-plan-run"]');
    expect(await runs.count()).toBe(3);
    for (let k = 0; k < 3; k++) {
      expect(((await runs.nth(k).textContent()) ?? '').length).toBeGreaterThan(20);
      // the exact method ran in the solver worker (HiGHS from this origin)
      expect(await runs.nth(k).getAttribute('data-method')).toBe('exact');
    }
    const sources = (await page.locator('[data-testid="report-sources"]').textContent())!;
    expect(sources).toContain('OpenStreetMap');
    expect(sources).toContain('Kyiv School of Economics');
    expect(sources).toContain('ODbL');
    const pages = await pdfPages(page);
    console.log(
      `report ${code} (${lang}): ${want.located} located, ${want.unlocated} without a point, ${pages} A4 pages`,
    );
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4);
  } finally {
    await page.close();
  }
}

describe('community report', () => {
  it('a small hromada: name, the panel figures, settlements, plans, sources; ≤ 4 A4 pages', async () => {
    await checkReport(SMALL, 'uk');
  }, 180_000);

  it('the largest hromada by settlement count (Лебединська, 125) fits 4 A4 pages', async () => {
    await checkReport(LARGEST, 'uk');
  }, 180_000);

  it('the most located settlements (Валківська, 99), in English, fit 4 A4 pages', async () => {
    await checkReport(MOST_LOCATED, 'en');
  }, 180_000);

  it('an occupied hromada says so prominently and plans no stations', async () => {
    const page = await report(OCCUPIED);
    try {
      expect(await page.locator('[data-testid="report-territory"]').getAttribute('data-status')).toBe('occupied');
      const note = (await page.locator('[data-testid="report-occupied"]').textContent())!;
      expect(note).toContain('Окупована територія');
      expect(note).toContain('23.11.2022');
      expect(await page.locator('[data-testid="report-plan"]').getAttribute('data-state')).toBe('skipped');
      expect(await pdfPages(page)).toBeLessThanOrEqual(4);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("a link with a planned station: the report computes with it and shows the panel's figures for that link", async () => {
    // a local fire team in the west of Ріпкинська, where the villages without a point lie beyond the norm
    const edit: FacilityEdit = {
      op: 'add',
      facility: {
        id: 'user-report-1',
        name: 'Планована частина',
        type: 'local_fire_department',
        status: 'opened',
        lon: 30.79,
        lat: 51.85,
        hromadaCode: RIPKY,
        source: 'user:map',
        sourceUrl: '',
        placement: 'user',
        note: '',
      },
    };
    const e = `&s=fire&e=${encodeEdits([edit])}`;
    const plain = await report(RIPKY);
    const before = await cells(plain, '.report-stats td[data-stat]');
    await plain.close();
    const map = await app.newPage();
    try {
      await map.goto(`${app.baseUrl}#h=${RIPKY}${e}`);
      await waitReady(map);
      const want = await panel(RIPKY, map);
      const page = await report(RIPKY, 'uk', e);
      try {
        const got = await cells(page, '.report-stats td[data-stat]');
        expect(Number(got['shareCovered-fire']!.value)).toBeGreaterThan(Number(before['shareCovered-fire']!.value));
        for (const k of Object.keys(got)) expect(got[k]!.value, k).toBe(want.stats[k]!.value);
        expect(await page.locator('.report-head').textContent()).toContain(
          'Враховано зміни підрозділів із посилання: 1.',
        );
      } finally {
        await page.close();
      }
    } finally {
      await map.close();
    }
  }, 180_000);

  it('axe finds no serious or critical violations in a report', async () => {
    const page = await report(SMALL, 'en');
    try {
      await waitPlan(page);
      await page.evaluate(AXE_SOURCE);
      const bad = await page.evaluate(async () => {
        type V = { id: string; impact: string | null; nodes: { target: string[] }[] };
        const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: V[] }> } })
          .axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      });
      expect(bad).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('a code that is no hromada gets a clear message', async () => {
    const page = await app.newPage();
    try {
      await page.goto(`${app.baseUrl}#report=UA00000000000000000`);
      await waitForHtml(page, (d) => d.reportState === 'error', 'the report error', 90_000);
      expect(await page.locator('[data-testid="report-error"]').textContent()).toBe(
        'Не вдалося побудувати звіт: Громади з кодом UA00000000000000000 немає в даних.',
      );
    } finally {
      await page.close();
    }
  }, 120_000);

  it("the community panel's Report button opens the report in a new tab", async () => {
    await panel(SMALL);
    const opened = app.context.waitForEvent('page');
    await app.page.locator('[data-testid="open-report"]').click();
    const page = await opened;
    try {
      await page.waitForLoadState();
      expect(new URL(page.url()).hash).toMatch(new RegExp(`^#report=${SMALL}&s=fire`));
      await waitForHtml(page, (d) => d.reportState === 'ready', 'the report', 90_000);
      expect(await page.locator('[data-testid="report-title"]').textContent()).toContain('Агрономічна');
    } finally {
      await page.close();
    }
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  }, 120_000);
});
