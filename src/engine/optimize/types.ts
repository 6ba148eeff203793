/**
 * Types of the station-siting optimizer. The optimizer is unit-agnostic: a "cost" is minutes for the travel model,
 * kilometres for distance coverage, or whatever unit a user matrix uses. Demand is covered when its cost ≤ its
 * threshold (the norm). Everything is flat typed arrays so a problem can be posted to a worker.
 */
import type { FacilityType } from '../types';

/**
 * Which demand each candidate could reach, with its cost, as CSR (compressed sparse rows, one row per candidate):
 * candidate j reaches `demand[offsets[j] .. offsets[j+1])` at `cost[offsets[j] .. offsets[j+1])`.
 * Only pairs with cost ≤ the structure's reach are stored; within a row demand indices ascend.
 */
export interface CoverageStructure {
  /** Number of candidates (rows). */
  candidateCount: number;
  /** Number of demand units (columns). */
  demandCount: number;
  /** Length candidateCount + 1. */
  offsets: Int32Array;
  /** Demand index of each pair. */
  demand: Int32Array;
  /** Cost of each pair (minutes, km or the matrix unit). */
  cost: Float64Array;
  /** Largest cost stored: pairs above it were never computed (treated as unreachable). */
  reach: number;
}

/** The optimizer's input: demand, its current service level, candidate sites and what they could reach. */
export interface PlanProblem {
  demand: {
    count: number;
    /** Stable ids (KATOTTG code, H3 index, the user's id). */
    ids: string[];
    /** Names for reports ('' where none). */
    names: string[];
    /** Population (or any weight ≥ 0). */
    weight: Float64Array;
    /** Current best cost from existing (locked) facilities; Infinity where none. */
    current: Float64Array;
    /** Norm: covered when cost ≤ threshold. */
    threshold: Float64Array;
    /** 1 where the weight is estimated (not an official count). Optional. */
    estimated?: Uint8Array;
    /**
     * backup-coverage: cost of the second-best distinct existing unit (Infinity where fewer than two reach the unit).
     * Points input: the engine's ServiceCoverage.backupMinutes (km in distance mode).
     */
    current2?: Float64Array;
    /** backup-coverage: the second-unit norm (ModelParams.secondNormMin by class): covered twice when the second ≤ it. */
    threshold2?: Float64Array;
    /**
     * expected-coverage: ∏(1 − a) over the existing units within the norm (1 where none is): the probability that no
     * existing unit within the norm is available. Default 1 − [current ≤ threshold] × (the new units' availability).
     */
    currentMissProb?: Float64Array;
  };
  candidates: {
    count: number;
    ids: string[];
    names: string[];
    /** KATOTTG code of the hromada holding the candidate, or null. */
    hromadaCodes: (string | null)[];
    /** WGS84 degrees; NaN when unknown (matrix input). */
    lon: Float64Array;
    lat: Float64Array;
    /** 1 where the candidate's location is estimated (e.g. a cell centre). Optional. */
    estimated?: Uint8Array;
    /** budget: facility type of each candidate item (one site may appear once per type); null for a matrix. */
    types?: (FacilityType | null)[];
    /** budget: cost of each candidate item, million UAH (or the matrix's cost unit). */
    cost?: Float64Array;
    /** budget: site group of each item (items of one group exclude each other: one unit per site). Default: own group. */
    site?: Int32Array;
    /**
     * relocate: 1 for an existing unit that may move (open at the start, its row is what it covers where it stands);
     * 0 for a candidate site it may move to. `demand.current` is then the best cost from the units that stay.
     */
    existing?: Uint8Array;
  };
  structure: CoverageStructure;
  /** Unit of every cost, for reports: 'min', 'km' or the matrix unit. */
  unit: string;
  /** Type of the new facilities the costs were computed for (null for matrix input). */
  facilityType?: FacilityType | null;
  /** Notes from building the problem (e.g. occupied territory left out); optimize copies them into PlanResult.notes. */
  notes?: string[];
  /**
   * What was left out as occupied territory (buildPointsProblem without includeOccupied); null when occupied territory
   * was included or the problem came from a matrix.
   */
  occupiedExcluded?: {
    units: number;
    people: number;
    hromadas: number;
    candidates: number;
  } | null;
}

/**
 * What to optimise.
 * - `coverage` (MCLP): place up to `newFacilities` sites maximising the weight newly brought within the norm.
 * - `min-facilities` (LSCP / partial set cover): fewest sites bringing `targetShare` of the scope's weight within the
 *   norm (capped at what candidates can reach; the default, 1, means all that can be reached).
 * - `p-median`: place up to `newFacilities` sites minimising Σ wᵢ·min(currentᵢ, min over new sites j of dᵢⱼ) / Σ wᵢ;
 *   see docs/planner.md for units that no facility reaches.
 */
export type Objective = 'coverage' | 'min-facilities' | 'p-median';

/** Every objective: the first three and those of issue 14 (count objectives and closures). */
export type PlanObjective = Objective | CountObjective | 'closures';

/**
 * The objectives of issue 14 that are a function of how many chosen sites reach each demand unit (objectives/count.ts):
 * - `backup-coverage`: up to `newFacilities` sites maximising the weight reached by two distinct units within the
 *   second-unit norm (existing units fixed, so nobody covered once loses it);
 * - `expected-coverage`: up to `newFacilities` sites of one type (availability a) maximising
 *   Σ wᵢ (1 − mᵢ (1 − a)^kᵢ), mᵢ the existing miss probability and kᵢ the new sites within the norm;
 * - `budget`: sites and types (candidate items with a cost) maximising the weight within the norm, cost ≤ `budget`;
 * - `relocate`: move up to `moveCount` existing units (candidates.existing) to candidate sites maximising the weight
 *   within the norm, the others fixed.
 * `closures` (closures.ts) ranks existing units and is not an optimisation: `optimize` rejects it.
 */
export type CountObjective = 'backup-coverage' | 'expected-coverage' | 'budget' | 'relocate';

export type Method = 'heuristic' | 'exact';

export interface PlanOptions {
  objective: PlanObjective;
  /** Number of new facilities (coverage, p-median). */
  newFacilities?: number;
  /** Share of the scope's weight to bring within the norm (min-facilities), 0..1. Default 1 (all reachable). */
  targetShare?: number;
  /** Default 'heuristic'. */
  method?: Method;
  /** Time limit for the whole run, seconds. Default 60 for exact, 10 for heuristic. */
  timeLimitSec?: number;
  /**
   * Time budget of the heuristic's local search, ms. Default min(1000, what is left of the time limit); for the count
   * objectives (backup, expected coverage, budget, relocate) greedy and swaps together, default 1000, or 500 on
   * instances of 1 M pairs or more.
   */
  localSearchMs?: number;
  /**
   * p-median only: cost counted for a unit no facility (existing or new) reaches, i.e. current = Infinity and no
   * candidate within the structure's reach. Default: the structure's reach. It is a penalty, not a time.
   */
  unreachedPenalty?: number;
  /** Exact only: relative MIP gap at which HiGHS may stop (default 0 = prove optimality, up to the time limit). */
  mipRelGap?: number;
  /** expected-coverage: availability of the new units, 0..1 (ModelParams.availability of their type). */
  availability?: number;
  /** budget: money available, in the unit of candidates.cost (million UAH). */
  budget?: number;
  /** relocate: most existing units to move. */
  moveCount?: number;
}

export interface PlanProgress {
  phase: 'reduce' | 'greedy' | 'local-search' | 'milp' | 'report';
  /** 0..1 when known. */
  fraction?: number;
  /** Best objective found so far (in the objective's reporting unit), when known. */
  incumbent?: number;
  /** Proven bound so far (exact), when known. */
  bound?: number;
  /** Relative MIP gap so far (exact), when known. */
  gap?: number;
  message?: string;
}

export interface PlanHooks {
  onProgress?: (p: PlanProgress) => void;
  /** Checked between phases and inside greedy/local search loops; an aborted run rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * Polled inside HiGHS's interrupt callback (the solve is synchronous, so `signal` cannot change while it runs in
   * the same thread). A worker can back it with a SharedArrayBuffer flag; otherwise terminate the worker to cancel.
   */
  shouldInterrupt?: () => boolean;
}

/** One proposed site, in rank order. */
export interface ProposedSite {
  rank: number;
  /** Index into problem.candidates. */
  candidate: number;
  id: string;
  name: string;
  hromadaCode: string | null;
  /** Type of the new facility (problem.facilityType), null for matrix input. */
  type: FacilityType | null;
  lon: number;
  lat: number;
  /**
   * What this site adds given the sites ranked before it: weight newly within the norm (coverage,
   * min-facilities) or reduction of Σ w·cost (p-median, cost-unit × weight).
   */
  marginal: number;
  /** Weight within the norm in the scope after this and all earlier sites. */
  cumulativeCovered: number;
  /** cumulativeCovered / scope weight. */
  cumulativeShare: number;
  /** Weighted mean cost in the scope after this and all earlier sites (finite-cost units only). */
  cumulativeMeanCost: number;
  /** Share of `marginal` (coverage objectives) carried by demand with estimated weight; 0 when none. */
  estimatedShare: number;
  /**
   * True when the site's location is estimated (e.g. a cell centre) or at least half of what it adds rests on estimated
   * weight: say so wherever it is shown.
   */
  estimated: boolean;
  /** budget: cost of the unit (candidates.cost), and marginal per unit of cost (people per million UAH). */
  cost?: number;
  perCost?: number;
  /** relocate: the existing unit moved here (its candidate id and name). */
  movedFrom?: { id: string; name: string; lon: number; lat: number } | null;
}

/** relocate: one move, in rank order (gain = what this move adds given the moves before it; may be < 0 alone). */
export interface Move {
  rank: number;
  fromId: string;
  fromName: string;
  fromLon: number;
  fromLat: number;
  toId: string;
  toName: string;
  toHromadaCode: string | null;
  toLon: number;
  toLat: number;
  gain: number;
  cumulativeCovered: number;
}

/** One point of the curve: the scope after the first `k` ranked sites. */
export interface CurvePoint {
  k: number;
  /** Weight within the norm (backup-coverage: covered twice; expected-coverage: expected weight within the norm). */
  covered: number;
  share: number;
  /** NaN for the count objectives (they do not track the mean cost). */
  meanCost: number;
  /** budget: money spent by the first k sites. */
  spent?: number;
}

export interface UnreachableDemand {
  index: number;
  id: string;
  name: string;
  weight: number;
}

export interface PlanResult {
  objective: PlanObjective;
  method: Method;
  /**
   * Objective value: coverage → weight within the norm in the scope (existing + new); min-facilities → number of new
   * sites; p-median → weighted mean cost over the scope (with the penalty for unreached units).
   */
  objectiveValue: number;
  /** Coverage: the weight newly brought within the norm; p-median: reduction of Σ w·cost; min-facilities: sites. */
  improvement: number;
  /**
   * Relative optimality gap proven by HiGHS for the reduced problem (0 = proven optimal); null for the heuristic or
   * when no bound is known.
   */
  gap: number | null;
  /** Proven bound on the objective value (exact), in the same terms as objectiveValue; null when unknown. */
  bound: number | null;
  /** Solver status, e.g. 'optimal', 'time-limit', 'interrupted', 'heuristic'. */
  status: string;
  sites: ProposedSite[];
  /** Point k = 0..sites.length. */
  curve: CurvePoint[];
  scope: {
    demandCount: number;
    weight: number;
    /** Weight within the norm before any new site. */
    coveredBefore: number;
    /** After all proposed sites. */
    coveredAfter: number;
    coveredCountAfter: number;
    uncoveredCountAfter: number;
    /** Weighted mean cost before / after (units with a finite cost only). */
    meanCostBefore: number;
    meanCostAfter: number;
    /** Units with no finite cost after the plan. */
    unreachedCount: number;
  };
  /** Demand outside the norm that no candidate can bring within it (coverage objectives), largest first. */
  unreachable: UnreachableDemand[];
  unreachableWeight: number;
  /** min-facilities: the share asked and the share used (capped at what candidates can reach). */
  targetShare?: { asked: number; used: number; reached: number };
  /** Size of the problem actually optimised after reduction. */
  reduced: { demand: number; candidates: number; pairs: number };
  timeMs: number;
  /** Human-readable notes (caps applied, estimated inputs, early stop). */
  notes: string[];
  /** What the count objectives' figures measure, in words (e.g. 'population covered twice'); absent for the classic three. */
  measure?: string;
  /** relocate: the moves, in rank order. */
  moves?: Move[];
  /** budget: the budget and the money spent. */
  budget?: { budget: number; spent: number };
  /** backup-coverage: weight within the (first) norm before and after (it never falls: existing units stay). */
  coveredOnce?: { before: number; after: number };
  /** Plain-language statement of what the objective assumes. */
  assumptions?: string[];
}
