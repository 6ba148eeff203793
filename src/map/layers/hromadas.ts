import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { shareColor, type RGBA } from '../colors';
import { BEFORE_OUTLINES } from '../style';
import type { LayerInput } from './types';

const UNKNOWN: RGBA = [210, 210, 210, 120];

/** Fill colour of hromada `index` for the current result (grey while nothing is computed). */
export function hromadaFill(input: Pick<LayerInput, 'result' | 'service' | 'osm'>, index: number): RGBA {
  const stats = input.result?.services[input.service].stats;
  if (!stats) return UNKNOWN;
  return shareColor(stats.share[index] ?? NaN, input.osm ? 150 : 210);
}

/**
 * Hromada choropleth by share of population within the norm. Fill only: the outlines (and the selected hromada's
 * outline) are MapLibre line layers in src/map/style.ts.
 */
export function hromadaLayer(input: LayerInput): GeoJsonLayer {
  return new GeoJsonLayer({
    id: 'hromadas',
    data: input.data.hromadaGeo,
    visible: true,
    filled: input.layers.choropleth,
    stroked: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    getFillColor: (f: Feature) => hromadaFill(input, f.id as number),
    updateTriggers: {
      getFillColor: [input.resultVersion, input.service, input.osm],
    },
    beforeId: BEFORE_OUTLINES,
  });
}
