import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { BEFORE_OUTLINES } from '../style';
import { cellColors } from './derived';
import type { LayerInput } from './types';

function cellLayer(input: LayerInput, id: string, cells: number[]): H3HexagonLayer<number> {
  const { data, result, service } = input;
  const colors = result ? cellColors(data, result, service) : null;
  return new H3HexagonLayer<number>({
    id,
    data: cells,
    visible: input.layers.surface && !!result,
    pickable: true,
    filled: true,
    stroked: false,
    extruded: false,
    // One hexagon shape per layer (the first cell's resolution): fast, so each resolution has its own layer.
    highPrecision: false,
    getHexagon: (i: number) => data.demand.ids[i]!,
    getFillColor: (i: number) => (colors ? [colors[i * 4]!, colors[i * 4 + 1]!, colors[i * 4 + 2]!, colors[i * 4 + 3]!] : [0, 0, 0, 0]),
    updateTriggers: { getFillColor: [input.resultVersion, service] },
    // interleaved MapboxOverlay prop (not in the layer's own prop types)
    ...({ beforeId: BEFORE_OUTLINES } as object),
  });
}

/**
 * Response-time surface: the demand's H3 cells (people without coordinates, spread over the territory) coloured by
 * minutes; cells beyond the norm are darker and more opaque. Picking gives the demand index (`info.object`).
 */
export function surfaceLayer(input: LayerInput): H3HexagonLayer<number> {
  return cellLayer(input, 'surface', input.data.cells);
}

/**
 * The cells of cities of 50,000+ spread over their territory (resolution 8, urban norm), on the same surface; picking
 * gives the demand index, whose DemandTable.city names the city.
 */
export function cityCellsLayer(input: LayerInput): H3HexagonLayer<number> {
  return cellLayer(input, 'surface-city', input.data.cityCells);
}
