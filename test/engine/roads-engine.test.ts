import { describe, expect, it } from 'vitest';
import {
  CoverageEngine,
  DEFAULT_PARAMS,
  FACILITY_TYPES,
  SERVICES_OF,
  haversineKm,
  minutesPerKm,
  travelMatrix,
  type DemandTable,
  type Facility,
  type ModelParams,
} from '../../src/engine';
import { mulberry32, syntheticCountry } from '../../src/engine/synthetic';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { edgeMinutes32 } from '../../src/engine/roads/search';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { UNIT_MODEL_MATRIX, UNIT_MODEL_ROAD, UNIT_MODEL_STRAIGHT } from '../../src/engine/roads/model';
import { dijkstra, graphFrom } from './roads-helpers';

const ROAD: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road', includePlanned: true };

/** Brute nearest node (haversine, ties to the lower id) within maxKm, else -1. */
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

/**
 * Oracle over units × facilities: road minutes (per-facility Dijkstra) where both ends snap to the graph and the
 * facility's road label is within the reach cap, else the straight-line formula; top two by (minutes, slot).
 */
function oracle(demand: DemandTable, slots: readonly (Facility | null)[], p: ModelParams, g: RoadGraph) {
  const w = edgeMinutes32(g, p.roads.speeds);
  const legOf = (km: number) => (60 * km) / p.roads.offRoadKmh;
  const usnap = Array.from({ length: demand.count }, (_, i) =>
    bruteSnap(g, demand.lon[i]!, demand.lat[i]!, p.roads.snapMaxKm),
  );
  const out: Record<
    string,
    { nearest: Int32Array; backup: Int32Array; minutes: Float64Array; backupMinutes: Float64Array; within: Int32Array }
  > = {};
  for (const service of ['fire', 'police'] as const) {
    const per = slots.map((f) => {
      if (!f || !SERVICES_OF[f.type].includes(service) || (f.status === 'planned' && !p.includePlanned)) return null;
      const snap = bruteSnap(g, f.lon, f.lat, p.roads.snapMaxKm);
      const t = p.turnoutMin[f.type];
      return { f, t, snap, dist: snap.node >= 0 ? dijkstra(g, w, snap.node, t + legOf(snap.km)) : null };
    });
    const r = {
      nearest: new Int32Array(demand.count),
      backup: new Int32Array(demand.count),
      minutes: new Float64Array(demand.count),
      backupMinutes: new Float64Array(demand.count),
      within: new Int32Array(demand.count * FACILITY_TYPES.length),
    };
    for (let i = 0; i < demand.count; i++) {
      const c: [number, number][] = [];
      per.forEach((x, slot) => {
        if (!x) return;
        const u = usnap[i]!;
        let m: number;
        if (u.node >= 0 && x.dist) {
          const d = x.dist[u.node]!;
          m = d <= p.reachCapMin[service] ? d + legOf(u.km) : Infinity;
        } else
          m = x.t + minutesPerKm(p, demand.urban[i]!) * haversineKm(demand.lon[i]!, demand.lat[i]!, x.f.lon, x.f.lat);
        if (m < Infinity) c.push([m, slot]);
        if (m <= p.normMin[service][demand.urban[i] ? 'urban' : 'rural'])
          r.within[i * FACILITY_TYPES.length + FACILITY_TYPES.indexOf(x.f.type)]!++;
      });
      c.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      r.nearest[i] = c[0]?.[1] ?? -1;
      r.minutes[i] = c[0]?.[0] ?? Infinity;
      r.backup[i] = c[1]?.[1] ?? -1;
      r.backupMinutes[i] = c[1]?.[0] ?? Infinity;
    }
    out[service] = r;
  }
  return out;
}

function expectOracle(
  engine: CoverageEngine,
  slots: readonly (Facility | null)[],
  p: ModelParams,
  g: RoadGraph,
  tag = '',
): void {
  const o = oracle(engine.demand, slots, p, g);
  const bad: string[] = [];
  const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9;
  for (const service of ['fire', 'police'] as const) {
    const c = engine.coverage(service);
    const b = o[service]!;
    for (let i = 0; i < engine.demand.count && bad.length < 5; i++)
      if (
        c.nearest[i] !== b.nearest[i] ||
        c.backup[i] !== b.backup[i] ||
        !close(c.minutes[i]!, b.minutes[i]!) ||
        !close(c.backupMinutes[i]!, b.backupMinutes[i]!)
      )
        bad.push(
          `${tag}${service} unit ${i}: engine ${c.nearest[i]}/${c.minutes[i]} ${c.backup[i]}/${c.backupMinutes[i]} oracle ${b.nearest[i]}/${b.minutes[i]} ${b.backup[i]}/${b.backupMinutes[i]}`,
        );
    // units within the norm per type (what expected coverage is made of), by the same mixed model
    const within = engine.unitsWithinNorm(service);
    for (let k = 0; k < within.length && bad.length < 5; k++)
      if (within[k] !== b.within[k])
        bad.push(
          `${tag}${service} unit ${Math.floor(k / FACILITY_TYPES.length)}: within-norm ${within[k]} oracle ${b.within[k]}`,
        );
  }
  expect(bad).toEqual([]);
}

/** A small country whose road graph covers its western three quarters (the rest is off the graph). */
function setup(seed: number) {
  const country = syntheticCountry({ seed, demand: 300, facilities: 24, hromadas: 4, bbox: [30, 50, 30.6, 50.4] });
  const graph = syntheticRoads({
    seed,
    bbox: [30, 50, 30.45, 50.4],
    nx: 22,
    ny: 26,
    highwayEvery: 7,
    onewayShare: 0.15,
  });
  return { ...country, graph };
}

describe('coverage engine with the road network', () => {
  it('equals a brute-force oracle over units × facilities (road where both ends snap, straight line elsewhere)', () => {
    for (const seed of [1, 2, 3]) {
      const { demand, hromadas, facilities, graph } = setup(seed);
      const p: ModelParams = { ...ROAD, reachCapMin: { fire: seed === 3 ? 25 : 60, police: 60 } };
      const engine = new CoverageEngine(demand, hromadas, facilities, p);
      engine.setRoadGraph(graph);
      expectOracle(engine, facilities, p, graph, `seed ${seed} `);
      const flags = engine.roadUnitFlags()!;
      const onGraph = flags.reduce((a, b) => a + b, 0);
      expect(onGraph).toBeGreaterThan(demand.count * 0.5);
      expect(onGraph).toBeLessThan(demand.count);
      const models = engine.travelModelOf('fire');
      expect(models.some((m) => m === UNIT_MODEL_ROAD)).toBe(true);
      expect(models.some((m) => m === UNIT_MODEL_STRAIGHT)).toBe(true);
    }
  });

  it('travelModel straight with a graph attached gives the straight-line results bit for bit', () => {
    const { demand, hromadas, facilities, graph } = setup(4);
    const plain = new CoverageEngine(demand, hromadas, facilities, { ...ROAD, travelModel: 'straight' });
    const withGraph = new CoverageEngine(demand, hromadas, facilities, { ...ROAD, travelModel: 'straight' });
    withGraph.setRoadGraph(graph);
    for (const s of ['fire', 'police'] as const) {
      expect(withGraph.coverage(s)).toEqual(plain.coverage(s));
      expect(withGraph.roadNodeMinutes(s)).toBeNull();
    }
    // switching the model on and off again
    withGraph.setParams(ROAD);
    withGraph.setParams({ ...ROAD, travelModel: 'straight' });
    for (const s of ['fire', 'police'] as const) expect(withGraph.coverage(s)).toEqual(plain.coverage(s));
  });

  it('a matrix on top of the road model: listed pairs take the matrix; with fallback unreachable only they count', () => {
    const { demand, hromadas, facilities, graph } = setup(6);
    const pairs = facilities
      .slice(0, 8)
      .flatMap((f, k) => demand.ids.slice(k * 30, k * 30 + 30).map((d, j) => [f.id, d, (j * 7) % 25] as const));
    const matrix = travelMatrix(pairs);
    const unreachable: ModelParams = { ...ROAD, matrixFallback: 'unreachable' };
    const straight = new CoverageEngine(
      demand,
      hromadas,
      facilities,
      { ...unreachable, travelModel: 'straight' },
      matrix,
    );
    const road = new CoverageEngine(demand, hromadas, facilities, unreachable, matrix);
    road.setRoadGraph(graph);
    for (const s of ['fire', 'police'] as const) expect(road.coverage(s)).toEqual(straight.coverage(s));
    // fallback model: a unit whose nearest is a listed pair shows the matrix time and code 2
    const mixed = new CoverageEngine(demand, hromadas, facilities, ROAD, matrix);
    mixed.setRoadGraph(graph);
    const c = mixed.coverage('fire');
    const codes = mixed.travelModelOf('fire');
    const listed = new Map(pairs.map(([f, d, m]) => [`${f}|${d}`, m]));
    let seen = 0;
    for (let i = 0; i < demand.count; i++) {
      const f = c.nearest[i]!;
      if (f < 0) continue;
      const fac = mixed.facility(f)!;
      const m = listed.get(`${fac.id}|${demand.ids[i]}`);
      if (m === undefined) {
        expect(codes[i]).not.toBe(UNIT_MODEL_MATRIX);
        continue;
      }
      expect(codes[i]).toBe(UNIT_MODEL_MATRIX);
      expect(c.minutes[i]).toBe(ROAD.turnoutMin[fac.type] + m);
      seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('incremental edits equal the oracle after random add / move / remove / retype sequences', () => {
    for (const seed of [11, 12]) {
      const { demand, hromadas, facilities, graph } = setup(seed);
      const rnd = mulberry32(seed);
      const p = ROAD;
      const engine = new CoverageEngine(demand, hromadas, facilities, p);
      engine.setRoadGraph(graph);
      let next = 0;
      for (let step = 0; step < 30; step++) {
        const live = engine.liveFacilities();
        const r = rnd();
        const lon = 29.95 + rnd() * 0.7;
        const lat = 49.95 + rnd() * 0.5;
        if (r < 0.3 || live.length === 0) {
          const type = FACILITY_TYPES[Math.floor(rnd() * FACILITY_TYPES.length)]!;
          engine.addFacility({
            ...facilities[0]!,
            id: `new-${next++}`,
            type,
            status: rnd() < 0.2 ? 'planned' : 'opened',
            lon,
            lat,
            placement: 'user',
          });
        } else {
          const f = live[Math.floor(rnd() * live.length)]!;
          if (r < 0.5) engine.removeFacility(f.id);
          else if (r < 0.75) engine.moveFacility(f.id, lon, lat);
          else engine.updateFacility(f.id, { type: FACILITY_TYPES[Math.floor(rnd() * FACILITY_TYPES.length)]! });
        }
        const slots = Array.from({ length: engine.slotCount }, (_, s) => engine.facility(s));
        expectOracle(engine, slots, p, graph, `seed ${seed} step ${step} `);
      }
    }
  });

  it('a river: two villages 2 km apart, the only bridge 15 km away — road minutes far above straight-line ones', () => {
    // two banks of a north–south river at lon 30.000 / 30.028 (≈ 2 km apart at lat 50), roads along each bank, one
    // bridge 15 km to the north
    const lon: number[] = [];
    const lat: number[] = [];
    const edges: [number, number, number][] = [];
    const steps = 16; // nodes 1 km apart along each bank
    for (const bankLon of [30, 30.028])
      for (let k = 0; k < steps; k++) {
        lon.push(bankLon);
        lat.push(50 + k / 111.2);
      }
    for (const b of [0, steps])
      for (let k = 0; k + 1 < steps; k++) {
        const a = b + k;
        const len = 1000 * haversineKm(lon[a]!, lat[a]!, lon[a + 1]!, lat[a + 1]!);
        edges.push([a, a + 1, len], [a + 1, a, len]);
      }
    const bridge = 1000 * haversineKm(lon[steps - 1]!, lat[steps - 1]!, lon[2 * steps - 1]!, lat[2 * steps - 1]!);
    edges.push([steps - 1, 2 * steps - 1, bridge], [2 * steps - 1, steps - 1, bridge]);
    {
      const g = graphFrom(
        lon,
        lat,
        edges.map(([a, b, l]) => [a, b, l, 6] as [number, number, number, number]),
      );
      const demand = syntheticCountry({
        seed: 1,
        demand: 2,
        facilities: 1,
        hromadas: 1,
        bbox: [29.9, 49.9, 30.1, 50.1],
      });
      const d = demand.demand;
      d.lon[0] = 30.0;
      d.lat[0] = 50.0;
      d.lon[1] = 30.028;
      d.lat[1] = 50.0;
      d.urban[0] = 0;
      d.urban[1] = 0;
      const station: Facility = {
        ...demand.facilities[0]!,
        id: 'st',
        type: 'state_fire_unit',
        status: 'opened',
        lon: 30.0,
        lat: 50.0,
      };
      const straight = new CoverageEngine(d, demand.hromadas, [station], { ...DEFAULT_PARAMS });
      const road = new CoverageEngine(d, demand.hromadas, [station], { ...DEFAULT_PARAMS, travelModel: 'road' });
      road.setRoadGraph(g);
      const sMin = straight.coverage('fire').minutes[1]!;
      const rMin = road.coverage('fire').minutes[1]!;
      // straight line: 1 + 2 km × 1.3 detour at 60 km/h ≈ 3.6 min; by road ≈ 31 km at 55 km/h (secondary) ≈ 35 min
      expect(sMin).toBeLessThan(4);
      expect(rMin).toBeGreaterThan(30);
      expect(road.coverage('fire').covered[1]).toBe(0);
      expect(straight.coverage('fire').covered[1]).toBe(1);
      // the near bank is at the station's node: turnout only
      expect(road.coverage('fire').minutes[0]).toBeCloseTo(1, 9);
    }
  });
});
