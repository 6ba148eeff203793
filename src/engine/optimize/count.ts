/**
 * The count objectives' reduced problem and heuristics (backup-coverage, expected-coverage, budget, relocate).
 *
 * Each is Σᵢ vᵢ(kᵢ) over demand units, kᵢ = number of chosen candidates that reach unit i (within the pair limit of
 * the objective), with
 * - `threshold` mode: vᵢ(k) = wᵢ·[k ≥ needᵢ] (need 1: covered within the norm; need 2: covered twice);
 * - `geometric` mode: vᵢ(k) = wᵢ·(1 − qᵏ) (expected coverage: wᵢ = weight × existing miss probability, q = 1 − a).
 * The marginal value of the (k+1)-th reaching site is gᵢ(k) = vᵢ(k+1) − vᵢ(k).
 *
 * The instance keeps every problem candidate (its index is the problem's) and only demand units that can gain,
 * with identical rows (same candidates, same need) merged when asked. Heuristics: lazy greedy (on a submodular
 * surrogate: threshold units credit w/need per reaching site until satisfied), optionally by gain per cost, then swap
 * local search with Whitaker-style bookkeeping on the true objective: per open site the loss if it closed, per unit
 * the list of open sites reaching it, so one candidate is evaluated against every open site in O(its pairs + |S|).
 */
import { abortError } from './core';
import type { PlanProblem } from './types';

export type CountMode = 'threshold' | 'geometric';

/** The reduced count problem (CSR both ways). */
export interface CountInstance {
  mode: CountMode;
  /** geometric: per reaching site miss factor (1 − a). */
  q: number;
  nD: number;
  nC: number;
  w: Float64Array;
  /** threshold: sites needed (≥ 1); geometric: 1. */
  need: Int32Array;
  offsets: Int32Array;
  demand: Int32Array;
  tOffsets: Int32Array;
  tCand: Int32Array;
  /** Instance unit → problem demand index (-1 when rows were merged). */
  unit: Int32Array;
  /** Σ of what every unit could gain at most (Σ w). */
  potential: number;
  /** geometric: qPow[k] = q ** k for k up to the largest row (a table instead of Math.pow; same values). */
  qPow?: Float64Array;
}

/** q ** k, from the instance's table when it has one. */
function qPowOf(inst: CountInstance, k: number): number {
  const t = inst.qPow;
  return t !== undefined && k < t.length ? t[k]! : inst.q ** k;
}

/** How each problem demand unit enters an instance. */
export interface CountSpec {
  mode: CountMode;
  q?: number;
  /** Coefficient wᵢ per problem unit (0 drops the unit). */
  coef: ArrayLike<number>;
  /** threshold: sites still needed per problem unit (≤ 0 drops the unit). */
  need?: ArrayLike<number>;
  /** A pair counts when its cost ≤ limit of the unit. */
  limit: ArrayLike<number>;
  /** Merge identical rows (for the optimisation; reports use unmerged rows). */
  merge: boolean;
}

/** Builds a count instance from a problem's structure. */
export function buildCountInstance(problem: PlanProblem, spec: CountSpec): CountInstance {
  const s = problem.structure;
  const nC = s.candidateCount;
  const nP = problem.demand.count;
  // Transposed pairs within the limit.
  const deg = new Int32Array(nP + 1);
  for (let k = 0; k < s.demand.length; k++) {
    const i = s.demand[k]!;
    if (s.cost[k]! <= spec.limit[i]!) deg[i + 1]!++;
  }
  for (let i = 0; i < nP; i++) deg[i + 1]! += deg[i]!;
  const fill = deg.slice(0, nP);
  const tc = new Int32Array(deg[nP]!);
  for (let j = 0; j < nC; j++) {
    for (let k = s.offsets[j]!; k < s.offsets[j + 1]!; k++) {
      const i = s.demand[k]!;
      if (s.cost[k]! <= spec.limit[i]!) tc[fill[i]!++] = j;
    }
  }
  // Rows of the instance in typed buffers sized by their upper bounds (no per-pair allocation).
  const rowStart = new Int32Array(nP + 1);
  const rowCand = new Int32Array(tc.length);
  const w = new Float64Array(nP);
  const need = new Int32Array(nP);
  const unit = new Int32Array(nP);
  let nD = 0;
  let nnz = 0;
  // Merge table: open hashing by row hash, chains through `next` (rows with equal hash are compared in full).
  let tableSize = 16;
  while (tableSize < 2 * nP) tableSize *= 2;
  const head = spec.merge ? new Int32Array(tableSize).fill(-1) : new Int32Array(0);
  const next = spec.merge ? new Int32Array(nP) : new Int32Array(0);
  const rowHash = spec.merge ? new Uint32Array(nP) : new Uint32Array(0);
  for (let i = 0; i < nP; i++) {
    const c = spec.coef[i]!;
    const r = spec.mode === 'threshold' ? Math.round(spec.need?.[i] ?? 1) : 1;
    const a = deg[i]!;
    const b = deg[i + 1]!;
    if (!(c > 0) || r <= 0 || b - a < r) continue;
    if (spec.merge) {
      let h = 2166136261 ^ (b - a) ^ (r << 20);
      for (let k = a; k < b; k++) h = Math.imul(h ^ tc[k]!, 16777619);
      h >>>= 0;
      const slot = (Math.imul(h, 2654435761) >>> 0) & (tableSize - 1);
      let merged = -1;
      for (let u = head[slot]!; u >= 0; u = next[u]!) {
        const us = rowStart[u]!;
        if (rowHash[u] !== h || rowStart[u + 1]! - us !== b - a || need[u] !== r) continue;
        let same = true;
        for (let k = 0; k < b - a && same; k++) same = rowCand[us + k] === tc[a + k];
        if (same) {
          merged = u;
          break;
        }
      }
      if (merged >= 0) {
        w[merged]! += c;
        unit[merged] = -1;
        continue;
      }
      rowHash[nD] = h;
      next[nD] = head[slot]!;
      head[slot] = nD;
    }
    rowCand.set(tc.subarray(a, b), nnz);
    nnz += b - a;
    w[nD] = c;
    need[nD] = r;
    unit[nD] = i;
    nD++;
    rowStart[nD] = nnz;
  }
  const tOffsets = rowStart.slice(0, nD + 1);
  const tCand = rowCand.slice(0, nnz);
  const offsets = new Int32Array(nC + 1);
  for (let k = 0; k < tCand.length; k++) offsets[tCand[k]! + 1]!++;
  for (let j = 0; j < nC; j++) offsets[j + 1]! += offsets[j]!;
  const f2 = offsets.slice(0, nC);
  const demand = new Int32Array(tCand.length);
  for (let i = 0; i < nD; i++) for (let k = tOffsets[i]!; k < tOffsets[i + 1]!; k++) demand[f2[tCand[k]!]!++] = i;
  let potential = 0;
  for (let i = 0; i < nD; i++) potential += w[i]!;
  const q = spec.q ?? 0;
  let maxDeg = 0;
  for (let i = 0; i < nD; i++) maxDeg = Math.max(maxDeg, tOffsets[i + 1]! - tOffsets[i]!);
  return {
    mode: spec.mode,
    q,
    nD,
    nC,
    w: w.slice(0, nD),
    need: need.slice(0, nD),
    offsets,
    demand,
    tOffsets,
    tCand,
    unit: unit.slice(0, nD),
    potential,
    ...(spec.mode === 'geometric' ? { qPow: Float64Array.from({ length: maxDeg + 1 }, (_, k) => q ** k) } : {}),
  };
}

/** Marginal value gᵢ(k) of the (k+1)-th reaching site. */
export function marginalOf(inst: CountInstance, i: number, k: number): number {
  if (k < 0) return 0;
  if (inst.mode === 'threshold') return k + 1 === inst.need[i]! ? inst.w[i]! : 0;
  return inst.w[i]! * (1 - inst.q) * qPowOf(inst, k);
}

/** Σ vᵢ(kᵢ) for a set, from scratch (reference for tests and checks). */
export function countValue(inst: CountInstance, open: Iterable<number>): number {
  const cnt = new Int32Array(inst.nD);
  for (const j of open) for (let k = inst.offsets[j]!; k < inst.offsets[j + 1]!; k++) cnt[inst.demand[k]!]!++;
  let v = 0;
  for (let i = 0; i < inst.nD; i++) {
    const k = cnt[i]!;
    v += inst.mode === 'threshold' ? (k >= inst.need[i]! ? inst.w[i]! : 0) : inst.w[i]! * (1 - inst.q ** k);
  }
  return v;
}

/**
 * The open set with counts, per-unit lists of open reaching sites, the loss of closing each open site, and the value.
 */
export class CountState {
  readonly cnt: Int32Array;
  readonly open: Uint8Array;
  readonly loss: Float64Array;
  /** Per unit i: open sites reaching it at openAt[tOffsets[i] .. tOffsets[i] + cnt[i]). */
  private readonly openAt: Int32Array;
  private readonly g: (i: number, k: number) => number;
  value = 0;
  size = 0;

  constructor(
    readonly inst: CountInstance,
    initial: Iterable<number> = [],
  ) {
    this.cnt = new Int32Array(inst.nD);
    this.open = new Uint8Array(inst.nC);
    this.loss = new Float64Array(inst.nC);
    this.openAt = new Int32Array(inst.tCand.length);
    this.g = (i, k) => marginalOf(inst, i, k);
    for (const j of initial) if (!this.open[j]) this.add(j);
  }

  /** Opens site j. */
  add(j: number): void {
    const { offsets, demand, tOffsets } = this.inst;
    this.open[j] = 1;
    this.size++;
    for (let p = offsets[j]!; p < offsets[j + 1]!; p++) {
      const i = demand[p]!;
      const old = this.cnt[i]!;
      const gOld = this.g(i, old);
      this.value += gOld;
      if (old > 0) {
        const d = gOld - this.g(i, old - 1);
        if (d !== 0) for (let q = tOffsets[i]!, e = q + old; q < e; q++) this.loss[this.openAt[q]!]! += d;
      }
      this.loss[j]! += gOld;
      this.openAt[tOffsets[i]! + old] = j;
      this.cnt[i] = old + 1;
    }
  }

  /** Closes site j. */
  remove(j: number): void {
    const { offsets, demand, tOffsets } = this.inst;
    this.open[j] = 0;
    this.size--;
    for (let p = offsets[j]!; p < offsets[j + 1]!; p++) {
      const i = demand[p]!;
      const old = this.cnt[i]!;
      const s = tOffsets[i]!;
      for (let q = s; q < s + old; q++) {
        if (this.openAt[q] === j) {
          this.openAt[q] = this.openAt[s + old - 1]!;
          break;
        }
      }
      this.cnt[i] = old - 1;
      const gLost = this.g(i, old - 1);
      this.value -= gLost;
      if (old > 1) {
        const d = this.g(i, old - 2) - gLost;
        if (d !== 0) for (let q = s, e = s + old - 1; q < e; q++) this.loss[this.openAt[q]!]! += d;
      }
    }
    this.loss[j] = 0;
  }

  /** Open sites in index order. */
  openList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.inst.nC; j++) if (this.open[j]) out.push(j);
    return out;
  }

  /** Open sites reaching unit i (a view; do not keep across changes). */
  openReaching(i: number): Int32Array {
    const s = this.inst.tOffsets[i]!;
    return this.openAt.subarray(s, s + this.cnt[i]!);
  }
}

/** Binary max-heap of (key, id); ties to the smaller id. Typed storage, grown by doubling. */
class Heap {
  private keys = new Float64Array(64);
  private ids = new Int32Array(64);
  private n = 0;
  get size(): number {
    return this.n;
  }
  private above(ka: number, ia: number, kb: number, ib: number): boolean {
    return ka > kb || (ka === kb && ia < ib);
  }
  push(key: number, id: number): void {
    if (this.n === this.keys.length) {
      const k = new Float64Array(this.n * 2);
      k.set(this.keys);
      this.keys = k;
      const d = new Int32Array(this.n * 2);
      d.set(this.ids);
      this.ids = d;
    }
    const keys = this.keys;
    const ids = this.ids;
    let p = this.n++;
    while (p > 0) {
      const up = (p - 1) >> 1;
      if (!this.above(key, id, keys[up]!, ids[up]!)) break;
      keys[p] = keys[up]!;
      ids[p] = ids[up]!;
      p = up;
    }
    keys[p] = key;
    ids[p] = id;
  }
  topKey(): number {
    return this.n > 0 ? this.keys[0]! : -Infinity;
  }
  pop(): number {
    const keys = this.keys;
    const ids = this.ids;
    const top = ids[0]!;
    const n = --this.n;
    if (n > 0) {
      const lk = keys[n]!;
      const li = ids[n]!;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        if (r < n && this.above(keys[r]!, ids[r]!, keys[l]!, ids[l]!)) m = r;
        if (!this.above(keys[m]!, ids[m]!, lk, li)) break;
        keys[p] = keys[m]!;
        ids[p] = ids[m]!;
        p = m;
      }
      keys[p] = lk;
      ids[p] = li;
    }
    return top;
  }
}

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
  const heap = new Heap();
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
