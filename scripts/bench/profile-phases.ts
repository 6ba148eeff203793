/**
 * Where each phase of the first screen spends the page's main thread: a CPU profile (DevTools Protocol `Profiler`) of
 * one page load up to data-app-state="ready", cut at the app's start-up marks (`hc:*`, src/state/startup-mark.ts), and
 * per phase the functions with the most inclusive time. With TASKS=<mark>, also each long task from that mark on.
 * A diagnostic, not a benchmark (figures come from `npm run bench -- browser`); build with `--minify false` for names.
 * Usage: HC_DIST=/tmp/dist npx tsx scripts/bench/profile-phases.ts [top=12]
 */
import { startApp, waitReady } from '../../test/e2e/harness';
import { recordStartTasks, type CpuProfile as Profile, type ProfileNode as Node } from './cdp-profile';

const top = Number(process.argv[2] ?? 12);
const SYNC = 'hcProfileSync';
const app = await startApp();
try {
  const page = app.page;
  await recordStartTasks(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await page.goto(app.baseUrl);
  await waitReady(page, 120_000);
  // A named busy loop at a known page time ties the profile's clock to the page's (the bundler would rename a
  // function written here, hence the string).
  const syncAt = (await page.evaluate(
    `(() => { function ${SYNC}() { const e = performance.now() + 40; let x = 0; while (performance.now() < e) x++; return x; } const t = performance.now(); ${SYNC}(); return t; })()`,
  )) as number;
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('hc:'))
      .map((m): [string, number] => [m.name.slice(3), m.startTime]),
  );
  const tasks = await page.evaluate(() => (window as unknown as { __startTasks: number[] }).__startTasks);
  const p = (await cdp.send('Profiler.stop')).profile as unknown as Profile;

  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stack = (leaf: number): Node[] => {
    const out: Node[] = [];
    for (let q: number | undefined = leaf; q !== undefined; q = parent.get(q)) out.push(byId.get(q)!);
    return out;
  };
  const times: number[] = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) times.push((t += p.timeDeltas[i]!) / 1000);
  const at = p.samples.findIndex((s) => stack(s).some((n) => n.callFrame.functionName === SYNC));
  if (at < 0) throw new Error('the clock-sync loop is not in the profile');
  const offset = times[at]! - syncAt;

  const phase = (name: string, from: number, to: number): void => {
    const incl = new Map<string, number>();
    let total = 0;
    let idle = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const tm = times[i]! - offset;
      if (tm < from || tm >= to) continue;
      const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
      total += dt;
      const frames = stack(p.samples[i]!);
      if (frames[0]!.callFrame.functionName === '(idle)') {
        idle += dt;
        continue;
      }
      const seen = new Set<string>();
      for (const { callFrame: f } of frames) {
        const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}`;
        if (f.functionName === '(root)' || seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
    }
    console.log(
      `\n== ${name} [${Math.round(from)}, ${Math.round(to)}) ms: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} idle`,
    );
    for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${v.toFixed(0).padStart(6)}  ${k}`);
  };

  console.log(`marks: ${marks.map(([n, v]) => `${n} ${Math.round(v)}`).join(' → ')}`);
  const long: string[] = [];
  for (let i = 0; i < tasks.length; i += 2) long.push(`${tasks[i + 1]}@${tasks[i]}`);
  console.log(`long tasks (ms@start): ${long.join(', ')}`);
  const cuts: [string, number][] = [['navigation', 0], ...marks];
  for (let i = 0; i + 1 < cuts.length; i++) phase(`${cuts[i]![0]} → ${cuts[i + 1]![0]}`, cuts[i]![1], cuts[i + 1]![1]);
  const after = process.env.TASKS ? (marks.find(([n]) => n === process.env.TASKS)?.[1] ?? 0) : Infinity;
  for (let i = 0; i < tasks.length; i += 2)
    if (tasks[i]! >= after - 50) phase(`long task of ${tasks[i + 1]} ms`, tasks[i]!, tasks[i]! + tasks[i + 1]!);
} finally {
  await app.close();
}
