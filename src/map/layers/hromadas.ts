/**
 * Colours of the hromada choropleth (share of population within the norm). MapLibre draws it (style.ts layer
 * `hromada-fill`, coloured through feature state by MapView.setChoropleth): tiled and simplified per zoom, so a
 * recompute changes 1,470 colours and no geometry.
 */
import { shareColor, type RGBA } from '../colors';
import type { LayerInput } from './types';

const UNKNOWN: RGBA = [210, 210, 210, 120];

/** Fill colour of hromada `index` for the current result (grey while nothing is computed). */
export function hromadaFill(input: Pick<LayerInput, 'result' | 'service' | 'osm'>, index: number): RGBA {
  const stats = input.result?.services[input.service].stats;
  if (!stats) return UNKNOWN;
  return shareColor(stats.share[index] ?? NaN, input.osm ? 150 : 210);
}
