import type { Layer } from '@deck.gl/core';
import { FACILITY_SYMBOL_LAYERS } from './facility-symbols';
import { firstDueLayer } from './first-due';
import { highlightLayer } from './highlight';
import { closuresLayer } from './closures';
import { proposedSitesLayer } from './proposed-sites';
import { ringsLayer } from './rings';
import { roadsLayer, type RoadsLayerData } from './roads';
import { secondUnitLayer } from './second-unit';
import { cityCellsLayer, surfaceLayer } from './surface';
import type { LayerInput } from './types';
import type { LayerId } from '../../state/app-state';

export type { LayerInput };
export type { MapBounds, PlaceHighlight } from './types';
export { LAZY_LAYERS } from './lazy';

function wanted(input: LayerInput, id: LayerId): boolean {
  return input.layers[id] || input.mounted.has(id);
}

/** The MapLibre layer the deck.gl layers drawn beneath the facility symbols and names are inserted before. */
export const BEFORE_SYMBOLS: string = FACILITY_SYMBOL_LAYERS[0];

/** `layer`, inserted beneath the facility symbols unless it names its own place (interleaved MapboxOverlay `beforeId`). */
function beneathSymbols(layer: Layer | null): Layer | null {
  if (!layer || (layer.props as { beforeId?: string }).beforeId) return layer;
  return layer.clone({ beforeId: BEFORE_SYMBOLS } as object);
}

/**
 * All deck.gl layers, bottom to top. The settlement circles, the facility symbols and the names are MapLibre layers
 * (settlements-style.ts, facility-symbols.ts, labels.ts), so the first screen has no deck.gl layer at all: each deck.gl
 * layer type compiles its own shaders on its first frame (about a second in software WebGL). Layers beneath the
 * symbols go before them; the planner's proposals and the ring of a place flown to go on top. Toggles change
 * `visible`; an optional layer joins the list the first time it is switched on and then stays.
 */
export function buildLayers(input: LayerInput & { roads?: { data: RoadsLayerData | null; visible: boolean } | null }): Layer[] {
  const beneath: (Layer | null)[] = [
    // the road network coloured by minutes (only while a graph is loaded; created once switched on)
    input.roads ? roadsLayer(input.roads.data, input.roads.visible) : null,
    wanted(input, 'surface') ? surfaceLayer(input) : null,
    wanted(input, 'surface') ? cityCellsLayer(input) : null,
    wanted(input, 'firstDue') ? firstDueLayer(input) : null,
    wanted(input, 'rings') ? ringsLayer(input) : null,
    wanted(input, 'secondUnit') ? secondUnitLayer(input) : null,
    // the planner's closure ranking: rings under the symbols, only while a ranking is shown
    input.closures?.length ? closuresLayer(input) : null,
  ];
  const layers: (Layer | null)[] = [
    ...beneath.map(beneathSymbols),
    // only while the planner shows proposals (not created otherwise, like the lazy layers)
    input.proposedSites?.length ? proposedSitesLayer(input) : null,
    // the ring of a place flown to: created only when needed
    input.highlight ? highlightLayer(input.highlight) : null,
  ];
  return layers.filter((l): l is Layer => l !== null);
}
