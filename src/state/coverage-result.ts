/**
 * What a coverage run gives the page: per service the coverage of every demand unit, the hromada statistics and the
 * totals. Types only, apart from the worker door (coverage-source.ts) so that the pure result patch
 * (result-patch.ts) and the map layers need not import it.
 */
import type { Facility, HromadaStats, ModelParams, OblastTotals, Service, ServiceCoverage, Totals } from '../engine/types';
import type { UnitResults } from '../worker/protocol';

export interface ServiceResult {
  coverage: ServiceCoverage;
  stats: HromadaStats;
  /** Totals for the territory under Ukrainian control. */
  totals: Totals;
  /** Totals over occupied hromadas (reported beside, never mixed in). */
  occupiedTotals: Totals;
  oblastTotals: OblastTotals[];
  /** For each facility slot (what coverage.nearest / backup index), the index into `CoverageResult.facilities`. */
  slotToFacility: Int32Array;
  /**
   * Per demand unit: covered twice (second unit within the second-unit norm) and the availability miss probability
   * (expected coverage = 1 − missProb; independence assumed). Always set by compute and edits.
   */
  units?: UnitResults;
}

export interface CoverageResult {
  params: ModelParams;
  facilities: Facility[];
  services: Record<Service, ServiceResult>;
  /** Milliseconds the request took. */
  elapsedMs: number;
}
