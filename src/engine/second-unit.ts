/**
 * Second unit (effective response force): a demand unit is covered twice when its second-nearest distinct active
 * unit (ServiceCoverage.backup) arrives within the second-unit norm of its class (ModelParams.secondNormMin; default
 * the arrival norm + 10 min). In distance mode both units must lie within coverageKm, as the first one must.
 */
import type { ModelParams, Service } from './types';

/** The second-unit norm in the ranking metric, by class: minutes (time mode) or km (distance mode). */
export function secondThresholds(params: ModelParams, service: Service): { urban: number; rural: number } {
  if (params.coverageMode === 'distance') return { urban: params.coverageKm, rural: params.coverageKm };
  return { urban: params.secondNormMin[service].urban, rural: params.secondNormMin[service].rural };
}

/**
 * Writes the covered-twice flag of units [from, to) from the ranking metric of their backup (`m2`: minutes in time
 * mode, km in distance mode).
 */
export function secondCoveredFlags(
  m2: Float64Array,
  urban: Uint8Array,
  thr: { urban: number; rural: number },
  out: Uint8Array,
  from = 0,
  to = m2.length,
): void {
  const u = thr.urban;
  const r = thr.rural;
  for (let i = from; i < to; i++) out[i] = m2[i]! <= (urban[i] ? u : r) ? 1 : 0;
}
