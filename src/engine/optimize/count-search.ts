/**
 * Heuristics over a count instance (count.ts) on its open set (count-state.ts): lazy greedy (on a submodular
 * surrogate: threshold units credit w/need per reaching site until satisfied), optionally by gain per cost, then swap
 * local search on the true objective.
 */
import { abortError } from './abort';
import { marginalOf, qPowOf } from './count';
import type { CountState } from './count-state';
import { MaxHeap } from './heap';

export interface CountGreedyOptions {
  maxPicks: number;
  /** Candidates that may ever be picked (1 = yes). Default all. */
  allowed?: Uint8Array;
  /** Whether j still fits (budget, one unit per site). Once false it must stay false as picks are added. */
  fits?: (j: number) => boolean;
  /** Rank by gain per cost (budget). */
  cost?: Float64Array;
  /** Threshold units credit w/need per reaching site (the submodular surrogate). Default true. */
  surrogate?: boolean;
  /** Called after each pick (before the next fits() check). */
  onPick?: (j: number) => void;
  signal?: AbortSignal;
}

/** Surrogate gain of opening j now. */
function surrogateGain(st: CountState, j: number, surrogate: boolean): number {
  const { inst, cnt } = st;
  let g = 0;
  for (let p = inst.offsets[j]!; p < inst.offsets[j + 1]!; p++) {
    const i = inst.demand[p]!;
    const k = cnt[i]!;
    if (inst.mode === 'geometric') g += inst.w[i]! * (1 - inst.q) * qPowOf(inst, k);
    else if (k < inst.need[i]!) g += surrogate ? inst.w[i]! / inst.need[i]! : k + 1 === inst.need[i]! ? inst.w[i]! : 0;
  }
  return g;
}

/**
 * Lazy greedy on `st` (adds picks to it): a max-heap by last known (surrogate) gain, or gain per cost; the top is
 * re-evaluated and taken when it still beats the next key. Returns the picks in order.
 */
export function countGreedy(st: CountState, opts: CountGreedyOptions): number[] {
  const surrogate = opts.surrogate ?? true;
  const heap = new MaxHeap();
  const key = (j: number, g: number): number => (opts.cost ? g / Math.max(opts.cost[j]!, 1e-12) : g);
  for (let j = 0; j < st.inst.nC; j++) {
    if (st.open[j] || (opts.allowed && !opts.allowed[j]) || (opts.fits && !opts.fits(j))) continue;
    const g = surrogateGain(st, j, surrogate);
    if (g > 0) heap.push(key(j, g), j);
  }
  const eps = 1e-12 * Math.max(1, st.inst.potential);
  const picks: number[] = [];
  let evals = 0;
  while (picks.length < opts.maxPicks && heap.size > 0) {
    if ((++evals & 1023) === 0 && opts.signal?.aborted) throw abortError();
    const j = heap.pop();
    if (opts.fits && !opts.fits(j)) continue;
    const g = surrogateGain(st, j, surrogate);
    if (!(g > eps)) continue;
    const k = key(j, g);
    if (heap.size > 0 && k < heap.topKey()) {
      heap.push(k, j);
      continue;
    }
    st.add(j);
    picks.push(j);
    opts.onPick?.(j);
  }
  return picks;
}

export interface CountSwapOptions {
  deadline: number;
  now?: () => number;
  signal?: AbortSignal;
  /** Candidates that may come in (1 = yes). Default all. */
  allowedIn?: Uint8Array;
  /** May c be added without closing anything (budget with money left)? Default never. */
  canAdd?: (c: number) => boolean;
  /** May c come in while j goes out? Default always. */
  canSwap?: (c: number, j: number) => boolean;
  /** Called after each applied move. */
  onMove?: (c: number, j: number) => void;
  /** Order in which candidates are tried (a permutation of some candidates, cycled). Default by index. */
  order?: Int32Array;
}

/**
 * For candidate c outside the set: the best move bringing it in (an add when allowed, else a swap with an open site),
 * on the true objective. `extra` is scratch of length nC, all zeros on entry and on return.
 */
export function bestMoveFor(
  st: CountState,
  c: number,
  extra: Float64Array,
  touched: Int32Array,
  openList: readonly number[],
  opts: Pick<CountSwapOptions, 'canAdd' | 'canSwap'>,
  byLoss?: Int32Array,
): { out: number; delta: number } {
  const { inst, cnt } = st;
  let gain = 0;
  let nt = 0;
  for (let p = inst.offsets[c]!; p < inst.offsets[c + 1]!; p++) {
    const i = inst.demand[p]!;
    const k = cnt[i]!;
    const gi = marginalOf(inst, i, k);
    gain += gi;
    if (k > 0) {
      const corr = marginalOf(inst, i, k - 1) - gi;
      if (corr !== 0) {
        for (const j of st.openReaching(i)) {
          if (extra[j] === 0) touched[nt++] = j;
          extra[j]! += corr;
          if (extra[j] === 0) extra[j] = Number.MIN_VALUE; // stays marked as touched
        }
      }
    }
  }
  let out = -2;
  let delta = -Infinity;
  if (byLoss !== undefined && !opts.canAdd && !opts.canSwap) {
    // Unconstrained swaps: an untouched open site scores gain − loss, so of those only the first untouched one in
    // (loss, index) order can win; touched ones are scored directly. Same winner as the scan below (largest delta,
    // smallest index on ties) in O(touched) instead of O(|open|).
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!;
      const d = gain - st.loss[j]! + extra[j]!;
      if (d > delta || (d === delta && j < out)) {
        delta = d;
        out = j;
      }
    }
    for (let t = 0; t < byLoss.length; t++) {
      const j = byLoss[t]!;
      if (extra[j] !== 0) continue;
      const d = gain - st.loss[j]!;
      if (d > delta || (d === delta && j < out)) {
        delta = d;
        out = j;
      }
      break;
    }
    for (let t = 0; t < nt; t++) extra[touched[t]!] = 0;
    return { out, delta };
  }
  if (opts.canAdd?.(c)) {
    out = -1;
    delta = gain;
  }
  for (const j of openList) {
    if (opts.canSwap && !opts.canSwap(c, j)) continue;
    const d = gain - st.loss[j]! + extra[j]!;
    if (d > delta) {
      delta = d;
      out = j;
    }
  }
  for (let t = 0; t < nt; t++) extra[touched[t]!] = 0;
  return { out, delta };
}

/**
 * Swap local search (first improvement per candidate, best partner): until a full pass over the candidates finds no
 * improving move or the deadline passes. Returns the number of moves and whether it finished.
 */
export function countSwaps(st: CountState, opts: CountSwapOptions): { moves: number; complete: boolean } {
  const inst = st.inst;
  const now = opts.now ?? (() => performance.now());
  const extra = new Float64Array(inst.nC);
  const touched = new Int32Array(inst.nC);
  const eps = 1e-9 * Math.max(1, inst.potential);
  let openList = st.openList();
  const fast = !opts.canAdd && !opts.canSwap;
  /** Open sites by (loss, index), for the unconstrained fast path of bestMoveFor. */
  const sortByLoss = (): Int32Array | undefined =>
    fast ? Int32Array.from(openList).sort((a, b) => st.loss[a]! - st.loss[b]! || a - b) : undefined;
  let byLoss = sortByLoss();
  let moves = 0;
  let since = 0;
  let c = 0;
  let checks = 0;
  if (inst.nC === 0) return { moves, complete: true };
  const seq = opts.order;
  const len = seq ? seq.length : inst.nC;
  while (since < len) {
    if ((++checks & 7) === 0) {
      if (opts.signal?.aborted) throw abortError();
      if (now() > opts.deadline) return { moves, complete: false };
    }
    const cand = seq ? seq[c]! : c;
    c = c + 1 === len ? 0 : c + 1;
    since++;
    if (st.open[cand] || (opts.allowedIn && !opts.allowedIn[cand])) continue;
    if (inst.offsets[cand + 1]! === inst.offsets[cand]!) continue;
    const m = bestMoveFor(st, cand, extra, touched, openList, opts, byLoss);
    if (m.out >= -1 && m.delta > eps) {
      if (m.out >= 0) st.remove(m.out);
      st.add(cand);
      opts.onMove?.(cand, m.out);
      openList = st.openList();
      byLoss = sortByLoss();
      moves++;
      since = 0;
    }
  }
  return { moves, complete: true };
}
