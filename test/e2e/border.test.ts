/**
 * Near the border (issue 12): a facility at Радуль's published point (lat 51.882, lon 30.707; 1.4 km outside the
 * simplified border, on the Dnipro) imported through the Data panel is accepted and flagged "near the border";
 * a point 20 km into Belarus is rejected as outside Ukraine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, startReadyApp } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await startReadyApp();
});

afterAll(async () => {
  await app?.close();
});

describe('a point just outside the simplified border', () => {
  it('is accepted and flagged; one far outside is rejected', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Дані та сценарії', exact: true }).click();
    const csv = 'id;name;type;lat;lon\nradul;Приклад: ДПК Радуль;ДПК;51,882;30,707\nfar;Приклад: далеко;ДПК;51,95;30,45\n';
    await page.locator('[data-testid="data-file"]').setInputFiles({ name: 'border.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = page.locator('[data-testid="import-preview"]');
    await preview.waitFor();
    await expect.poll(async () => preview.getAttribute('data-accepted'), { timeout: 30_000 }).toBe('1');
    const flagged = page.locator('[data-testid="flagged-rows"] li[data-code="near_border"]');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.getAttribute('data-row')).toBe('2');
    expect(await flagged.textContent()).toMatch(/поза спрощеним кордоном; прийнято як точку поблизу кордону/);
    const rejected = page.locator('[data-testid="rejected-rows"] li[data-code="outside_ukraine"]');
    expect(await rejected.getAttribute('data-row')).toBe('3');
    expect(app.foreignRequests).toEqual([]);
  });
});
