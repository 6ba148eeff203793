import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/engine/calibrate';
import { roadCheckModel } from '../../src/engine/calibrate-roads';
import type { CoverageEngine } from '../../src/engine/coverage';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { checkHandlers } from '../../src/worker/check-handlers';

const g = syntheticRoads({ seed: 5, nx: 30, ny: 20, bbox: [30, 49, 31, 49.7], highwayEvery: 6 });
const pairs = Array.from({ length: 40 }, (_, i) => ({
  fromLon: 30.05 + (i % 8) * 0.1,
  fromLat: 49.05 + Math.floor(i / 8) * 0.12,
  toLon: 30.5,
  toLat: 49.35,
  observedMin: 20 + i,
  urban: 0 as const,
  group: i % 2 ? 'a' : 'b',
  label: '',
  turnoutMin: 0,
}));

describe('checkRoads (coverage worker)', () => {
  it('calibrates the road model on the graph the engine holds, as calibrate() does, keeping the travel model setting', () => {
    const h = checkHandlers();
    const engine = { roadGraph: g } as unknown as CoverageEngine;
    const r = h.checkRoads({ pairs, params: DEFAULT_PARAMS }, { engine: () => engine });
    if ('error' in r) throw new Error('no graph');
    const want = calibrate(roadCheckModel(g), pairs, { ...DEFAULT_PARAMS, travelModel: 'road' });
    expect(r.calibration.before.all).toEqual(want.before.all);
    expect(r.calibration.after.all).toEqual(want.after.all);
    expect(r.calibration.paramStrings).toEqual(want.paramStrings);
    expect(r.calibration.params.travelModel).toBe('straight');
    expect(r.calibration.before.all.n).toBeGreaterThan(30);
  });

  it('says when the worker has no road graph', () => {
    const engine = { roadGraph: null } as unknown as CoverageEngine;
    expect(checkHandlers().checkRoads({ pairs, params: DEFAULT_PARAMS }, { engine: () => engine })).toEqual({ error: 'no_graph' });
  });
});
