/**
 * README screenshots (docs/img): the country view and one community, taken from the built app (`vite build` first)
 * in headless Chromium through the browser-test harness. Usage: npx tsx scripts/docs/screenshots.ts
 */
import { join } from 'node:path';
import { ROOT, startApp, waitReady } from '../../test/e2e/harness';

const app = await startApp({ viewport: { width: 1280, height: 800 } });
try {
  const { page } = app;
  await page.goto(app.baseUrl);
  await waitReady(page);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(ROOT, 'docs/img/country-view.png') });
  await page.goto(`${app.baseUrl}#h=UA74100330000029082&s=fire`);
  await page.reload();
  await waitReady(page);
  await page.locator('.panel.community').waitFor();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: join(ROOT, 'docs/img/community-view.png') });
} finally {
  await app.close();
}
