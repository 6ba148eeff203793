/**
 * The basemap: a MapLibre style drawn only from the bundled outlines (no tiles, glyphs or sprites from any host),
 * with an optional OpenStreetMap raster layer that exists in the style but is hidden — and so requests nothing —
 * until the user switches it on.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export interface BasemapData {
  /** Hromada polygons: their outlines are drawn by MapLibre (tiled and simplified per zoom, cheap on any GPU). */
  hromadaGeo: FeatureCollection;
  border: FeatureCollection;
  oblasts: FeatureCollection;
  raions: FeatureCollection;
  noData: FeatureCollection;
}

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
      hromadas: { type: 'geojson', data: data.hromadaGeo, tolerance: 0.5 },
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
