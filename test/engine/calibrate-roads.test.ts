import { describe, expect, it } from 'vitest';
import { calibrate, modelledMinutes, type CheckPair } from '../../src/engine/calibrate';
import { roadCheckModel } from '../../src/engine/calibrate-roads';
import { edgeMinutes } from '../../src/engine/roads/search';
import { NodeSnapper, offRoadMinutes } from '../../src/engine/roads/snap';
import { ROAD_CLASSES } from '../../src/engine/roads/speeds';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { DEFAULT_PARAMS, type ModelParams } from '../../src/engine/types';

const BBOX: [number, number, number, number] = [30, 49, 31.5, 50];
const g = syntheticRoads({ seed: 3, nx: 40, ny: 30, bbox: BBOX, highwayEvery: 8 });
const params: ModelParams = { ...DEFAULT_PARAMS, travelModel: 'road' };

/** Plain Dijkstra from one node (O(n²), the oracle). */
function dijkstra(graph: RoadGraph, w: Float64Array, s: number): Float64Array {
  const n = graph.nodeCount;
  const d = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  d[s] = 0;
  for (;;) {
    let v = -1;
    for (let u = 0; u < n; u++) if (!done[u] && d[u]! < Infinity && (v < 0 || d[u]! < d[v]!)) v = u;
    if (v < 0) return d;
    done[v] = 1;
    for (let e = graph.first[v]!; e < graph.first[v + 1]!; e++) {
      const u = graph.target[e]!;
      if (d[v]! + w[e]! < d[u]!) d[u] = d[v]! + w[e]!;
    }
  }
}

function pairs(count: number, seed: number, dests: number): CheckPair[] {
  let a = seed;
  const r = () => (a = (a * 16807) % 2147483647) / 2147483647;
  const to = Array.from({ length: dests }, () => [BBOX[0] + r() * 1.5, BBOX[1] + r()] as const);
  return Array.from({ length: count }, (_, i) => {
    const [toLon, toLat] = to[i % dests]!;
    return {
      fromLon: BBOX[0] + r() * 1.5,
      fromLat: BBOX[1] + r(),
      toLon,
      toLat,
      observedMin: 1,
      urban: 0,
      group: 'g',
      label: '',
      turnoutMin: i % 3,
    };
  });
}

describe('road model of the check', () => {
  it('times every pair as turnout + legs + the shortest road path (oracle), whichever side the trees grow from', () => {
    const w = edgeMinutes(g, params.roads.speeds);
    const snap = new NodeSnapper(g);
    for (const ps of [pairs(60, 7, 3), pairs(12, 9, 12)]) {
      const got = modelledMinutes(roadCheckModel(g), ps, params);
      ps.forEach((p, i) => {
        const s = snap.nearest(p.fromLon, p.fromLat, params.roads.snapMaxKm);
        const t = snap.nearest(p.toLon, p.toLat, params.roads.snapMaxKm);
        const road = dijkstra(g, w, s.node)[t.node]!;
        const want =
          p.turnoutMin +
          offRoadMinutes(s.km, params.roads.offRoadKmh) +
          offRoadMinutes(t.km, params.roads.offRoadKmh) +
          road;
        if (Number.isFinite(road)) expect(got[i]).toBeCloseTo(want, 9);
        else expect(got[i]).toBeNaN();
      });
    }
  });

  it('leaves a pair with an end off the graph untimed', () => {
    const base: CheckPair = {
      fromLon: 30.7,
      fromLat: 49.5,
      toLon: 31,
      toLat: 49.6,
      observedMin: 30,
      urban: 0,
      group: '',
      label: '',
      turnoutMin: 0,
    };
    const ps = [base, { ...base, fromLon: 35 }, { ...base, toLat: 49.4 }];
    const got = modelledMinutes(roadCheckModel(g), ps, params);
    expect([...got].map(Number.isNaN)).toEqual([false, true, false]);
    expect(Number.isFinite(got[0]!)).toBe(true);
  });

  it('recovers a known speed scale: every class 25 % slower than the table', () => {
    const model = roadCheckModel(g);
    const slow = model.apply(
      params,
      ROAD_CLASSES.map(() => 1.25),
    );
    const ps = pairs(300, 11, 4);
    const truth = modelledMinutes(model, ps, slow);
    const obs = ps.map((p, i) => ({ ...p, observedMin: truth[i]! })).filter((p) => Number.isFinite(p.observedMin));
    const c = calibrate(model, obs, params);
    expect(c.before.untimed).toBe(0);
    const used = c.fit.factors.filter((f) => f.how !== 'kept');
    expect(used.length).toBeGreaterThan(0);
    // Speeds rounded to 0.1 km/h in the truth, so the factors are 1.25 to within that rounding.
    for (const f of used) expect(Math.abs(f.factor / 1.25 - 1)).toBeLessThan(0.005);
    expect(c.after.all.medianRelAe).toBeLessThan(0.003);
    expect(c.paramStrings).toContain(`road.speed.residential=${slow.roads.speeds.kmh.residential}`);
  });
});
