import { TextLayer } from '@deck.gl/layers';
import type { LayerInput } from './types';

/**
 * Names of the largest settlements, drawn by deck.gl from a font atlas built locally (no glyph requests).
 * Cities over 100,000 at country zoom; over 10,000 from zoom 7.
 */
export function labelsLayer(input: LayerInput, zoom: number): TextLayer<number> {
  const { demand } = input.data;
  const minPop = zoom >= 8 ? 10_000 : zoom >= 6.5 ? 40_000 : 150_000;
  const data = input.data.labelIndices;
  return new TextLayer<number>({
    id: 'labels',
    data,
    visible: input.layers.labels,
    getPosition: (i) => [demand.lon[i]!, demand.lat[i]!],
    getText: (i) => demand.names[i]!,
    getSize: (i) => (demand.population[i]! >= minPop ? (demand.population[i]! > 500_000 ? 14 : 12) : 0),
    getColor: [25, 25, 25, 255],
    getPixelOffset: [0, -12],
    fontFamily: 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif',
    fontWeight: 600,
    characterSet: 'auto',
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    sizeUnits: 'pixels',
    updateTriggers: { getSize: [minPop] },
    pickable: false,
  });
}
