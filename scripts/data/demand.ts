/**
 * Demand: where people live. Located settlements become points; the population of settlements without
 * coordinates is spread over the hromada as H3 cells in proportion to cell area. Every hromada's units sum
 * exactly to its official 2022 total (largest-remainder rounding). The rules are documented in docs/data-format.md.
 */
import { join } from 'node:path';
import { cellArea, cellToLatLng, polygonToCells } from 'h3-js';
import { num, readCsv, req, type CsvRow } from './csv';
import { booleanPointInPolygon } from '@turf/turf';
import { round, type Area } from './geo';
import type { Hromada } from './hromadas';
import { largestRemainder } from './largest-remainder';

export type Category = 'city' | 'smt' | 'selyshche' | 'village' | 'special_status_city';
const CATEGORIES: ReadonlySet<string> = new Set(['city', 'smt', 'selyshche', 'village', 'special_status_city']);

export interface Settlement {
  katottg: string;
  name: string;
  category: Category;
  hromadaCode: string;
  pop2022: number | null;
  popGeonames: number | null;
  lon: number | null;
  lat: number | null;
}

const FILE = 'settlements_katottg.csv';

export function readSettlements(dataDir: string): Settlement[] {
  return readCsv(join(dataDir, FILE)).map((r: CsvRow) => {
    const category = req(r, 'category', FILE);
    if (!CATEGORIES.has(category)) throw new Error(`${FILE}: unknown category ${category}`);
    const lat = num(r['lat']);
    const lon = num(r['lon']);
    return {
      katottg: req(r, 'katottg', FILE),
      name: req(r, 'name', FILE),
      category: category as Category,
      hromadaCode: r['hromada_code'] ?? '',
      pop2022: num(r['pop_2022']),
      popGeonames: num(r['pop_geonames']),
      lon: lat === null || lon === null ? null : round(lon, 5),
      lat: lat === null || lon === null ? null : round(lat, 5),
    };
  });
}

export interface DemandFile {
  version: 1;
  h3Resolution: number;
  hromadaCodes: string[];
  id: string[];
  name: string[];
  category: string[];
  hromada: number[];
  lon: number[];
  lat: number[];
  population: number[];
  urban: number[];
  kind: string[];
  derivation: string[];
  areaKm2: number[];
}

/** Counters of the special cases met while splitting, written to manifest.json. */
export interface DemandCases {
  /** Cities/smt with an official 2022 population but no coordinates: their people go to the spread cells. */
  urban_official_unlocated: number;
  urban_official_unlocated_population: number;
  /** Hromadas whose known city/smt populations sum to less than pop_urban. */
  urban_sum_below_pop_urban: number;
  /** Cities/smt without a 2022 population, given an estimated share of the urban residual. */
  urban_estimated: number;
  /** Hromadas whose urban residual had no city/smt to go to and went to the spread cells. */
  urban_residual_to_spread: number;
  urban_residual_to_spread_population: number;
  /** Hromadas whose known city/smt populations exceed pop_urban (scaled down by largest remainder). */
  urban_sum_above_pop_urban: number;
  /** Hromadas with rural population but no village/selyshche in KATOTTG (rural people go to cells). */
  rural_without_villages: number;
  /** Hromadas that needed a finer H3 resolution than the default to get a cell. */
  finer_resolution_hromadas: { code: string; resolution: number }[];
  /** Cells whose centre lies in two overlapping hromada polygons (given to the lower index). */
  cells_in_two_polygons: number;
  /** Settlements whose point is another hromada's settlement point and lies outside their own polygon: treated as unlocated. */
  point_copied_from_other_hromada: string[];
}

export interface DemandResult {
  demand: DemandFile;
  unlocated: Record<string, [string, string, string][]>;
  cases: DemandCases;
}

const URBAN: ReadonlySet<string> = new Set(['city', 'smt']);
const RURAL: ReadonlySet<string> = new Set(['village', 'selyshche']);
const FINER = [8, 9, 10];

/**
 * H3 cells whose centre lies in the polygon. h3 polygonToCells tests the exact centre; we keep a cell only if its
 * centre rounded to 1e-5 (as written to demand.json) is also inside by turf, so the file is self-consistent.
 */
function cellsOf(geom: Area, res: number): string[] {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const out: string[] = [];
  for (const p of polys)
    for (const c of polygonToCells(p, res, true)) {
      const [lat, lon] = cellToLatLng(c);
      if (booleanPointInPolygon([round(lon, 5), round(lat, 5)], geom)) out.push(c);
    }
  return out;
}

interface PointUnit {
  s: Settlement;
  population: number;
  urban: 0 | 1;
  derivation: 'official' | 'estimated_share';
}

/**
 * Build demand.json and unlocated.json.
 * @param hromadas sorted hromada table (index = position); Kyiv (type `столиця`) becomes one official point at its centre
 * @param geometries hromada polygons in the same order
 * @param settlements settlements_katottg.csv rows; rows of hromadas not in the table (Crimea, Sevastopol) are ignored
 * @param resolution H3 resolution of the spread cells (default 7; finer ones are tried for tiny hromadas)
 */
export function buildDemand(
  hromadas: readonly Hromada[],
  geometries: readonly Area[],
  settlements: readonly Settlement[],
  resolution = 7,
): DemandResult {
  const cases: DemandCases = {
    urban_official_unlocated: 0,
    urban_official_unlocated_population: 0,
    urban_sum_below_pop_urban: 0,
    urban_estimated: 0,
    urban_residual_to_spread: 0,
    urban_residual_to_spread_population: 0,
    urban_sum_above_pop_urban: 0,
    rural_without_villages: 0,
    finer_resolution_hromadas: [],
    cells_in_two_polygons: 0,
    point_copied_from_other_hromada: [],
  };
  const indexOf = new Map(hromadas.map((h, i) => [h.code, i]));
  const byHromada = hromadas.map((): Settlement[] => []);
  for (const s of settlements) {
    const i = indexOf.get(s.hromadaCode);
    if (i !== undefined) byHromada[i]!.push(s);
  }
  for (const list of byHromada) list.sort((a, b) => (a.katottg < b.katottg ? -1 : a.katottg > b.katottg ? 1 : 0));

  // A point shared by settlements of two different hromadas is a copied point (the village Миколаївка of the
  // Sumy Mykolaivska сільська hromada carries the point of the smt Миколаївка next door). Every settlement at such a
  // point whose own hromada polygon does not contain it loses the point and is treated as unlocated.
  const byPoint = new Map<string, Settlement[]>();
  for (const s of settlements)
    if (s.lon !== null && s.lat !== null && indexOf.has(s.hromadaCode)) {
      const k = `${s.lon},${s.lat}`;
      byPoint.set(k, [...(byPoint.get(k) ?? []), s]);
    }
  const dropped = new Set<string>();
  for (const group of byPoint.values()) {
    if (new Set(group.map((s) => s.hromadaCode)).size < 2) continue;
    for (const s of group)
      if (!booleanPointInPolygon([s.lon!, s.lat!], geometries[indexOf.get(s.hromadaCode)!]!)) dropped.add(s.katottg);
  }
  cases.point_copied_from_other_hromada = [...dropped].sort();
  for (const list of byHromada)
    list.forEach((s, k) => {
      if (dropped.has(s.katottg)) list[k] = { ...s, lon: null, lat: null };
    });

  const points: PointUnit[][] = hromadas.map(() => []);
  const spread = new Array<number>(hromadas.length).fill(0);
  const unlocated: Record<string, [string, string, string][]> = {};

  hromadas.forEach((h, hi) => {
    if (h.type === 'столиця') {
      // Kyiv: one point at its centre with its own 2022 population.
      points[hi]!.push({
        s: {
          katottg: h.code,
          name: h.name,
          category: 'special_status_city',
          hromadaCode: h.code,
          pop2022: h.pop_total,
          popGeonames: null,
          lon: h.center_lon,
          lat: h.center_lat,
        },
        population: h.pop_total,
        urban: 1,
        derivation: 'official',
      });
      return;
    }
    const ss = byHromada[hi]!;
    const located = (s: Settlement): boolean => s.lon !== null && s.lat !== null;
    const un = ss.filter((s) => !located(s));
    if (un.length > 0) unlocated[h.code] = un.map((s) => [s.katottg, s.name, s.category]);

    // Urban: cities and smt with an official population keep it; the residual up to pop_urban goes to the
    // cities/smt without one (by GeoNames weight), else to the spread cells.
    const urban = ss.filter((s) => URBAN.has(s.category));
    const known = urban.filter((s) => s.pop2022 !== null);
    const noPop = urban.filter((s) => s.pop2022 === null);
    let knownPops = known.map((s) => s.pop2022!);
    let sumKnown = knownPops.reduce((a, b) => a + b, 0);
    if (sumKnown > h.pop_urban) {
      cases.urban_sum_above_pop_urban++;
      knownPops = largestRemainder(h.pop_urban, knownPops);
      sumKnown = h.pop_urban;
    }
    known.forEach((s, k) => {
      const pop = knownPops[k]!;
      if (located(s)) points[hi]!.push({ s, population: pop, urban: 1, derivation: 'official' });
      else {
        cases.urban_official_unlocated++;
        cases.urban_official_unlocated_population += pop;
        spread[hi]! += pop;
      }
    });
    const residual = h.pop_urban - sumKnown;
    if (residual > 0) cases.urban_sum_below_pop_urban++;
    if (noPop.length > 0) {
      const w0 = residual / noPop.length;
      const shares = largestRemainder(
        residual,
        noPop.map((s) => s.popGeonames ?? w0),
      );
      noPop.forEach((s, k) => {
        cases.urban_estimated++;
        if (located(s)) points[hi]!.push({ s, population: shares[k]!, urban: 1, derivation: 'estimated_share' });
        else spread[hi]! += shares[k]!;
      });
    } else if (residual > 0) {
      cases.urban_residual_to_spread++;
      cases.urban_residual_to_spread_population += residual;
      spread[hi]! += residual;
    }

    // Rural: pop_rural shared among all villages and selyshches, located or not.
    const rural = ss.filter((s) => RURAL.has(s.category));
    if (rural.length === 0) {
      if (h.pop_rural > 0) {
        cases.rural_without_villages++;
        spread[hi]! += h.pop_rural;
      }
    } else {
      const w0 = h.pop_rural / rural.length;
      const shares = largestRemainder(
        h.pop_rural,
        rural.map((s) => s.popGeonames ?? w0),
      );
      rural.forEach((s, k) => {
        if (located(s)) points[hi]!.push({ s, population: shares[k]!, urban: 0, derivation: 'estimated_share' });
        else spread[hi]! += shares[k]!;
      });
    }
    points[hi]!.sort((a, b) => (a.s.katottg < b.s.katottg ? -1 : a.s.katottg > b.s.katottg ? 1 : 0));
  });

  // H3 cells for every hromada with spread population. A cell belongs to the hromada containing its centre;
  // where polygons overlap, to the lower hromada index.
  const cellsOfHromada: string[][] = hromadas.map(() => []);
  const owner = new Map<string, number>();
  hromadas.forEach((_h, hi) => {
    if (spread[hi]! <= 0) return;
    for (const c of cellsOf(geometries[hi]!, resolution)) {
      const o = owner.get(c);
      if (o === undefined) owner.set(c, hi);
      else if (o !== hi) cases.cells_in_two_polygons++;
    }
  });
  for (const [c, hi] of owner) cellsOfHromada[hi]!.push(c);
  hromadas.forEach((h, hi) => {
    if (spread[hi]! <= 0 || cellsOfHromada[hi]!.length > 0) return;
    for (const res of FINER) {
      const cs = [...new Set(cellsOf(geometries[hi]!, res))];
      if (cs.length > 0) {
        cellsOfHromada[hi] = cs;
        cases.finer_resolution_hromadas.push({ code: h.code, resolution: res });
        return;
      }
    }
    throw new Error(
      `demand: hromada ${h.code} has spread population ${spread[hi]} but no H3 cell centre even at resolution 10`,
    );
  });

  const d: DemandFile = {
    version: 1,
    h3Resolution: resolution,
    hromadaCodes: hromadas.map((h) => h.code),
    id: [],
    name: [],
    category: [],
    hromada: [],
    lon: [],
    lat: [],
    population: [],
    urban: [],
    kind: [],
    derivation: [],
    areaKm2: [],
  };
  hromadas.forEach((h, hi) => {
    let sum = 0;
    for (const p of points[hi]!) {
      d.id.push(p.s.katottg);
      d.name.push(p.s.name);
      d.category.push(p.s.category);
      d.hromada.push(hi);
      d.lon.push(p.s.lon!);
      d.lat.push(p.s.lat!);
      d.population.push(p.population);
      d.urban.push(p.urban);
      d.kind.push('settlement');
      d.derivation.push(p.derivation);
      d.areaKm2.push(0);
      sum += p.population;
    }
    const cells = cellsOfHromada[hi]!.sort();
    if (cells.length > 0) {
      const areas = cells.map((c) => round(cellArea(c, 'km2'), 4));
      const pops = largestRemainder(spread[hi]!, areas);
      cells.forEach((c, k) => {
        const [lat, lon] = cellToLatLng(c);
        d.id.push(c);
        d.name.push('');
        d.category.push('cell');
        d.hromada.push(hi);
        d.lon.push(round(lon, 5));
        d.lat.push(round(lat, 5));
        d.population.push(pops[k]!);
        d.urban.push(0);
        d.kind.push('cell');
        d.derivation.push('spread');
        d.areaKm2.push(areas[k]!);
        sum += pops[k]!;
      });
    }
    if (sum !== h.pop_total)
      throw new Error(`demand: hromada ${h.code} sums to ${sum}, official total is ${h.pop_total}`);
  });
  return { demand: d, unlocated, cases };
}
