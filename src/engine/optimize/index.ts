/**
 * The station-siting optimizer: MCLP (coverage), LSCP (min-facilities), p-median, and the count objectives
 * (backup-coverage, expected-coverage, budget, relocate) over a coverage structure, by a lazy-greedy + swap heuristic
 * or exactly through HiGHS; closure ranking of existing units (closures.ts). Pure TypeScript; the worker and src/cli/plan.ts call
 * `optimize` on a problem from `buildPointsProblem` or `buildMatrixProblem`. See docs/planner.md.
 */
export type * from './types';
export { optimize, isCountObjective, type OptimizeExtras } from './optimize';
export { buildBudgetProblem, buildRelocateProblem, type BudgetProblemInput, type RelocateProblemInput } from './builders';
export {
  rankClosures,
  closuresPlanResult,
  CLOSURE_NOTES,
  existingMissProb,
  facilityReach,
  type ClosureRow,
  type ClosuresInput,
  type ReachInput,
  type FacilityReach,
} from './closures';
export { buildPointsProblem, type CandidatePoints, type PointsProblemInput } from './points-problem';
export { buildMatrixProblem, type MatrixProblemInput, type MatrixRow } from './matrix-problem';
export {
  selectScope,
  dropOccupied,
  isOccupiedHromada,
  parseScope,
  type ScopeSpec,
  type OccupiedExclusion,
} from './scope';
export { toPlannedFacilities, sitesGeoJSON, type SitesGeoJSON } from './proposed-sites';
export { buildStructureFromPoints, buildStructureFromEntries, transpose, type MatrixEntry } from './structure';
export { defaultHighsLoader, type HighsLoader } from './exact';
