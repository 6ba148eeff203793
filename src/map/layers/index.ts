import type { Layer } from '@deck.gl/core';
import { facilityLayers } from './facilities';
import { firstDueLayer } from './first-due';
import { hromadaLayer } from './hromadas';
import { labelsLayer } from './labels';
import { ringsLayer } from './rings';
import { settlementsLayer } from './settlements';
import { surfaceLayer } from './surface';
import type { LayerInput } from './types';

export type { LayerInput };

/**
 * All map layers, bottom to top, always the same list (toggles change `visible`, never the list).
 * @param zoom current map zoom (labels thin out at low zoom)
 */
export function buildLayers(input: LayerInput, zoom: number): Layer[] {
  return [
    hromadaLayer(input),
    surfaceLayer(input),
    firstDueLayer(input),
    settlementsLayer(input),
    ringsLayer(input),
    ...facilityLayers(input),
    labelsLayer(input, zoom),
  ];
}
