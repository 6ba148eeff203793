/**
 * O(N×M) references for the second-unit, availability and help-across-borders statistics: every demand unit against
 * every facility, written as plainly as possible. Tests use them as oracles for the indexed engine (the miss
 * probability is multiplied in slot order here, so it equals the engine's per-type powers to rounding, ~1e-15).
 */
import { bruteForceCoverage } from './brute';
import { haversineKm, minutesPerKm } from './travel';
import { SERVICES, SERVICES_OF, type DemandTable, type Facility, type HromadaTable, type ModelParams, type Service, type TravelMatrix } from './types';

export interface BruteExtras {
  /** Per unit ∏(1 − a) over active facilities within the norm. */
  missProb: Float64Array;
  /** Per unit 1 when the backup is within the second-unit norm (distance mode: within coverageKm). */
  secondCovered: Uint8Array;
  /** Per hromada (HromadaTable index; units outside every hromada are left out). */
  secondCoveredPopulation: Float64Array;
  expectedCoveredPopulation: Float64Array;
  fromOtherHromadaPopulation: Float64Array;
  fromOtherOblastPopulation: Float64Array;
}

/** @param facilities slots (null for an emptied slot) */
export function bruteForceExtras(
  demand: DemandTable,
  hromadas: HromadaTable,
  facilities: readonly (Facility | null)[],
  params: ModelParams,
  matrix: TravelMatrix | null = null,
): Record<Service, BruteExtras> {
  const base = bruteForceCoverage(demand, facilities, params, matrix);
  const dist = params.coverageMode === 'distance';
  const out = {} as Record<Service, BruteExtras>;
  const hromadaOf = (code: string | null): number => (code === null ? -1 : hromadas.codes.indexOf(code));
  for (const service of SERVICES) {
    const n = demand.count;
    const nh = hromadas.count;
    const b = base[service];
    const r: BruteExtras = {
      missProb: new Float64Array(n),
      secondCovered: new Uint8Array(n),
      secondCoveredPopulation: new Float64Array(nh),
      expectedCoveredPopulation: new Float64Array(nh),
      fromOtherHromadaPopulation: new Float64Array(nh),
      fromOtherOblastPopulation: new Float64Array(nh),
    };
    for (let i = 0; i < n; i++) {
      const urban = demand.urban[i]!;
      const mpk = minutesPerKm(params, urban);
      const norm = dist ? params.coverageKm : urban ? params.normMin[service].urban : params.normMin[service].rural;
      const metric = (f: Facility): number => {
        const km = haversineKm(demand.lon[i]!, demand.lat[i]!, f.lon, f.lat);
        if (dist) return km;
        const t = params.turnoutMin[f.type];
        if (matrix) {
          const m = matrix.minutes.get(`${f.id}\u0000${demand.ids[i]}`);
          if (m !== undefined) return t + m;
          if (params.matrixFallback === 'unreachable') return Infinity;
        }
        return t + mpk * km;
      };
      let q = 1;
      for (const f of facilities) {
        if (!f || !SERVICES_OF[f.type].includes(service)) continue;
        if (f.status === 'planned' && !params.includePlanned) continue;
        if (metric(f) <= norm) q *= 1 - params.availability[f.type];
      }
      r.missProb[i] = q;
      const sb = b.backup[i]!;
      const second = dist ? params.coverageKm : urban ? params.secondNormMin[service].urban : params.secondNormMin[service].rural;
      r.secondCovered[i] = sb >= 0 && metric(facilities[sb]!) <= second ? 1 : 0;
      const h = demand.hromada[i]!;
      if (h < 0 || h >= nh) continue;
      const p = demand.population[i]!;
      if (r.secondCovered[i]) r.secondCoveredPopulation[h]! += p;
      r.expectedCoveredPopulation[h]! += p * (1 - q);
      const nf = b.nearest[i]!;
      if (nf >= 0 && b.minutes[i]! <= params.reachCapMin[service]) {
        const fh = hromadaOf(facilities[nf]!.hromadaCode);
        if (fh !== h) r.fromOtherHromadaPopulation[h]! += p;
        if (fh < 0 || hromadas.oblasts[fh] !== hromadas.oblasts[h]) r.fromOtherOblastPopulation[h]! += p;
      }
    }
    out[service] = r;
  }
  return out;
}
