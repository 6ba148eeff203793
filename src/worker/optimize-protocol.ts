/**
 * The planner's worker message, added to the coverage protocol by declaration merging (see protocol.ts): `optimize`
 * builds a points problem from the engine's tables and current best times and runs the siting optimizer. Progress
 * goes out of band as `{ type: OPTIMIZE_PROGRESS, progress }` messages (no request id; one run at a time).
 */
import type { FacilityType, Service } from '../engine/types';
import type {
  ClosureRow,
  Method,
  PlanObjective,
  PlanOptions,
  PlanProblem,
  PlanProgress,
  PlanResult,
  ScopeSpec,
} from '../engine/optimize';

/** Type tag of the worker's progress messages for a running `optimize`. */
export const OPTIMIZE_PROGRESS = 'optimize-progress';

export interface OptimizeRequest {
  service: Service;
  /** Type of the new facilities (default local_fire_department in the UI). */
  type: FacilityType;
  /** The first three objectives, or those of issue 14 (backup-coverage, expected-coverage, budget, relocate, closures). */
  objective: PlanObjective;
  /** coverage, p-median, backup-coverage, expected-coverage: number of new sites. */
  newFacilities: number;
  /** expected-coverage: availability of the new units (default ModelParams.availability of `type`). */
  availability?: number;
  /** budget: money for new units (million UAH) and the types to choose from (default: every type of the service with a cost in ModelParams.costMUah). */
  budget?: number;
  budgetTypes?: FacilityType[];
  /** relocate: most units of `type` in the scope to move. */
  moveCount?: number;
  /** closures: rank units of this type only (default every type of the service) standing in the scope. */
  closuresType?: FacilityType | null;
  /** min-facilities: share of the scope's population to bring within the norm, 0..1. */
  targetShare: number;
  method: Method;
  /** Whole-run limit, seconds. */
  timeLimitSec: number;
  scope: ScopeSpec;
  candidates: 'settlements' | 'cells';
  /** Plan for occupied hromadas too (demand and candidates). Default false: they are left out (territory list in use). */
  includeOccupied?: boolean;
}

/** Why proposals rest on estimated or illustrative inputs (codes; the UI words them). */
export type EstimatedInput = 'estimated-population' | 'illustrative-facilities' | 'cell-candidates';

export interface OptimizeResponse {
  result: PlanResult;
  /** closures: the ranking (largest loss first); absent for the other objectives. */
  closures?: ClosureRow[];
  /** Inputs that make the proposals illustrative; empty when none. */
  estimatedInputs: EstimatedInput[];
  /** Time to build the problem (structure), ms; `result.timeMs` is the optimizer's. */
  buildMs: number;
}

/** Out-of-band progress message posted by the worker while `optimize` runs. */
export interface OptimizeProgressMessage {
  type: typeof OPTIMIZE_PROGRESS;
  progress: PlanProgress;
}

/** `planProblem`'s answer: the problem `optimize` would solve, for the solver worker (exact method). */
export interface PlanProblemResponse {
  problem: PlanProblem;
  options: PlanOptions;
  estimatedInputs: EstimatedInput[];
  buildMs: number;
}

/** Page → solver worker (solver.worker.ts): solve one problem. */
export interface SolverRequest {
  problem: PlanProblem;
  options: PlanOptions;
}

/** Solver worker → page: progress, then the result or an error. */
export type SolverMessage =
  | { type: 'progress'; progress: PlanProgress }
  | { type: 'done'; result: PlanResult }
  | { type: 'error'; name: string; message: string };

declare module './protocol' {
  interface WorkerMessages {
    optimize: [OptimizeRequest, OptimizeResponse];
    planProblem: [OptimizeRequest, PlanProblemResponse];
  }
}
