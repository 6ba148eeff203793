/**
 * Which deck.gl layers the map wants, decided without deck.gl: the page loads deck.gl (its layers, about 40 % of the
 * script) only once one of them is wanted, so the first screen, which has none, neither downloads nor compiles it.
 */
import type { LayerId } from '../../state/app-state';

/** Optional layers created only once switched on (see LayerInput.mounted). */
export const LAZY_LAYERS: readonly LayerId[] = ['surface', 'firstDue', 'rings', 'secondUnit'];

/** What decides whether buildLayers (index.ts) would return any layer. */
export interface DeckWants {
  layers: Readonly<Record<LayerId, boolean>>;
  mounted: ReadonlySet<LayerId>;
  closures: number;
  proposedSites: number;
  highlight: boolean;
  roads: boolean;
}

/**
 * True when buildLayers would return at least one layer: an optional layer on (or once on), a closure ranking or
 * proposed sites from the planner, the ring of a place flown to, or the road network.
 * @example deckWanted({ layers, mounted: new Set(), closures: 0, proposedSites: 0, highlight: false, roads: false }) // false on the first screen
 */
export function deckWanted(w: DeckWants): boolean {
  return (
    LAZY_LAYERS.some((id) => w.layers[id] || w.mounted.has(id)) ||
    w.closures > 0 ||
    w.proposedSites > 0 ||
    w.highlight ||
    w.roads
  );
}
