/**
 * Where the first screen and a norm change spend the main thread: a CPU profile (Chrome DevTools Protocol
 * `Profiler`) of one page load up to data-app-state="ready", then of one norm change, each printed as the functions
 * with the most self time (and their callers' source locations). A diagnostic, not a benchmark: figures come from
 * `npm run bench -- browser`.
 * Usage: HC_DIST=/tmp/dist npx tsx scripts/bench/profile-browser.ts [top=25]
 */
import { startApp, waitReady, waitRecomputed } from '../../test/e2e/harness';
import type { CpuProfile as Profile } from './cdp-profile';

const top = Number(process.argv[2] ?? 25);

/** Self time per function (ms), largest first, from `from` µs to `to` µs of the profile (all by default). */
function selfTimes(p: Profile, from = -Infinity, to = Infinity): [string, number][] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    if (t < from || t > to) continue;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(p.samples[i]!)!;
    const f = n.callFrame;
    const file = f.url.split('/').pop() ?? '';
    // the nearest caller in our own bundle, to tell which code paid for a library's time
    let caller = '';
    for (let q = parent.get(n.id); q !== undefined; q = parent.get(q)) {
      const c = byId.get(q)!.callFrame;
      if (c.url.includes('/assets/index')) {
        caller = ` ← ${c.functionName || '(anon)'}@${c.lineNumber}:${c.columnNumber}`;
        break;
      }
    }
    const key = `${f.functionName || '(anon)'} ${file}:${f.lineNumber}:${f.columnNumber}${caller}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

function print(title: string, rows: [string, number][]): void {
  const total = rows.reduce((s, [, v]) => s + v, 0);
  console.log(`\n${title}: ${total.toFixed(0)} ms sampled`);
  for (const [k, v] of rows.slice(0, top)) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
}

const app = await startApp();
try {
  const page = app.page;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(app.baseUrl);
  await waitReady(page, 120_000);
  console.log(`ready in ${Date.now() - t0} ms`);
  const load = (await cdp.send('Profiler.stop')).profile as unknown as Profile;
  print('page load', selfTimes(load));
  await new Promise((r) => setTimeout(r, 1000));
  await cdp.send('Profiler.start');
  await waitRecomputed(page, async () => {
    await page.locator('#norm-rural').fill('25');
  });
  await new Promise((r) => setTimeout(r, 300));
  const change = (await cdp.send('Profiler.stop')).profile as unknown as Profile;
  print('norm change', selfTimes(change));
} finally {
  await app.close();
}
