/**
 * Layers of issue 14: the second-unit dots (covered twice / once / not, from the result's per-unit flags) and the
 * closure ranking's rings (colour class by loss). Pure data and layer props; no WebGL.
 */
import { describe, expect, it } from 'vitest';
import type { ClosureRow } from '../../src/engine/optimize';
import type { DemandTable } from '../../src/engine/types';
import { DEFAULT_LAYERS } from '../../src/state/app-state';
import type { CoverageResult } from '../../src/state/coverage-source';
import type { LayerInput } from '../../src/map/layers';
import { LAZY_LAYERS } from '../../src/map/layers';
import { CLOSURE_COLORS, closureClass, closureColor, closurePoints, closuresLayer } from '../../src/map/layers/closures';
import { SECOND_UNIT_COLORS, secondUnitLayer, secondUnitLevels, secondUnitPoints } from '../../src/map/layers/second-unit';

const demand = {
  count: 4,
  lon: Float64Array.from([30, 31, 32, 33]),
  lat: Float64Array.from([50, 50, 50, 50]),
  population: Float64Array.from([10, 20, 0, 40]),
} as unknown as DemandTable;

function result(withUnits = true): CoverageResult {
  const svc = {
    coverage: { covered: Uint8Array.from([1, 1, 0, 0]) },
    ...(withUnits ? { units: { secondCovered: Uint8Array.from([1, 0, 0, 1]), missProb: new Float64Array(4) } } : {}),
  };
  return { services: { fire: svc, police: svc } } as unknown as CoverageResult;
}

describe('second-unit layer', () => {
  it('levels: twice where the second unit arrives within its norm, else once where covered, else none', () => {
    expect([...secondUnitLevels(result(), 'fire')]).toEqual([2, 1, 0, 2]);
    // before the per-unit flags arrive, nothing is counted twice
    expect([...secondUnitLevels(result(false), 'fire')]).toEqual([1, 1, 0, 0]);
  });

  it('points: one per unit with people, coloured by level, with counts', () => {
    const p = secondUnitPoints(demand, result(), 'fire');
    expect(p.length).toBe(3);
    expect([...p.indices]).toEqual([0, 1, 3]);
    expect([...p.positions]).toEqual([30, 50, 31, 50, 33, 50]);
    expect([...p.colors.subarray(0, 4)]).toEqual(SECOND_UNIT_COLORS[2]);
    expect([...p.colors.subarray(4, 8)]).toEqual(SECOND_UNIT_COLORS[1]);
    expect(p.counts).toEqual([0, 1, 2]);
  });

  it('is lazy and hidden until switched on', () => {
    expect(LAZY_LAYERS).toContain('secondUnit');
    expect(DEFAULT_LAYERS.secondUnit).toBe(false);
    const input = { data: { demand }, service: 'fire', result: result(), resultVersion: 1, layers: { ...DEFAULT_LAYERS } } as unknown as LayerInput;
    expect(secondUnitLayer(input).props.visible).toBe(false);
    const on = secondUnitLayer({ ...input, layers: { ...DEFAULT_LAYERS, secondUnit: true } });
    expect(on.props.visible).toBe(true);
    expect((on.props.data as { length: number }).length).toBe(3);
  });
});

const row = (id: string, loss: number, lon = 30): ClosureRow => ({
  rank: 0,
  slot: 0,
  id,
  name: id,
  type: 'local_fire_department',
  hromadaCode: null,
  lon,
  lat: 50,
  loss,
  lossInScope: loss,
  unitsLost: 1,
  expectedLoss: loss / 2,
  firstDue: loss,
  assumed: false,
});

describe('closure colours', () => {
  it('class 0 for no loss, 4 for the largest, by the square root of the share between', () => {
    expect(closureClass(0, 100)).toBe(0);
    expect(closureClass(5, 0)).toBe(0);
    expect(closureClass(100, 100)).toBe(4);
    expect(closureClass(1, 100)).toBe(1); // √0.01 = 0.1
    expect(closureClass(6.25, 100)).toBe(1); // √ = 0.25 exactly: still the first class
    expect(closureClass(7, 100)).toBe(2);
    expect(closureClass(30, 100)).toBe(3);
    expect(closureClass(57, 100)).toBe(4);
    expect(closureColor(100, 100)).toEqual(CLOSURE_COLORS[4]);
    // monotone in the loss
    let prev = 0;
    for (let l = 0; l <= 100; l++) {
      const c = closureClass(l, 100);
      expect(c).toBeGreaterThanOrEqual(prev);
      prev = c;
    }
  });

  it('rings every located ranked unit under the symbols, relative to the largest loss', () => {
    const rows = [row('a', 400), row('b', 100), row('c', 0), row('nowhere', 50, NaN)];
    expect(closurePoints(rows).map((p) => [p.row.id, p.cls])).toEqual([
      ['a', 4],
      ['b', 2],
      ['c', 0],
    ]);
    const layer = closuresLayer({ closures: rows } as unknown as LayerInput);
    expect(layer.id).toBe('closures');
    expect(layer.props.visible).toBe(true);
    expect((layer.props.data as unknown[]).length).toBe(3);
    expect(closuresLayer({ closures: [] } as unknown as LayerInput).props.visible).toBe(false);
  });
});
