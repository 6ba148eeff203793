import { ScatterplotLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import { settlementColors } from './derived';
import type { LayerInput } from './types';

const GREY: Color = [120, 120, 120, 160];
const BEYOND_EDGE: Color = [25, 25, 25, 230];
const WITHIN_EDGE: Color = [255, 255, 255, 140];

/**
 * Located settlements: area ∝ population, colour = response time (viridis reversed); those beyond the norm get a
 * dark edge. Positions and radii are binary attributes; colours come from a per-result typed array.
 */
export function settlementsLayer(input: LayerInput): ScatterplotLayer {
  const { data, result, service } = input;
  const pts = data.settlements;
  const colors = result ? settlementColors(data, result, service) : null;
  const covered = result?.services[service].coverage.covered ?? null;
  return new ScatterplotLayer({
    id: 'settlements',
    data: {
      length: pts.length,
      attributes: {
        getPosition: { value: pts.positions, size: 2 },
        getRadius: { value: pts.radii, size: 1 },
      },
    },
    visible: input.layers.settlements,
    pickable: true,
    radiusUnits: 'meters',
    radiusMinPixels: 1.8,
    radiusMaxPixels: 18,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 0.8,
    getFillColor: (_: unknown, { index }: { index: number }) =>
      colors ? ([colors[index * 4]!, colors[index * 4 + 1]!, colors[index * 4 + 2]!, colors[index * 4 + 3]!] as Color) : GREY,
    getLineColor: (_: unknown, { index }: { index: number }) =>
      covered && !covered[pts.indices[index]!] ? BEYOND_EDGE : WITHIN_EDGE,
    updateTriggers: {
      getFillColor: [input.resultVersion, service],
      getLineColor: [input.resultVersion, service],
    },
  });
}
