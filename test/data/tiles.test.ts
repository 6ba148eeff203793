/**
 * The committed basemap tiles (public/geo/tiles, cut by `npm run data`): every tile of the box exists, hromada
 * features carry their index as id and their code, and a point inside each sampled hromada lies inside its polygon
 * in the tile decoded back (the polygons the map draws and picks).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { booleanPointInPolygon, lineString, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { TILE_LAYERS, TILES_BOUNDS, TILES_DIR, TILES_MAX_ZOOM, TILES_MIN_ZOOM } from '../../src/map/basemap-tiles';
import { tileRange } from '../../scripts/data/tiles';

const geo = join(import.meta.dirname, '../../public/geo');
const dir = join(geo, TILES_DIR);
const hromadas = JSON.parse(readFileSync(join(geo, 'hromadas.geojson'), 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  { code: string; center_lon: number; center_lat: number }
>;

/** Distance, km, from a point to the nearest edge of a polygon. */
function pointToPolygonEdgeKm(p: [number, number], f: Feature<Polygon | MultiPolygon>): number {
  const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
  return Math.min(...rings.map((r) => pointToLineDistance(p, lineString(r), { units: 'kilometers' })));
}

function tile(z: number, x: number, y: number): VectorTile {
  return new VectorTile(new PbfReader(readFileSync(join(dir, `${z}/${x}/${y}.pbf`))));
}

/** Tile x, y of lon/lat at zoom z (the same projection as tileRange). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const r = tileRange([lon, lat, lon, lat], z);
  return [r.x0, r.y0];
}

describe('basemap tiles', () => {
  it('has exactly the tiles of its box at every zoom', () => {
    for (let z = TILES_MIN_ZOOM; z <= TILES_MAX_ZOOM; z++) {
      const { x0, x1, y0, y1 } = tileRange(TILES_BOUNDS, z);
      const want: string[] = [];
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) want.push(`${x}/${y}.pbf`);
      const have = readdirSync(join(dir, String(z))).flatMap((x) => readdirSync(join(dir, String(z), x)).map((y) => `${x}/${y}`));
      expect(have.sort()).toEqual(want.sort());
    }
    expect(readdirSync(dir).map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: TILES_MAX_ZOOM - TILES_MIN_ZOOM + 1 }, (_, i) => TILES_MIN_ZOOM + i));
  });

  it('every data layer lies inside the box', () => {
    for (const f of ['hromadas', 'border', 'oblasts', 'raions', 'no_data']) {
      const fc = JSON.parse(readFileSync(join(geo, `${f}.geojson`), 'utf8')) as FeatureCollection;
      const coords = JSON.stringify(fc.features.map((x) => x.geometry)).match(/-?\d+\.?\d*,-?\d+\.?\d*/g) ?? [];
      for (const c of coords) {
        const [lon, lat] = c.split(',').map(Number) as [number, number];
        expect(lon >= TILES_BOUNDS[0] && lon <= TILES_BOUNDS[2] && lat >= TILES_BOUNDS[1] && lat <= TILES_BOUNDS[3], `${f} ${c}`).toBe(true);
      }
    }
  });

  it('the centre of each hromada is inside the feature with its index and code, at zoom 9 and on the country view (zoom 5)', () => {
    let checked = 0;
    const missing: Record<number, string[]> = { 5: [], 9: [] };
    hromadas.features.forEach((h, i) => {
      const lon = h.properties.center_lon;
      const lat = h.properties.center_lat;
      // Only centres inside their polygon and farther from its edge than the simplification may move it at zoom z
      // (1.5 px: ~0.15 km at zoom 9, ~2.4 km at zoom 5).
      const edge = booleanPointInPolygon([lon, lat], h) ? pointToPolygonEdgeKm([lon, lat], h) : 0;
      for (const z of [5, 9]) {
        if (edge < 0.1 * 2 ** (9 - z) * 2) continue;
        const [x, y] = tileOf(lon, lat, z);
        const layer = tile(z, x, y).layers[TILE_LAYERS.hromadas];
        let found = false;
        for (let k = 0; layer && k < layer.length; k++) {
          const f = layer.feature(k);
          if (f.id !== i) continue;
          expect(f.properties['code']).toBe(h.properties.code);
          const g = f.toGeoJSON(x, y, z) as Feature<Polygon | MultiPolygon>;
          found ||= booleanPointInPolygon([lon, lat], g);
        }
        if (!found) missing[z]!.push(h.properties.code);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(hromadas.features.length * 1.3);
    expect(missing[9]).toEqual([]);
    expect(missing[5]).toEqual([]);
  });

  it('empty tiles are empty files (a valid tile without layers), so the map never asks for a missing one', () => {
    const { x0, y0 } = tileRange(TILES_BOUNDS, TILES_MAX_ZOOM);
    const corner = join(dir, `${TILES_MAX_ZOOM}/${x0}/${y0}.pbf`);
    expect(existsSync(corner)).toBe(true);
    expect(Object.keys(tile(TILES_MAX_ZOOM, x0, y0).layers)).toEqual([]);
  });
});
