/**
 * GeoJSON road lines → the builder's ways. A GeoJSON file is one JSON document, so it is read whole (up to
 * GEOJSON_MAX_BYTES, ./limits); LineString and MultiLineString features with a `highway` class of ROAD_CLASSES, or an explicit
 * `speed_kmh` (class `road` when there is no highway), `maxspeed` and `oneway` as on OSM ways. Lines meet where their
 * vertices have the same coordinates to 1e-7°.
 */
import { roadsError } from './errors';
import { WayCollector } from './collect';
import type { OsmTags } from './osm';

export interface GeoJsonWays {
  readonly ways: WayCollector;
  readonly lonE7: Int32Array;
  readonly latE7: Int32Array;
  readonly skippedFeatures: number;
}

export function readGeoJsonRoads(text: string): GeoJsonWays {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw roadsError(
      'bad_geojson',
      `The GeoJSON is not valid JSON: ${(e as Error).message}`,
      `GeoJSON не є правильним JSON: ${(e as Error).message}`,
    );
  }
  const d = doc as { type?: unknown; features?: unknown };
  const feats =
    d.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d.type === 'Feature' ? [d] : null;
  if (!feats)
    throw roadsError(
      'bad_geojson',
      'The GeoJSON is not a FeatureCollection of road lines',
      'GeoJSON не є колекцією ліній доріг (FeatureCollection)',
    );
  const ways = new WayCollector(true);
  const index = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const refs: number[] = [];
  let skipped = 0;
  const nodeOf = (c: unknown): number => {
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') return -1;
    const x = Math.round(c[0] * 1e7);
    const y = Math.round(c[1] * 1e7);
    if (!(Math.abs(x) <= 1.8e9 && Math.abs(y) <= 0.9e9)) return -1;
    const k = `${x},${y}`;
    let i = index.get(k);
    if (i === undefined) {
      i = lon.length;
      index.set(k, i);
      lon.push(x);
      lat.push(y);
    }
    return i;
  };
  for (const f of feats as {
    geometry?: { type?: string; coordinates?: unknown };
    properties?: Record<string, unknown> | null;
  }[]) {
    const g = f?.geometry;
    const lines =
      g?.type === 'LineString'
        ? [g.coordinates]
        : g?.type === 'MultiLineString' && Array.isArray(g.coordinates)
          ? g.coordinates
          : null;
    if (!lines) {
      skipped++;
      continue;
    }
    const tags: OsmTags = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) if (v !== null && v !== undefined) tags[k] = String(v);
    const before = ways.counts['ways_drivable']!;
    for (const line of lines as unknown[]) {
      refs.length = 0;
      if (Array.isArray(line)) for (const c of line) refs.push(nodeOf(c));
      // A vertex that is not a coordinate pair splits the line (as a missing node would).
      ways.addWay(
        tags,
        refs.map((r) => (r < 0 ? NaN : r)),
        refs.length,
      );
    }
    if (ways.counts['ways_drivable'] === before) skipped++;
  }
  return { ways, lonE7: Int32Array.from(lon), latE7: Int32Array.from(lat), skippedFeatures: skipped };
}
