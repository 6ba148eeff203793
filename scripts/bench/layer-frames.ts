/**
 * What each MapLibre layer costs a frame: CPU of the GPU process (SwiftShader draws every WebGL frame there) over
 * repaints of the first screen with all layers, with each layer hidden in turn, with none, and adding them bottom up. Diagnostic.
 * Usage: [ALL_ONLY=1] HC_DIST=/tmp/dist npx tsx scripts/bench/layer-frames.ts [frames=6]
 */
import { startApp, waitReady } from '../../test/e2e/harness';
import { processCpu } from './chromium-cpu';

const frames = Number(process.argv[2] ?? 6);
const app = await startApp();
try {
  const page = app.page;
  // tsx names functions with a __name helper the page does not have
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(app.baseUrl);
  await waitReady(page, 120_000);
  await new Promise((r) => setTimeout(r, 1500));
  const ids = await page.evaluate(() => {
    const map = (document.querySelector('.map') as unknown as { hcMap: { getLayersOrder(): string[]; getLayoutProperty(id: string, p: string): unknown } }).hcMap;
    return map.getLayersOrder().filter((id) => (map.getLayoutProperty(id, 'visibility') ?? 'visible') === 'visible');
  });
  const show = (hidden: string[]) =>
    page.evaluate(
      async ([all, off]) => {
        const map = (document.querySelector('.map') as unknown as { hcMap: { setLayoutProperty(id: string, p: string, v: string): void; triggerRepaint(): void } }).hcMap;
        for (const id of all) map.setLayoutProperty(id, 'visibility', off.includes(id) ? 'none' : 'visible');
        for (let i = 0; i < 2; i++) {
          map.triggerRepaint();
          await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 30))));
        }
      },
      [ids, hidden] as const,
    );
  const cost = async (): Promise<number> => {
    const c0 = processCpu().get('gpu-process') ?? 0;
    await page.evaluate(async (n) => {
      const map = (document.querySelector('.map') as unknown as { hcMap: { triggerRepaint(): void } }).hcMap;
      for (let i = 0; i < n; i++) {
        map.triggerRepaint();
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0))));
      }
    }, frames);
    const gpu = ((processCpu().get('gpu-process') ?? 0) - c0) * 1000;
    return Math.round(gpu / frames);
  };
  await show([]);
  const all = await cost();
  console.log(`GPU-process CPU per frame, ms: all ${all}`);
  // ALL_ONLY=1: the whole frame five times (to compare builds), no per-layer figures
  const allOnly = !!process.env.ALL_ONLY;
  if (allOnly) {
    const more = [all];
    for (let i = 0; i < 4; i++) more.push(await cost());
    console.log(`  all, 5 times: ${more.join(', ')}; median ${[...more].sort((a, b) => a - b)[2]}`);
  }
  for (const id of allOnly ? [] : ids) {
    await show([id]);
    console.log(`  without ${id}: ${await cost()}`);
  }
  if (!allOnly) {
    await show(ids);
    console.log(`  none: ${await cost()}`);
  }
  // bottom up: each layer's own cost is the step it adds
  for (let k = 1; k <= (allOnly ? 0 : ids.length); k++) {
    await show(ids.slice(k));
    console.log(`  up to ${ids[k - 1]}: ${await cost()}`);
  }
} finally {
  await app.close();
}
