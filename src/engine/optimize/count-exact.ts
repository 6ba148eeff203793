/**
 * Exact solution of a count instance (count.ts) as a MILP through HiGHS, x_j ∈ {0,1} opens candidate j, Nᵢ the
 * candidates reaching unit i:
 * - threshold, need 1:  max Σ wᵢyᵢ, yᵢ ≤ Σ_{Nᵢ} x_j, 0 ≤ yᵢ ≤ 1;
 * - threshold, need r ≥ 2 (covered twice): yᵢ ∈ {0,1}, r·yᵢ ≤ Σ_{Nᵢ} x_j;
 * - geometric (expected coverage, every site with miss factor q): levels y_ik ∈ [0,1], k = 1..Kᵢ (Kᵢ = min(|Nᵢ|,
 *   most sites)), Σ_k y_ik ≤ Σ_{Nᵢ} x_j, objective Σ wᵢ(1 − q)q^(k−1) y_ik — the coefficients fall with k, so for
 *   integer x the best y fills the first Σx levels and the value is wᵢ(1 − q^kᵢ) exactly.
 * Side constraints by objective: Σ x ≤ p (backup, expected); Σ cost·x ≤ B and one item per site (budget);
 * Σ x ≤ |E| and Σ_{new sites} x ≤ K (relocate: the existing units are candidates that start open).
 */
import type { HighsLoader } from './exact';
import { MilpBuilder, solveMilp } from './milp';
import type { CountInstance } from './count';

/** Linear side constraints on x. */
export interface CountSide {
  /** Σ x ≤ maxOpen. */
  maxOpen?: number;
  /** Σ cost_j x_j ≤ budget. */
  cost?: Float64Array;
  budget?: number;
  /** Items of one group exclude each other (group per candidate). */
  group?: Int32Array;
  /** Σ_{j: newSite[j]} x_j ≤ maxNew (relocate). */
  newSite?: Uint8Array;
  maxNew?: number;
}

export interface CountExactInput {
  inst: CountInstance;
  side: CountSide;
  /** Heuristic solution (candidate indices), HiGHS's starting incumbent. */
  start: number[];
  timeLimitSec: number;
  mipRelGap?: number;
  onProgress?: (p: { incumbent?: number; bound?: number; gap?: number; seconds?: number }) => void;
  shouldInterrupt?: () => boolean;
  loader?: HighsLoader;
}

export interface CountExactOutput {
  open: number[];
  /** Value Σ vᵢ of HiGHS's best solution, its proven upper bound and relative gap. */
  objective: number;
  bound: number;
  gap: number;
  status: string;
  hasSolution: boolean;
}

/** Builds and solves the MILP of a count instance. */
export async function solveCountExact(input: CountExactInput): Promise<CountExactOutput> {
  const { inst, side } = input;
  const b = new MilpBuilder();
  const startOpen = new Uint8Array(inst.nC);
  for (const j of input.start) startOpen[j] = 1;
  for (let j = 0; j < inst.nC; j++) b.col(0, 0, 1, true, startOpen[j]!);
  const maxK = side.maxOpen ?? inst.nC;
  for (let i = 0; i < inst.nD; i++) {
    let k0 = 0;
    for (let k = inst.tOffsets[i]!; k < inst.tOffsets[i + 1]!; k++) k0 += startOpen[inst.tCand[k]!]!;
    const deg = inst.tOffsets[i + 1]! - inst.tOffsets[i]!;
    const w = inst.w[i]!;
    if (inst.mode === 'threshold') {
      const r = inst.need[i]!;
      const y = b.col(w, 0, 1, r > 1, k0 >= r ? 1 : 0);
      b.entry(y, r);
    } else {
      const K = Math.min(deg, maxK);
      for (let k = 1; k <= K; k++) {
        const y = b.col(w * (1 - inst.q) * inst.q ** (k - 1), 0, 1, false, k <= k0 ? 1 : 0);
        b.entry(y, 1);
      }
    }
    for (let k = inst.tOffsets[i]!; k < inst.tOffsets[i + 1]!; k++) b.entry(inst.tCand[k]!, -1);
    b.row(-Infinity, 0);
  }
  if (side.maxOpen !== undefined) {
    for (let j = 0; j < inst.nC; j++) b.entry(j, 1);
    b.row(-Infinity, side.maxOpen);
  }
  if (side.cost && side.budget !== undefined) {
    for (let j = 0; j < inst.nC; j++) if (side.cost[j]! !== 0) b.entry(j, side.cost[j]!);
    b.row(-Infinity, side.budget);
  }
  if (side.group) {
    const members = new Map<number, number[]>();
    for (let j = 0; j < inst.nC; j++) {
      const g = side.group[j]!;
      const l = members.get(g);
      if (l) l.push(j);
      else members.set(g, [j]);
    }
    for (const l of members.values()) {
      if (l.length < 2) continue;
      for (const j of l) b.entry(j, 1);
      b.row(-Infinity, 1);
    }
  }
  if (side.newSite && side.maxNew !== undefined) {
    for (let j = 0; j < inst.nC; j++) if (side.newSite[j]) b.entry(j, 1);
    b.row(-Infinity, side.maxNew);
  }
  const out = await solveMilp(b, {
    maximize: true,
    timeLimitSec: input.timeLimitSec,
    mipRelGap: input.mipRelGap,
    onProgress: input.onProgress,
    shouldInterrupt: input.shouldInterrupt,
    loader: input.loader,
    useStart: input.start.length > 0,
  });
  const open: number[] = [];
  if (out.hasSolution) for (let j = 0; j < inst.nC; j++) if (out.x[j]! > 0.5) open.push(j);
  return {
    open,
    objective: out.objective,
    bound: out.bound,
    gap: out.gap,
    status: out.status,
    hasSolution: out.hasSolution,
  };
}
