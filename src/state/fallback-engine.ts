/**
 * Interim coverage computation used by the UI until the engine's worker (src/worker) lands: brute-force nearest
 * facility by modelled minutes, with the travel formula of src/engine/travel.ts, and per-hromada statistics.
 * Pure: no DOM. Runs inside src/state/fallback.worker.ts.
 */
import { haversineKm, responseMinutes } from '../engine/travel';
import {
  SERVICES_OF,
  type DemandTable,
  type Facility,
  type HromadaStats,
  type ModelParams,
  type Service,
  type ServiceCoverage,
} from '../engine/types';

/** Facilities serving `service` under `params` (planned ones only when includePlanned). */
export function activeFacilityIndices(facilities: readonly Facility[], service: Service, params: ModelParams): Int32Array {
  const out: number[] = [];
  facilities.forEach((f, i) => {
    if (!SERVICES_OF[f.type].includes(service)) return;
    if (f.status === 'planned' && !params.includePlanned) return;
    out.push(i);
  });
  return Int32Array.from(out);
}

export function computeServiceCoverage(
  demand: DemandTable,
  facilities: readonly Facility[],
  active: Int32Array,
  service: Service,
  params: ModelParams,
  onProgress?: (fraction: number) => void,
): ServiceCoverage {
  const n = demand.count;
  const nearest = new Int32Array(n).fill(-1);
  const minutes = new Float64Array(n).fill(Infinity);
  const backup = new Int32Array(n).fill(-1);
  const backupMinutes = new Float64Array(n).fill(Infinity);
  const covered = new Uint8Array(n);
  const fl = active.length;
  const fLon = new Float64Array(fl);
  const fLat = new Float64Array(fl);
  for (let j = 0; j < fl; j++) {
    const f = facilities[active[j]!]!;
    fLon[j] = f.lon;
    fLat[j] = f.lat;
  }
  const norm = params.normMin[service];
  for (let i = 0; i < n; i++) {
    const lon = demand.lon[i]!;
    const lat = demand.lat[i]!;
    const urban = demand.urban[i]!;
    let best = Infinity;
    let bestJ = -1;
    let second = Infinity;
    let secondJ = -1;
    let bestKm = Infinity;
    for (let j = 0; j < fl; j++) {
      const km = haversineKm(lon, lat, fLon[j]!, fLat[j]!);
      const t = responseMinutes(params, facilities[active[j]!]!.type, km, urban);
      if (t < best) {
        second = best;
        secondJ = bestJ;
        best = t;
        bestJ = j;
        bestKm = km;
      } else if (t < second) {
        second = t;
        secondJ = j;
      }
    }
    nearest[i] = bestJ;
    minutes[i] = best;
    backup[i] = secondJ;
    backupMinutes[i] = second;
    if (params.coverageMode === 'distance') covered[i] = bestKm <= params.coverageKm ? 1 : 0;
    else covered[i] = best <= (urban ? norm.urban : norm.rural) ? 1 : 0;
    if (onProgress && (i & 4095) === 0) onProgress(i / n);
  }
  return { service, nearest, minutes, backup, backupMinutes, covered };
}

/** Population-weighted quantile of `values` (sorted ascending with weights). */
function weightedQuantile(pairs: [number, number][], total: number, q: number): number {
  let acc = 0;
  const target = q * total;
  for (const [v, w] of pairs) {
    acc += w;
    if (acc >= target) return v;
  }
  return pairs.length ? pairs[pairs.length - 1]![0] : NaN;
}

export function computeHromadaStats(demand: DemandTable, hromadaCount: number, cov: ServiceCoverage): HromadaStats {
  const population = new Float64Array(hromadaCount);
  const coveredPopulation = new Float64Array(hromadaCount);
  const share = new Float64Array(hromadaCount);
  const medianMin = new Float64Array(hromadaCount).fill(NaN);
  const p90Min = new Float64Array(hromadaCount).fill(NaN);
  const maxMin = new Float64Array(hromadaCount).fill(NaN);
  const settlementsOutside = new Int32Array(hromadaCount);
  const areaOutsideKm2 = new Float64Array(hromadaCount);
  const groups: [number, number][][] = Array.from({ length: hromadaCount }, () => []);
  for (let i = 0; i < demand.count; i++) {
    const h = demand.hromada[i]!;
    if (h < 0) continue;
    const pop = demand.population[i]!;
    population[h]! += pop;
    if (cov.covered[i]) coveredPopulation[h]! += pop;
    else if (demand.kind[i] === 0) settlementsOutside[h]!++;
    else areaOutsideKm2[h]! += demand.areaKm2[i]!;
    groups[h]!.push([cov.minutes[i]!, pop]);
  }
  for (let h = 0; h < hromadaCount; h++) {
    share[h] = population[h]! > 0 ? coveredPopulation[h]! / population[h]! : NaN;
    const g = groups[h]!;
    if (!g.length) continue;
    g.sort((a, b) => a[0] - b[0]);
    const tot = population[h]!;
    medianMin[h] = weightedQuantile(g, tot, 0.5);
    p90Min[h] = weightedQuantile(g, tot, 0.9);
    maxMin[h] = g[g.length - 1]![0];
  }
  return { service: cov.service, population, coveredPopulation, share, medianMin, p90Min, maxMin, settlementsOutside, areaOutsideKm2 };
}
