import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { BEFORE_OUTLINES } from '../style';
import { cellColors } from './derived';
import type { LayerInput } from './types';

/**
 * Response-time surface: the demand's H3 cells (people without coordinates, spread over the territory) coloured by
 * minutes; cells beyond the norm are darker and more opaque.
 */
export function surfaceLayer(input: LayerInput): H3HexagonLayer<number> {
  const { data, result, service } = input;
  const colors = result ? cellColors(data, result, service) : null;
  return new H3HexagonLayer<number>({
    id: 'surface',
    data: data.cells,
    visible: input.layers.surface && !!result,
    pickable: true,
    filled: true,
    stroked: false,
    extruded: false,
    highPrecision: false,
    getHexagon: (i: number) => data.demand.ids[i]!,
    getFillColor: (i: number) => (colors ? [colors[i * 4]!, colors[i * 4 + 1]!, colors[i * 4 + 2]!, colors[i * 4 + 3]!] : [0, 0, 0, 0]),
    updateTriggers: { getFillColor: [input.resultVersion, service] },
    // interleaved MapboxOverlay prop (not in the layer's own prop types)
    ...({ beforeId: BEFORE_OUTLINES } as object),
  });
}
