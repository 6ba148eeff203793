import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type ModelParams } from '../../src/engine';
import { normFor } from '../../src/engine/norms';
import { facilityReach, rankClosures, typeCounts } from '../../src/engine/optimize/closures';
import { closureReach, facilityReachByRoad } from '../../src/engine/optimize/road-closures';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { mulberry32, syntheticCountry } from '../../src/engine/synthetic';
import type { DemandTable, Facility, HromadaTable } from '../../src/engine/types';
import { randomGraph } from '../engine/roads-helpers';

// SYNTHETIC demand, facilities and roads (not real data).
const ROAD: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road', countAssumed: true };

interface Case {
  demand: DemandTable;
  hromadas: HromadaTable;
  facilities: Facility[];
  graph: RoadGraph;
}

/** Roads over the west of the box only: units and facilities both on and off the graph. */
function partialGrid(seed: number): Case {
  const box: [number, number, number, number] = [28.0, 48.9, 28.9, 49.4];
  const c = syntheticCountry({ seed, bbox: box, demand: 400, facilities: 14, hromadas: 4 });
  return { ...c, graph: syntheticRoads({ seed, bbox: [28.0, 48.9, 28.6, 49.4], nx: 16, ny: 14, highwayEvery: 5 }) };
}

/** A small random directed graph (oneway links, gaps) over the whole box. */
function randomRoads(seed: number): Case {
  const rnd = mulberry32(seed);
  const c = syntheticCountry({ seed, bbox: [30, 50, 30.5, 50.3], demand: 300, facilities: 12, hromadas: 4 });
  return { ...c, graph: randomGraph(rnd, 160, 420, 0.3) };
}

function closuresByRoad(engine: CoverageEngine, params: ModelParams) {
  const slots = Array.from({ length: engine.slotCount }, (_, k) => engine.facility(k));
  const active = Uint8Array.from(slots, (_, k) => (engine.isActiveFor(k, 'fire') ? 1 : 0));
  const cov = engine.coverage('fire');
  const input = { demand: engine.demand, facilities: slots, active, params, threshold: normFor(engine.demand, params, 'fire') };
  const reach = closureReach(input, engine.roadModel(), params.reachCapMin.fire);
  const rows = rankClosures({
    ...input,
    nearest: cov.nearest,
    backup: cov.backup,
    m1: engine.rankingMetric('fire'),
    m2: cov.backupMinutes,
    rank: () => true,
    reach,
  });
  return { rows, reach, slots };
}

function coveredPeople(e: CoverageEngine): number {
  const c = e.coverage('fire').covered;
  let s = 0;
  for (let i = 0; i < e.demand.count; i++) if (c[i]) s += e.demand.population[i]!;
  return s;
}

function expectedPeople(e: CoverageEngine): number {
  const q = e.missProbability('fire');
  let s = 0;
  for (let i = 0; i < e.demand.count; i++) s += e.demand.population[i]! * (1 - q[i]!);
  return s;
}

describe('closures by road equal removing each unit and recomputing by road', () => {
  const cases: [string, () => Case][] = [
    ['partial road grid, seed 11', () => partialGrid(11)],
    ['partial road grid, seed 12', () => partialGrid(12)],
    ['random graph, seed 21', () => randomRoads(21)],
    ['random graph, seed 22', () => randomRoads(22)],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const { demand, hromadas, facilities, graph } = make();
      const engine = new CoverageEngine(demand, hromadas, facilities, ROAD);
      engine.setRoadGraph(graph);
      expect(engine.roadModel()).not.toBeNull();
      const onGraph = engine.roadUnitFlags()!.reduce((a, b) => a + b, 0);
      expect(onGraph).toBeGreaterThan(0);
      const { rows, reach, slots } = closuresByRoad(engine, ROAD);
      expect(rows.length).toBe(engine.activeCount('fire'));
      // the reach by road counts, per unit and type, exactly what the engine's availability counts by road
      expect(Array.from(typeCounts(reach, slots, demand.count))).toEqual(Array.from(engine.unitsWithinNorm('fire')));
      const base = coveredPeople(engine);
      const baseExp = expectedPeople(engine);
      let anyLoss = false;
      for (const r of rows) {
        // the oracle: a fresh engine without the unit, full road recompute
        const e = new CoverageEngine(demand, hromadas, facilities.filter((f) => f.id !== r.id), ROAD);
        e.setRoadGraph(graph);
        expect(r.loss, r.id).toBeCloseTo(base - coveredPeople(e), 6);
        expect(r.expectedLoss, r.id).toBeCloseTo(baseExp - expectedPeople(e), 6);
        if (r.loss > 0) anyLoss = true;
      }
      expect(anyLoss).toBe(true);
      for (let k = 1; k < rows.length; k++) expect(rows[k - 1]!.loss).toBeGreaterThanOrEqual(rows[k]!.loss);
    });
  }

  it('differs from the straight-line ranking where the roads detour (the road model is really used)', () => {
    const { demand, hromadas, facilities, graph } = randomRoads(21);
    const road = new CoverageEngine(demand, hromadas, facilities, ROAD);
    road.setRoadGraph(graph);
    const straightP = { ...ROAD, travelModel: 'straight' as const };
    const straight = new CoverageEngine(demand, hromadas, facilities, straightP);
    const a = closuresByRoad(road, ROAD).rows.map((r) => [r.id, r.loss, r.expectedLoss]);
    const b = closuresByRoad(straight, straightP).rows.map((r) => [r.id, r.loss, r.expectedLoss]);
    expect(a).not.toEqual(b);
  });

  it('falls back to the straight-line reach when the road model is off; refuses distance mode', () => {
    const { demand, hromadas, facilities, graph } = partialGrid(11);
    const p = { ...ROAD, travelModel: 'straight' as const };
    const e = new CoverageEngine(demand, hromadas, facilities, p);
    e.setRoadGraph(graph);
    expect(e.roadModel()).toBeNull();
    const slots = Array.from({ length: e.slotCount }, (_, k) => e.facility(k));
    const active = Uint8Array.from(slots, (_, k) => (e.isActiveFor(k, 'fire') ? 1 : 0));
    const input = { demand, facilities: slots, active, params: p, threshold: normFor(demand, p, 'fire') };
    expect(closureReach(input, null, 60)).toEqual(facilityReach(input));
    const on = new CoverageEngine(demand, hromadas, facilities, ROAD);
    on.setRoadGraph(graph);
    expect(() => facilityReachByRoad({ ...input, params: { ...ROAD, coverageMode: 'distance' } }, on.roadModel()!, 60)).toThrow(/distance mode/);
  });
});
