/**
 * The roads layer's data: a two-way road drawn once, a one-way road kept, shape points in order with their fraction
 * along the edge; per-vertex minutes interpolated from node minutes; colours from the response-time scale, grey
 * where no unit reaches the road.
 */
import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { minutesColor } from '../../src/map/colors';
import { ROADS_UNREACHED, roadsColors, roadsLayer } from '../../src/map/layers/roads';
import { roadPaths, roadVertexMinutes } from '../../src/worker/roads-paths';

/** 0 ⇄ 1 two-way with one shape point, 1 → 2 one-way, 2 ⇄ 3 two-way straight. */
function tinyGraph(): RoadGraph {
  const lon = Float64Array.from([24.0, 24.02, 24.04, 24.06]);
  const lat = Float64Array.from([49.8, 49.8, 49.81, 49.81]);
  // edges by source: 0→1; 1→0, 1→2; 2→3; 3→2
  const first = Uint32Array.from([0, 1, 3, 4, 5]);
  const target = Uint32Array.from([1, 0, 2, 3, 2]);
  const lengthM = Float32Array.from([1500, 1500, 1900, 1440, 1440]);
  const shapeStart = Uint32Array.from([0, 1, 2, 2, 2, 2]);
  return {
    nodeCount: 4,
    edgeCount: 5,
    lon,
    lat,
    first,
    target,
    lengthM,
    cls: new Uint8Array(5),
    maxspeed: new Uint8Array(5),
    flags: new Uint8Array(5),
    shapeStart,
    shapeLon: Float64Array.from([24.01, 24.01]),
    shapeLat: Float64Array.from([49.805, 49.805]),
    meta: { source: 'test', osmTimestamp: '', builtAt: '', licence: '', counts: {} },
  };
}

describe('roadPaths', () => {
  it('draws each two-way road once and keeps one-way roads, with shapes and fractions', () => {
    const p = roadPaths(tinyGraph());
    expect(p.pathCount).toBe(3);
    expect(Array.from(p.startIndices)).toEqual([0, 3, 5, 7]);
    const xy = Array.from(p.positions, (v) => Math.round(v * 1000) / 1000);
    expect(xy.slice(0, 6)).toEqual([24, 49.8, 24.01, 49.805, 24.02, 49.8]);
    expect(Array.from(p.vertexA.slice(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(p.vertexB.slice(0, 3))).toEqual([1, 1, 1]);
    expect(p.vertexT[0]).toBe(0);
    expect(p.vertexT[1]).toBeCloseTo(0.5, 5); // symmetric shape point: halfway
    expect(p.vertexT[2]).toBe(1);
    expect(p.bbox).toEqual([24.0, 49.8, 24.06, 49.81]);
  });

  it('interpolates minutes along an edge and keeps the reached end where the other is not reached', () => {
    const p = roadPaths(tinyGraph());
    const m = roadVertexMinutes(p, Float32Array.from([2, 6, Infinity, Infinity]));
    expect(Array.from(m.slice(0, 3))).toEqual([2, 4, 6]);
    expect(Array.from(m.slice(3, 5))).toEqual([6, 6]);
    expect(Array.from(m.slice(5, 7))).toEqual([Infinity, Infinity]);
  });

  it('colours vertices by the response-time scale, grey beyond the reach cap or unreached', () => {
    const p = roadPaths(tinyGraph());
    const c = roadsColors(p, Float32Array.from([2, 70, Infinity, Infinity]), 20, 60);
    expect(Array.from(c.slice(0, 4))).toEqual(minutesColor(2, 20, 230, 240));
    expect(Array.from(c.slice(8, 12))).toEqual(ROADS_UNREACHED); // 70 min > cap 60
    expect(Array.from(c.slice(24, 28))).toEqual(ROADS_UNREACHED);
  });

  it('builds one binary PathLayer, kept identical for the same colouring', () => {
    const paths = roadPaths(tinyGraph());
    const colors = roadsColors(paths, Float32Array.from([1, 2, 3, 4]), 20, 60);
    const a = roadsLayer({ paths, colors, version: 1 }, true)!;
    const b = roadsLayer({ paths, colors, version: 1 }, false)!;
    expect(a.props.data).toBe(b.props.data);
    expect((a.props.data as { length: number }).length).toBe(3);
    expect(roadsLayer(null, true)).toBeNull();
  });
});

describe('roadPaths on a large graph', () => {
  it('keeps whole classes, most important first, within the path budget, and counts the rest', async () => {
    const { syntheticRoads } = await import('../../src/engine/roads/synthetic-roads');
    const g = syntheticRoads({ seed: 2, nx: 80, ny: 60, highwayEvery: 10 });
    const all = roadPaths(g, Infinity);
    const cut = roadPaths(g, Math.floor(all.pathCount / 3));
    expect(cut.pathCount + cut.omittedPaths).toBe(all.pathCount);
    expect(cut.pathCount).toBeLessThanOrEqual(all.pathCount / 3);
    expect(cut.pathCount).toBeGreaterThan(0);
    // every drawn path is of a class at least as important as every omitted one (class of the edge a→b)
    const classOf = (a: number, b: number) => {
      for (let e = g.first[a]!; e < g.first[a + 1]!; e++) if (g.target[e] === b) return g.cls[e]!;
      return -1;
    };
    const key = (p: typeof all, k: number) => `${p.vertexA[p.startIndices[k]!]}-${p.vertexB[p.startIndices[k]!]}`;
    const drawn = new Set(Array.from({ length: cut.pathCount }, (_, k) => key(cut, k)));
    let drawnMax = -1;
    let omittedMin = 99;
    for (let k = 0; k < all.pathCount; k++) {
      const c = classOf(all.vertexA[all.startIndices[k]!]!, all.vertexB[all.startIndices[k]!]!);
      if (drawn.has(key(all, k))) drawnMax = Math.max(drawnMax, c);
      else omittedMin = Math.min(omittedMin, c);
    }
    expect(drawnMax).toBeLessThan(omittedMin);
    expect(all.omittedPaths).toBe(0);
  });
});
