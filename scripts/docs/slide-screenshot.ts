/**
 * README screenshot of presentation mode (docs/img/slide.png): one slide of Chernihiv oblast presented in a 16:9
 * window, taken from the built app (`vite build` first; HC_DIST names another build folder) in headless Chromium
 * through the browser-test harness. Usage: npx tsx scripts/docs/slide-screenshot.ts
 */
import { join } from 'node:path';
import { ROOT, startApp, waitForHtml, waitReady } from '../../test/e2e/harness';

type M = { fitBounds(b: [[number, number], [number, number]], o: { animate: boolean; padding: number }): void };

const app = await startApp({ viewport: { width: 1280, height: 720 } });
try {
  const { page } = app;
  await page.goto(app.baseUrl);
  await waitReady(page);
  await page.locator('[data-testid="slides-open"]').click();
  await page.evaluate(() =>
    (document.querySelector('[data-testid="map"]') as unknown as { hcMap: M }).hcMap.fitBounds(
      [
        [30.45, 50.45],
        [33.5, 52.4],
      ],
      { animate: false, padding: 0 },
    ),
  );
  await page.waitForTimeout(500);
  await page.locator('[data-testid="slide-new-caption"]').fill('Чернігівщина: хто чекає на пожежних довше за норматив');
  await page.locator('[data-testid="slide-add"]').click();
  await page.locator('[data-testid="slides-present"]').click();
  await waitForHtml(page, (d) => d.slideReady === '1/1', 'the slide drawn', 120_000);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(ROOT, 'docs/img/slide.png') });
} finally {
  await app.close();
}
