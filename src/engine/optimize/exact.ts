/**
 * Exact solution of the reduced problem as a MILP through HiGHS (WebAssembly, npm `highs`).
 *
 * Formulations on the core (see core.ts), x_j ∈ {0,1} opens core candidate j:
 * - coverage (MCLP):        max Σ wᵢyᵢ   s.t. yᵢ ≤ Σ_{j∈Nᵢ} x_j, Σ x_j ≤ p, 0 ≤ yᵢ ≤ 1
 * - min-facilities, all:    min Σ x_j    s.t. Σ_{j∈Nᵢ} x_j ≥ 1
 * - min-facilities, share:  min Σ x_j    s.t. yᵢ ≤ Σ_{j∈Nᵢ} x_j, Σ wᵢyᵢ ≥ T, 0 ≤ yᵢ ≤ 1
 * - p-median (Elloumi's formulation): for unit i with distinct candidate costs a₁ < … < a_K below its base
 *   a_{K+1} = baseᵢ: cost = a₁ + Σ_k (a_{k+1} − a_k) u_ik, where u_ik = 1 when no open candidate costs ≤ a_k;
 *   written in chained form u_ik ≥ u_i(k−1) − Σ_{j: c_ij = a_k} x_j (u_i0 = 1, u ≥ 0), which has one matrix entry
 *   per pair and the same LP bound as u_ik ≥ 1 − Σ_{j: c_ij ≤ a_k} x_j; min Σ wᵢ·costᵢ s.t. Σ x_j ≤ p.
 * HiGHS's solve is synchronous: the AbortSignal can only be honoured before and after it. Inside, `shouldInterrupt`
 * is polled from HiGHS's interrupt callback; in the page, run this in the worker and terminate the worker to cancel.
 */
import type { Core } from './core';
import { MilpBuilder, solveMilp } from './milp';

export { defaultHighsLoader, type HighsLoader } from './milp';
import type { HighsLoader } from './milp';

export type ExactKind = 'coverage' | 'cover-all' | 'cover-share' | 'p-median';

export interface ExactInput {
  core: Core;
  kind: ExactKind;
  /** Sites allowed (coverage, p-median). */
  p?: number;
  /** Core weight that must become covered (cover-share). */
  needed?: number;
  /** Heuristic solution (core candidates) given to HiGHS as a starting incumbent. */
  start?: number[];
  timeLimitSec: number;
  mipRelGap?: number;
  onProgress?: (p: { incumbent?: number; bound?: number; gap?: number; seconds?: number }) => void;
  shouldInterrupt?: () => boolean;
  loader?: HighsLoader;
}

export interface ExactOutput {
  /** Core candidates opened by the best solution HiGHS found (empty if none). */
  open: number[];
  /** HiGHS objective of that solution (problem terms: covered weight, sites, or Σ w·cost). */
  objective: number;
  /** Best proven bound on the objective. */
  bound: number;
  /** HiGHS's relative gap |objective − bound| / |objective| (0 when proven optimal). */
  gap: number;
  status: string;
  hasSolution: boolean;
  seconds: number;
}


/** Builds and solves the MILP. Resolves with HiGHS's best solution, bound and gap. */
export async function solveExact(input: ExactInput): Promise<ExactOutput> {
  const { core, kind } = input;
  const nC = core.nC;
  const cols: { cost: number[]; lower: number[]; upper: number[]; integ: number[] } = {
    cost: [],
    lower: [],
    upper: [],
    integ: [],
  };
  for (let j = 0; j < nC; j++) {
    cols.cost.push(kind === 'cover-all' || kind === 'cover-share' ? 1 : 0);
    cols.lower.push(0);
    cols.upper.push(1);
    cols.integ.push(1);
  }
  // Rows in CSR.
  const starts: number[] = [0];
  const idx: number[] = [];
  const val: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const inf = Infinity;
  let offset = 0;
  const endRow = (lo: number, up: number): void => {
    // HiGHS rejects duplicate column indices in a row: rows here never repeat a column.
    starts.push(idx.length);
    rowLower.push(lo);
    rowUpper.push(up);
  };
  const startSol = new Uint8Array(nC);
  for (const j of input.start ?? []) startSol[j] = 1;
  const colStart: number[] = Array.from(startSol);

  if (kind === 'coverage' || kind === 'cover-share') {
    const y0 = nC;
    for (let i = 0; i < core.nD; i++) {
      cols.cost.push(kind === 'coverage' ? core.w[i]! : 0);
      cols.lower.push(0);
      cols.upper.push(1);
      cols.integ.push(0);
      let covered = 0;
      idx.push(y0 + i);
      val.push(1);
      for (let k = core.tOffsets[i]!; k < core.tOffsets[i + 1]!; k++) {
        idx.push(core.tCand[k]!);
        val.push(-1);
        if (startSol[core.tCand[k]!]) covered = 1;
      }
      colStart.push(covered);
      endRow(-inf, 0);
    }
    if (kind === 'coverage') {
      for (let j = 0; j < nC; j++) {
        idx.push(j);
        val.push(1);
      }
      endRow(-inf, input.p ?? 0);
    } else {
      for (let i = 0; i < core.nD; i++) {
        idx.push(y0 + i);
        val.push(core.w[i]!);
      }
      endRow(input.needed ?? 0, inf);
    }
  } else if (kind === 'cover-all') {
    for (let i = 0; i < core.nD; i++) {
      for (let k = core.tOffsets[i]!; k < core.tOffsets[i + 1]!; k++) {
        idx.push(core.tCand[k]!);
        val.push(1);
      }
      endRow(1, inf);
    }
  } else {
    // p-median, Elloumi's levels in chained form (linear size, same LP bound):
    //   u_i0 = 1 (implicit), u_ik + Σ_{j: c_ij = a_k} x_j ≥ u_i(k-1), u ≥ 0.
    for (let i = 0; i < core.nD; i++) {
      const s = core.tOffsets[i]!;
      const e = core.tOffsets[i + 1]!;
      const order: number[] = [];
      for (let k = s; k < e; k++) order.push(k);
      order.sort((a, b) => core.tCost[a]! - core.tCost[b]!);
      const wi = core.w[i]!;
      const levels: number[] = [];
      for (const k of order) {
        const c = core.tCost[k]!;
        if (levels.length === 0 || c > levels[levels.length - 1]!) levels.push(c);
      }
      levels.push(core.base[i]!);
      offset += wi * levels[0]!;
      let best = core.base[i]!;
      for (const k of order) if (startSol[core.tCand[k]!] && core.tCost[k]! < best) best = core.tCost[k]!;
      let ptr = 0;
      let prevCol = -1;
      for (let l = 0; l + 1 < levels.length; l++) {
        const a = levels[l]!;
        const col = cols.cost.length;
        cols.cost.push(wi * (levels[l + 1]! - a));
        cols.lower.push(0);
        cols.upper.push(1);
        cols.integ.push(0);
        colStart.push(best > a ? 1 : 0);
        idx.push(col);
        val.push(1);
        while (ptr < order.length && core.tCost[order[ptr]!]! <= a) {
          idx.push(core.tCand[order[ptr]!]!);
          val.push(1);
          ptr++;
        }
        if (prevCol >= 0) {
          idx.push(prevCol);
          val.push(-1);
          endRow(0, inf);
        } else endRow(1, inf);
        prevCol = col;
      }
    }
    for (let j = 0; j < nC; j++) {
      idx.push(j);
      val.push(1);
    }
    endRow(-inf, input.p ?? 0);
  }

  // The same HiGHS run as the count objectives (milp.ts): time limit, start, progress, interrupt, bound and gap.
  const b = new MilpBuilder();
  // Appended element by element: a spread (`push(...a)`) passes every element as an argument and overflows the
  // call stack past ~100,000 of them (an oblast's p-median over cells has millions of entries).
  appendAll(b.cost, cols.cost);
  appendAll(b.lower, cols.lower);
  appendAll(b.upper, cols.upper);
  appendAll(b.integ, cols.integ);
  appendAll(b.start, colStart);
  b.starts.length = 0;
  appendAll(b.starts, starts);
  appendAll(b.idx, idx);
  appendAll(b.val, val);
  appendAll(b.rowLower, rowLower);
  appendAll(b.rowUpper, rowUpper);
  const out = await solveMilp(b, {
    maximize: kind === 'coverage',
    offset,
    timeLimitSec: input.timeLimitSec,
    ...(input.mipRelGap !== undefined ? { mipRelGap: input.mipRelGap } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.shouldInterrupt ? { shouldInterrupt: input.shouldInterrupt } : {}),
    ...(input.loader ? { loader: input.loader } : {}),
    useStart: (input.start?.length ?? 0) > 0,
  });
  const open: number[] = [];
  for (let j = 0; j < nC; j++) if (out.x[j]! > 0.5) open.push(j);
  const { x: _x, ...rest } = out;
  return { open, ...rest, objective: Number.isFinite(out.objective) ? out.objective : NaN };
}

/** Appends `src` to `dst` in place, however long `src` is. */
export function appendAll(dst: number[], src: ArrayLike<number>): void {
  const n = dst.length;
  dst.length = n + src.length;
  for (let k = 0; k < src.length; k++) dst[n + k] = src[k]!;
}
