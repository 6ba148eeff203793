/**
 * The reduced problem every method works on (heuristics over it: greedy.ts, swap.ts; dominance pruning: prune.ts).
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

/** FNV-style hash of a row (candidates, costs and base at 1/1024 resolution); equal rows hash equal. */
function hashRow(cands: Int32Array, costs: Float64Array, n: number, base: number): number {
  let h = 2166136261 ^ n;
  for (let k = 0; k < n; k++) {
    h = Math.imul(h ^ cands[k]!, 16777619);
    h = Math.imul(h ^ ((costs[k]! * 1024) | 0), 16777619);
  }
  h = Math.imul(h ^ ((base * 1024) | 0), 16777619);
  return h >>> 0;
}

/**
 * Core demand rows under construction: a row is its candidates, their costs and a base; a row identical to one
 * already added (found through its hash) merges into it, weights summed.
 */
export class RowTable {
  private rowCand: Int32Array;
  private rowCost: Float64Array;
  private readonly rowStart: number[] = [0];
  private readonly w: number[] = [];
  private readonly base: number[] = [];
  private readonly buckets = new Map<number, number[]>();

  /** `capacity`: expected number of (row, candidate) pairs (the storage grows past it). */
  constructor(capacity: number) {
    this.rowCand = new Int32Array(Math.max(16, capacity));
    this.rowCost = new Float64Array(Math.max(16, capacity));
  }

  /** Adds the row `cands[0..n)`, `costs[0..n)` with base `b` and weight `wi` (merged into an identical row). */
  add(cands: Int32Array, costs: Float64Array, n: number, b: number, wi: number): void {
    const { rowStart, base, w } = this;
    const h = hashRow(cands, costs, n, b);
    const list = this.buckets.get(h);
    if (list) {
      for (const r of list) {
        const s = rowStart[r]!;
        if (rowStart[r + 1]! - s !== n || base[r] !== b) continue;
        let same = true;
        for (let k = 0; k < n && same; k++) same = this.rowCand[s + k] === cands[k] && this.rowCost[s + k] === costs[k];
        if (same) {
          w[r]! += wi;
          return;
        }
      }
    }
    const r = w.length;
    const s = rowStart[r]!;
    if (s + n > this.rowCand.length) {
      const nc = new Int32Array((s + n) * 2);
      nc.set(this.rowCand);
      this.rowCand = nc;
      const nd = new Float64Array((s + n) * 2);
      nd.set(this.rowCost);
      this.rowCost = nd;
    }
    this.rowCand.set(cands.subarray(0, n), s);
    this.rowCost.set(costs.subarray(0, n), s);
    rowStart.push(s + n);
    w.push(wi);
    base.push(b);
    if (list) list.push(r);
    else this.buckets.set(h, [r]);
  }

  /** The Core over these rows, whose candidates are problem candidate ids (`nCandProblem` of them). */
  assemble(nCandProblem: number): Core {
    return assembleCore(nCandProblem, this.rowStart, this.rowCand, this.rowCost, this.w, this.base);
  }
}

/** Builds the reduced problem for an objective (drops covered / unreachable demand, merges identical rows). */
export function buildCore(problem: PlanProblem, objective: PlanObjective, penalty: number): CoreBuild {
  const { demand, structure } = problem;
  const t = transpose(structure);
  const coverageObj = objective !== 'p-median';
  const eff = coverageObj ? demand.current : effectiveCurrent(problem, penalty);

  const nC = structure.candidateCount;
  const rows = new RowTable(structure.demand.length);
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
    rows.add(tmpC, tmpD, n, coverageObj ? 1 : cur, wi);
  }

  return {
    core: rows.assemble(nC),
    unreachable,
  };
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
