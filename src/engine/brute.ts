/**
 * The O(N×M) reference: every demand unit against every facility, in facility order, with the same formula as the
 * engine. Tests use it as the oracle the indexed engine must equal exactly; the bench uses it for nothing.
 */
import { haversineKm, minutesPerKm } from './travel';
import { SERVICES, SERVICES_OF, type DemandTable, type Facility, type ModelParams, type Service, type TravelMatrix } from './types';

export interface BruteCoverage {
  nearest: Int32Array;
  minutes: Float64Array;
  backup: Int32Array;
  backupMinutes: Float64Array;
  covered: Uint8Array;
}

/**
 * Nearest / backup per demand unit by scanning all facilities (strict `<` in index order, so ties go to the lower
 * index). In distance mode facilities are ranked by km and minutes are the modelled minutes to them.
 * `facilities` may hold nulls (emptied slots).
 */
export function bruteForceCoverage(
  demand: DemandTable,
  facilities: readonly (Facility | null)[],
  params: ModelParams,
  matrix: TravelMatrix | null = null,
): Record<Service, BruteCoverage> {
  const out = {} as Record<Service, BruteCoverage>;
  const dist = params.coverageMode === 'distance';
  for (const service of SERVICES) {
    const n = demand.count;
    const r: BruteCoverage = {
      nearest: new Int32Array(n),
      minutes: new Float64Array(n),
      backup: new Int32Array(n),
      backupMinutes: new Float64Array(n),
      covered: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const urban = demand.urban[i]!;
      const mpk = minutesPerKm(params, urban);
      let bF = -1;
      let bM = Infinity;
      let sF = -1;
      let sM = Infinity;
      const minutesTo = (f: Facility): number => {
        const t = params.turnoutMin[f.type];
        if (matrix && !dist) {
          const m = matrix.minutes.get(`${f.id}\u0000${demand.ids[i]}`);
          if (m !== undefined) return t + m;
          if (params.matrixFallback === 'unreachable') return Infinity;
        }
        return t + mpk * haversineKm(demand.lon[i]!, demand.lat[i]!, f.lon, f.lat);
      };
      for (let f = 0; f < facilities.length; f++) {
        const fac = facilities[f];
        if (!fac || !SERVICES_OF[fac.type].includes(service)) continue;
        if (fac.status === 'planned' && !params.includePlanned) continue;
        const m = dist ? haversineKm(demand.lon[i]!, demand.lat[i]!, fac.lon, fac.lat) : minutesTo(fac);
        if (m < bM) {
          sM = bM;
          sF = bF;
          bM = m;
          bF = f;
        } else if (m < sM) {
          sM = m;
          sF = f;
        }
      }
      r.nearest[i] = bF;
      r.backup[i] = sF;
      if (dist) {
        r.minutes[i] = bF < 0 ? Infinity : minutesTo(facilities[bF]!);
        r.backupMinutes[i] = sF < 0 ? Infinity : minutesTo(facilities[sF]!);
        r.covered[i] = bM <= params.coverageKm ? 1 : 0;
      } else {
        r.minutes[i] = bM;
        r.backupMinutes[i] = sM;
        r.covered[i] = bM <= (urban ? params.normMin[service].urban : params.normMin[service].rural) ? 1 : 0;
      }
    }
    out[service] = r;
  }
  return out;
}
