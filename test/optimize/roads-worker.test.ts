import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type ModelParams } from '../../src/engine';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { syntheticCountry } from '../../src/engine/synthetic';
import { buildPlan } from '../../src/worker/optimize-handler';
import type { OptimizeRequest } from '../../src/worker/optimize-protocol';

// SYNTHETIC data and roads (not real).
const BOX: [number, number, number, number] = [28.0, 48.9, 28.9, 49.4];
const REQ: OptimizeRequest = {
  service: 'fire',
  type: 'local_fire_department',
  objective: 'coverage',
  newFacilities: 3,
  targetShare: 1,
  method: 'heuristic',
  timeLimitSec: 10,
  scope: { kind: 'country' },
  candidates: 'settlements',
  includeOccupied: true,
};

function engineWith(travelModel: ModelParams['travelModel'], graph: boolean) {
  const { demand, hromadas, facilities } = syntheticCountry({ seed: 8, bbox: BOX, demand: 300, facilities: 4, hromadas: 4 });
  const e = new CoverageEngine(demand, hromadas, facilities, { ...structuredClone(DEFAULT_PARAMS), travelModel });
  if (graph) e.setRoadGraph(syntheticRoads({ seed: 8, bbox: [28.0, 48.9, 28.6, 49.4], nx: 18, ny: 16, highwayEvery: 6 }));
  return e;
}

describe('the worker builds plans by road when its engine uses the road network', () => {
  it('graph attached + travel model road: structure by road, and the problem says so', () => {
    const road = buildPlan(engineWith('road', true), REQ).problem;
    const straight = buildPlan(engineWith('road', false), REQ).problem;
    const off = buildPlan(engineWith('straight', true), REQ).problem;
    expect(road.notes!.some((n) => /Travel model: ROAD NETWORK \(graph from synthetic\)/.test(n))).toBe(true);
    expect(straight.notes!.some((n) => /ROAD NETWORK/.test(n))).toBe(false);
    expect(off.notes!.some((n) => /ROAD NETWORK/.test(n))).toBe(false);
    expect(Array.from(off.structure.cost)).toEqual(Array.from(straight.structure.cost));
    expect(Array.from(road.structure.cost)).not.toEqual(Array.from(straight.structure.cost));
  });

  it('relocate: the units that stay are timed by road too (current from an engine with the graph)', () => {
    const e = engineWith('road', true);
    const p = buildPlan(e, { ...REQ, objective: 'relocate', moveCount: 1 }).problem;
    expect(p.notes!.some((n) => /ROAD NETWORK/.test(n))).toBe(true);
    const q = buildPlan(engineWith('road', false), { ...REQ, objective: 'relocate', moveCount: 1 }).problem;
    expect(p.demand.count).toBe(q.demand.count);
    expect(Array.from(p.demand.current)).not.toEqual(Array.from(q.demand.current));
  });
});
