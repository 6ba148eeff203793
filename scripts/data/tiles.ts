/**
 * Vector tiles of the basemap outlines (public/geo/tiles/{z}/{x}/{y}.pbf), cut once here at data build time, so that
 * the browser never indexes GeoJSON for the map: MapLibre's worker only decodes the few small tiles in view. Tiles
 * are made with the same libraries MapLibre uses for GeoJSON sources (geojson-vt to cut and simplify, vt-pbf to
 * encode), so the map looks as it did when it tiled the GeoJSON itself.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection } from 'geojson';
import { TILES_MAX_ZOOM, TILES_MIN_ZOOM } from '../../src/map/basemap-tiles';

/** Tile coordinate units per tile side (MVT), and the tile's size on screen in CSS pixels. */
export const TILE_EXTENT = 4096;
export const TILE_SIZE_PX = 512;
/**
 * Douglas–Peucker tolerance, screen pixels at each zoom. A frame's cost in software WebGL grows with the vertex count
 * (country view: ~1,470 hromada polygons filled and outlined); at 1.5 px it is about 40 % lower than at 0.5 px while
 * neighbouring outlines still meet within the width of the drawn line.
 */
export const TILE_TOLERANCE_PX = 1.5;
/** Geometry kept beyond each tile edge, pixels (covers the widest line's half-width and joins). */
export const TILE_BUFFER_PX = 8;

export interface TileLayer {
  /** Source-layer name in every tile. */
  name: string;
  data: FeatureCollection;
  /** First zoom this layer is cut at (none in lower tiles). */
  minZoom?: number;
}

/** Tile x, y range at zoom z covering [west, south, east, north] (degrees). */
export function tileRange(bounds: readonly [number, number, number, number], z: number): { x0: number; x1: number; y0: number; y1: number } {
  const n = 2 ** z;
  const tx = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const ty = (lat: number) => {
    const s = Math.sin((lat * Math.PI) / 180);
    return Math.min(n - 1, Math.max(0, Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)));
  };
  return { x0: tx(bounds[0]), x1: tx(bounds[2]), y0: ty(bounds[3]), y1: ty(bounds[1]) };
}

/**
 * Every tile of `bounds` from TILES_MIN_ZOOM to TILES_MAX_ZOOM, keyed `z/x/y.pbf`, in a fixed order. A tile with
 * nothing in it is an empty buffer (a valid tile with no layers), so the map never asks for a file that is missing.
 * Features keep their `id` (hromada index for the choropleth's feature state) and their properties.
 */
export function buildTiles(layers: readonly TileLayer[], bounds: readonly [number, number, number, number]): Map<string, Uint8Array> {
  const px = TILE_EXTENT / TILE_SIZE_PX;
  const indexes = layers.map((l) => ({
    layer: l,
    index: new GeoJSONVT(l.data, {
      maxZoom: TILES_MAX_ZOOM,
      indexMaxZoom: TILES_MIN_ZOOM,
      tolerance: TILE_TOLERANCE_PX * px,
      extent: TILE_EXTENT,
      buffer: TILE_BUFFER_PX * px,
    }),
  }));
  const out = new Map<string, Uint8Array>();
  for (let z = TILES_MIN_ZOOM; z <= TILES_MAX_ZOOM; z++) {
    const { x0, x1, y0, y1 } = tileRange(bounds, z);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const parts: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
        for (const { layer, index } of indexes) {
          if (z < (layer.minZoom ?? 0)) continue;
          const t = index.getTile(z, x, y);
          if (t && t.features.length > 0) parts[layer.name] = t;
        }
        const bytes = Object.keys(parts).length ? fromGeojsonVt(parts, { version: 2, extent: TILE_EXTENT }) : new Uint8Array(0);
        out.set(`${z}/${x}/${y}.pbf`, bytes);
      }
  }
  return out;
}
