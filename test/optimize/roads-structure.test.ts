import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, haversineKm, minutesPerKm, type ModelParams } from '../../src/engine';
import { bestMinutes } from '../../src/engine/norms';
import { buildPointsProblem, optimize, toPlannedFacilities, type PlanProblem } from '../../src/engine/optimize';
import { buildStructureFromRoads, snapCandidates } from '../../src/engine/optimize/road-reach';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { edgeMinutes32 } from '../../src/engine/roads/search';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { mulberry32, syntheticCountry } from '../../src/engine/synthetic';
import { dijkstra } from '../engine/roads-helpers';

// SYNTHETIC data and roads (not real): the roads cover the west of the demand's box only, so some units and
// candidates are off the graph (straight line) and the rest on it (road).
const BOX: [number, number, number, number] = [28.0, 48.9, 28.9, 49.4];
const ROAD_BOX: [number, number, number, number] = [28.0, 48.9, 28.6, 49.4];
const ROAD: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road', includePlanned: true };

function setup(seed: number) {
  const { demand, hromadas, facilities } = syntheticCountry({ seed, bbox: BOX, demand: 260, facilities: 3, hromadas: 4 });
  const graph = syntheticRoads({ seed, bbox: ROAD_BOX, nx: 18, ny: 16, highwayEvery: 6 });
  const engine = new CoverageEngine(demand, hromadas, facilities, ROAD);
  engine.setRoadGraph(graph);
  return { demand, hromadas, facilities, graph, engine };
}

function bruteSnap(g: RoadGraph, lon: number, lat: number, maxKm: number): { node: number; km: number } {
  let best = -1;
  let km = Infinity;
  for (let v = 0; v < g.nodeCount; v++) {
    const d = haversineKm(lon, lat, g.lon[v]!, g.lat[v]!);
    if (d < km) {
      km = d;
      best = v;
    }
  }
  return km <= maxKm ? { node: best, km } : { node: -1, km: Infinity };
}

/** Brute force: every candidate × every unit, road (per-candidate Dijkstra) where both snap, else straight line. */
function oracleRows(p: PlanProblem, scope: Int32Array, s: ReturnType<typeof setup>, maxCost: Float64Array, type: 'local_fire_department') {
  const { demand, graph } = s;
  const w = edgeMinutes32(graph, ROAD.roads.speeds);
  const leg = (km: number) => (60 * km) / ROAD.roads.offRoadKmh;
  const us = Array.from(scope, (i) => bruteSnap(graph, demand.lon[i]!, demand.lat[i]!, ROAD.roads.snapMaxKm));
  const t = ROAD.turnoutMin[type];
  const rows: Map<number, number>[] = [];
  let road = 0;
  for (let j = 0; j < p.candidates.count; j++) {
    const cs = bruteSnap(graph, p.candidates.lon[j]!, p.candidates.lat[j]!, ROAD.roads.snapMaxKm);
    const dist = cs.node >= 0 ? dijkstra(graph, w, cs.node, t + leg(cs.km)) : null;
    const row = new Map<number, number>();
    scope.forEach((i, k) => {
      const u = us[k]!;
      let m: number;
      if (dist && u.node >= 0) {
        const d = dist[u.node]!;
        m = d <= ROAD.reachCapMin.fire ? d + leg(u.km) : Infinity;
        if (m <= maxCost[k]!) road++;
      } else
        m = t + minutesPerKm(ROAD, demand.urban[i]!) * haversineKm(demand.lon[i]!, demand.lat[i]!, p.candidates.lon[j]!, p.candidates.lat[j]!);
      if (m <= maxCost[k]!) row.set(k, m);
    });
    rows.push(row);
  }
  return { rows, road, onGraphUnits: us.filter((u) => u.node >= 0).length };
}

describe('coverage structure by road', () => {
  for (const objective of ['coverage', 'p-median'] as const) {
    it(`equals a brute-force oracle of candidate → demand minutes (${objective}; settlement and explicit candidates)`, () => {
      const s = setup(3);
      const { demand, hromadas, engine } = s;
      const scope = Int32Array.from({ length: demand.count }, (_, i) => i);
      const rnd = mulberry32(9);
      // explicit points: some inside the road box, some east of it (off the graph)
      const pts = Array.from({ length: 40 }, (_, k) => ({ id: `P${k}`, lon: BOX[0] + rnd() * (BOX[2] - BOX[0]), lat: BOX[1] + rnd() * (BOX[3] - BOX[1]) }));
      // and near-copies of them: the same snapped node, another off-road leg (they share a search)
      for (let k = 0; k < 20; k++) pts.push({ id: `Q${k}`, lon: pts[k]!.lon + 0.0004, lat: pts[k]!.lat - 0.0003 });
      for (const candidates of ['settlements', { ids: pts.map((q) => q.id), names: pts.map((q) => q.id), lon: pts.map((q) => q.lon), lat: pts.map((q) => q.lat) }] as const) {
        const p = buildPointsProblem({
          demand,
          hromadas,
          current: bestMinutes(engine, 'fire'),
          params: ROAD,
          service: 'fire',
          type: 'local_fire_department',
          objective,
          candidates,
          includeOccupied: true,
          road: engine.roadModel(),
        });
        expect(p.notes!.some((n) => /Travel model: ROAD NETWORK/.test(n))).toBe(true);
        const maxCost = objective === 'p-median' ? new Float64Array(demand.count).fill(40) : p.demand.threshold;
        const o = oracleRows(p, scope, s, maxCost, 'local_fire_department');
        // the fixture mixes: pairs by road, units on and off the graph
        expect(o.road).toBeGreaterThan(10);
        expect(o.onGraphUnits).toBeGreaterThan(20);
        expect(o.onGraphUnits).toBeLessThan(demand.count - 20);
        const st = p.structure;
        let total = 0;
        for (let j = 0; j < p.candidates.count; j++) {
          const want = o.rows[j]!;
          const got = new Map<number, number>();
          for (let k = st.offsets[j]!; k < st.offsets[j + 1]!; k++) {
            if (k > st.offsets[j]!) expect(st.demand[k]!).toBeGreaterThan(st.demand[k - 1]!);
            got.set(st.demand[k]!, st.cost[k]!);
          }
          expect([...got.keys()].sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
          for (const [k, m] of want) expect(got.get(k)!).toBeCloseTo(m, 9);
          total += want.size;
        }
        expect(st.demand.length).toBe(total);
      }
    });
  }

  it('candidates on one snapped node share one search (and keep their own off-road legs)', () => {
    const { demand, engine } = setup(3);
    const road = engine.roadModel()!;
    const lon = [28.2, 28.2004, 28.1996, 28.3, 28.85];
    const lat = [49.1, 49.1003, 49.0998, 49.2, 49.2];
    const idx = Int32Array.from({ length: demand.count }, (_, i) => i);
    const r = buildStructureFromRoads({
      road,
      params: ROAD,
      type: 'local_fire_department',
      demandIndex: idx,
      demand,
      candidates: { count: lon.length, lon, lat },
      maxCost: 20,
      reachCap: 60,
    });
    const snap = snapCandidates(road, ROAD, { count: lon.length, lon, lat });
    const nodes = new Set(Array.from(snap.node).filter((v) => v >= 0));
    expect(snap.node[0]).toBe(snap.node[1]);
    expect(snap.node[4]).toBe(-1); // east of the roads
    expect(r.stats.searches).toBe(nodes.size);
    expect(r.stats.candidatesOnGraph).toBe(4);
    // the shared search gives each candidate its own leg: costs differ by exactly the legs' difference
    const row = (j: number) => new Map(Array.from({ length: r.structure.offsets[j + 1]! - r.structure.offsets[j]! }, (_, k) => {
      const p = r.structure.offsets[j]! + k;
      return [r.structure.demand[p]!, r.structure.cost[p]!] as const;
    }));
    const a = row(0);
    const b = row(1);
    const dLeg = snap.leg[1]! - snap.leg[0]!;
    let shared = 0;
    for (const [s, m] of a) if (b.has(s) && road.unitNode[s]! >= 0) {
      expect(b.get(s)! - m).toBeCloseTo(dLeg, 9);
      shared++;
    }
    expect(shared).toBeGreaterThan(0);
  });

  it('the plan\'s claimed covered population equals the engine\'s with the chosen sites added (road graph attached)', async () => {
    for (const seed of [4, 5]) {
      const s = setup(seed);
      const { demand, hromadas, engine } = s;
      const p = buildPointsProblem({
        demand,
        hromadas,
        current: bestMinutes(engine, 'fire'),
        params: ROAD,
        service: 'fire',
        type: 'local_fire_department',
        objective: 'coverage',
        includeOccupied: true,
        road: engine.roadModel(),
      });
      const r = await optimize(p, { objective: 'coverage', newFacilities: 6 });
      expect(r.sites.length).toBe(6);
      for (const f of toPlannedFacilities(r, 'local_fire_department')) engine.addFacility(f);
      const after = bestMinutes(engine, 'fire');
      let covered = 0;
      for (let i = 0; i < demand.count; i++) if (after[i]! <= p.demand.threshold[i]!) covered += demand.population[i]!;
      expect(covered).toBe(r.scope.coveredAfter);
      // and the straight-line structure would claim something else on this fixture (roads matter)
      const straight = buildPointsProblem({
        demand,
        hromadas,
        current: bestMinutes(engine, 'fire'),
        params: ROAD,
        service: 'fire',
        type: 'local_fire_department',
        objective: 'coverage',
        includeOccupied: true,
      });
      expect(straight.structure.demand.length).not.toBe(p.structure.demand.length);
    }
  });

  it('travel model straight or distance mode ignores the road model (same structure as without it)', () => {
    const s = setup(6);
    const { demand, hromadas, engine } = s;
    for (const params of [
      { ...ROAD, travelModel: 'straight' as const },
      { ...ROAD, coverageMode: 'distance' as const },
    ]) {
      const base = { demand, hromadas, current: new Float64Array(demand.count).fill(Infinity), params, service: 'fire' as const, type: 'local_fire_department' as const, objective: 'coverage' as const, includeOccupied: true };
      const a = buildPointsProblem({ ...base, road: engine.roadModel() });
      const b = buildPointsProblem(base);
      expect(Array.from(a.structure.demand)).toEqual(Array.from(b.structure.demand));
      expect(Array.from(a.structure.cost)).toEqual(Array.from(b.structure.cost));
      expect(a.notes).toEqual(b.notes);
    }
  });
});
