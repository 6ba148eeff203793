/**
 * CPU time of the Chromium processes a bench script started (read from /proc), for the browser diagnostics
 * (layer-frames.ts, trace-browser.ts): on a shared 2-core machine CPU time moves much less than wall time.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system, /proc) of the Chromium processes this script started, by type (gpu-process: SwiftShader
 * draws every WebGL frame there; renderer: the page and its workers).
 */
export function processCpu(): Map<string, number> {
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

/** The CPU ms each process type spent between two `processCpu()` readings, largest first: "gpu-process 812, renderer 430". */
export function cpuDelta(before: Map<string, number>, after: Map<string, number>): string {
  return [...after.entries()]
    .map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v * 1000).toFixed(0)}`)
    .join(', ');
}
