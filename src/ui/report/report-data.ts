/**
 * What the community report shows, gathered from a coverage result with the same functions the community panel uses
 * (src/state/summary.ts hromadaPlaceLines, hromadaBasis, unlocatedLines; src/state/coverage-source.ts firstDueFrom):
 * nothing is recomputed differently. Pure (no DOM): tested in test/ui/report-data.test.ts.
 */
import { cityIndex, type CityIndex } from '../../engine/places';
import {
  SERVICES,
  isOccupiedCode,
  TERRITORY_STATUSES,
  type DemandTable,
  type HromadaTable,
  type Service,
} from '../../engine/types';
import type { FirstDueFrom } from '../../engine/cross-border';
import { activeFacilities, firstDueFrom, type CoverageResult } from '../../state/coverage-source';
import {
  hromadaBasis,
  hromadaPlaceLines,
  unlocatedLines,
  type HromadaBasis,
  type PlaceLine,
  type UnlocatedLine,
} from '../../state/summary';

/** The headline figures of one service, as the engine's hromada statistics give them. */
export interface ServiceFigures {
  service: Service;
  share: number;
  expectedShare: number;
  secondShare: number;
  medianMin: number;
  p90Min: number;
  maxMin: number;
  /** People beyond the norm, and located settlements beyond it. */
  outsidePopulation: number;
  settlementsOutside: number;
  /** Shares of the people whose first-due unit is assumed, and whose number or place is estimated. */
  assumedShare: number;
  estimatedShare: number;
  /** People first reached from other oblasts. */
  fromOtherOblast: number;
  /** The reach cap (minutes) times are shown against. */
  cap: number;
  /** Time range of the villages without a point (over the hromada's spread cells); NaN when none. */
  rangeMin: number;
  rangeMax: number;
  /** No unit of this service counts at all. */
  noFacility: boolean;
  basis: HromadaBasis;
  /** Other hromadas whose units reach this one's people first. */
  across: FirstDueFrom[];
}

/** One located settlement or city, with its line for each service. */
export interface ReportRow {
  key: string;
  name: string;
  population: number;
  derivation: number;
  city: boolean;
  lon: number;
  lat: number;
  lines: Record<Service, PlaceLine>;
}

/** One settlement without a point: its estimated people and its verdict per service. */
export interface ReportUnlocated {
  name: string;
  people: number;
  verdict: Record<Service, UnlocatedLine['verdict']>;
}

export interface ReportData {
  index: number;
  code: string;
  name: string;
  /** 'сільська' | 'селищна' | 'міська' | 'столиця' */
  type: string;
  oblast: string;
  raion: string;
  population: number;
  status: (typeof TERRITORY_STATUSES)[number];
  occupied: boolean;
  figures: Record<Service, ServiceFigures>;
  /** Located settlements and cities, in the order of the panel's fire list (beyond the norm first, slowest first). */
  rows: ReportRow[];
  unlocated: ReportUnlocated[];
}

const rowKey = (r: PlaceLine) => (r.city >= 0 ? `c${r.city}` : `u${r.unit}`);

/**
 * The report of hromada `index` from `result`.
 * @param unlocated the hromada's settlements without a point (src/state/load-data.ts loadUnlocated)
 * @param cities the demand table's city index (built once per table; made here when absent)
 */
export function buildReportData(
  demand: DemandTable,
  hromadas: HromadaTable,
  result: CoverageResult,
  index: number,
  unlocated: readonly { name: string; category?: string | undefined }[],
  cities: CityIndex = cityIndex(demand),
): ReportData {
  if (!(index >= 0 && index < hromadas.count))
    throw new Error(`No hromada at index ${index} (the table has ${hromadas.count}).`);
  const figures = {} as Record<Service, ServiceFigures>;
  const lines = {} as Record<Service, PlaceLine[]>;
  const ulines = {} as Record<Service, UnlocatedLine[]>;
  for (const s of SERVICES) {
    const st = result.services[s].stats;
    const basis = hromadaBasis(demand, result, s, index);
    const rangeMin = st.spreadMinMin[index]!;
    const rangeMax = st.spreadMaxMin[index]!;
    const pop = st.population[index]!;
    figures[s] = {
      service: s,
      share: st.share[index]!,
      expectedShare: st.expectedShare[index]!,
      secondShare: st.secondShare[index]!,
      medianMin: st.medianMin[index]!,
      p90Min: st.p90Min[index]!,
      maxMin: st.maxMin[index]!,
      outsidePopulation: pop - st.coveredPopulation[index]!,
      settlementsOutside: st.settlementsOutside[index]!,
      assumedShare: st.assumedPopulation[index]! / pop,
      estimatedShare: st.estimatedPopulation[index]! / pop,
      fromOtherOblast: st.fromOtherOblastPopulation[index]!,
      cap: result.params.reachCapMin[s],
      rangeMin,
      rangeMax,
      noFacility: activeFacilities(result.facilities, s, result.params).length === 0,
      basis,
      across: firstDueFrom(result, demand, hromadas, s, index),
    };
    lines[s] = hromadaPlaceLines(demand, cities, result, s, index);
    ulines[s] = unlocatedLines(unlocated, basis.spreadPopulation, rangeMin, rangeMax, result.params, s);
  }
  const police = new Map(lines.police.map((r) => [rowKey(r), r]));
  const rows = lines.fire.map((f): ReportRow => {
    const p = police.get(rowKey(f));
    if (!p) throw new Error(`Settlement ${f.name} (${rowKey(f)}) has a fire line but no police line.`);
    return {
      key: rowKey(f),
      name: f.name,
      population: f.population,
      derivation: f.derivation,
      city: f.city >= 0,
      lon: f.lon,
      lat: f.lat,
      lines: { fire: f, police: p },
    };
  });
  const statusCode = hromadas.status?.[index] ?? 0;
  return {
    index,
    code: hromadas.codes[index]!,
    name: hromadas.names[index]!,
    type: hromadas.types[index] ?? '',
    oblast: hromadas.oblasts[index] ?? '',
    raion: hromadas.raions[index] ?? '',
    population: hromadas.popTotal[index]!,
    status: TERRITORY_STATUSES[statusCode] ?? 'none',
    occupied: isOccupiedCode(statusCode),
    figures,
    rows,
    unlocated: ulines.fire.map((u, k) => ({
      name: u.name,
      people: u.people,
      verdict: { fire: u.verdict, police: ulines.police[k]?.verdict ?? 'unknown' },
    })),
  };
}

/** Rows split into blocks of at most `perBlock` (a printed block of side-by-side columns), order kept. */
export function chunk<T>(rows: readonly T[], perBlock: number): T[][] {
  if (!(perBlock >= 1)) throw new Error(`chunk: block size must be ≥ 1, got ${perBlock}.`);
  const out: T[][] = [];
  for (let k = 0; k < rows.length; k += perBlock) out.push(rows.slice(k, k + perBlock));
  return out;
}

/** 8-wind compass points, clockwise from north. */
export const COMPASS = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;
export type Compass = (typeof COMPASS)[number];

/**
 * The located settlement nearest to a point (an estimated site, such as a cell centre), with the distance (km, on a
 * local plane: fine within a hromada) and the compass direction from the settlement to the point; null when there
 * is no settlement with coordinates. A scan of the hromada's settlements (a few hundred at most).
 */
export function nearestPlace(
  places: readonly { name: string; lon: number; lat: number }[],
  lon: number,
  lat: number,
): { name: string; km: number; dir: Compass } | null {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  let best = -1;
  let bestD = Infinity;
  places.forEach((p, k) => {
    if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat)) return;
    const d = Math.hypot((lon - p.lon) * kx, (lat - p.lat) * ky);
    if (d < bestD) [best, bestD] = [k, d];
  });
  const p = places[best];
  if (!p) return null;
  const bearing = (Math.atan2((lon - p.lon) * kx, (lat - p.lat) * ky) * 180) / Math.PI;
  const dir = COMPASS[Math.round(((bearing + 360) % 360) / 45) % 8]!;
  return { name: p.name, km: bestD, dir };
}
