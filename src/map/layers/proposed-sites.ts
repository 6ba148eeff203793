import { ScatterplotLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import type { ProposedSite } from '../../engine/optimize';
import type { LayerInput } from './types';

/** Fill of a proposed site resting on official inputs / on estimated inputs (cell centre or estimated population). */
export const PROPOSED_FILL: Color = [255, 214, 10, 235];
export const PROPOSED_ESTIMATED_FILL: Color = [255, 255, 255, 235];
const EDGE: Color = [200, 30, 30, 255];

/** Sites with a location (matrix proposals have none). */
export function locatedSites(sites: readonly ProposedSite[] | null | undefined): ProposedSite[] {
  return (sites ?? []).filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat));
}

/**
 * The optimizer's proposed sites: a ringed dot per site, larger for higher ranks; hollow (white) where the site
 * rests on estimated inputs. Hidden when there are none, so the layer list keeps its shape.
 */
export function proposedSitesLayer(input: LayerInput): ScatterplotLayer<ProposedSite> {
  const data = locatedSites(input.proposedSites);
  return new ScatterplotLayer<ProposedSite>({
    id: 'proposed-sites',
    data,
    visible: data.length > 0,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: (s) => (s.rank <= 3 ? 9 : 7),
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    getPosition: (s) => [s.lon, s.lat],
    getFillColor: (s) => (s.estimated ? PROPOSED_ESTIMATED_FILL : PROPOSED_FILL),
    getLineColor: EDGE,
  });
}
