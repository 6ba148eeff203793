/**
 * Places as people name them: a located settlement is one demand unit, a city of 50,000+ is many H3 cells
 * (DemandTable.city). Panels, search and exports show a city as one row whose figures are taken over its cells:
 * share within the norm, population-weighted median and p90, worst time, and the facility reaching most of it first.
 * Pure functions over flat arrays.
 */
import { weightedSelect } from './stats';
import type { DemandTable, ServiceCoverage } from './types';

/** One settlement row: a located settlement (unit ≥ 0) or a city spread over cells (city ≥ 0). */
export interface PlaceRow {
  /** Demand index of a located settlement; -1 for a city. */
  unit: number;
  /** Index into DemandTable.cities for a city; -1 otherwise. */
  city: number;
  id: string;
  name: string;
  lon: number;
  lat: number;
  population: number;
  urban: boolean;
  /** DERIVATIONS code of the unit (for a city: its cells' code, city_polygon or city_footprint). */
  derivation: number;
  /** People within the norm and their share (0 or 1 for a point; NaN for a city of 0 people). */
  coveredPopulation: number;
  share: number;
  /** Population-weighted median, 90th percentile and worst response time, minutes (equal for a point). */
  minutes: number;
  p90: number;
  max: number;
  /** Facility slot reaching the place first (a city: the slot reaching most of its people first); -1 none. */
  nearest: number;
  /** Number of demand units (1 for a point, the cell count for a city). */
  units: number;
}

/** Demand indices of each city's cells (CSR): cells of city c are `units[start[c]…start[c+1])`. */
export interface CityIndex {
  start: Int32Array;
  units: Int32Array;
}

/** Builds the city → cells index of a demand table (O(n)). */
export function cityIndex(demand: DemandTable): CityIndex {
  const nc = demand.cities.length;
  const start = new Int32Array(nc + 1);
  for (let i = 0; i < demand.count; i++) {
    const c = demand.city[i]!;
    if (c >= 0 && c < nc) start[c + 1]!++;
  }
  for (let c = 0; c < nc; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, nc);
  const units = new Int32Array(start[nc]!);
  for (let i = 0; i < demand.count; i++) {
    const c = demand.city[i]!;
    if (c >= 0 && c < nc) units[fill[c]!++] = i;
  }
  return { start, units };
}

/** The row of city `c` over its cells. */
export function cityRow(demand: DemandTable, index: CityIndex, coverage: ServiceCoverage, c: number): PlaceRow {
  const city = demand.cities[c]!;
  const from = index.start[c]!;
  const to = index.start[c + 1]!;
  const values = new Float64Array(to - from);
  const weights = new Float64Array(to - from);
  let pop = 0;
  let cov = 0;
  let max = -Infinity;
  let n = 0;
  let derivation = 0;
  const bySlot = new Map<number, number>();
  for (let k = from; k < to; k++) {
    const i = index.units[k]!;
    const p = demand.population[i]!;
    const m = coverage.minutes[i]!;
    derivation = demand.derivation[i]!;
    pop += p;
    if (coverage.covered[i]) cov += p;
    const f = coverage.nearest[i]!;
    if (f >= 0) bySlot.set(f, (bySlot.get(f) ?? 0) + p);
    if (p > 0) {
      values[n] = m;
      weights[n] = p;
      n++;
      if (m > max) max = m;
    }
  }
  let nearest = -1;
  let best = -1;
  for (const [slot, p] of bySlot) if (p > best || (p === best && slot < nearest)) [nearest, best] = [slot, p];
  return {
    unit: -1,
    city: c,
    id: city.id,
    name: city.name,
    lon: city.lon,
    lat: city.lat,
    population: pop,
    urban: true,
    derivation,
    coveredPopulation: cov,
    share: pop > 0 ? cov / pop : NaN,
    minutes: n > 0 ? weightedSelect(values.slice(), weights.slice(), n, 0.5) : NaN,
    p90: n > 0 ? weightedSelect(values, weights, n, 0.9) : NaN,
    max: n > 0 ? max : NaN,
    nearest,
    units: to - from,
  };
}

/** The row of located settlement `i` (a kind-0 demand unit). */
export function pointRow(demand: DemandTable, coverage: ServiceCoverage, i: number): PlaceRow {
  const p = demand.population[i]!;
  const m = coverage.minutes[i]!;
  const covered = coverage.covered[i] === 1;
  return {
    unit: i,
    city: -1,
    id: demand.ids[i]!,
    name: demand.names[i]!,
    lon: demand.lon[i]!,
    lat: demand.lat[i]!,
    population: p,
    urban: demand.urban[i] === 1,
    derivation: demand.derivation[i]!,
    coveredPopulation: covered ? p : 0,
    share: covered ? 1 : 0,
    minutes: m,
    p90: m,
    max: m,
    nearest: coverage.nearest[i]!,
    units: 1,
  };
}

/**
 * The places of hromada `h`: its located settlements and its cities (one row each), in demand order (cities
 * after the points). `units` are the hromada's demand indices (CoverageEngine.unitsOf); `index` from {@link cityIndex}.
 */
export function hromadaPlaces(
  demand: DemandTable,
  index: CityIndex,
  coverage: ServiceCoverage,
  h: number,
  units?: ArrayLike<number>,
): PlaceRow[] {
  const rows: PlaceRow[] = [];
  const cities = new Set<number>();
  const each = (i: number): void => {
    if (demand.hromada[i] !== h) return;
    if (demand.kind[i] === 0) rows.push(pointRow(demand, coverage, i));
    else if (demand.city[i]! >= 0) cities.add(demand.city[i]!);
  };
  if (units) for (let k = 0; k < units.length; k++) each(units[k]!);
  else for (let i = 0; i < demand.count; i++) each(i);
  for (const c of [...cities].sort((a, b) => a - b)) rows.push(cityRow(demand, index, coverage, c));
  return rows;
}
