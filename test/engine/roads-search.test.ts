import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/engine/synthetic';
import { DEFAULT_ROAD_SPEEDS } from '../../src/engine/roads/speeds';
import {
  BoundedSearch,
  edgeMinutes32,
  multiSourceTop2,
  Top2Labels,
  Top2Scratch,
  type RoadSource,
} from '../../src/engine/roads/search';
import { dijkstra, graphFrom, oracleTop2, randomGraph } from './roads-helpers';

function randomSources(rnd: () => number, n: number, k: number, integer: boolean): RoadSource[] {
  const out: RoadSource[] = [];
  for (let s = 0; s < k; s++) {
    const node = rnd() < 0.1 ? -1 : Math.floor(rnd() * n);
    out.push({ slot: s, node, offset: integer ? Math.floor(rnd() * 4) : rnd() * 5 });
  }
  return out;
}

function expectSame(L: Top2Labels, o: ReturnType<typeof oracleTop2>, tol: number): void {
  const bad: string[] = [];
  for (let v = 0; v < L.n && bad.length < 5; v++) {
    const ok =
      L.s1[v] === o.s1[v] &&
      L.s2[v] === o.s2[v] &&
      (L.d1[v] === o.d1[v] || Math.abs(L.d1[v]! - o.d1[v]!) <= tol) &&
      (L.d2[v] === o.d2[v] || Math.abs(L.d2[v]! - o.d2[v]!) <= tol);
    if (!ok)
      bad.push(
        `node ${v}: search ${L.s1[v]}/${L.d1[v]} ${L.s2[v]}/${L.d2[v]} oracle ${o.s1[v]}/${o.d1[v]} ${o.s2[v]}/${o.d2[v]}`,
      );
  }
  expect(bad).toEqual([]);
}

describe('multi-source top-2 road search', () => {
  it('equals per-source Dijkstra (nearest and second-nearest ids and minutes) on random graphs', () => {
    for (let c = 0; c < 60; c++) {
      const rnd = mulberry32(1000 + c);
      const n = 20 + Math.floor(rnd() * 180);
      const g = randomGraph(rnd, n, Math.floor(n * (1 + rnd() * 2)), rnd() * 0.6);
      const w = edgeMinutes32(g, DEFAULT_ROAD_SPEEDS);
      const sources = randomSources(rnd, n, 1 + Math.floor(rnd() * 12), false);
      const limit = rnd() < 0.3 ? Infinity : 5 + rnd() * 30;
      const L = new Top2Labels(n);
      multiSourceTop2(g, w, sources, limit, L, new Top2Scratch(n));
      expectSame(L, oracleTop2(g, w, sources, limit), 1e-9);
    }
  });

  it('breaks exact ties by the lower slot (integer minutes, many equal paths)', () => {
    for (let c = 0; c < 40; c++) {
      const rnd = mulberry32(5000 + c);
      const n = 20 + Math.floor(rnd() * 100);
      const g = randomGraph(rnd, n, n * 2, 0.3, true);
      const w = Float32Array.from({ length: g.edgeCount }, () => Math.floor(rnd() * 4)); // zero-minute edges too
      // several sources on one node, duplicated slots are not allowed: distinct slots, shuffled order
      const sources = randomSources(rnd, n, 2 + Math.floor(rnd() * 10), true).reverse();
      const limit = 3 + Math.floor(rnd() * 12);
      const L = new Top2Labels(n);
      multiSourceTop2(g, w, sources, limit, L, new Top2Scratch(n));
      expectSame(L, oracleTop2(g, w, sources, limit), 0);
    }
  });

  it('respects oneway edges', () => {
    // 0 → 1 → 2 one way, and 2 ↔ 3 two ways; a source at 2 reaches 3 but not 0 or 1
    const g = graphFrom(
      [30, 30.01, 30.02, 30.03],
      [50, 50, 50, 50],
      [
        [0, 1, 1000],
        [1, 2, 1000],
        [2, 3, 1000],
        [3, 2, 1000],
      ],
    );
    const w = Float32Array.from([1, 1, 1, 1]);
    const L = new Top2Labels(4);
    multiSourceTop2(
      g,
      w,
      [
        { slot: 0, node: 2, offset: 0 },
        { slot: 1, node: 0, offset: 5 },
      ],
      Infinity,
      L,
      new Top2Scratch(4),
    );
    expect([...L.s1]).toEqual([1, 1, 0, 0]);
    expect([...L.d1]).toEqual([5, 6, 0, 1]);
    expect([...L.s2]).toEqual([-1, -1, 1, 1]);
    expect([...L.d2]).toEqual([Infinity, Infinity, 7, 8]);
  });

  it('cuts off at the limit and handles no sources', () => {
    const g = graphFrom(
      [30, 30.01, 30.02],
      [50, 50, 50],
      [
        [0, 1, 1],
        [1, 2, 1],
      ],
    );
    const w = Float32Array.from([10, 10]);
    const L = new Top2Labels(3);
    const sc = new Top2Scratch(3);
    multiSourceTop2(g, w, [{ slot: 3, node: 0, offset: 2 }], 15, L, sc);
    expect([...L.s1]).toEqual([3, 3, -1]);
    expect([...L.d1]).toEqual([2, 12, Infinity]);
    multiSourceTop2(g, w, [], 15, L, sc);
    expect([...L.s1]).toEqual([-1, -1, -1]);
  });

  it('bounded single-source search visits exactly the nodes within the limit, at their Dijkstra minutes', () => {
    const rnd = mulberry32(77);
    const g = randomGraph(rnd, 150, 400);
    const w = edgeMinutes32(g, DEFAULT_ROAD_SPEEDS);
    const bs = new BoundedSearch(150);
    for (let k = 0; k < 10; k++) {
      const node = Math.floor(rnd() * 150);
      const ref = dijkstra(g, w, node, 1);
      const got = new Map<number, number>();
      bs.run(g, w, node, 1, 12, (v, d) => got.set(v, d));
      const want = new Map<number, number>();
      ref.forEach((d, v) => d <= 12 && want.set(v, d));
      expect([...got.keys()].sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
      for (const [v, d] of got) expect(d).toBeCloseTo(want.get(v)!, 9);
    }
  });
});
