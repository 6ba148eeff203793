/** Lazy greedy over the reduced problem (core.ts): the first sites of every core objective. */
import { abortError } from './abort';
import type { Core } from './core';
import { MaxHeap } from './heap';

export interface GreedyOptions {
  /** Stop after this many picks. */
  maxPicks: number;
  /** Stop once the summed gain reaches this (min-facilities). Default Infinity. */
  stopAtGain?: number;
  /** Only these core candidates may be picked (1 = allowed). Default all. */
  allowed?: Uint8Array;
  signal?: AbortSignal;
}

export interface GreedyResult {
  /** Core candidates in pick order. */
  picks: number[];
  /** Reduction of Σ w·cost by each pick. */
  gains: number[];
}

/**
 * Lazy greedy: keeps candidates in a max-heap by their last known gain; the top is re-evaluated and taken when its
 * fresh gain still beats the next key (gains only fall as sites are added — the objective is submodular).
 * Stops at `maxPicks`, at `stopAtGain`, or when no candidate gains anything.
 */
export function lazyGreedy(core: Core, opts: GreedyOptions): GreedyResult {
  const cur = Float64Array.from(core.base);
  const { offsets, demand, cost, w } = core;
  const heap = new MaxHeap(core.nC);
  const gainOf = (j: number): number => {
    let g = 0;
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      const i = demand[k]!;
      const d = cur[i]! - cost[k]!;
      if (d > 0) g += w[i]! * d;
    }
    return g;
  };
  for (let j = 0; j < core.nC; j++) {
    if (opts.allowed && !opts.allowed[j]) continue;
    const g = gainOf(j);
    if (g > 0) heap.push(g, j);
  }
  const picks: number[] = [];
  const gains: number[] = [];
  const stopAt = opts.stopAtGain ?? Infinity;
  const eps = 1e-12 * Math.max(1, core.baseTotal);
  let total = 0;
  let evals = 0;
  while (picks.length < opts.maxPicks && heap.size > 0 && total < stopAt - eps) {
    if ((++evals & 1023) === 0 && opts.signal?.aborted) throw abortError();
    const j = heap.pop();
    const g = gainOf(j);
    if (!(g > eps)) continue;
    if (heap.size > 0 && g < heap.topKey()) {
      heap.push(g, j);
      continue;
    }
    picks.push(j);
    gains.push(g);
    total += g;
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      const i = demand[k]!;
      if (cost[k]! < cur[i]!) cur[i] = cost[k]!;
    }
  }
  return { picks, gains };
}
