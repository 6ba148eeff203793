/**
 * The basemap: a MapLibre style drawn only from the bundled outlines (no tiles, glyphs or sprites from any host),
 * with an optional OpenStreetMap raster layer that exists in the style but is hidden — and so requests nothing —
 * until the user switches it on.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * What the basemap draws: each a GeoJSON FeatureCollection or the URL of one. A URL is fetched and parsed by
 * MapLibre's worker, so the page's main thread never parses, copies or posts it.
 */
export interface BasemapData {
  /**
   * Hromada polygons in the order of the HromadaTable: MapLibre numbers them by position (`generateId`), and the
   * choropleth's feature state is keyed by that number, the hromada index.
   */
  hromadaGeo: FeatureCollection | string;
  border: FeatureCollection | string;
  oblasts: FeatureCollection | string;
  raions: FeatureCollection | string;
  noData: FeatureCollection | string;
}

/** The bundled hromada polygons (public/geo). */
export const BUNDLED_HROMADAS = 'hromadas.geojson';

/** The bundled outlines (public/geo) as the basemap reads them; `url` maps a file name to its address. */
export function bundledBasemap(url: (file: string) => string): BasemapData {
  return {
    hromadaGeo: url(BUNDLED_HROMADAS),
    border: url('border.geojson'),
    oblasts: url('oblasts.geojson'),
    raions: url('raions.geojson'),
    noData: url('no_data.geojson'),
  };
}

/**
 * Douglas–Peucker tolerance of the hromada polygons, in screen pixels at every zoom. Each frame's cost in software
 * WebGL grows with their vertex count (fill and outlines, ~1,470 polygons on the country view); at 1.5 px it is
 * about 40 % lower than at 0.5 px, and neighbouring outlines still meet within the width of the line drawn.
 */
export const HROMADA_TOLERANCE = 1.5;

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

/**
 * Builds the offline style. With `osm: false` the OSM source is not part of the style at all, so MapLibre cannot
 * request a tile; MapView adds it when the user switches it on.
 */
export function basemapStyle(data: BasemapData): StyleSpecification {
  return {
    version: 8,
    name: 'hromada-coverage-offline',
    sources: {
      border: { type: 'geojson', data: data.border },
      oblasts: { type: 'geojson', data: data.oblasts },
      raions: { type: 'geojson', data: data.raions },
      nodata: { type: 'geojson', data: data.noData },
      hromadas: { type: 'geojson', data: data.hromadaGeo, tolerance: HROMADA_TOLERANCE, generateId: true },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': PALETTE.water } },
      { id: 'land', type: 'fill', source: 'border', paint: { 'fill-color': PALETTE.land } },
      { id: 'nodata-fill', type: 'fill', source: 'nodata', paint: { 'fill-color': PALETTE.noData, 'fill-opacity': 0.9 } },
      // The choropleth: colours come from feature state (MapView.setChoropleth), keyed by hromada index (feature id).
      {
        id: CHOROPLETH_LAYER,
        type: 'fill',
        source: 'hromadas',
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], UNKNOWN_FILL]],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.55, 1],
          'fill-antialias': false,
        },
      },
      {
        id: 'hromada-lines',
        type: 'line',
        source: 'hromadas',
        paint: {
          'line-color': '#5a5a5a',
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 5, 0.25, 8, 0.6],
          'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.3, 10, 1.2],
        },
      },
      {
        id: 'raion-lines',
        type: 'line',
        source: 'raions',
        minzoom: 6.5,
        paint: { 'line-color': PALETTE.raion, 'line-width': ['interpolate', ['linear'], ['zoom'], 6.5, 0.4, 10, 1.2], 'line-dasharray': [3, 2] },
      },
      {
        id: 'oblast-lines',
        type: 'line',
        source: 'oblasts',
        paint: { 'line-color': PALETTE.oblast, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 10, 2], 'line-opacity': 0.8 },
      },
      {
        id: 'border-line',
        type: 'line',
        source: 'border',
        paint: { 'line-color': PALETTE.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.2, 10, 3] },
      },
      {
        id: 'hromada-selected',
        type: 'line',
        source: 'hromadas',
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#c8102e', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2, 10, 4] },
      },
    ],
  };
}
