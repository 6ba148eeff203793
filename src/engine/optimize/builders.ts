/**
 * Problem builders for the budget and relocate objectives over the app's tables (buildPointsProblem does the rest):
 * - `buildBudgetProblem`: every candidate site once per facility type with a cost (items of one site exclude each
 *   other), each type with its own turnout;
 * - `buildRelocateProblem`: the movable existing units (their rows: what they reach where they stand) followed by the
 *   candidate sites they may move to; `current` must come from the units that stay.
 */
import { buildPointsProblem, type PointsProblemInput } from './points-problem';
import { buildStructureFromPoints, CsrBuilder } from './structure';
import type { CoverageStructure, PlanProblem } from './types';
import type { Facility, FacilityType } from '../types';

/** Concatenates candidate lists of problems over the same demand (rows of each in order). */
function concatStructures(parts: CoverageStructure[], demandCount: number): CoverageStructure {
  const total = parts.reduce((s, p) => s + p.candidateCount, 0);
  const nnz = parts.reduce((s, p) => s + p.demand.length, 0);
  const b = new CsrBuilder(total, demandCount, nnz);
  for (const p of parts) {
    for (let j = 0; j < p.candidateCount; j++) {
      for (let k = p.offsets[j]!; k < p.offsets[j + 1]!; k++) b.push(p.demand[k]!, p.cost[k]!);
      b.endRow();
    }
  }
  return b.finish(Math.max(0, ...parts.map((p) => p.reach)));
}

export interface BudgetProblemInput extends Omit<PointsProblemInput, 'type' | 'objective'> {
  /** Types to choose from, each with its cost (million UAH, > 0 finite). */
  types: { type: FacilityType; cost: number }[];
}

/** A budget problem: candidate items = sites × types, with costs and one unit per site. */
export function buildBudgetProblem(input: BudgetProblemInput): PlanProblem {
  if (input.types.length === 0) throw new Error('budget: no facility type with a cost (give --cost TYPE=M).');
  for (const t of input.types) {
    if (!(t.cost > 0) || !Number.isFinite(t.cost)) throw new Error(`budget: cost of ${t.type} must be a number > 0, got ${t.cost}.`);
  }
  const parts = input.types.map((t) => buildPointsProblem({ ...input, type: t.type, objective: 'budget' }));
  const first = parts[0]!;
  const m = first.candidates.count;
  const c = first.candidates;
  const rep = <T>(a: ArrayLike<T>): T[] => parts.flatMap(() => Array.from(a));
  return {
    ...first,
    candidates: {
      count: m * parts.length,
      ids: parts.flatMap((_, k) => c.ids.map((id) => (parts.length > 1 ? `${id}:${input.types[k]!.type}` : id))),
      names: rep(c.names),
      hromadaCodes: rep(c.hromadaCodes),
      lon: Float64Array.from(rep(c.lon)),
      lat: Float64Array.from(rep(c.lat)),
      estimated: c.estimated ? Uint8Array.from(rep(c.estimated)) : undefined,
      types: input.types.flatMap((t) => new Array<FacilityType>(m).fill(t.type)),
      cost: Float64Array.from(input.types.flatMap((t) => new Array<number>(m).fill(t.cost))),
      site: Int32Array.from({ length: m * parts.length }, (_, k) => k % m),
    },
    structure: concatStructures(
      parts.map((p) => p.structure),
      first.demand.count,
    ),
    facilityType: parts.length === 1 ? input.types[0]!.type : null,
  };
}

export interface RelocateProblemInput extends Omit<PointsProblemInput, 'objective'> {
  /** Existing units of `type` that may move (their coordinates; they are not in `current`). */
  movable: Facility[];
}

/** A relocate problem: the movable units first (candidates.existing = 1), then the candidate sites. */
export function buildRelocateProblem(input: RelocateProblemInput): PlanProblem {
  const sites = buildPointsProblem({ ...input, objective: 'relocate' });
  const mv = input.movable;
  const d = sites.demand;
  // The demand points of the problem (the scope without occupied hromadas), in problem order.
  const index = new Map(input.demand.ids.map((id, i) => [id, i]));
  const rows = d.ids.map((id) => index.get(id)!);
  const own = buildStructureFromPoints({
    demand: {
      count: d.count,
      lon: Float64Array.from(rows, (i) => input.demand.lon[i]!),
      lat: Float64Array.from(rows, (i) => input.demand.lat[i]!),
      urban: Uint8Array.from(rows, (i) => input.demand.urban[i]!),
    },
    candidates: { count: mv.length, lon: Float64Array.from(mv, (f) => f.lon), lat: Float64Array.from(mv, (f) => f.lat) },
    params: input.params,
    type: input.type,
    maxCost: d.threshold,
    metric: input.params.coverageMode === 'distance' ? 'distance' : 'time',
  });
  const c = sites.candidates;
  const m = c.count;
  return {
    ...sites,
    candidates: {
      count: mv.length + m,
      ids: [...mv.map((f) => f.id), ...c.ids],
      names: [...mv.map((f) => f.name), ...c.names],
      hromadaCodes: [...mv.map((f) => f.hromadaCode), ...c.hromadaCodes],
      lon: Float64Array.from([...mv.map((f) => f.lon), ...c.lon]),
      lat: Float64Array.from([...mv.map((f) => f.lat), ...c.lat]),
      estimated: Uint8Array.from([...mv.map((f) => (f.placement === 'illustrative' ? 1 : 0)), ...(c.estimated ?? new Uint8Array(m))]),
      existing: Uint8Array.from({ length: mv.length + m }, (_, k) => (k < mv.length ? 1 : 0)),
    },
    structure: concatStructures([own, sites.structure], d.count),
  };
}
