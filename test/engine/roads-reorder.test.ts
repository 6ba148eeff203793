import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/engine/synthetic';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { hilbertIndex, hilbertIndex16, hilbertNodeOrder, hilbertOrder } from '../../src/engine/roads/reorder';
import { DEFAULT_ROAD_SPEEDS } from '../../src/engine/roads/speeds';
import {
  BoundedSearch,
  edgeMinutes32,
  multiSourceTop2,
  Top2Labels,
  Top2Scratch,
  type RoadSource,
} from '../../src/engine/roads/search';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { dijkstra, randomGraph } from './roads-helpers';

/** A random graph whose edges carry shapes: edge e gets 0–3 interior points, each naming e and its position. */
function withShapes(g: RoadGraph, rnd: () => number): RoadGraph {
  const m = g.edgeCount;
  const shapeStart = new Uint32Array(m + 1);
  for (let e = 0; e < m; e++) shapeStart[e + 1] = shapeStart[e]! + Math.floor(rnd() * 4);
  const shapeLon = new Float64Array(shapeStart[m]!);
  const shapeLat = new Float64Array(shapeStart[m]!);
  for (let e = 0; e < m; e++)
    for (let j = shapeStart[e]!; j < shapeStart[e + 1]!; j++) {
      shapeLon[j] = e;
      shapeLat[j] = j - shapeStart[e]!;
    }
  const maxspeed = Uint8Array.from({ length: m }, () => Math.floor(rnd() * 130));
  const flags = Uint8Array.from({ length: m }, () => Math.floor(rnd() * 4));
  return { ...g, shapeStart, shapeLon, shapeLat, maxspeed, flags };
}

/** Checks that h is g with node v renamed newOf[v]: same coordinates, each node's out-edges in the same order with
 * the same attributes and shapes, CSR valid. */
function expectRenamed(g: RoadGraph, h: RoadGraph, newOf: Uint32Array): void {
  expect([h.nodeCount, h.edgeCount, h.meta]).toEqual([g.nodeCount, g.edgeCount, g.meta]);
  expect(h.first[0]).toBe(0);
  expect(h.first[h.nodeCount]).toBe(h.edgeCount);
  expect(h.shapeStart[h.edgeCount]).toBe(g.shapeStart[g.edgeCount]);
  const bad: string[] = [];
  for (let v = 0; v < g.nodeCount && bad.length < 5; v++) {
    const i = newOf[v]!;
    if (h.lon[i] !== g.lon[v] || h.lat[i] !== g.lat[v]) bad.push(`node ${v} → ${i}: coordinates`);
    const deg = g.first[v + 1]! - g.first[v]!;
    if (h.first[i + 1]! - h.first[i]! !== deg) bad.push(`node ${v} → ${i}: degree`);
    for (let j = 0; j < deg; j++) {
      const e = g.first[v]! + j;
      const k = h.first[i]! + j;
      const same =
        h.target[k] === newOf[g.target[e]!] &&
        h.lengthM[k] === g.lengthM[e] &&
        h.cls[k] === g.cls[e] &&
        h.maxspeed[k] === g.maxspeed[e] &&
        h.flags[k] === g.flags[e] &&
        h.shapeStart[k + 1]! - h.shapeStart[k]! === g.shapeStart[e + 1]! - g.shapeStart[e]!;
      if (!same) bad.push(`edge ${e} → ${k}: attributes`);
      for (let p = 0; same && p < g.shapeStart[e + 1]! - g.shapeStart[e]!; p++)
        if (
          h.shapeLon[h.shapeStart[k]! + p] !== g.shapeLon[g.shapeStart[e]! + p] ||
          h.shapeLat[h.shapeStart[k]! + p] !== g.shapeLat[g.shapeStart[e]! + p]
        )
          bad.push(`edge ${e} → ${k}: shape point ${p}`);
    }
  }
  expect(bad).toEqual([]);
}

function inverse(order: Uint32Array): Uint32Array {
  const newOf = new Uint32Array(order.length);
  order.forEach((old, i) => (newOf[old] = i));
  return newOf;
}

/** The Hilbert key each node of g sorts by (as hilbertNodeOrder computes it over g's bounding box). */
function keys(g: RoadGraph): number[] {
  const [w, e] = [Math.min(...g.lon), Math.max(...g.lon)];
  const [s, n] = [Math.min(...g.lat), Math.max(...g.lat)];
  const cell = (t: number) => Math.min(65535, Math.max(0, Math.floor(t)));
  return Array.from(g.lon, (lon, v) =>
    hilbertIndex16(cell(((lon - w) * 65535) / (e - w)), cell(((g.lat[v]! - s) * 65535) / (n - s))),
  );
}

describe('hilbertIndex', () => {
  it('is a bijection onto 0 … 4^k − 1 whose consecutive positions are grid neighbours (k = 1 … 5)', () => {
    for (let bits = 1; bits <= 5; bits++) {
      const side = 1 << bits;
      const at = new Int32Array(side * side).fill(-1);
      for (let x = 0; x < side; x++)
        for (let y = 0; y < side; y++) {
          const d = hilbertIndex(x, y, bits);
          expect(d >= 0 && d < side * side && at[d] === -1).toBe(true);
          at[d] = x * side + y;
        }
      for (let d = 1; d < side * side; d++) {
        const [a, b] = [at[d - 1]!, at[d]!];
        const step = Math.abs(Math.floor(a / side) - Math.floor(b / side)) + Math.abs((a % side) - (b % side));
        expect(step).toBe(1);
      }
    }
  });

  it('golden values: the 2 × 2 and 4 × 4 curves start at (0, 0) and end at (max, 0)', () => {
    expect(
      [0, 1, 2, 3].map((d) =>
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [1, 0],
        ].findIndex(([x, y]) => hilbertIndex(x!, y!, 1) === d),
      ),
    ).toEqual([0, 1, 2, 3]);
    const curve4: string[] = [];
    for (let d = 0; d < 16; d++)
      for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) if (hilbertIndex(x, y, 2) === d) curve4.push(`${x}${y}`);
    expect(curve4.join(' ')).toBe('00 10 11 01 02 03 13 12 22 23 33 32 31 21 20 30');
  });

  it('16-bit grid: corners, range, and neighbours along random runs of the curve', () => {
    expect(hilbertIndex16(0, 0)).toBe(0);
    expect(hilbertIndex16(65535, 0)).toBe(2 ** 32 - 1);
    // quadrants in curve order: lower left, upper left, upper right, lower right (4^15 positions each)
    expect(
      [
        [0, 65535],
        [65535, 65535],
        [32767, 32767],
        [32768, 0],
      ].map(([x, y]) => Math.floor(hilbertIndex16(x!, y!) / 4 ** 15)),
    ).toEqual([1, 2, 0, 3]);
    const rnd = mulberry32(7);
    const seen = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const x = Math.floor(rnd() * 65536);
      const y = Math.floor(rnd() * 65536);
      const d = hilbertIndex16(x, y);
      expect(d).toBe(hilbertIndex(x, y, 16)); // the table walk equals the bit-by-bit one
      expect(Number.isInteger(d) && d >= 0 && d < 2 ** 32).toBe(true);
      seen.add(d);
      // the four grid neighbours: exactly those at d ± 1 exist among them (interior cells have both)
      const around = [
        [x + 1, y],
        [x - 1, y],
        [x, y + 1],
        [x, y - 1],
      ]
        .filter(([a, b]) => a! >= 0 && b! >= 0 && a! < 65536 && b! < 65536)
        .map(([a, b]) => hilbertIndex16(a!, b!));
      if (d > 0) expect(around).toContain(d - 1);
      if (d < 2 ** 32 - 1) expect(around).toContain(d + 1);
    }
    expect(seen.size).toBe(2000);
  });
});

describe('hilbertOrder', () => {
  it('renames the nodes of random graphs: edges, attributes and shapes follow, shortest times unchanged', () => {
    for (let c = 0; c < 40; c++) {
      const rnd = mulberry32(300 + c);
      const n = 2 + Math.floor(rnd() * 150);
      const g = withShapes(randomGraph(rnd, n, Math.floor(n * (1 + rnd() * 2)), rnd() * 0.6), rnd);
      const h = hilbertOrder(g);
      const order = hilbertNodeOrder(g.lon, g.lat);
      expect([...order].sort((a, b) => a - b)).toEqual([...g.lon.keys()]);
      const newOf = inverse(order);
      expectRenamed(g, h, newOf);
      // in Hilbert order: keys non-decreasing, ties by old id
      const kg = keys(g);
      for (let i = 1; i < n; i++) {
        const [a, b] = [order[i - 1]!, order[i]!];
        expect(kg[a]! < kg[b]! || (kg[a] === kg[b] && a < b)).toBe(true);
      }
      const wg = edgeMinutes32(g, DEFAULT_ROAD_SPEEDS);
      const wh = edgeMinutes32(h, DEFAULT_ROAD_SPEEDS);
      for (let t = 0; t < 3; t++) {
        const src = Math.floor(rnd() * n);
        const dg = dijkstra(g, wg, src, 0);
        const dh = dijkstra(h, wh, newOf[src]!, 0);
        expect(Array.from(dg.keys(), (v) => dh[newOf[v]!])).toEqual([...dg]);
      }
      expect(hilbertOrder(h)).toEqual(h); // already in order: the identity
    }
  });

  it('does not modify its input; empty and one-point graphs', () => {
    const rnd = mulberry32(9);
    const g = withShapes(randomGraph(rnd, 60, 120), rnd);
    const copy = structuredClone(g);
    hilbertOrder(g);
    expect(g).toEqual(copy);
    const empty = { ...g, nodeCount: 0, edgeCount: 0, lon: new Float64Array(0), lat: new Float64Array(0) };
    const e = hilbertOrder({
      ...empty,
      first: new Uint32Array(1),
      target: new Uint32Array(0),
      lengthM: new Float32Array(0),
      cls: new Uint8Array(0),
      maxspeed: new Uint8Array(0),
      flags: new Uint8Array(0),
      shapeStart: new Uint32Array(1),
      shapeLon: new Float64Array(0),
      shapeLat: new Float64Array(0),
    });
    expect([e.nodeCount, e.edgeCount, [...e.first]]).toEqual([0, 0, [0]]);
    // all nodes on one point: the order is the old one
    const same = { ...g, lon: new Float64Array(60).fill(30), lat: new Float64Array(60).fill(50) };
    expect([...hilbertNodeOrder(same.lon, same.lat)]).toEqual([...same.lon.keys()]);
    expect(hilbertOrder(same)).toEqual(same);
  });

  it('refuses a CSR whose offsets do not span edgeCount', () => {
    const g = randomGraph(mulberry32(2), 10, 20);
    expect(() => hilbertOrder({ ...g, edgeCount: g.edgeCount + 1 })).toThrow(/CSR lists \d+ edges, expected edgeCount/);
  });
});

describe('synthetic graph in Hilbert order', () => {
  const opts = {
    seed: 6,
    nx: 90,
    ny: 70,
    bbox: [30, 49, 31.2, 49.8] as [number, number, number, number],
    highwayEvery: 12,
  };
  const grid = syntheticRoads({ ...opts, hilbert: false });
  const hil = syntheticRoads(opts);
  // map grid ids to Hilbert ids by coordinate (every node has its own)
  const byCoord = new Map<string, number>();
  for (let i = 0; i < hil.nodeCount; i++) byCoord.set(`${hil.lon[i]},${hil.lat[i]}`, i);
  const newOf = Uint32Array.from(grid.lon, (lon, v) => byCoord.get(`${lon},${grid.lat[v]}`) ?? -1);

  it('is the row-major graph renamed (every node found by coordinate), edges and attributes following', () => {
    expect(byCoord.size).toBe(grid.nodeCount);
    expectRenamed(grid, hil, newOf);
    expect(newOf.some((i, v) => i !== v)).toBe(true);
  });

  it('gives the same bounded-search minutes and the same top-2 labels', () => {
    const wg = edgeMinutes32(grid, DEFAULT_ROAD_SPEEDS);
    const wh = edgeMinutes32(hil, DEFAULT_ROAD_SPEEDS);
    const rnd = mulberry32(11);
    const bg = new BoundedSearch(grid.nodeCount);
    const bh = new BoundedSearch(hil.nodeCount);
    for (let t = 0; t < 5; t++) {
      const src = Math.floor(rnd() * grid.nodeCount);
      const a = new Map<number, number>();
      const b = new Map<number, number>();
      bg.run(grid, wg, src, 0, 40, (v, d) => a.set(newOf[v]!, d));
      bh.run(hil, wh, newOf[src]!, 0, 40, (v, d) => b.set(v, d));
      expect(a.size).toBeGreaterThan(100);
      expect(new Map([...b].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...a].sort((x, y) => x[0] - y[0])));
    }
    const sources: RoadSource[] = Array.from({ length: 25 }, (_, slot) => ({
      slot,
      node: Math.floor(rnd() * grid.nodeCount),
      offset: rnd() * 3,
    }));
    const Lg = new Top2Labels(grid.nodeCount);
    const Lh = new Top2Labels(hil.nodeCount);
    multiSourceTop2(grid, wg, sources, 30, Lg, new Top2Scratch(grid.nodeCount));
    multiSourceTop2(
      hil,
      wh,
      sources.map((s) => ({ ...s, node: newOf[s.node]! })),
      30,
      Lh,
      new Top2Scratch(hil.nodeCount),
    );
    const pick = (L: Top2Labels, v: number) => [L.s1[v], L.d1[v], L.s2[v], L.d2[v]];
    expect(Array.from(newOf, (i) => pick(Lh, i))).toEqual(Array.from(newOf.keys(), (v) => pick(Lg, v)));
    expect(Lg.s1.filter((s) => s >= 0).length).toBeGreaterThan(grid.nodeCount / 4);
  });
});
