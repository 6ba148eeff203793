import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/engine/synthetic';
import { DEFAULT_ROAD_SPEEDS } from '../../src/engine/roads/speeds';
import { BucketScratch, bucketTop2, bucketWidth, edgeMinutesRange } from '../../src/engine/roads/buckets';
import {
  edgeMinutes32,
  multiSourceTop2,
  queueTop2,
  Top2Labels,
  Top2Scratch,
  type RoadSource,
} from '../../src/engine/roads/search';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { oracleTop2, randomGraph } from './roads-helpers';

function sourcesFor(rnd: () => number, n: number, k: number, maxOffset: number, integer: boolean): RoadSource[] {
  const out: RoadSource[] = [];
  for (let s = 0; s < k; s++) {
    const node = rnd() < 0.1 ? -1 : Math.floor(rnd() * n);
    out.push({ slot: s, node, offset: integer ? Math.floor(rnd() * maxOffset) : rnd() * maxOffset });
  }
  return out;
}

/** Labels of the bucket search and of the exact-queue search, both from scratch. */
function both(g: RoadGraph, w: Float32Array, sources: RoadSource[], limit: number) {
  const n = g.nodeCount;
  const B = new Top2Labels(n);
  const nset = new Uint8Array(n);
  const sc = new BucketScratch();
  sc.range(w);
  const width = bucketWidth(sc.minW);
  expect(width).toBeGreaterThan(0);
  const ran = bucketTop2(g, w, sources, limit, B, nset, sc, width);
  const Q = new Top2Labels(n);
  queueTop2(g, w, sources, limit, Q, new Top2Scratch(n));
  return { B, Q, ran };
}

function diff(a: Top2Labels, b: { s1: Int32Array; s2: Int32Array; d1: Float64Array; d2: Float64Array }): string[] {
  const bad: string[] = [];
  for (let v = 0; v < a.n && bad.length < 5; v++)
    if (a.s1[v] !== b.s1[v] || a.s2[v] !== b.s2[v] || a.d1[v] !== b.d1[v] || a.d2[v] !== b.d2[v])
      bad.push(`node ${v}: ${a.s1[v]}/${a.d1[v]} ${a.s2[v]}/${a.d2[v]} vs ${b.s1[v]}/${b.d1[v]} ${b.s2[v]}/${b.d2[v]}`);
  return bad;
}

describe('bucket top-2 search', () => {
  it('equals the exact (minutes, slot) queue bit for bit, and the per-source oracle, on random graphs', () => {
    for (let c = 0; c < 60; c++) {
      const rnd = mulberry32(7000 + c);
      const n = 20 + Math.floor(rnd() * 180);
      const g = randomGraph(rnd, n, Math.floor(n * (1 + rnd() * 2)), rnd() * 0.6);
      const w = edgeMinutes32(g, DEFAULT_ROAD_SPEEDS);
      // offsets up to 40 minutes: more than the longest edge, so the ring wraps round
      const sources = sourcesFor(rnd, n, 1 + Math.floor(rnd() * 12), rnd() < 0.5 ? 5 : 40, false);
      const limit = rnd() < 0.3 ? Infinity : 5 + rnd() * 30;
      const { B, Q, ran } = both(g, w, sources, limit);
      expect(ran).toBe(true);
      expect(diff(B, Q)).toEqual([]);
      expect(diff(B, oracleTop2(g, w, sources, limit))).toEqual([]);
    }
  });

  it('breaks exact ties by the lower slot (integer minutes ≥ 1, many equal paths, sources sharing nodes)', () => {
    for (let c = 0; c < 40; c++) {
      const rnd = mulberry32(8000 + c);
      const n = 20 + Math.floor(rnd() * 100);
      const g = randomGraph(rnd, n, n * 2, 0.3, true);
      const w = Float32Array.from({ length: g.edgeCount }, () => 1 + Math.floor(rnd() * 3));
      const sources = sourcesFor(rnd, n, 2 + Math.floor(rnd() * 10), 4, true).reverse();
      const limit = rnd() < 0.2 ? Infinity : 3 + Math.floor(rnd() * 12);
      const { B, Q } = both(g, w, sources, limit);
      expect(diff(B, Q)).toEqual([]);
      expect(diff(B, oracleTop2(g, w, sources, limit))).toEqual([]);
    }
  });

  it('is not used when an edge takes no time (the exact queue runs instead, same labels as the oracle)', () => {
    const rnd = mulberry32(9001);
    const n = 60;
    const g = randomGraph(rnd, n, 150, 0.3, true);
    const w = Float32Array.from({ length: g.edgeCount }, (_, e) => (e % 7 === 0 ? 0 : 1 + Math.floor(rnd() * 3)));
    expect(edgeMinutesRange(w).min).toBe(0);
    expect(bucketWidth(0)).toBe(0);
    expect(bucketWidth(0.01 / 60)).toBe(0); // shorter than 0.05 s
    const sources = sourcesFor(rnd, n, 8, 4, true);
    const L = new Top2Labels(n);
    multiSourceTop2(g, w, sources, 10, L, new Top2Scratch(n));
    expect(diff(L, oracleTop2(g, w, sources, 10))).toEqual([]);
  });

  it('reuses its scratch across searches and weight arrays (a second search equals a fresh one)', () => {
    const rnd = mulberry32(9100);
    const n = 150;
    const g = randomGraph(rnd, n, 400, 0.2);
    const sc = new Top2Scratch(n);
    const L = new Top2Labels(n);
    for (let r = 0; r < 4; r++) {
      const w = edgeMinutes32(g, DEFAULT_ROAD_SPEEDS).map((x) => x * (1 + r)); // a new array each time
      const sources = sourcesFor(rnd, n, 6, 10, false);
      multiSourceTop2(g, w, sources, 30, L, sc);
      const F = new Top2Labels(n);
      multiSourceTop2(g, w, sources, 30, F, new Top2Scratch(n));
      expect(diff(L, F)).toEqual([]);
      expect(diff(L, oracleTop2(g, w, sources, 30))).toEqual([]);
    }
  });
});

describe('bucket top-2 search, degenerate input', () => {
  it('handles negative offsets, a graph without edges, and no sources', () => {
    const rnd = mulberry32(9200);
    const g = randomGraph(rnd, 80, 200, 0.2);
    const w = edgeMinutes32(g, DEFAULT_ROAD_SPEEDS);
    const sources: RoadSource[] = [
      { slot: 0, node: 3, offset: -30 },
      { slot: 1, node: 40, offset: 2 },
      { slot: 2, node: 41, offset: -1 },
    ];
    for (const limit of [10, Infinity]) {
      const { B, Q } = both(g, w, sources, limit);
      expect(diff(B, Q)).toEqual([]);
    }
    const { B } = both(g, w, [], 10);
    expect(Array.from(B.s1).every((s) => s === -1)).toBe(true);
    const empty = randomGraph(rnd, 5, 0);
    const L = new Top2Labels(5);
    multiSourceTop2(empty, new Float32Array(0), [{ slot: 0, node: 2, offset: 1 }], 10, L, new Top2Scratch(5));
    expect([L.s1[2], L.d1[2], L.s1[0]]).toEqual([0, 1, -1]);
  });
});
