/**
 * Located settlements as a MapLibre circle layer (not a deck.gl one): MapLibre's circle shader costs a fraction of
 * deck.gl's per vertex, which is what a frame costs in software WebGL (3,589 circles on the country view: ~20 ms
 * instead of ~95 ms). Pure: the source data, the layer and the per-result feature states are built here; MapView
 * applies them.
 */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Service } from '../engine/types';
import type { CoverageResult } from '../state/coverage-source';
import { toCss } from './colors';
import type { CityFootprint } from '../engine/types';
import { cityMapStyle, settlementColors } from './layers/derived';
import { settlementRadiusM, type MapData, type PointSet } from './map-data';

/** Layer (and source) id; hover and click report it as the picked layer, as the deck.gl layer did. */
export const SETTLEMENTS_LAYER = 'settlements';

/** Circle radius bounds, pixels (area ∝ population in between). */
export const SETTLEMENT_MIN_PX = 1.8;
export const SETTLEMENT_MAX_PX = 18;

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const GREY = 'rgba(120,120,120,0.627)';
const BEYOND_EDGE = 'rgba(25,25,25,0.902)';
const WITHIN_EDGE = 'rgba(255,255,255,0.549)';

/**
 * One Point per located settlement, id = its position k in MapData.settlements (biggest first, so small ones are
 * drawn on top), with `r0`: its radius in pixels at zoom 0 on 512-px tiles at its own latitude. Then one Point per
 * city of 50,000+ spread over cells, at its own point and sized by its population, id = `pts.length + c`; they come
 * first in the collection (biggest first), so they are drawn under every settlement.
 */
export function settlementsGeoJson(pts: PointSet, cities: readonly Pick<CityFootprint, 'lon' | 'lat' | 'population'>[] = []): FeatureCollection<Point, { r0: number }> {
  const features: FeatureCollection<Point, { r0: number }>['features'] = [];
  const point = (id: number, lon: number, lat: number, radiusM: number) => {
    const metresPerPx0 = (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / 512;
    features.push({ type: 'Feature', id, properties: { r0: radiusM / metresPerPx0 }, geometry: { type: 'Point', coordinates: [lon, lat] } });
  };
  const order = cities.map((_, c) => c).sort((a, b) => cities[b]!.population - cities[a]!.population);
  for (const c of order) point(pts.length + c, cities[c]!.lon, cities[c]!.lat, settlementRadiusM(cities[c]!.population));
  for (let k = 0; k < pts.length; k++) point(k, pts.positions[2 * k]!, pts.positions[2 * k + 1]!, pts.radii[k]!);
  return { type: 'FeatureCollection', features };
}

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
  const c = settlementColors(data, result, service);
  const city = cityMapStyle(data, result, service);
  const covered = result.services[service].coverage.covered;
  return {
    count,
    fill: (k) => {
      const [x, o] = k < n ? [c, 4 * k] : [city.colors, 4 * (k - n)];
      return toCss([x[o]!, x[o + 1]!, x[o + 2]!, x[o + 3]!]);
    },
    beyond: (k) => (k < n ? !covered[pts.indices[k]!] : city.beyond[k - n] === 1),
  };
}
