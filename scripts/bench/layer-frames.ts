/**
 * What each MapLibre layer costs a frame: CPU of the GPU process (SwiftShader draws every WebGL frame there) over
 * repaints of the first screen with all layers, with each layer hidden in turn, with none, and adding them bottom up. Diagnostic.
 * Usage: [ALL_ONLY=1] HC_DIST=/tmp/dist npx tsx scripts/bench/layer-frames.ts [frames=6]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { startApp, waitReady } from '../../test/e2e/harness';

/**
 * CPU seconds (user + system, /proc) of the Chromium processes this script started, by type (gpu-process: SwiftShader
 * draws every WebGL frame there; renderer: the page and its workers).
 */
function processCpu(): Map<string, number> {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = stats.get(p)?.ppid ?? 0, hops++) if (p === process.pid) return pid !== process.pid;
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, { cpu }] of stats) {
    if (!mine(pid)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const type = cmd.includes('chrom') ? (/--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser') : 'other';
    out.set(type, (out.get(type) ?? 0) + cpu);
  }
  return out;
}

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
