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

/** Hromada choropleth by share of population within the norm, with the selected hromada outlined. */
export function hromadaLayer(input: LayerInput): GeoJsonLayer {
  const { selected } = input;
  return new GeoJsonLayer({
    id: 'hromadas',
    data: input.data.hromadaGeo,
    visible: true,
    filled: input.layers.choropleth,
    stroked: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    getFillColor: (f: Feature) => hromadaFill(input, f.id as number),
    getLineColor: (f: Feature) => (f.id === selected ? [200, 30, 30, 255] : [90, 90, 90, 110]),
    getLineWidth: (f: Feature) => (f.id === selected ? 3 : 0.6),
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 0.3,
    updateTriggers: {
      getFillColor: [input.resultVersion, input.service, input.osm],
      getLineColor: [selected],
      getLineWidth: [selected],
    },
    beforeId: BEFORE_OUTLINES,
  });
}
