import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, haversineKm, minutesPerKm, type ModelParams } from '../../src/engine';
import { buildStructureFromRoads } from '../../src/engine/optimize/road-reach';
import { buildStructureFromPoints } from '../../src/engine/optimize/structure';
import { RoadTravel } from '../../src/engine/roads/model';
import { edgeMinutes32 } from '../../src/engine/roads/search';
import { dijkstra, graphFrom, type EdgeSpec } from '../engine/roads-helpers';

const P: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' };

/**
 * The river case for the planner (a made-up geometry): two banks 0.03° of longitude apart (≈ 2.1 km at 50° N), a road
 * along each bank, one bridge 0.3° (≈ 33 km) north. A candidate site on the west bank and a village straight across.
 */
function river() {
  const lon: number[] = [];
  const lat: number[] = [];
  const edges: EdgeSpec[] = [];
  const steps = 10;
  for (const x of [30.0, 30.03]) for (let k = 0; k <= steps; k++) {
    lon.push(x);
    lat.push(50 + (0.3 * k) / steps);
  }
  const west = (k: number) => k;
  const east = (k: number) => steps + 1 + k;
  const seg = haversineKm(30, 50, 30, 50 + 0.3 / steps) * 1000;
  for (let k = 0; k < steps; k++) for (const f of [west, east]) {
    edges.push([f(k), f(k + 1), seg, 2]);
    edges.push([f(k + 1), f(k), seg, 2]);
  }
  const bridge = haversineKm(30, 50.3, 30.03, 50.3) * 1000;
  edges.push([west(steps), east(steps), bridge, 2], [east(steps), west(steps), bridge, 2]); // trunk roads
  return { graph: graphFrom(lon, lat, edges), east };
}

describe('planning by road: the river case', () => {
  it('a site 2 km across the river does not cover the village by road; the straight line says it does', () => {
    const { graph, east } = river();
    // the village (demand) on the east bank at the bridge's far end of the river, the candidate on the west bank
    const demand = { count: 1, lon: Float64Array.of(30.03), lat: Float64Array.of(50.0), urban: Uint8Array.of(0) };
    const candidates = { count: 1, lon: [30.0], lat: [50.0] };
    const road = new RoadTravel(graph, demand.lon, demand.lat, 1);
    road.configure(P);
    const type = 'local_fire_department' as const;
    const norm = P.normMin.fire.rural;
    const base = { road, params: P, type, demandIndex: Int32Array.of(0), demand, candidates, reachCap: P.reachCapMin.fire };
    const byRoad = buildStructureFromRoads({ ...base, maxCost: norm }).structure;
    const straight = buildStructureFromPoints({ demand, candidates, params: P, type, maxCost: norm });
    const straightMin = P.turnoutMin[type] + minutesPerKm(P, 0) * haversineKm(30, 50, 30.03, 50);
    expect(straightMin).toBeLessThan(norm);
    expect(Array.from(straight.demand)).toEqual([0]);
    expect(Array.from(byRoad.demand)).toEqual([]);
    // within the reach cap the road pair is kept, at the oracle's minutes (both ends exactly on nodes: no legs)
    const wide = buildStructureFromRoads({ ...base, maxCost: P.reachCapMin.fire }).structure;
    const oracle = dijkstra(graph, edgeMinutes32(graph, P.roads.speeds), 0, P.turnoutMin[type])[east(0)]!;
    expect(oracle).toBeGreaterThan(3 * straightMin);
    expect(oracle).toBeLessThan(P.reachCapMin.fire);
    expect(Array.from(wide.demand)).toEqual([0]);
    expect(wide.cost[0]!).toBeCloseTo(oracle, 9);
    // and a reach cap below the road minutes drops the pair (the engine says "not reached" there)
    expect(Array.from(buildStructureFromRoads({ ...base, maxCost: P.reachCapMin.fire, reachCap: oracle - 1 }).structure.demand)).toEqual([]);
  });
});
