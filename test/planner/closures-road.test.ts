import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type ModelParams } from '../../src/engine';
import { parseRoadNote } from '../../src/engine/optimize/road-note';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { syntheticCountry } from '../../src/engine/synthetic';
import type { HostContext } from '../../src/worker/host';
import { optimizeHandler } from '../../src/worker/optimize-handler';
import type { OptimizeRequest, OptimizeResponse } from '../../src/worker/optimize-protocol';

// SYNTHETIC data and roads (not real).
const BOX: [number, number, number, number] = [28.0, 48.9, 28.9, 49.4];
const REQ: OptimizeRequest = {
  service: 'fire',
  type: 'local_fire_department',
  objective: 'closures',
  newFacilities: 0,
  targetShare: 1,
  method: 'heuristic',
  timeLimitSec: 10,
  scope: { kind: 'country' },
  candidates: 'settlements',
  includeOccupied: true,
};

function setup(travelModel: ModelParams['travelModel']) {
  const data = syntheticCountry({ seed: 5, bbox: BOX, demand: 300, facilities: 10, hromadas: 4 });
  const facilities = data.facilities.map((f, k) => ({ ...f, status: 'opened' as const, hromadaCode: data.hromadas.codes[k % data.hromadas.count]! }));
  const params = { ...structuredClone(DEFAULT_PARAMS), travelModel, countAssumed: true };
  const graph = syntheticRoads({ seed: 5, bbox: [28.0, 48.9, 28.6, 49.4], nx: 16, ny: 14, highwayEvery: 5 });
  const engine = new CoverageEngine(data.demand, data.hromadas, facilities, params);
  engine.setRoadGraph(graph);
  return { ...data, facilities, params, graph, engine };
}

async function run(engine: CoverageEngine): Promise<OptimizeResponse> {
  const ctx = { engine: () => engine, cancelled: () => false } as unknown as HostContext;
  return optimizeHandler({ postMessage: () => {}, addEventListener: () => {}, removeEventListener: () => {} })(REQ, ctx);
}

const expected = (e: CoverageEngine): number => {
  const q = e.missProbability('fire');
  let s = 0;
  for (let i = 0; i < e.demand.count; i++) s += e.demand.population[i]! * (1 - q[i]!);
  return s;
};
const covered = (e: CoverageEngine): number => {
  const c = e.coverage('fire').covered;
  let s = 0;
  for (let i = 0; i < e.demand.count; i++) if (c[i]) s += e.demand.population[i]!;
  return s;
};

describe('the worker ranks closures by road when its engine uses the road network', () => {
  it('loss and expected loss equal the engine by road without each unit; the result carries the road note', async () => {
    const s = setup('road');
    const res = await run(s.engine);
    const rows = res.closures!;
    expect(rows.length).toBe(s.engine.activeCount('fire'));
    const notes = res.result.notes.map(parseRoadNote).filter((x) => x !== null);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ sitesKind: 'units', sites: rows.length, demand: s.demand.count, source: 'synthetic' });
    const base = covered(s.engine);
    const baseExp = expected(s.engine);
    for (const r of rows) {
      const e = new CoverageEngine(s.demand, s.hromadas, s.facilities.filter((f) => f.id !== r.id), s.params);
      e.setRoadGraph(s.graph);
      expect(r.loss, r.id).toBeCloseTo(base - covered(e), 6);
      expect(r.expectedLoss, r.id).toBeCloseTo(baseExp - expected(e), 6);
    }
  });

  it('straight line (travel model straight, graph attached): no road note', async () => {
    const res = await run(setup('straight').engine);
    expect(res.result.notes.some((n) => parseRoadNote(n) !== null)).toBe(false);
    expect(res.closures!.length).toBeGreaterThan(0);
  });
});
