/**
 * The count objectives' reduced problem (backup-coverage, expected-coverage, budget, relocate).
 *
 * Each is Σᵢ vᵢ(kᵢ) over demand units, kᵢ = number of chosen candidates that reach unit i (within the pair limit of
 * the objective), with
 * - `threshold` mode: vᵢ(k) = wᵢ·[k ≥ needᵢ] (need 1: covered within the norm; need 2: covered twice);
 * - `geometric` mode: vᵢ(k) = wᵢ·(1 − qᵏ) (expected coverage: wᵢ = weight × existing miss probability, q = 1 − a).
 * The marginal value of the (k+1)-th reaching site is gᵢ(k) = vᵢ(k+1) − vᵢ(k).
 *
 * The instance keeps every problem candidate (its index is the problem's) and only demand units that can gain,
 * with identical rows (same candidates, same need) merged when asked. The open set with its bookkeeping is
 * count-state.ts; the heuristics (lazy greedy, swap local search) are count-search.ts.
 */
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
export function qPowOf(inst: CountInstance, k: number): number {
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
