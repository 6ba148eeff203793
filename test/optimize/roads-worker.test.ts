import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type ModelParams } from '../../src/engine';
import { bestMinutes } from '../../src/engine/norms';
import { optimize } from '../../src/engine/optimize';
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

function engineWith(travelModel: ModelParams['travelModel'], graph: boolean, seed = 8) {
  const data = syntheticCountry({ seed, bbox: BOX, demand: 300, facilities: 4, hromadas: 4 });
  const { demand, hromadas } = data;
  // fire units standing in the synthetic hromadas: local fire departments may move in relocate, state units stay
  const facilities = data.facilities.map((f, k) => ({ ...f, type: k % 2 ? ('state_fire_unit' as const) : ('local_fire_department' as const), status: 'opened' as const, hromadaCode: hromadas.codes[k % hromadas.count]!, ...(k % 2 ? { lon: 28.2 + 0.1 * k, lat: 49.1 } : {}) }));
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

  it('relocate by road: the claimed covered population equals the engine\'s after the moves (graph attached)', async () => {
    for (const seed of [8, 9]) {
      const e = engineWith('road', true, seed);
      const { problem } = buildPlan(e, { ...REQ, objective: 'relocate', moveCount: 2 });
      expect(problem.candidates.existing![0]).toBe(1);
      const r = await optimize(problem, { objective: 'relocate', moveCount: 2 });
      expect(r.moves!.length).toBeGreaterThan(0);
      for (const m of r.moves!) e.moveFacility(m.fromId, m.toLon, m.toLat);
      const after = bestMinutes(e, 'fire');
      const index = new Map(e.demand.ids.map((id, i) => [id, i]));
      let covered = 0;
      for (let k = 0; k < problem.demand.count; k++)
        if (after[index.get(problem.demand.ids[k]!)!]! <= problem.demand.threshold[k]!) covered += problem.demand.weight[k]!;
      expect(covered).toBe(r.scope.coveredAfter);
    }
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
