/**
 * Small helpers the optimizer and the UI share with the engine: per-unit norms and current best minutes.
 */
import type { CoverageEngine } from './coverage';
import type { DemandTable, ModelParams, Service } from './types';

/**
 * Per demand unit norm for a service: minutes (time mode, by the unit's urban/rural class) or km (distance mode).
 * @example normFor(demand, DEFAULT_PARAMS, 'fire')[i] // 10 for a city, 20 for a village
 */
export function normFor(demand: DemandTable, params: ModelParams, service: Service): Float64Array {
  const out = new Float64Array(demand.count);
  const { urban, rural } = params.normMin[service];
  for (let i = 0; i < demand.count; i++)
    out[i] = params.coverageMode === 'distance' ? params.coverageKm : demand.urban[i] ? urban : rural;
  return out;
}

/**
 * A copy of the current best value per demand unit in the units `normFor` uses: response minutes in time mode,
 * straight-line km in distance mode (Infinity where nothing is reachable).
 */
export function bestMinutes(engine: CoverageEngine, service: Service): Float64Array {
  return engine.rankingMetric(service).slice();
}
