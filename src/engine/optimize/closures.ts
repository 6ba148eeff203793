/**
 * Closures and existing units' availability, from the coverage engine's per-unit results:
 * - `facilityReach`: for each existing facility, the demand units within their norm (the travel formula with the
 *   facility type's turnout; built per type by buildStructureFromPoints — a KD-tree, never all pairs);
 * - `existingMissProb`: ∏(1 − a) over the active facilities within each unit's norm (expected coverage = 1 − it);
 * - `rankClosures`: for each facility, the population that falls outside the norm if it alone closed — only units
 *   whose nearest it is can lose coverage, and they fall back to their backup (the engine's second-nearest), so the
 *   figure equals removing the unit and recomputing — and the expected-coverage loss (its factor taken out of the
 *   product of the units within its norm).
 */
import { buildStructureFromPoints } from './structure';
import type { PlanResult } from './types';
import { FACILITY_TYPES, type DemandTable, type Facility, type FacilityType, type ModelParams } from '../types';

/** Units within the norm of each facility (CSR over the facility list given). */
export interface FacilityReach {
  offsets: Int32Array;
  units: Int32Array;
}

export interface ReachInput {
  demand: DemandTable;
  /** Facilities, in the order results refer to (null entries: removed slots, reach nothing). */
  facilities: readonly (Facility | null)[];
  /** 1 when the facility counts (active for the service: serves it, opened or planned with includePlanned, assumed only when counted). */
  active: ArrayLike<number>;
  params: ModelParams;
  /** Norm per demand unit of the whole table (normFor: minutes, or km in distance mode). */
  threshold: Float64Array;
}

/**
 * Units within each active facility's norm (time: turnout + travel ≤ norm; distance: km ≤ coverageKm). One KD-tree
 * pass for all facilities at the smallest turnout among them, then each pair is checked at its facility's turnout.
 */
export function facilityReach(input: ReachInput): FacilityReach {
  const { demand, facilities, params } = input;
  const list: number[] = [];
  let minType: FacilityType | null = null;
  const time = params.coverageMode !== 'distance';
  facilities.forEach((f, k) => {
    if (!f || !input.active[k]) return;
    list.push(k);
    if (minType === null || params.turnoutMin[f.type] < params.turnoutMin[minType]) minType = f.type;
  });
  const offsets = new Int32Array(facilities.length + 1);
  if (minType === null) return { offsets, units: new Int32Array(0) };
  const t0 = params.turnoutMin[minType];
  const s = buildStructureFromPoints({
    demand: { count: demand.count, lon: demand.lon, lat: demand.lat, urban: demand.urban },
    candidates: {
      count: list.length,
      lon: Float64Array.from(list, (k) => facilities[k]!.lon),
      lat: Float64Array.from(list, (k) => facilities[k]!.lat),
    },
    params,
    type: minType,
    maxCost: input.threshold,
    metric: time ? 'time' : 'distance',
  });
  const units = new Int32Array(s.demand.length);
  let n = 0;
  let r = 0;
  for (let k = 0; k < facilities.length; k++) {
    if (r < list.length && list[r] === k) {
      const extra = time ? params.turnoutMin[facilities[k]!.type] - t0 : 0;
      for (let p = s.offsets[r]!; p < s.offsets[r + 1]!; p++) {
        const i = s.demand[p]!;
        if (s.cost[p]! + extra <= input.threshold[i]!) units[n++] = i;
      }
      r++;
    }
    offsets[k + 1] = n;
  }
  return { offsets, units: units.slice(0, n) };
}

const TYPE_INDEX = new Map<FacilityType, number>(FACILITY_TYPES.map((t, k) => [t, k]));

/** Per unit and type: how many active facilities of the type are within the unit's norm (stride = type count). */
export function typeCounts(reach: FacilityReach, facilities: readonly (Facility | null)[], n: number): Int32Array {
  const T = FACILITY_TYPES.length;
  const counts = new Int32Array(n * T);
  for (let k = 0; k < facilities.length; k++) {
    const f = facilities[k];
    if (!f) continue;
    const t = TYPE_INDEX.get(f.type)!;
    for (let p = reach.offsets[k]!; p < reach.offsets[k + 1]!; p++) counts[reach.units[p]! * T + t]!++;
  }
  return counts;
}

/** ∏ (1 − a_t)^count_t of one unit. */
function missOf(counts: Int32Array, i: number, availability: Readonly<Record<FacilityType, number>>, minusType = -1): number {
  const T = FACILITY_TYPES.length;
  let q = 1;
  for (let t = 0; t < T; t++) {
    const c = counts[i * T + t]! - (t === minusType ? 1 : 0);
    if (c > 0) q *= (1 - Math.min(1, Math.max(0, availability[FACILITY_TYPES[t]!]))) ** c;
  }
  return q;
}

/**
 * ∏(1 − a) over the active facilities within each unit's norm (1 where none is), a = params.availability of the
 * facility's type; units assumed independently available.
 */
export function existingMissProb(input: ReachInput, reach = facilityReach(input)): Float64Array {
  const n = input.demand.count;
  const counts = typeCounts(reach, input.facilities, n);
  return Float64Array.from({ length: n }, (_, i) => missOf(counts, i, input.params.availability));
}

/** One row of the closure ranking. */
export interface ClosureRow {
  rank: number;
  /** Index into the facility list given. */
  slot: number;
  id: string;
  name: string;
  type: FacilityType;
  hromadaCode: string | null;
  lon: number;
  lat: number;
  /** People who fall outside the norm if this unit alone closes (their backup is beyond the norm or missing). */
  loss: number;
  /** Of them, in the scope. */
  lossInScope: number;
  /** Demand units that would fall outside the norm. */
  unitsLost: number;
  /** Expected people within the norm lost (availability; independence assumed). */
  expectedLoss: number;
  /** People whose first-due unit it is. */
  firstDue: number;
  assumed: boolean;
}

export interface ClosuresInput extends ReachInput {
  /** The engine's per-unit results for the service: nearest and backup slots and their ranking metric. */
  nearest: Int32Array;
  backup: Int32Array;
  /** Ranking metric of nearest / backup (minutes; km in distance mode); Infinity when none. */
  m1: Float64Array;
  m2: Float64Array;
  /** Which facilities to rank (e.g. of a type, standing in the scope). */
  rank: (slot: number) => boolean;
  /** Units counted (1 = yes): e.g. all but occupied territory. Default all. */
  counted?: Uint8Array;
  /** Units of the scope (1 = yes), for lossInScope. Default all counted. */
  inScope?: Uint8Array;
  /**
   * Units within each facility's norm, for the expected loss. Default the straight line ({@link facilityReach}); by
   * road: facilityReachByRoad (road-closures.ts), the engine's nearest/backup being by road already.
   */
  reach?: FacilityReach;
}

/**
 * Ranks facilities by the population that would fall outside the norm if each alone closed (ties: larger expected
 * loss, then slot). Exact for "covered once": a unit whose nearest is f falls back to its backup; any other unit
 * keeps its nearest. Under any travel model whose nearest/backup are given (the engine's, by road too); each closure
 * is ranked alone (the others stay open), as the straight-line ranking always has.
 */
export function rankClosures(input: ClosuresInput): ClosureRow[] {
  const { demand, facilities, threshold, nearest, backup, m1, m2 } = input;
  const n = demand.count;
  const F = facilities.length;
  const loss = new Float64Array(F);
  const lossIn = new Float64Array(F);
  const unitsLost = new Int32Array(F);
  const firstDue = new Float64Array(F);
  const counted = input.counted;
  const inScope = input.inScope;
  for (let i = 0; i < n; i++) {
    if (counted && !counted[i]) continue;
    const f = nearest[i]!;
    if (f < 0) continue;
    const w = demand.population[i]!;
    firstDue[f]! += w;
    if (m1[i]! <= threshold[i]! && !(backup[i]! >= 0 && m2[i]! <= threshold[i]!)) {
      loss[f]! += w;
      unitsLost[f]!++;
      if (!inScope || inScope[i]) lossIn[f]! += w;
    }
  }
  const reach = input.reach ?? facilityReach(input);
  const counts = typeCounts(reach, facilities, n);
  const av = input.params.availability;
  const rows: ClosureRow[] = [];
  for (let k = 0; k < F; k++) {
    const f = facilities[k];
    if (!f || !input.active[k] || !input.rank(k)) continue;
    const t = TYPE_INDEX.get(f.type)!;
    let expectedLoss = 0;
    for (let p = reach.offsets[k]!; p < reach.offsets[k + 1]!; p++) {
      const i = reach.units[p]!;
      if (counted && !counted[i]) continue;
      expectedLoss += demand.population[i]! * (missOf(counts, i, av, t) - missOf(counts, i, av));
    }
    rows.push({
      rank: 0,
      slot: k,
      id: f.id,
      name: f.name,
      type: f.type,
      hromadaCode: f.hromadaCode,
      lon: f.lon,
      lat: f.lat,
      loss: loss[k]!,
      lossInScope: lossIn[k]!,
      unitsLost: unitsLost[k]!,
      expectedLoss,
      firstDue: firstDue[k]!,
      assumed: f.placement === 'illustrative',
    });
  }
  rows.sort((a, b) => b.loss - a.loss || b.expectedLoss - a.expectedLoss || a.slot - b.slot);
  rows.forEach((r, k) => (r.rank = k + 1));
  return rows;
}

/** What a closure ranking's loss and expected loss mean (the notes of its PlanResult). */
export const CLOSURE_NOTES: readonly string[] = [
  'Loss = people who fall outside the norm if this unit alone closes (their next-nearest unit is beyond the norm or missing).',
  'Expected loss = fall in expected people within the norm (unit availability by type, independence assumed).',
];

/**
 * A PlanResult carrying a closure ranking's headline (no sites: the ranking itself is the rows), for the CLI and the
 * worker alike. `weight`: the population the ranking speaks of (0 when not given).
 */
export function closuresPlanResult(rows: readonly ClosureRow[], opts: { timeMs: number; weight?: number; notes?: string[] }): PlanResult {
  const notes = opts.notes ?? [...CLOSURE_NOTES];
  return {
    objective: 'closures',
    method: 'heuristic',
    objectiveValue: rows[0]?.loss ?? 0,
    improvement: 0,
    gap: 0,
    bound: null,
    status: 'ranked',
    sites: [],
    curve: [],
    scope: {
      demandCount: 0,
      weight: opts.weight ?? 0,
      coveredBefore: NaN,
      coveredAfter: NaN,
      coveredCountAfter: 0,
      uncoveredCountAfter: 0,
      meanCostBefore: NaN,
      meanCostAfter: NaN,
      unreachedCount: 0,
    },
    unreachable: [],
    unreachableWeight: 0,
    reduced: { demand: 0, candidates: rows.length, pairs: 0 },
    timeMs: opts.timeMs,
    notes,
    measure: 'people who fall outside the norm if the unit alone closes',
    assumptions: notes.slice(0, 2),
  };
}
