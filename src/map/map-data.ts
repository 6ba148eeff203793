/**
 * Geometry prepared once from the bundled data for the map layers: stable arrays the layers keep as `data`
 * (positions as typed arrays, indices back into the DemandTable), so a recompute only changes colours.
 */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { DemandTable, Facility, HromadaTable } from '../engine/types';
import { settlementsGeoJson } from './settlements-style';

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
  /** The same as GeoJSON points for the map's circle layer (settlements-style.ts), id = position in `settlements`. */
  settlementsGeo: FeatureCollection<Point, { r0: number }>;
  /** Demand indices of H3 cells (kind 1), as a plain array for H3HexagonLayer. */
  cells: number[];
  /** Demand indices of the largest settlements (labels), biggest first. */
  labelIndices: number[];
}

/**
 * Circle radius in metres for a settlement of `population` people: area proportional to population
 * (√pop × 30 m: 300 people ≈ 0.5 km, Kyiv ≈ 52 km before the pixel clamp).
 */
export function settlementRadiusM(population: number): number {
  return 30 * Math.sqrt(Math.max(0, population));
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
  for (let i = 0; i < demand.count; i++) (demand.kind[i] === 0 ? settl : cells).push(i);
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
  const labelIndices = settl.filter((d) => demand.population[d]! >= 10_000 && demand.names[d]);
  const settlements = { length: n, indices: Int32Array.from(settl), positions, radii };
  return {
    hromadaGeo,
    hromadas,
    demand,
    facilities,
    settlements,
    settlementsGeo: settlementsGeoJson(settlements),
    cells,
    labelIndices,
  };
}
