/**
 * The app's favicon and install icons (`npx tsx scripts/icons/build.ts`): writes two SVGs to public/icons/ and
 * rasterizes them to PNG in the system Chromium (playwright-core, already used by the browser tests), so no image
 * library is needed. The outputs are committed; run this again only when the drawing changes.
 *
 * The drawing: a coverage disc (cividis yellow, as "everyone within the norm" on the map) on the app's accent blue,
 * with a dark station pin at its centre. `icon.svg` has rounded corners (favicon, "any" icons); `icon-maskable.svg`
 * fills the square and keeps the drawing inside the maskable safe zone (the central circle of 80 % diameter).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'public/icons');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const THEME_COLOR = '#0b5cad';
const YELLOW = '#fee838';
const DARK = '#00204d';

/** The drawing on a 512 × 512 canvas, scaled by `k` about the centre. */
function drawing(k: number): string {
  return `<g transform="translate(256 256) scale(${k}) translate(-256 -256)">
    <circle cx="256" cy="256" r="176" fill="#ffffff" fill-opacity="0.25"/>
    <circle cx="256" cy="256" r="128" fill="${YELLOW}"/>
    <path d="M256 120c-50 0-88 38-88 86 0 64 88 164 88 164s88-100 88-164c0-48-38-86-88-86z" fill="${DARK}"/>
    <circle cx="256" cy="206" r="34" fill="#ffffff"/>
  </g>`;
}

/** Rounded square (favicon and "any" purpose icons). */
export function iconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="96" fill="${THEME_COLOR}"/>
  ${drawing(1)}
</svg>
`;
}

/** Full-bleed square with the drawing inside the safe zone (radius 204.8 of 256). */
export function maskableSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" fill="${THEME_COLOR}"/>
  ${drawing(0.8 * (204.8 / 176))}
</svg>
`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const svgs = { 'icon.svg': iconSvg(), 'icon-maskable.svg': maskableSvg() };
  for (const [name, svg] of Object.entries(svgs)) writeFileSync(join(OUT, name), svg);
  const pngs: { file: string; svg: string; size: number }[] = [
    { file: 'icon-192.png', svg: svgs['icon.svg'], size: 192 },
    { file: 'icon-512.png', svg: svgs['icon.svg'], size: 512 },
    { file: 'icon-maskable-512.png', svg: svgs['icon-maskable.svg'], size: 512 },
    // iOS rounds the corners itself and shows transparency as black: the full-bleed drawing.
    { file: 'apple-touch-icon.png', svg: svgs['icon-maskable.svg'], size: 180 },
    { file: 'favicon-32.png', svg: svgs['icon.svg'], size: 32 },
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  try {
    for (const { file, svg, size } of pngs) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      await page.screenshot({ path: join(OUT, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`public/icons/${file} (${size}×${size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
