/**
 * README screenshot of a community report's first page (docs/img/report-page.png): Ріпкинська громада, the hromada
 * of docs/img/community-view.png, opened at `#report=` in the built app (`vite build` first; HC_DIST names another
 * build folder) and shot at A4 size (210 mm at 96 dpi) with the print styles and the page margins.
 * Usage: npx tsx scripts/docs/report-page.ts
 */
import { join } from 'node:path';
import { ROOT, startApp, waitForHtml } from '../../test/e2e/harness';

const A4 = { width: 794, height: 1123 };
const app = await startApp({ viewport: A4 });
try {
  const { page } = app;
  await page.goto(`${app.baseUrl}#report=UA74100330000029082`);
  await waitForHtml(
    page,
    (d) => d.reportPlan === 'done' || d.reportPlan === 'error',
    'the report and its plans',
    120_000,
  );
  await page.emulateMedia({ media: 'print' });
  // the @page margins (12 mm) that print adds around the document
  await page.addStyleTag({ content: '.report { padding: 45px !important; }' });
  await page.waitForTimeout(300);
  // the printed first page ends with the headline figures
  const end = await page.locator('.report-figures').evaluate((e) => e.getBoundingClientRect().bottom);
  await page.screenshot({
    path: join(ROOT, 'docs/img/report-page.png'),
    clip: { x: 0, y: 0, width: A4.width, height: Math.min(A4.height, Math.ceil(end) + 16) },
  });
} finally {
  await app.close();
}
