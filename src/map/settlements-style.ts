/**
 * Located settlements as a MapLibre circle layer (not a deck.gl one): MapLibre's circle shader costs a fraction of
 * deck.gl's per vertex, which is what a frame costs in software WebGL (3,589 circles on the country view: ~20 ms
 * instead of ~95 ms). Pure: the layer and the per-result feature states are built here (its source data,
 * MapData.settlementsGeo, in map-data.ts); MapView applies them.
 */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { Service } from '../engine/types';
import type { CoverageResult } from '../state/coverage-source';
import { toCss } from './colors';
import { cityMapStyle, settlementColors } from './layers/derived';
import type { MapData } from './map-data';

/** Layer (and source) id; hover and click report it as the picked layer, as the deck.gl layer did. */
export const SETTLEMENTS_LAYER = 'settlements';

/** Circle radius bounds, pixels (area ∝ population in between). */
export const SETTLEMENT_MIN_PX = 1.8;
/**
 * The circles are drawn from this zoom (an oblast fills a laptop's map about there). At the country view (zoom ~5.2
 * to 5.8) 8,750 circles of at least 1.8 px cover the communities' colours beneath them almost entirely, and in
 * software WebGL they were about half of every frame: without them a norm change's longest task went from 135-180 ms
 * to 81-113 ms and the first screen from 3.9-4.1 s to 3.5 s (`npm run bench -- browser`, alternately). The legend and
 * the layer's name say from where they are shown.
 */
export const SETTLEMENTS_MIN_ZOOM = 6;
export const SETTLEMENT_MAX_PX = 18;

const GREY = 'rgba(120,120,120,0.627)';
const BEYOND_EDGE = 'rgba(25,25,25,0.902)';
const WITHIN_EDGE = 'rgba(255,255,255,0.549)';

/** Radius in pixels: r0 · 2^zoom, clamped, as stops per zoom (MapLibre interpolates between them). */
function radiusExpression(): ExpressionSpecification {
  const stops: (number | ExpressionSpecification)[] = [];
  for (let z = 0; z <= 16; z++) stops.push(z, ['max', SETTLEMENT_MIN_PX, ['min', SETTLEMENT_MAX_PX, ['*', ['get', 'r0'], 2 ** z]]]);
  return ['interpolate', ['exponential', 2], ['zoom'], ...stops] as ExpressionSpecification;
}

/**
 * The circle layer: fill and edge from feature state (SettlementStates), grey before the first result. Feature state
 * restyles without re-tiling; a data-driven paint expression per result would make MapLibre re-tile the source.
 */
export function settlementsLayerSpec(visible: boolean): CircleLayerSpecification {
  return {
    id: SETTLEMENTS_LAYER,
    type: 'circle',
    source: SETTLEMENTS_LAYER,
    minzoom: SETTLEMENTS_MIN_ZOOM,
    layout: { visibility: visible ? 'visible' : 'none' },
    paint: {
      'circle-radius': radiusExpression(),
      'circle-color': ['to-color', ['coalesce', ['feature-state', 'fill'], GREY]],
      'circle-stroke-width': 0.8,
      'circle-stroke-color': ['case', ['boolean', ['feature-state', 'beyond'], false], BEYOND_EDGE, WITHIN_EDGE],
    },
  };
}

/**
 * Feature state per circle k: CSS fill (response time, viridis reversed) and whether it is beyond the norm. The
 * cities' circles (k ≥ settlements.length) take their median time over their cells and are "beyond" when any of their
 * people are.
 */
export interface SettlementStates {
  count: number;
  fill(k: number): string;
  beyond(k: number): boolean;
}

export function settlementStates(data: MapData, result: CoverageResult | null, service: Service): SettlementStates {
  const pts = data.settlements;
  const n = pts.length;
  const count = n + (data.demand.cities?.length ?? 0);
  if (!result) return { count, fill: () => GREY, beyond: () => false };
  // Worked out at the first circle asked for: the map asks only once the circles can be drawn (zoomed in), so a
  // recompute at the country view does not pay for colours nobody sees.
  let style: { c: ReturnType<typeof settlementColors>; city: ReturnType<typeof cityMapStyle> } | null = null;
  const get = () => (style ??= { c: settlementColors(data, result, service), city: cityMapStyle(data, result, service) });
  const covered = result.services[service].coverage.covered;
  return {
    count,
    fill: (k) => {
      const { c, city } = get();
      const [x, o] = k < n ? [c, 4 * k] : [city.colors, 4 * (k - n)];
      return toCss([x[o]!, x[o + 1]!, x[o + 2]!, x[o + 3]!]);
    },
    beyond: (k) => (k < n ? !covered[pts.indices[k]!] : get().city.beyond[k - n] === 1),
  };
}
