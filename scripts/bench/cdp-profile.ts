/**
 * Shared by the browser diagnostics and bench: the shape of a DevTools Protocol CPU profile, and the page's long-task
 * record from its very first script.
 */
import type { Page } from 'playwright-core';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** `Profiler.stop`'s profile: sample node ids, their time deltas (µs) and the start (µs, the profiler's clock). */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/**
 * Records the page's long tasks from the very start (registered before any of its scripts run) in
 * `window.__startTasks` as start, duration pairs (ms).
 */
export async function recordStartTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __startTasks: number[] };
    w.__startTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__startTasks.push(Math.round(e.startTime), Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}
