import type { Layer } from '@deck.gl/core';
import { facilityLayers } from './facilities';
import { firstDueLayer } from './first-due';
import { highlightLayer, labelsLayer, placeNamesLayer, PLACE_NAMES_MIN_ZOOM } from './labels';
import { closuresLayer } from './closures';
import { proposedSitesLayer } from './proposed-sites';
import { ringsLayer } from './rings';
import { secondUnitLayer } from './second-unit';
import { cityCellsLayer, surfaceLayer } from './surface';
import type { LayerInput } from './types';
import type { LayerId } from '../../state/app-state';

export type { LayerInput };
export type { MapBounds, PlaceHighlight } from './types';

/** Optional layers created only once switched on (see LayerInput.mounted). */
export const LAZY_LAYERS: readonly LayerId[] = ['surface', 'firstDue', 'rings', 'secondUnit'];

function wanted(input: LayerInput, id: LayerId): boolean {
  return input.layers[id] || input.mounted.has(id);
}

/**
 * All deck.gl layers, bottom to top (the settlement circles are a MapLibre layer beneath them: settlements-style.ts). Toggles change `visible`; an optional layer joins the list the first time it is
 * switched on and then stays.
 * @param zoom current map zoom (labels thin out at low zoom)
 */
export function buildLayers(input: LayerInput, zoom: number): Layer[] {
  const layers: (Layer | null)[] = [
    wanted(input, 'surface') ? surfaceLayer(input) : null,
    wanted(input, 'surface') ? cityCellsLayer(input) : null,
    wanted(input, 'firstDue') ? firstDueLayer(input) : null,
    wanted(input, 'rings') ? ringsLayer(input) : null,
    wanted(input, 'secondUnit') ? secondUnitLayer(input) : null,
    // the planner's closure ranking: rings under the symbols, only while a ranking is shown
    input.closures?.length ? closuresLayer(input) : null,
    ...facilityLayers(input),
    // only while the planner shows proposals (not created otherwise, like the lazy layers)
    input.proposedSites?.length ? proposedSitesLayer(input) : null,
    labelsLayer(input, zoom),
    // settlement names, only from zoom 10 (in view), and the ring of a place flown to: created only when needed
    zoom >= PLACE_NAMES_MIN_ZOOM ? placeNamesLayer(input, zoom) : null,
    input.highlight ? highlightLayer(input.highlight) : null,
  ];
  return layers.filter((l): l is Layer => l !== null);
}
