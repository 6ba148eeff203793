/**
 * The hromada table for work (issue 15): it shows oblast names, and its CSV export is exactly what is filtered —
 * one oblast's rows, `;` between cells, decimal commas and the BOM in Ukrainian, with the sources. At 1280×800 the
 * table's default columns fit without scrolling sideways.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, waitReady, type AppSession } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1280, height: 800 } });
  await app.page.goto(app.baseUrl);
  await waitReady(app.page);
});

afterAll(async () => {
  await app?.close();
});

describe('the hromada table', () => {
  it('shows oblast names and exports only the filtered oblast as Ukrainian Excel CSV', async () => {
    const { page } = app;
    await page.locator('input[name="service"][value="fire"]').check();
    await page.getByRole('button', { name: 'Таблиця громад', exact: true }).click();
    const table = page.locator('table.hromada-table');
    await table.locator('tbody tr').first().waitFor();
    const oblasts = await table.locator('td[data-stat="oblast"]').allTextContents();
    expect(oblasts.length).toBeGreaterThan(10);
    for (const o of oblasts) expect(o).toMatch(/^[А-ЯІЇЄҐа-яіїєґʼ'’ .-]+$/);
    expect(new Set(oblasts).size).toBeGreaterThan(3);
    expect(oblasts).toContain('Харківська');
    // no sideways scrolling at 1280 px
    const scroll = page.locator('.table-scroll');
    await screenshot(page, 'table-1280');
    const [sw, cw] = await scroll.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(sw).toBeLessThanOrEqual(cw + 1);

    await page.selectOption('#oblast-filter', 'Чернігівська');
    await table.locator('tbody tr').first().waitFor();
    const shownOblasts = new Set(await table.locator('td[data-stat="oblast"]').allTextContents());
    expect([...shownOblasts]).toEqual(['Чернігівська']);
    const rowCount = await table.locator('tbody tr').count();

    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="table-csv"]').click()]);
    const bytes = readFileSync((await dl.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter((l) => l !== '');
    const header = lines[0]!.split(';');
    expect(header).toContain('Область');
    const body = lines.slice(1).filter((l) => !l.startsWith('#'));
    expect(body.length).toBe(rowCount);
    const oi = header.indexOf('Область');
    for (const l of body) expect(l.split(';')[oi]).toBe('Чернігівська');
    // decimal commas, never points, in the numbers
    expect(body.some((l) => /;\d+,\d+(;|$)/.test(l))).toBe(true);
    expect(body.some((l) => /;\d+\.\d+(;|$)/.test(l))).toBe(false);
    // the sources as in the other exports
    expect(lines.filter((l) => l.startsWith('#')).length).toBeGreaterThan(2);
    // the same rows as a workbook (a zip), and as plain CSV in English
    const [xl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="table-xlsx"]').click()]);
    expect(xl.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xl.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    const [en] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="table-csv"]').click()]);
    const enLines = readFileSync((await en.path())!, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '' && !l.startsWith('#'));
    expect(enLines[0]!.split(',')).toContain('Oblast');
    expect(enLines.length - 1).toBe(rowCount);
    expect(enLines.slice(1).some((l) => /,\d+\.\d+(,|$)/.test(l))).toBe(true);
    await page.getByRole('button', { name: 'УКР', exact: true }).click();
    expect(app.consoleErrors).toEqual([]);
  });
});
