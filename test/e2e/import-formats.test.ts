/**
 * An Excel workbook dropped on the map imports (issue 16): the import worker loads the XLSX reader on demand, the
 * Data panel shows the sheet, 4 accepted rows and row 9 rejected with its Ukrainian message, and Apply recomputes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, startReadyApp, waitRecomputed } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await startReadyApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('more formats', () => {
  it('an .xlsx dropped on the map imports', async () => {
    const { page } = app;
    const bytes = [...readFileSync(new URL('../fixtures/import/facilities.xlsx', import.meta.url))];
    await page.locator('main.map-wrap').evaluate((main, data) => {
      const dt = new DataTransfer();
      const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      dt.items.add(new File([new Uint8Array(data)], 'facilities.xlsx', { type }));
      for (const t of ['dragenter', 'dragover', 'drop']) main.dispatchEvent(new DragEvent(t, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, bytes);
    const preview = page.locator('[data-testid="import-preview"][data-accepted="4"]');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.getAttribute('data-kind')).toBe('facilities');
    expect(await preview.getAttribute('data-rejected')).toBe('1');
    expect(await page.locator('[data-testid="import-sheet"]').inputValue()).toBe('Підрозділи');
    await expect(page.locator('[data-testid="rejected-rows"] li').allTextContents()).resolves.toEqual([
      'Рядок 9: Значення «abc» (lat) не є числом',
    ]);
    const d = await waitRecomputed(page, () => page.locator('[data-testid="apply-import"]').click(), 120_000);
    expect(d.facilities).toBeTruthy();
    expect(await page.locator('[data-testid="import-preview"]').count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  }, 240_000);
});
