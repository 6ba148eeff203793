/** Building a PlanProblem from a long travel-cost matrix made elsewhere (`facility_id,demand_id,cost`). */
import { buildStructureFromEntries } from './structure';
import type { PlanObjective, PlanProblem } from './types';

/** One row of a long matrix `facility_id,demand_id,cost`. */
export interface MatrixRow {
  facilityId: string;
  demandId: string;
  cost: number;
}

export interface MatrixProblemInput {
  rows: MatrixRow[];
  /** Demand weights; default every demand id in the matrix with weight 1. Ids here but not in the matrix are unreachable. */
  demand?: { id: string; weight: number; name?: string }[];
  /** Coverage threshold in the matrix's unit. */
  radius: number;
  /** Facilities that stay open (existing); every other matrix facility is a candidate. */
  fixed?: string[];
  objective: PlanObjective;
  unit?: string;
  /** backup-coverage: second-unit threshold in the matrix unit (default radius). */
  radius2?: number;
  /**
   * expected-coverage: availability of every fixed facility (`--availability Q`); the problem's currentMissProb is
   * ∏(1 − Q) over the fixed facilities within the radius. Default: not set (see PlanProblem.demand.currentMissProb).
   */
  availability?: number;
}

/**
 * Builds a PlanProblem from a matrix made elsewhere: current cost = the cheapest fixed facility (Infinity if none);
 * candidates = matrix facilities not fixed; coverage objectives keep pairs with cost ≤ radius, p-median keeps all.
 * Throws naming the id when a matrix demand id is not in the demand list or a fixed id is not in the matrix.
 */
export function buildMatrixProblem(input: MatrixProblemInput): PlanProblem {
  if (!(input.radius >= 0) || !Number.isFinite(input.radius))
    throw new Error(`radius must be a number ≥ 0, got ${input.radius}.`);
  const demandIndex = new Map<string, number>();
  const ids: string[] = [];
  const names: string[] = [];
  const weights: number[] = [];
  if (input.demand) {
    for (const d of input.demand) {
      if (demandIndex.has(d.id)) throw new Error(`Demand id ${d.id} is listed twice.`);
      demandIndex.set(d.id, ids.length);
      ids.push(d.id);
      names.push(d.name ?? '');
      weights.push(d.weight);
    }
  }
  const facIndex = new Map<string, number>();
  const facIds: string[] = [];
  for (const r of input.rows) {
    if (!Number.isFinite(r.cost) || r.cost < 0)
      throw new Error(`Matrix pair ${r.facilityId} → ${r.demandId}: cost ${r.cost} is not a number ≥ 0.`);
    if (!demandIndex.has(r.demandId)) {
      if (input.demand) throw new Error(`Matrix demand id ${r.demandId} is not in the demand file.`);
      demandIndex.set(r.demandId, ids.length);
      ids.push(r.demandId);
      names.push('');
      weights.push(1);
    }
    if (!facIndex.has(r.facilityId)) {
      facIndex.set(r.facilityId, facIds.length);
      facIds.push(r.facilityId);
    }
  }
  const fixed = new Set(input.fixed ?? []);
  for (const f of fixed) if (!facIndex.has(f)) throw new Error(`Fixed facility ${f} is not in the matrix.`);
  const candIds = facIds.filter((f) => !fixed.has(f));
  const candIndex = new Map(candIds.map((f, k) => [f, k]));
  const n = ids.length;
  const current = new Float64Array(n).fill(Infinity);
  const current2 = new Float64Array(n).fill(Infinity);
  const miss = new Float64Array(n).fill(1);
  const q = input.availability === undefined ? 1 : 1 - Math.min(1, Math.max(0, input.availability));
  const radius2 = input.radius2 ?? input.radius;
  const entries: { facility: number; demand: number; cost: number }[] = [];
  const seenFixed = new Set<string>();
  for (const r of input.rows) {
    const i = demandIndex.get(r.demandId)!;
    if (fixed.has(r.facilityId)) {
      // A duplicate (facility, demand) pair counts once, at its smallest cost.
      const key = `${r.facilityId}\u0000${i}`;
      if (seenFixed.has(key)) {
        if (r.cost < current[i]!) current[i] = r.cost;
        continue;
      }
      seenFixed.add(key);
      if (r.cost < current[i]!) {
        current2[i] = current[i]!;
        current[i] = r.cost;
      } else if (r.cost < current2[i]!) current2[i] = r.cost;
      if (r.cost <= input.radius) miss[i]! *= q;
    } else {
      entries.push({ facility: candIndex.get(r.facilityId)!, demand: i, cost: r.cost });
    }
  }
  const structure = buildStructureFromEntries(
    candIds.length,
    n,
    entries,
    input.objective === 'p-median'
      ? Infinity
      : input.objective === 'backup-coverage'
        ? Math.max(input.radius, radius2)
        : input.radius,
  );
  const m = candIds.length;
  return {
    demand: {
      count: n,
      ids,
      names,
      weight: Float64Array.from(weights),
      current,
      threshold: new Float64Array(n).fill(input.radius),
      ...(input.objective === 'backup-coverage' ? { current2, threshold2: new Float64Array(n).fill(radius2) } : {}),
      ...(input.availability !== undefined ? { currentMissProb: miss } : {}),
    },
    candidates: {
      count: m,
      ids: candIds,
      names: candIds.slice(),
      hromadaCodes: new Array<string | null>(m).fill(null),
      lon: new Float64Array(m).fill(NaN),
      lat: new Float64Array(m).fill(NaN),
    },
    structure,
    unit: input.unit ?? 'cost',
    facilityType: null,
  };
}
