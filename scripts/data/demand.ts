/**
 * Demand: where people live. Located settlements become points; the population of settlements without
 * coordinates is spread over the hromada as H3 cells in proportion to cell area; cities of 50,000+ are spread as
 * finer H3 cells over their territory (the hromada polygon, or an assumed urban footprint). Every hromada's units
 * sum exactly to its official 2022 total (largest-remainder rounding). The rules are documented in
 * docs/data-format.md.
 */
import { join } from 'node:path';
import {
  cellArea,
  cellToLatLng,
  getHexagonEdgeLengthAvg,
  greatCircleDistance,
  gridDisk,
  latLngToCell,
  polygonToCells,
} from 'h3-js';
import { num, readCsv, req, type CsvRow } from './csv';
import { booleanPointInPolygon } from '@turf/turf';
import { round, type Area } from './geo';
import type { Hromada } from './hromadas';
import { largestRemainder } from './largest-remainder';
import type { CityFootprint, PlaceSource } from '../../src/engine/types';

/** No demand unit carries more people than this; cities of at least this many are spread as cells. */
export const MAX_UNIT_POPULATION = 50_000;
/** A city of 50,000+ holding at least this share of its hromada's pop_total is spread over the whole hromada polygon. */
export const CITY_POLYGON_SHARE = 0.9;
/**
 * ASSUMPTION: people per km² of an assumed urban footprint (a city of 50,000+ in a larger hromada). The disk's area
 * is population / this density. Not a measured figure; a round value for the built-up area of a Ukrainian city.
 */
export const CITY_FOOTPRINT_DENSITY_PER_KM2 = 3_000;
/** H3 resolution of city cells (≈ 0.74 km²); finer ones are tried if a cell would exceed MAX_UNIT_POPULATION. */
export const CITY_H3_RESOLUTION = 8;
const CITY_FINER = [9, 10];

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
  /** Where the point comes from (null when there is none). */
  place: PlaceSource | null;
}

const FILE = 'settlements_katottg.csv';
export const OSM_FILE = 'settlements_osm_coords.csv';

const COORD_SOURCES: Readonly<Record<string, PlaceSource>> = {
  kse_hromada_centre: 'kse_hromada_centre',
  geonames_cities500: 'geonames',
  geonames_cities_json: 'geonames',
};
const OSM_METHODS: Readonly<Record<string, PlaceSource>> = {
  osm_place_node: 'osm_place_node',
  osm_boundary_interior_point: 'osm_boundary_point',
};

export function readSettlements(dataDir: string): Settlement[] {
  return readCsv(join(dataDir, FILE)).map((r: CsvRow) => {
    const category = req(r, 'category', FILE);
    if (!CATEGORIES.has(category)) throw new Error(`${FILE}: unknown category ${category}`);
    const lat = num(r['lat']);
    const lon = num(r['lon']);
    const located = lat !== null && lon !== null;
    const cs = r['coord_source'] ?? '';
    const place = located ? COORD_SOURCES[cs] : null;
    if (place === undefined) throw new Error(`${FILE}: ${r['katottg']}: unknown coord_source ${JSON.stringify(cs)}`);
    return {
      katottg: req(r, 'katottg', FILE),
      name: req(r, 'name', FILE),
      category: category as Category,
      hromadaCode: r['hromada_code'] ?? '',
      pop2022: num(r['pop_2022']),
      popGeonames: num(r['pop_geonames']),
      lon: lat === null || lon === null ? null : round(lon, 5),
      lat: lat === null || lon === null ? null : round(lat, 5),
      place,
    };
  });
}

/** One row of settlements_osm_coords.csv: a point from OpenStreetMap for a settlement without one. */
export interface OsmCoord {
  katottg: string;
  hromadaCode: string;
  lon: number;
  lat: number;
  place: PlaceSource;
}

export function readOsmCoords(dataDir: string): OsmCoord[] {
  return readCsv(join(dataDir, OSM_FILE)).map((r: CsvRow) => {
    const method = req(r, 'method', OSM_FILE);
    const place = OSM_METHODS[method];
    if (!place) throw new Error(`${OSM_FILE}: ${r['katottg']}: unknown method ${method}`);
    return {
      katottg: req(r, 'katottg', OSM_FILE),
      hromadaCode: req(r, 'hromada_code', OSM_FILE),
      lon: round(Number(req(r, 'lon', OSM_FILE)), 5),
      lat: round(Number(req(r, 'lat', OSM_FILE)), 5),
      place,
    };
  });
}

/**
 * Give the settlements without a point their OSM point (settlements_osm_coords.csv). A row for a settlement that
 * already has a point, for an unknown KATOTTG code, or with another hromada code is an error (the file is made for
 * exactly the settlements without a point). Returns a new array; counts by place source.
 */
export function applyOsmCoords(
  settlements: readonly Settlement[],
  osm: readonly OsmCoord[],
): { settlements: Settlement[]; applied: Record<string, number> } {
  const byCode = new Map(osm.map((o) => [o.katottg, o]));
  if (byCode.size !== osm.length) throw new Error(`${OSM_FILE}: duplicate katottg`);
  const applied: Record<string, number> = {};
  const seen = new Set<string>();
  const out = settlements.map((s) => {
    const o = byCode.get(s.katottg);
    if (!o) return s;
    seen.add(s.katottg);
    if (s.lon !== null) throw new Error(`${OSM_FILE}: ${s.katottg} already has a point in ${FILE}`);
    if (o.hromadaCode !== s.hromadaCode)
      throw new Error(`${OSM_FILE}: ${s.katottg} has hromada ${o.hromadaCode}, ${FILE} says ${s.hromadaCode}`);
    applied[o.place] = (applied[o.place] ?? 0) + 1;
    return { ...s, lon: o.lon, lat: o.lat, place: o.place };
  });
  const missing = osm.filter((o) => !seen.has(o.katottg));
  if (missing.length > 0) throw new Error(`${OSM_FILE}: ${missing[0]!.katottg} is not in ${FILE}`);
  return { settlements: out, applied: Object.fromEntries(Object.entries(applied).sort()) };
}

export interface DemandFile {
  version: 2;
  h3Resolution: number;
  /** H3 resolution of city cells (finer for a city listed in cases.city_finer_resolution). */
  cityH3Resolution: number;
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
  /** PLACE_SOURCES value per unit. */
  place: string[];
  /** Index into `cities` for city cells, -1 otherwise. */
  city: number[];
  /** Cities of 50,000+ spread as cells, by hromada index then id. */
  cities: CityFootprint[];
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
  /** City cells already taken by an earlier city (overlapping polygons or footprints); left to the earlier one. */
  city_cells_taken_by_other_city: number;
  /** Cities spread at a resolution finer than CITY_H3_RESOLUTION (no cell, or a cell above MAX_UNIT_POPULATION). */
  city_finer_resolution: { id: string; resolution: number }[];
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
 * H3 cells of an assumed disk of `radiusKm` around (lon, lat), clipped to the polygon: cells whose centre (rounded to
 * 1e-5, as written) is within the radius (great-circle) and inside the polygon (turf).
 */
function diskCells(lon: number, lat: number, radiusKm: number, geom: Area, res: number): string[] {
  const spacing = Math.sqrt(3) * getHexagonEdgeLengthAvg(res, 'km');
  const k = Math.ceil((radiusKm / spacing) * 1.25) + 2;
  const out: string[] = [];
  for (const c of gridDisk(latLngToCell(lat, lon, res), k)) {
    const [clat, clon] = cellToLatLng(c);
    const p = [round(clon, 5), round(clat, 5)];
    if (greatCircleDistance([lat, lon], [p[1]!, p[0]!], 'km') <= radiusKm && booleanPointInPolygon(p, geom))
      out.push(c);
  }
  return out.sort();
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
    city_cells_taken_by_other_city: 0,
    city_finer_resolution: [],
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
          place: null,
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

  // Cities of 50,000+ (official figure, located): no longer points but cells over their territory.
  interface CityPlan {
    c: CityFootprint;
    derivation: 'city_polygon' | 'city_footprint';
    cells: string[];
    pops: number[];
    areas: number[];
  }
  const cityPlans: CityPlan[] = [];
  const usedIds = new Set<string>();
  for (const cs of cellsOfHromada) for (const c of cs) usedIds.add(c);
  hromadas.forEach((h, hi) => {
    const keep: PointUnit[] = [];
    const cities: PointUnit[] = [];
    for (const p of points[hi]!)
      (p.derivation === 'official' && p.urban === 1 && p.population >= MAX_UNIT_POPULATION ? cities : keep).push(p);
    points[hi] = keep;
    for (const p of cities) {
      const whole = p.population >= CITY_POLYGON_SHARE * h.pop_total;
      const radiusKm = whole ? 0 : Math.sqrt(p.population / CITY_FOOTPRINT_DENSITY_PER_KM2 / Math.PI);
      let plan: CityPlan | null = null;
      for (const res of [CITY_H3_RESOLUTION, ...CITY_FINER]) {
        const all = whole ? [...new Set(cellsOf(geometries[hi]!, res))].sort() : diskCells(p.s.lon!, p.s.lat!, radiusKm, geometries[hi]!, res);
        const cells = all.filter((c) => !usedIds.has(c));
        if (cells.length === 0) continue;
        const areas = cells.map((c) => round(cellArea(c, 'km2'), 4));
        const pops = largestRemainder(p.population, areas);
        if (Math.max(...pops) > MAX_UNIT_POPULATION) continue;
        cases.city_cells_taken_by_other_city += all.length - cells.length;
        if (res !== CITY_H3_RESOLUTION) cases.city_finer_resolution.push({ id: p.s.katottg, resolution: res });
        for (const c of cells) usedIds.add(c);
        plan = {
          c: {
            id: p.s.katottg,
            name: p.s.name,
            category: p.s.category,
            lon: p.s.lon!,
            lat: p.s.lat!,
            population: p.population,
            hromada: hi,
            footprint: whole ? 'hromada_polygon' : 'assumed_disk',
            radiusKm: round(radiusKm, 3),
            cells: cells.length,
            areaKm2: round(areas.reduce((a, b) => a + b, 0), 2),
          },
          derivation: whole ? 'city_polygon' : 'city_footprint',
          cells,
          pops,
          areas,
        };
        break;
      }
      if (!plan)
        throw new Error(`demand: city ${p.s.katottg} (${p.s.name}) gets no cell of at most ${MAX_UNIT_POPULATION} people`);
      cityPlans.push(plan);
    }
  });
  // cityPlans are in hromada order; within a hromada, by id (points were sorted by KATOTTG).
  const citiesOf: CityPlan[][] = hromadas.map(() => []);
  cityPlans.forEach((cp) => citiesOf[cp.c.hromada]!.push(cp));

  const d: DemandFile = {
    version: 2,
    h3Resolution: resolution,
    cityH3Resolution: CITY_H3_RESOLUTION,
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
    place: [],
    city: [],
    cities: cityPlans.map((cp) => cp.c),
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
      if (!p.s.place) throw new Error(`demand: ${p.s.katottg} has a point but no place source`);
      d.place.push(p.s.place);
      d.city.push(-1);
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
        d.place.push('h3_cell');
        d.city.push(-1);
        sum += pops[k]!;
      });
    }
    for (const cp of citiesOf[hi]!) {
      const ci = cityPlans.indexOf(cp);
      cp.cells.forEach((c, k) => {
        const [lat, lon] = cellToLatLng(c);
        d.id.push(c);
        d.name.push(cp.c.name);
        d.category.push('cell');
        d.hromada.push(hi);
        d.lon.push(round(lon, 5));
        d.lat.push(round(lat, 5));
        d.population.push(cp.pops[k]!);
        d.urban.push(1);
        d.kind.push('cell');
        d.derivation.push(cp.derivation);
        d.areaKm2.push(cp.areas[k]!);
        d.place.push('h3_cell');
        d.city.push(ci);
        sum += cp.pops[k]!;
      });
    }
    if (sum !== h.pop_total)
      throw new Error(`demand: hromada ${h.code} sums to ${sum}, official total is ${h.pop_total}`);
  });
  const big = d.population.findIndex((x) => x > MAX_UNIT_POPULATION);
  if (big >= 0) throw new Error(`demand: unit ${d.id[big]} carries ${d.population[big]} people (> ${MAX_UNIT_POPULATION})`);
  if (new Set(d.id).size !== d.id.length) throw new Error('demand: duplicate unit ids');
  return { demand: d, unlocated, cases };
}
