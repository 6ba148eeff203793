/**
 * The basemap: a MapLibre style drawn only from the bundled vector tiles of the outlines (no tiles, glyphs or sprites
 * from any other host),
 * with an optional OpenStreetMap raster layer that exists in the style but is hidden — and so requests nothing —
 * until the user switches it on.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { TILE_LAYERS, TILES_BOUNDS, TILES_DIR, TILES_MAX_ZOOM, TILES_MIN_ZOOM } from './basemap-tiles';

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** What the basemap draws. */
export interface BasemapData {
  /** URL template (`…/{z}/{x}/{y}.pbf`) of the bundled vector tiles: outlines and hromada polygons (basemap-tiles.ts). */
  tiles: string;
  /**
   * Hromada polygons of imported boundaries, in HromadaTable order, drawn instead of the tiles' own: MapLibre numbers
   * them by position (`generateId`), as the tiles number theirs, so the choropleth's feature state is keyed by the
   * hromada index either way. null: the bundled polygons from the tiles.
   */
  hromadaGeo: FeatureCollection | null;
}

/** The bundled basemap; `url` maps a path under public/geo to its address. */
export function bundledBasemap(url: (file: string) => string): BasemapData {
  return { tiles: `${url(`${TILES_DIR}/`)}{z}/{x}/{y}.pbf`, hromadaGeo: null };
}

/** Where the hromada polygons come from: the tiles' source layer, or the GeoJSON source of imported boundaries. */
export interface HromadaSource {
  source: string;
  sourceLayer?: string;
}

export function hromadaSource(data: BasemapData): HromadaSource {
  return data.hromadaGeo ? { source: 'hromadas' } : { source: 'basemap', sourceLayer: TILE_LAYERS.hromadas };
}

/** The `source` (and `source-layer`) of a layer drawn from the hromada polygons (the choropleth, its outlines, territory). */
export function hromadaLayerSource(h: HromadaSource): { source: string; 'source-layer'?: string } {
  return { source: h.source, ...(h.sourceLayer ? { 'source-layer': h.sourceLayer } : {}) };
}

/** Imported polygons are simplified by MapLibre as the tiles were at build time (screen pixels). */
const IMPORTED_TOLERANCE_PX = 1.5;

/** Layer ids the deck.gl layers are inserted beneath (so outlines stay on top of the choropleth). */
export const BEFORE_OUTLINES = 'hromada-lines';
export const BEFORE_LABELS = 'border-line';
/** The MapLibre fill layer of the hromada choropleth (picked for hover and click). */
export const CHOROPLETH_LAYER = 'hromada-fill';
/** Fill of a hromada before the first result (and of one without statistics). */
export const UNKNOWN_FILL = 'rgba(210,210,210,0.47)';

export const PALETTE = {
  water: '#dfe7ec',
  land: '#f6f4ee',
  noData: '#d6d3cc',
  raion: '#9a9a9a',
  oblast: '#4a4a4a',
  border: '#202020',
};

/** Zoom from which the hromada outlines are drawn (the choropleth's colours tell hromadas apart below it). */
export const HROMADA_LINES_MIN_ZOOM = 5.5;

/**
 * Builds the offline style. With `osm: false` the OSM source is not part of the style at all, so MapLibre cannot
 * request a tile; MapView adds it when the user switches it on.
 */
export function basemapStyle(data: BasemapData): StyleSpecification {
  const h = hromadaSource(data);
  const hromadas = hromadaLayerSource(h);
  const tiles = (layer: string) => ({ source: 'basemap', 'source-layer': layer });
  return {
    version: 8,
    name: 'hromada-coverage-offline',
    sources: {
      basemap: { type: 'vector', tiles: [data.tiles], minzoom: TILES_MIN_ZOOM, maxzoom: TILES_MAX_ZOOM, bounds: TILES_BOUNDS },
      ...(data.hromadaGeo ? { hromadas: { type: 'geojson' as const, data: data.hromadaGeo, tolerance: IMPORTED_TOLERANCE_PX, generateId: true } } : {}),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': PALETTE.water } },
      // No antialiasing pass on the fills under the lines: MapLibre draws every ring of an antialiased fill once more
      // as GL lines, and the border and oblast lines cover these edges anyway. In software WebGL the two passes cost
      // about 13 ms of every frame at the country view (issue 15).
      { id: 'land', type: 'fill', ...tiles(TILE_LAYERS.border), paint: { 'fill-color': PALETTE.land, 'fill-antialias': false } },
      { id: 'nodata-fill', type: 'fill', ...tiles(TILE_LAYERS.noData), paint: { 'fill-color': PALETTE.noData, 'fill-opacity': 0.9, 'fill-antialias': false } },
      // The choropleth: colours come from feature state (MapView.setChoropleth), keyed by hromada index (feature id).
      {
        id: CHOROPLETH_LAYER,
        type: 'fill',
        ...hromadas,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], UNKNOWN_FILL]],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.55, 1],
          'fill-antialias': false,
        },
      },
      {
        id: 'hromada-lines',
        type: 'line',
        ...hromadas,
        // Not at the country view (zoom ~5.2 on a laptop): there a 0.3 px line at 25 % opacity was all but invisible
        // (1,469 outlines a few px apart), yet cost about a seventh of every frame in software WebGL.
        minzoom: HROMADA_LINES_MIN_ZOOM,
        paint: {
          'line-color': '#5a5a5a',
          'line-opacity': ['interpolate', ['linear'], ['zoom'], HROMADA_LINES_MIN_ZOOM, 0.25, 8, 0.6],
          'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.3, 10, 1.2],
        },
      },
      {
        id: 'raion-lines',
        type: 'line',
        ...tiles(TILE_LAYERS.raions),
        minzoom: 6.5,
        paint: { 'line-color': PALETTE.raion, 'line-width': ['interpolate', ['linear'], ['zoom'], 6.5, 0.4, 10, 1.2], 'line-dasharray': [3, 2] },
      },
      {
        id: 'oblast-lines',
        type: 'line',
        ...tiles(TILE_LAYERS.oblasts),
        paint: { 'line-color': PALETTE.oblast, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 10, 2], 'line-opacity': 0.8 },
      },
      {
        id: 'border-line',
        type: 'line',
        ...tiles(TILE_LAYERS.border),
        paint: { 'line-color': PALETTE.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.2, 10, 3] },
      },
      {
        id: 'hromada-selected',
        type: 'line',
        ...hromadas,
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#c8102e', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2, 10, 4] },
      },
    ],
  };
}
