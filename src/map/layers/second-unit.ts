/**
 * Second unit (effective response force): every demand unit with people as a dot coloured by how many distinct units
 * reach it — covered twice (the second-nearest unit within the second-unit norm), once (only the first within the
 * norm), or none. Pure data builder plus a lazily created ScatterplotLayer.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { DemandTable, Service } from '../../engine/types';
import type { CoverageResult } from '../../state/coverage-source';
import type { LayerInput } from './types';

export { SECOND_UNIT_COLORS, type SecondLevel } from './second-unit-colors';
import { SECOND_UNIT_COLORS, type SecondLevel } from './second-unit-colors';

/**
 * Level of every demand unit: 2 where `units.secondCovered`, else 1 where `coverage.covered`, else 0. A unit covered
 * twice is always counted twice, even when its first unit is outside the (shorter) first norm.
 */
export function secondUnitLevels(result: CoverageResult, service: Service): Uint8Array {
  const sr = result.services[service];
  const covered = sr.coverage.covered;
  const twice = sr.units?.secondCovered;
  const out = new Uint8Array(covered.length);
  for (let i = 0; i < covered.length; i++) out[i] = twice?.[i] ? 2 : covered[i] ? 1 : 0;
  return out;
}

export interface SecondUnitPoints {
  length: number;
  positions: Float64Array;
  colors: Uint8Array;
  /** Demand index of each point. */
  indices: Int32Array;
  /** Points per level [none, once, twice]. */
  counts: [number, number, number];
}

/** Dots for every demand unit with people (settlements and cells), coloured by {@link secondUnitLevels}. */
export function secondUnitPoints(demand: DemandTable, result: CoverageResult, service: Service): SecondUnitPoints {
  const levels = secondUnitLevels(result, service);
  const n = demand.count;
  const positions = new Float64Array(n * 2);
  const colors = new Uint8Array(n * 4);
  const indices = new Int32Array(n);
  const counts: [number, number, number] = [0, 0, 0];
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!(demand.population[i]! > 0)) continue;
    const lv = levels[i]! as SecondLevel;
    positions[2 * k] = demand.lon[i]!;
    positions[2 * k + 1] = demand.lat[i]!;
    colors.set(SECOND_UNIT_COLORS[lv], 4 * k);
    indices[k] = i;
    counts[lv]++;
    k++;
  }
  return { length: k, positions: positions.subarray(0, 2 * k), colors: colors.subarray(0, 4 * k), indices: indices.subarray(0, k), counts };
}

let last: { key: string; points: SecondUnitPoints } | null = null;

/** The second-unit layer (created once switched on; hidden afterwards). */
export function secondUnitLayer(input: LayerInput): ScatterplotLayer {
  const visible = input.layers.secondUnit && !!input.result;
  let pts: SecondUnitPoints = { length: 0, positions: new Float64Array(0), colors: new Uint8Array(0), indices: new Int32Array(0), counts: [0, 0, 0] };
  if (visible && input.result) {
    const key = `${input.service}:${input.resultVersion}`;
    if (last?.key !== key) last = { key, points: secondUnitPoints(input.data.demand, input.result, input.service) };
    pts = last.points;
  }
  return new ScatterplotLayer({
    id: 'second-unit',
    data: {
      length: pts.length,
      attributes: {
        getPosition: { value: pts.positions, size: 2 },
        getFillColor: { value: pts.colors, size: 4, normalized: true },
      },
    },
    visible,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: 3,
    radiusMinPixels: 2,
  });
}
