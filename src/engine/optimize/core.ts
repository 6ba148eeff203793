/**
 * The reduced problem every method works on, and the heuristics over it.
 *
 * All three objectives are written as one: choose a set S of candidates minimising
 *   Σᵢ wᵢ · min(baseᵢ, min_{j ∈ S} cᵢⱼ)
 * - coverage / min-facilities: demand outside the norm that some candidate reaches within it; baseᵢ = 1, cᵢⱼ = 0, so
 *   the sum is the weight left outside the norm;
 * - p-median: demand some candidate reaches faster than now; baseᵢ = current cost (or the penalty), cᵢⱼ = cost.
 * Demand units with identical rows (same candidates, same costs, same base) are merged, weights summed.
 */
import { transpose } from './structure';
import type { PlanObjective, PlanProblem } from './types';

export interface Core {
  nD: number;
  nC: number;
  /** Weight per core demand unit (merged). */
  w: Float64Array;
  /** Cost when no chosen candidate reaches the unit. */
  base: Float64Array;
  /** CSR by candidate: demand and cost, only pairs with cost < base. */
  offsets: Int32Array;
  demand: Int32Array;
  cost: Float64Array;
  /** CSR by demand: candidates and cost. */
  tOffsets: Int32Array;
  tCand: Int32Array;
  tCost: Float64Array;
  /** Core candidate → problem candidate. */
  cand: Int32Array;
  /** Problem candidate → core candidate, -1 when it reaches no core demand. */
  candOf: Int32Array;
  /** Σ w·base: the objective with no new site. */
  baseTotal: number;
}

export interface CoreBuild {
  core: Core;
  /** Problem demand outside the norm that no candidate brings within it (coverage objectives). */
  unreachable: number[];
}

/** Effective current cost for p-median: current, or the penalty where no facility reaches the unit. */
export function effectiveCurrent(problem: PlanProblem, penalty: number): Float64Array {
  const cur = problem.demand.current;
  const out = new Float64Array(cur.length);
  for (let i = 0; i < cur.length; i++) out[i] = Number.isFinite(cur[i]!) ? cur[i]! : penalty;
  return out;
}

function hashRow(cands: Int32Array, costs: Float64Array, n: number, base: number): number {
  let h = 2166136261 ^ n;
  for (let k = 0; k < n; k++) {
    h = Math.imul(h ^ cands[k]!, 16777619);
    h = Math.imul(h ^ ((costs[k]! * 1024) | 0), 16777619);
  }
  h = Math.imul(h ^ ((base * 1024) | 0), 16777619);
  return h >>> 0;
}

/** Builds the reduced problem for an objective (drops covered / unreachable demand, merges identical rows). */
export function buildCore(problem: PlanProblem, objective: PlanObjective, penalty: number): CoreBuild {
  const { demand, structure } = problem;
  const t = transpose(structure);
  const coverageObj = objective !== 'p-median';
  const eff = coverageObj ? demand.current : effectiveCurrent(problem, penalty);

  const nC = structure.candidateCount;
  // Core demand rows, appended as we go.
  let rowCand = new Int32Array(Math.max(16, structure.demand.length));
  let rowCost = new Float64Array(Math.max(16, structure.demand.length));
  const rowStart: number[] = [0];
  const w: number[] = [];
  const base: number[] = [];
  const buckets = new Map<number, number[]>();
  const unreachable: number[] = [];
  const tmpC = new Int32Array(Math.max(1, nC));
  const tmpD = new Float64Array(Math.max(1, nC));

  for (let i = 0; i < demand.count; i++) {
    const wi = demand.weight[i]!;
    const cur = eff[i]!;
    const thr = demand.threshold[i]!;
    if (coverageObj && cur <= thr) continue; // already covered: counts as covered whatever we do
    let n = 0;
    for (let k = t.offsets[i]!; k < t.offsets[i + 1]!; k++) {
      const c = t.cost[k]!;
      if (coverageObj ? c <= thr : c < cur) {
        tmpC[n] = t.candidate[k]!;
        tmpD[n] = coverageObj ? 0 : c;
        n++;
      }
    }
    if (n === 0) {
      if (coverageObj) unreachable.push(i);
      continue;
    }
    if (!(wi > 0)) continue;
    const b = coverageObj ? 1 : cur;
    const h = hashRow(tmpC, tmpD, n, b);
    const list = buckets.get(h);
    let merged = -1;
    if (list) {
      for (const r of list) {
        const s = rowStart[r]!;
        if (rowStart[r + 1]! - s !== n || base[r] !== b) continue;
        let same = true;
        for (let k = 0; k < n && same; k++) same = rowCand[s + k] === tmpC[k] && rowCost[s + k] === tmpD[k];
        if (same) {
          merged = r;
          break;
        }
      }
    }
    if (merged >= 0) {
      w[merged]! += wi;
      continue;
    }
    const r = w.length;
    const s = rowStart[r]!;
    if (s + n > rowCand.length) {
      const nc = new Int32Array((s + n) * 2);
      nc.set(rowCand);
      rowCand = nc;
      const nd = new Float64Array((s + n) * 2);
      nd.set(rowCost);
      rowCost = nd;
    }
    rowCand.set(tmpC.subarray(0, n), s);
    rowCost.set(tmpD.subarray(0, n), s);
    rowStart.push(s + n);
    w.push(wi);
    base.push(b);
    if (list) list.push(r);
    else buckets.set(h, [r]);
  }

  return {
    core: assembleCore(nC, rowStart, rowCand, rowCost, w, base),
    unreachable,
  };
}

/** Binary max-heap of (key, id); ties go to the smaller id so runs are deterministic. */
class MaxHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }
  private above(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.ids[a]! < this.ids[b]!);
  }
  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const d = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = d;
  }
  push(key: number, id: number): void {
    let p = this.size++;
    this.keys[p] = key;
    this.ids[p] = id;
    while (p > 0) {
      const parent = (p - 1) >> 1;
      if (!this.above(p, parent)) break;
      this.swap(p, parent);
      p = parent;
    }
  }
  topKey(): number {
    return this.size > 0 ? this.keys[0]! : -Infinity;
  }
  topId(): number {
    return this.ids[0]!;
  }
  pop(): void {
    this.size--;
    if (this.size === 0) return;
    this.keys[0] = this.keys[this.size]!;
    this.ids[0] = this.ids[this.size]!;
    let p = 0;
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < this.size && this.above(l, m)) m = l;
      if (r < this.size && this.above(r, m)) m = r;
      if (m === p) break;
      this.swap(p, m);
      p = m;
    }
  }
}

/** Thrown when a run is cancelled through its AbortSignal. */
export function abortError(): Error {
  const e = new Error('The plan was cancelled.');
  e.name = 'AbortError';
  return e;
}

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
    const j = heap.topId();
    heap.pop();
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

/**
 * Assignment of core demand to the open set: best and second-best cost per unit (the base counts as an always-open
 * facility, id -1) and, per open candidate, the loss if it closed. Supports the swap moves of local search
 * (vertex substitution with the gain/loss/extra bookkeeping of Whitaker's fast interchange).
 */
export class Assignment {
  readonly open: Uint8Array;
  readonly b1: Float64Array;
  readonly b2: Float64Array;
  readonly n1: Int32Array;
  readonly loss: Float64Array;
  private stamp: Int32Array;
  private stampNo = 0;
  private affected: Int32Array;

  constructor(
    readonly core: Core,
    initial: Iterable<number>,
  ) {
    this.open = new Uint8Array(core.nC);
    for (const j of initial) this.open[j] = 1;
    this.b1 = new Float64Array(core.nD);
    this.b2 = new Float64Array(core.nD);
    this.n1 = new Int32Array(core.nD);
    this.loss = new Float64Array(core.nC);
    this.stamp = new Int32Array(core.nD);
    this.affected = new Int32Array(core.nD);
    for (let i = 0; i < core.nD; i++) {
      this.recompute(i);
      this.addLoss(i, 1);
    }
  }

  /** Σ w · best cost. */
  objective(): number {
    let s = 0;
    for (let i = 0; i < this.core.nD; i++) s += this.core.w[i]! * this.b1[i]!;
    return s;
  }

  openList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.core.nC; j++) if (this.open[j]) out.push(j);
    return out;
  }

  private recompute(i: number): void {
    const { tOffsets, tCand, tCost, base } = this.core;
    let best = base[i]!;
    let id = -1;
    let second = Infinity;
    for (let k = tOffsets[i]!; k < tOffsets[i + 1]!; k++) {
      const j = tCand[k]!;
      if (!this.open[j]) continue;
      const c = tCost[k]!;
      if (c < best) {
        second = best;
        best = c;
        id = j;
      } else if (c < second) second = c;
    }
    this.b1[i] = best;
    this.b2[i] = second;
    this.n1[i] = id;
  }

  private addLoss(i: number, sign: number): void {
    const j = this.n1[i]!;
    if (j >= 0) this.loss[j]! += sign * this.core.w[i]! * (this.b2[i]! - this.b1[i]!);
  }

  /** Opens `inC` (may be -1) and closes `outC` (may be -1), updating only the demand they reach. */
  change(inC: number, outC: number): void {
    const { offsets, demand } = this.core;
    this.stampNo++;
    let na = 0;
    for (const j of [inC, outC]) {
      if (j < 0) continue;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
        const i = demand[k]!;
        if (this.stamp[i] === this.stampNo) continue;
        this.stamp[i] = this.stampNo;
        this.affected[na++] = i;
      }
    }
    for (let a = 0; a < na; a++) this.addLoss(this.affected[a]!, -1);
    if (inC >= 0) this.open[inC] = 1;
    if (outC >= 0) {
      this.open[outC] = 0;
      this.loss[outC] = 0;
    }
    for (let a = 0; a < na; a++) {
      const i = this.affected[a]!;
      this.recompute(i);
      this.addLoss(i, 1);
    }
  }
}

export interface LocalSearchOptions {
  deadline: number;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Swap local search (vertex substitution): repeatedly finds a candidate k outside the set and a site j inside whose
 * exchange lowers Σ w·cost, and applies it, until a full pass finds none or the deadline passes.
 * Returns the number of swaps made. The set size never changes.
 */
export function swapSearch(a: Assignment, opts: LocalSearchOptions): { swaps: number; complete: boolean } {
  const core = a.core;
  const now = opts.now ?? (() => performance.now());
  const { offsets, demand, cost, w } = core;
  const extra = new Float64Array(core.nC);
  const touched = new Int32Array(core.nC);
  const eps = 1e-9 * Math.max(1, core.baseTotal);
  let swaps = 0;
  let sinceImprove = 0;
  let k = 0;
  let openList = a.openList();
  if (openList.length === 0 || openList.length === core.nC) return { swaps, complete: true };
  let checks = 0;
  while (sinceImprove < core.nC) {
    if ((++checks & 31) === 0) {
      if (opts.signal?.aborted) throw abortError();
      if (now() > opts.deadline) return { swaps, complete: false };
    }
    const cand = k;
    k = k + 1 === core.nC ? 0 : k + 1;
    sinceImprove++;
    if (a.open[cand]) continue;
    let gain = 0;
    let nt = 0;
    for (let p = offsets[cand]!; p < offsets[cand + 1]!; p++) {
      const i = demand[p]!;
      const c = cost[p]!;
      const b1 = a.b1[i]!;
      if (c < b1) gain += w[i]! * (b1 - c);
      const j = a.n1[i]!;
      const b2 = a.b2[i]!;
      if (j >= 0 && c < b2) {
        if (extra[j] === 0) touched[nt++] = j;
        extra[j]! += w[i]! * (b2 - (c > b1 ? c : b1));
      }
    }
    if (gain > eps) {
      let bestJ = -1;
      let bestVal = -Infinity;
      for (const j of openList) {
        const v = extra[j]! - a.loss[j]!;
        if (v > bestVal) {
          bestVal = v;
          bestJ = j;
        }
      }
      if (bestJ >= 0 && gain + bestVal > eps) {
        for (let t = 0; t < nt; t++) extra[touched[t]!] = 0;
        a.change(cand, bestJ);
        openList = a.openList();
        swaps++;
        sinceImprove = 0;
        continue;
      }
    }
    for (let t = 0; t < nt; t++) extra[touched[t]!] = 0;
  }
  return { swaps, complete: true };
}

/**
 * Drops dominated candidates before the MILP: j is dominated by k when k reaches every unit j reaches at no greater
 * cost (ties between identical candidates keep the lower index). Some optimal solution never uses a dominated
 * candidate (swap it for its dominator), so the optimum is unchanged for all three objectives. Demand rows that become
 * identical are merged again. `dominator` maps a problem candidate to the kept candidate that replaces it (itself when
 * kept, -1 when not in the core).
 */
export function pruneDominated(core: Core, signal?: AbortSignal): { core: Core; dominator: Int32Array } {
  const { nC, nD, offsets, demand, cost, tOffsets, tCand } = core;
  const dom = new Int32Array(nC).fill(-1);
  const stamp = new Int32Array(nD).fill(-1);
  const costJ = new Float64Array(nD);
  for (let j = 0; j < nC; j++) {
    if ((j & 255) === 0 && signal?.aborted) throw abortError();
    const s = offsets[j]!;
    const e = offsets[j + 1]!;
    const degJ = e - s;
    // Mark j's row; find its rarest unit (fewest candidates) to draw the possible dominators from.
    let rare = -1;
    let rareDeg = Infinity;
    for (let p = s; p < e; p++) {
      const i = demand[p]!;
      stamp[i] = j;
      costJ[i] = cost[p]!;
      const d = tOffsets[i + 1]! - tOffsets[i]!;
      if (d < rareDeg) {
        rareDeg = d;
        rare = i;
      }
    }
    if (rare < 0) continue;
    for (let q = tOffsets[rare]!; q < tOffsets[rare + 1]!; q++) {
      const k = tCand[q]!;
      if (k === j) continue;
      const degK = offsets[k + 1]! - offsets[k]!;
      if (degK < degJ) continue;
      let matched = 0;
      let strict = degK > degJ;
      let ok = true;
      for (let p = offsets[k]!; p < offsets[k + 1]!; p++) {
        const i = demand[p]!;
        if (stamp[i] !== j) continue;
        const c = cost[p]!;
        const cj = costJ[i]!;
        if (c > cj) {
          ok = false;
          break;
        }
        if (c < cj) strict = true;
        matched++;
      }
      if (!ok || matched !== degJ) continue;
      if (strict || k < j) {
        dom[j] = k;
        break;
      }
    }
  }
  // Follow chains to a kept candidate.
  const dominator = new Int32Array(core.candOf.length).fill(-1);
  for (let j = 0; j < nC; j++) {
    let k = j;
    let guard = 0;
    while (dom[k]! >= 0 && guard++ < nC) k = dom[k]!;
    dominator[core.cand[j]!] = core.cand[k]!;
  }
  // Rebuild rows over kept candidates (problem ids) and merge identical rows.
  const rowStart: number[] = [0];
  const rowCand: number[] = [];
  const rowCost: number[] = [];
  const w: number[] = [];
  const base: number[] = [];
  const buckets = new Map<number, number[]>();
  const tmpC = new Int32Array(Math.max(1, nC));
  const tmpD = new Float64Array(Math.max(1, nC));
  for (let i = 0; i < nD; i++) {
    let n = 0;
    for (let q = tOffsets[i]!; q < tOffsets[i + 1]!; q++) {
      const k = tCand[q]!;
      if (dom[k]! >= 0) continue;
      tmpC[n] = core.cand[k]!;
      tmpD[n] = core.tCost[q]!;
      n++;
    }
    const b = core.base[i]!;
    const h = hashRow(tmpC, tmpD, n, b);
    const list = buckets.get(h);
    let merged = -1;
    if (list) {
      for (const r of list) {
        const rs = rowStart[r]!;
        if (rowStart[r + 1]! - rs !== n || base[r] !== b) continue;
        let same = true;
        for (let k = 0; k < n && same; k++) same = rowCand[rs + k] === tmpC[k] && rowCost[rs + k] === tmpD[k];
        if (same) {
          merged = r;
          break;
        }
      }
    }
    if (merged >= 0) {
      w[merged]! += core.w[i]!;
      continue;
    }
    for (let k = 0; k < n; k++) {
      rowCand.push(tmpC[k]!);
      rowCost.push(tmpD[k]!);
    }
    rowStart.push(rowCand.length);
    const r = w.length;
    w.push(core.w[i]!);
    base.push(b);
    if (list) list.push(r);
    else buckets.set(h, [r]);
  }
  return { core: assembleCore(core.candOf.length, rowStart, rowCand, rowCost, w, base), dominator };
}

/** Builds a Core from demand rows whose candidates are problem candidate ids. */
function assembleCore(
  nCandProblem: number,
  rowStart: ArrayLike<number>,
  rowCand: ArrayLike<number>,
  rowCostIn: ArrayLike<number>,
  w: number[],
  base: number[],
): Core {
  const nD = w.length;
  const nnz = rowStart[nD]!;
  const candOf = new Int32Array(nCandProblem).fill(-1);
  const degree = new Int32Array(nCandProblem);
  for (let k = 0; k < nnz; k++) degree[rowCand[k]!]!++;
  const candList: number[] = [];
  for (let j = 0; j < nCandProblem; j++) {
    if (degree[j]! > 0) {
      candOf[j] = candList.length;
      candList.push(j);
    }
  }
  const cn = candList.length;
  const tOffsets = Int32Array.from({ length: nD + 1 }, (_, k) => rowStart[k]!);
  const tCand = new Int32Array(nnz);
  const tCost = Float64Array.from({ length: nnz }, (_, k) => rowCostIn[k]!);
  for (let k = 0; k < nnz; k++) tCand[k] = candOf[rowCand[k]!]!;
  const offsets = new Int32Array(cn + 1);
  for (let k = 0; k < nnz; k++) offsets[tCand[k]! + 1]!++;
  for (let j = 0; j < cn; j++) offsets[j + 1]! += offsets[j]!;
  const fill = offsets.slice(0, cn);
  const dem = new Int32Array(nnz);
  const cost = new Float64Array(nnz);
  for (let i = 0; i < nD; i++) {
    for (let k = tOffsets[i]!; k < tOffsets[i + 1]!; k++) {
      const p = fill[tCand[k]!]!++;
      dem[p] = i;
      cost[p] = tCost[k]!;
    }
  }
  const wArr = Float64Array.from(w);
  const baseArr = Float64Array.from(base);
  let baseTotal = 0;
  for (let i = 0; i < nD; i++) baseTotal += wArr[i]! * baseArr[i]!;
  return {
    nD,
    nC: cn,
    w: wArr,
    base: baseArr,
    offsets,
    demand: dem,
    cost,
    tOffsets,
    tCand,
    tCost,
    cand: Int32Array.from(candList),
    candOf,
    baseTotal,
  };
}
