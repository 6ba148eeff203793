/** GeoJSON helpers for the data build: reading, rounding, and point-in-polygon over many polygons. */
import { readFileSync } from 'node:fs';
import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export type Area = Polygon | MultiPolygon;
export type AreaFeature<P = Record<string, unknown>> = Feature<Area, P>;

export function readGeoJson<G extends Area = Area>(path: string): FeatureCollection<G> {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<G>;
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new Error(`${path}: not a FeatureCollection`);
  return fc;
}

/** Round to `digits` decimals (1e-5 deg ≈ 1 m). Returns 0 for -0. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

/** Round every coordinate of a (Multi)Polygon; drops consecutive duplicate vertices created by rounding. */
export function roundGeometry(g: Area, digits: number): Area {
  const ring = (r: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of r) {
      const q = [round(p[0]!, digits), round(p[1]!, digits)];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const poly = (p: Position[][]): Position[][] => p.map(ring).filter((r) => r.length >= 4);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: poly(g.coordinates) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map(poly).filter((p) => p.length > 0) };
}

/** Bounding box [minX, minY, maxX, maxY] of a (Multi)Polygon. */
export function bbox(g: Area): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys)
    for (const r of p)
      for (const c of r) {
        const x = c[0]!;
        const y = c[1]!;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
  return [minX, minY, maxX, maxY];
}

/**
 * Point-in-polygon over a list of polygons, with a Flatbush index on their bounding boxes so that only the
 * few candidate polygons are tested exactly (turf booleanPointInPolygon, boundary counts as inside).
 */
export class PolygonIndex {
  private readonly index: Flatbush;
  constructor(private readonly geoms: readonly Area[]) {
    this.index = new Flatbush(Math.max(1, geoms.length));
    for (const g of geoms) this.index.add(...bbox(g));
    if (geoms.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** Indexes of every polygon containing [lon, lat], ascending. */
  containing(lon: number, lat: number): number[] {
    if (this.geoms.length === 0) return [];
    return this.index
      .search(lon, lat, lon, lat)
      .filter((i) => booleanPointInPolygon([lon, lat], this.geoms[i]!))
      .sort((a, b) => a - b);
  }

  /** The lowest-index polygon containing [lon, lat], or -1. */
  first(lon: number, lat: number): number {
    return this.containing(lon, lat)[0] ?? -1;
  }
}
