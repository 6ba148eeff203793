/**
 * CPU time of the first screen and of a norm change, from a Chrome performance trace (DevTools Protocol `Tracing`):
 * per thread, the CPU time (trace `tdur`) its top-level tasks took, and the page main thread's longest tasks in wall
 * time and in CPU time. On a 2-core machine shared with other work the wall-clock figures of `npm run bench --
 * browser` swing with the load; the CPU time of the same work moves much less, so this is the one to compare
 * variants by (A/B) when the machine is busy. A diagnostic: nothing asserts.
 * Usage: HC_DIST=/tmp/dist npx tsx scripts/bench/trace-browser.ts [runs=2]
 */
import type { CDPSession } from 'playwright-core';
import { startApp, waitReady, waitRecomputed } from '../../test/e2e/harness';
import { cpuDelta, processCpu } from './chromium-cpu';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

async function trace(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['toplevel', '__metadata'] },
  });
  await work();
  const done = new Promise<string>((ok) => cdp.once('Tracing.tracingComplete', (e) => ok(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  if (process.env.TRACE_DEBUG) console.log(events.length, [...new Set(events.map((e) => `${e.ph}:${e.name}`))].slice(0, 40).join(' '));
  return events;
}

/** Per thread: CPU ms of its top-level tasks; the renderer main thread's longest tasks (wall / CPU ms). */
function summarise(events: TraceEvent[]): string {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const cpu = new Map<string, number>();
  const main: { dur: number; tdur: number }[] = [];
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const name = names.get(key) ?? key;
    cpu.set(name, (cpu.get(name) ?? 0) + (e.tdur ?? 0) / 1000);
    if (name === 'CrRendererMain' && e.dur >= 50_000) main.push({ dur: e.dur / 1000, tdur: (e.tdur ?? 0) / 1000 });
  }
  const threads = [...cpu.entries()]
    .filter(([, v]) => v >= 20)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  main.sort((a, b) => b.dur - a.dur);
  const longest = main
    .slice(0, 5)
    .map((t) => `${t.dur.toFixed(0)}/${t.tdur.toFixed(0)}`)
    .join(', ');
  return `CPU ms by thread: ${threads}\n    renderer main thread's longest tasks, wall/CPU ms: ${longest || 'none ≥ 50 ms'}`;
}

const runs = Number(process.argv[2] ?? 2);
const app = await startApp();
try {
  for (let run = 0; run < runs; run++) {
    const page = await app.newPage();
    const cdp = await page.context().newCDPSession(page);
    let p0 = processCpu();
    const load = await trace(cdp, async () => {
      await page.goto(app.baseUrl);
      await waitReady(page, 120_000);
    });
    console.log(`load ${run + 1}: process CPU ms: ${cpuDelta(p0, processCpu())}\n    ${summarise(load)}`);
    await new Promise((r) => setTimeout(r, 1000));
    p0 = processCpu();
    const change = await trace(cdp, async () => {
      for (const v of ['30', '25']) {
        await waitRecomputed(page, async () => {
          await page.locator('#norm-rural').fill(v);
        });
        await new Promise((r) => setTimeout(r, 300));
      }
    });
    console.log(`two norm changes ${run + 1}: process CPU ms: ${cpuDelta(p0, processCpu())}\n    ${summarise(change)}`);
    await page.close();
  }
} finally {
  await app.close();
}
