/**
 * The station-siting optimizer: MCLP (coverage), LSCP (min-facilities) and p-median over a coverage structure, by a
 * lazy-greedy + swap heuristic or exactly through HiGHS. Pure TypeScript; the worker and src/cli/plan.ts call
 * `optimize` on a problem from `buildPointsProblem` or `buildMatrixProblem`. See docs/planner.md.
 */
export type * from './types';
export { optimize, type OptimizeExtras } from './optimize';
export {
  buildPointsProblem,
  buildMatrixProblem,
  selectScope,
  dropOccupied,
  isOccupiedHromada,
  parseScope,
  toPlannedFacilities,
  sitesGeoJSON,
  type SitesGeoJSON,
  type ScopeSpec,
  type OccupiedExclusion,
  type CandidatePoints,
  type PointsProblemInput,
  type MatrixProblemInput,
  type MatrixRow,
} from './problem';
export { buildStructureFromPoints, buildStructureFromEntries, transpose, type MatrixEntry } from './structure';
export { defaultHighsLoader, type HighsLoader } from './exact';
