/**
 * What each count objective (backup-coverage, expected-coverage, budget, relocate) asks of a PlanProblem: the count
 * instance's coefficients, needs and pair limits, the MILP's side constraints, the weight already counted before any
 * change, and the plain-language statement of what it measures and assumes. Throws naming what is missing.
 */
import type { CountSpec } from './count';
import type { CountSide } from './count-exact';
import type { CountObjective, PlanOptions, PlanProblem } from './types';

export interface CountSetup {
  objective: CountObjective;
  spec: Omit<CountSpec, 'merge'>;
  side: CountSide;
  /** Weight counted whatever is chosen (covered already; for relocate: covered by the units that stay). */
  base: number;
  /** Problem units that need more than the candidates can give (threshold objectives). */
  unreachable: number[];
  /** Sites to open (backup, expected). */
  p: number;
  /** relocate: the existing movable units (open at the start). */
  existing: number[];
  /** relocate: most moves. */
  moves: number;
  /** budget: the budget, cost per item and group per item. */
  budget: number;
  cost: Float64Array | null;
  group: Int32Array | null;
  measure: string;
  assumptions: string[];
  notes: string[];
}

const sumW = (problem: PlanProblem, pred: (i: number) => boolean): number => {
  let s = 0;
  for (let i = 0; i < problem.demand.count; i++) if (pred(i)) s += problem.demand.weight[i]!;
  return s;
};

/** Pairs of each problem unit with cost ≤ its limit. */
function degrees(problem: PlanProblem, limit: ArrayLike<number>): Int32Array {
  const s = problem.structure;
  const deg = new Int32Array(problem.demand.count);
  for (let k = 0; k < s.demand.length; k++) if (s.cost[k]! <= limit[s.demand[k]!]!) deg[s.demand[k]!]!++;
  return deg;
}

function wholeCount(name: string, v: number | undefined, objective: string): number {
  if (v === undefined || !Number.isFinite(v) || v < 0) {
    throw new Error(`${name} must be a number ≥ 0 for ${objective}, got ${String(v)}.`);
  }
  return Math.floor(v);
}

/** The setup of a count objective for a problem and options. */
export function countSetup(problem: PlanProblem, options: PlanOptions): CountSetup {
  const objective = options.objective as CountObjective;
  const d = problem.demand;
  const n = d.count;
  const notes: string[] = [];
  const base: Omit<CountSetup, 'spec' | 'base' | 'measure' | 'assumptions'> = {
    objective,
    side: {},
    unreachable: [],
    p: 0,
    existing: [],
    moves: 0,
    budget: 0,
    cost: null,
    group: null,
    notes,
  };
  const need1 = Float64Array.from({ length: n }, (_, i) => (d.current[i]! <= d.threshold[i]! ? 0 : 1));
  const unreachableOf = (need: ArrayLike<number>, limit: ArrayLike<number>): number[] => {
    const deg = degrees(problem, limit);
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (need[i]! > 0 && deg[i]! < need[i]!) out.push(i);
    return out;
  };
  switch (objective) {
    case 'backup-coverage': {
      const c2 = d.current2;
      const t2 = d.threshold2;
      if (!c2 || !t2) {
        throw new Error('backup-coverage needs demand.current2 and demand.threshold2 (second-best existing cost and second-unit norm).');
      }
      const p = wholeCount('newFacilities', options.newFacilities, objective);
      const need = Float64Array.from({ length: n }, (_, i) => 2 - (d.current[i]! <= t2[i]! ? 1 : 0) - (c2[i]! <= t2[i]! ? 1 : 0));
      return {
        ...base,
        p,
        side: { maxOpen: p },
        spec: { mode: 'threshold', coef: d.weight, need, limit: t2 },
        base: sumW(problem, (i) => need[i]! <= 0),
        unreachable: unreachableOf(need, t2),
        measure: 'population covered twice (two distinct units within the second-unit norm)',
        assumptions: [
          'A unit is covered twice when its second-nearest distinct unit (existing or new) arrives within the second-unit norm (default: the norm + 10 min).',
          'Existing units stay where they are, so nobody covered once loses it; new units count for first and second arrival alike.',
          'Travel times follow the same model as the coverage map (straight-line distance × detour ÷ speed + turnout).',
        ],
      };
    }
    case 'expected-coverage': {
      const a = options.availability;
      if (a === undefined || !(a > 0 && a <= 1)) {
        throw new Error(`availability must be within (0, 1] for expected-coverage, got ${String(a)}.`);
      }
      const p = wholeCount('newFacilities', options.newFacilities, objective);
      let m = d.currentMissProb;
      if (!m) {
        m = Float64Array.from({ length: n }, (_, i) => (d.current[i]! <= d.threshold[i]! ? 1 - a : 1));
        notes.push(
          'No miss probabilities of the existing units were given: each unit with an existing unit within the norm counts one unit of the new units\' availability.',
        );
      } else if (m.length !== n) throw new Error(`demand.currentMissProb has ${m.length} entries when expected ${n}.`);
      const mm = m;
      const coef = Float64Array.from({ length: n }, (_, i) => d.weight[i]! * Math.min(1, Math.max(0, mm[i]!)));
      return {
        ...base,
        p,
        side: { maxOpen: p },
        spec: { mode: 'geometric', q: 1 - a, coef, limit: d.threshold },
        base: sumW(problem, () => true) - coef.reduce((s, x) => s + x, 0),
        measure: 'expected population within the norm (at least one unit within it available)',
        assumptions: [
          `Each new unit is available with probability ${a}; existing units with the availability of their type (ModelParams.availability).`,
          'Units are available independently of one another (in reality one fire keeps neighbouring units busy together), so the expected share is an optimistic estimate.',
          'A person is covered when at least one available unit is within the arrival norm.',
        ],
      };
    }
    case 'budget': {
      const cost = problem.candidates.cost;
      if (!cost || cost.length !== problem.candidates.count) {
        throw new Error('budget needs candidates.cost (a cost per candidate item).');
      }
      for (let j = 0; j < cost.length; j++) {
        if (!(cost[j]! >= 0) || !Number.isFinite(cost[j]!)) {
          throw new Error(`Candidate ${problem.candidates.ids[j]} has no cost (${cost[j]}): give a cost for its type.`);
        }
      }
      const B = options.budget;
      if (B === undefined || !(B >= 0) || !Number.isFinite(B)) throw new Error(`budget must be a number ≥ 0, got ${String(B)}.`);
      const group = problem.candidates.site ?? Int32Array.from({ length: cost.length }, (_, j) => j);
      return {
        ...base,
        budget: B,
        cost,
        group,
        side: { cost, budget: B, group },
        spec: { mode: 'threshold', coef: d.weight, need: need1, limit: d.threshold },
        base: sumW(problem, (i) => need1[i]! <= 0),
        unreachable: unreachableOf(need1, d.threshold),
        measure: 'population within the norm',
        assumptions: [
          `Total cost of the new units at most ${B} (costs per type: ModelParams.costMUah or the user's, one-off, not running costs).`,
          'At most one new unit per site; each type has its own turnout, so what a site reaches depends on the type.',
          'Existing units stay where they are.',
        ],
      };
    }
    case 'relocate': {
      const ex = problem.candidates.existing;
      if (!ex || ex.length !== problem.candidates.count) {
        throw new Error('relocate needs candidates.existing (the existing units that may move).');
      }
      const existing: number[] = [];
      for (let j = 0; j < ex.length; j++) if (ex[j]) existing.push(j);
      if (existing.length === 0) throw new Error('relocate: no existing unit of the chosen type in the scope may move.');
      const K = wholeCount('moveCount', options.moveCount, objective);
      const newSite = Uint8Array.from(ex, (x) => (x ? 0 : 1));
      return {
        ...base,
        existing,
        moves: K,
        side: { maxOpen: existing.length, newSite, maxNew: K },
        spec: { mode: 'threshold', coef: d.weight, need: need1, limit: d.threshold },
        base: sumW(problem, (i) => need1[i]! <= 0),
        unreachable: unreachableOf(need1, d.threshold),
        measure: 'population within the norm',
        assumptions: [
          `Up to ${K} of the ${existing.length} existing units may move to candidate sites (fewer when more moves add nothing); all others stay.`,
          'A moved unit keeps its type (and turnout) and serves from its new site only.',
          'Moving costs and staff are not modelled.',
        ],
      };
    }
  }
}
