/**
 * Geometry prepared once from the bundled data for the map layers: stable arrays the layers keep as `data`
 * (positions as typed arrays, indices back into the DemandTable), so a recompute only changes colours.
 */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { cityIndex, type CityIndex } from '../engine/places';
import type { CityFootprint, DemandTable, Facility, HromadaTable } from '../engine/types';

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

export interface PointSet {
  length: number;
  /** Demand index of each point. */
  indices: Int32Array;
  /** lon, lat interleaved. */
  positions: Float64Array;
  /** Circle radius, metres, from population. */
  radii: Float32Array;
}

export interface MapData {
  hromadaGeo: FeatureCollection<Polygon | MultiPolygon>;
  hromadas: HromadaTable;
  demand: DemandTable;
  facilities: Facility[];
  /** Located settlements (kind 0). */
  settlements: PointSet;
  /**
   * The same as GeoJSON points for the map's circle layer (settlements-style.ts; built by settlementsGeoJson), id = position in `settlements`;
   * then one circle per city of 50,000+ spread over cells (DemandTable.cities) at its own point, id =
   * `settlements.length + c` (see circleTarget).
   */
  settlementsGeo: FeatureCollection<Point, { r0: number }>;
  /** The cells of each city (src/engine/places.ts), built once per data for the cities' circles. */
  cityIndex: CityIndex;
  /**
   * Demand indices of H3 cells (kind 1) at the demand's own resolution, as a plain array for H3HexagonLayer. The
   * cells of cities spread over territory (resolution 8) are apart in `cityCells`: a low-precision H3HexagonLayer
   * draws every hexagon at the size of its first one.
   */
  cells: number[];
  /** Demand indices of the cells that carry a city's population (DemandTable.city ≥ 0). */
  cityCells: number[];
  /** Named places for the map's names: located settlements and the points of cities spread over cells. */
  places: PlaceNames;
  /** Positions in `places` of those of 10,000 people or more (city names), biggest first. */
  labelIndices: number[];
}

/** Named places, biggest first (flat columns). */
export interface PlaceNames {
  length: number;
  names: string[];
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  /** Demand index of a located settlement, -1 for a city spread over cells (see `city`). */
  demand: Int32Array;
  /** Index into DemandTable.cities, -1 for a located settlement. */
  city: Int32Array;
}

/** Located named settlements and the cities' own points, biggest first. */
export function placeNames(demand: DemandTable, settlementsBiggestFirst: readonly number[]): PlaceNames {
  const items: { name: string; lon: number; lat: number; pop: number; d: number; c: number }[] = [];
  for (const d of settlementsBiggestFirst) {
    const name = demand.names[d];
    if (name) items.push({ name, lon: demand.lon[d]!, lat: demand.lat[d]!, pop: demand.population[d]!, d, c: -1 });
  }
  (demand.cities ?? []).forEach((c, k) => items.push({ name: c.name, lon: c.lon, lat: c.lat, pop: c.population, d: -1, c: k }));
  items.sort((a, b) => b.pop - a.pop);
  const n = items.length;
  const out: PlaceNames = {
    length: n,
    names: items.map((x) => x.name),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    population: new Float64Array(n),
    demand: new Int32Array(n),
    city: new Int32Array(n),
  };
  items.forEach((x, k) => {
    out.lon[k] = x.lon;
    out.lat[k] = x.lat;
    out.population[k] = x.pop;
    out.demand[k] = x.d;
    out.city[k] = x.c;
  });
  return out;
}

/** What circle `k` of the settlement layer stands for: a located settlement (its demand index) or a city (its index). */
export type CircleTarget = { kind: 'demand'; index: number } | { kind: 'city'; city: number };

/**
 * What the settlement circle with feature id `k` stands for (settlementsGeo): located settlements first, then the
 * cities spread over cells; null for an id out of range.
 */
export function circleTarget(data: Pick<MapData, 'settlements' | 'demand'>, k: number): CircleTarget | null {
  const n = data.settlements.length;
  if (k >= 0 && k < n) return { kind: 'demand', index: data.settlements.indices[k]! };
  const c = k - n;
  return c >= 0 && c < (data.demand.cities?.length ?? 0) ? { kind: 'city', city: c } : null;
}

/**
 * Circle radius in metres for a settlement of `population` people: area proportional to population
 * (√pop × 30 m: 300 people ≈ 0.5 km, Kyiv ≈ 52 km before the pixel clamp).
 */
export function settlementRadiusM(population: number): number {
  return 30 * Math.sqrt(Math.max(0, population));
}

/**
 * One Point per located settlement, id = its position k in MapData.settlements (biggest first, so small ones are
 * drawn on top), with `r0`: its radius in pixels at zoom 0 on 512-px tiles at its own latitude. Then one Point per
 * city of 50,000+ spread over cells, at its own point and sized by its population, id = `pts.length + c`; they come
 * first in the collection (biggest first), so they are drawn under every settlement.
 */
export function settlementsGeoJson(pts: PointSet, cities: readonly Pick<CityFootprint, 'lon' | 'lat' | 'population'>[] = []): FeatureCollection<Point, { r0: number }> {
  const features: FeatureCollection<Point, { r0: number }>['features'] = [];
  const point = (id: number, lon: number, lat: number, radiusM: number) => {
    const metresPerPx0 = (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / 512;
    features.push({ type: 'Feature', id, properties: { r0: radiusM / metresPerPx0 }, geometry: { type: 'Point', coordinates: [lon, lat] } });
  };
  const order = cities.map((_, c) => c).sort((a, b) => cities[b]!.population - cities[a]!.population);
  for (const c of order) point(pts.length + c, cities[c]!.lon, cities[c]!.lat, settlementRadiusM(cities[c]!.population));
  for (let k = 0; k < pts.length; k++) point(k, pts.positions[2 * k]!, pts.positions[2 * k + 1]!, pts.radii[k]!);
  return { type: 'FeatureCollection', features };
}

export function prepareMapData(
  hromadaGeo: FeatureCollection<Polygon | MultiPolygon>,
  hromadas: HromadaTable,
  demand: DemandTable,
  facilities: Facility[],
): MapData {
  // Feature id = hromada index, so accessors read typed-array statistics by f.id.
  hromadaGeo.features.forEach((f, i) => (f.id = i));
  const settl: number[] = [];
  const cells: number[] = [];
  const cityCells: number[] = [];
  const city = demand.city;
  for (let i = 0; i < demand.count; i++) (demand.kind[i] === 0 ? settl : city && city[i]! >= 0 ? cityCells : cells).push(i);
  // Big settlements drawn last (on top) would hide small ones; draw biggest first.
  settl.sort((a, b) => demand.population[b]! - demand.population[a]!);
  const n = settl.length;
  const positions = new Float64Array(n * 2);
  const radii = new Float32Array(n);
  settl.forEach((d, k) => {
    positions[2 * k] = demand.lon[d]!;
    positions[2 * k + 1] = demand.lat[d]!;
    radii[k] = settlementRadiusM(demand.population[d]!);
  });
  const places = placeNames(demand, settl);
  const labelIndices: number[] = [];
  for (let k = 0; k < places.length && places.population[k]! >= 10_000; k++) labelIndices.push(k);
  const settlements = { length: n, indices: Int32Array.from(settl), positions, radii };
  return {
    hromadaGeo,
    hromadas,
    demand,
    facilities,
    settlements,
    settlementsGeo: settlementsGeoJson(settlements, demand.cities ?? []),
    cityIndex: cityIndex(demand),
    cells,
    cityCells,
    places,
    labelIndices,
  };
}
