/**
 * The road-graph builder on small synthetic networks (exact expectations) and on the committed Monaco fixture:
 * oneway rules, contraction only where attributes and direction agree (and a brute-force Dijkstra over the
 * uncontracted network giving the same shortest times between every pair of kept nodes), missing nodes counted and
 * skipped, the bbox, GeoJSON lines, and the same graph from the fixture's OSM XML and PBF.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROAD_FLAG_BUILT_UP, ROAD_FLAG_EXPLICIT_SPEED, type RoadGraph } from '../../src/engine/roads/graph';
import { hilbertNodeOrder, hilbertOrder } from '../../src/engine/roads/reorder';
import { DEFAULT_ROAD_SPEEDS, edgeKmh, roadClassIndex } from '../../src/engine/roads/speeds';
import { buildRoadGraph } from '../../src/io/roads';
import { haversineE7 } from '../../src/io/roads/contract';
import { wayAttrs } from '../../src/io/roads/tags';
import type { OsmData, OsmNode } from '../../scripts/roads/osm-write';
import { arraysOf, BUILT_AT, buildOsm, bytesSource, dijkstra, dijkstraAdj, fileSource, nodeAt } from './roads-helpers';

const FIX = 'test/fixtures/roads/monaco-centre';
const d = 0.001;
/** Nodes 1…n on a grid near Kyiv: id → (30 + x·d, 50 + y·d). */
const grid = (pts: Record<number, [number, number]>): OsmNode[] =>
  Object.entries(pts).map(([id, [x, y]]) => ({ id: Number(id), lon: 30 + x * d, lat: 50 + y * d }));
const res = { highway: 'residential' };
const secs = (g: RoadGraph, e: number): number =>
  (3.6 * g.lengthM[e]!) / edgeKmh(g.cls[e]!, g.maxspeed[e]!, g.flags[e]!, DEFAULT_ROAD_SPEEDS);
const at = (g: RoadGraph, x: number, y: number): number => nodeAt(g, 30 + x * d, 50 + y * d);

describe.each(['xml', 'pbf'] as const)('road builder on synthetic %s', (format) => {
  it('oneway: forward, -1, roundabout and motorway implied, oneway=no on a motorway, reversible skipped', async () => {
    const nodes = grid({
      1: [0, 0],
      2: [1, 0],
      3: [0.5, 1],
      4: [3, 0],
      5: [4, 0],
      6: [6, 0],
      7: [7, 0],
      8: [9, 0],
      9: [10, 0],
      10: [12, 0],
      11: [13, 0],
      12: [0.5, 2],
    });
    const data: OsmData = {
      nodes,
      ways: [
        { id: 1, refs: [1, 2], tags: { ...res, oneway: 'yes' } },
        { id: 2, refs: [1, 3, 2], tags: res },
        { id: 3, refs: [4, 5], tags: { ...res, oneway: '-1' } },
        { id: 4, refs: [6, 7], tags: { highway: 'primary', junction: 'roundabout' } },
        { id: 5, refs: [8, 9], tags: { highway: 'motorway' } },
        { id: 6, refs: [10, 11], tags: { highway: 'motorway', oneway: 'no' } },
        { id: 7, refs: [10, 11], tags: { highway: 'tertiary', oneway: 'reversible' } },
        { id: 8, refs: [1, 4], tags: { highway: 'footway' } },
        { id: 9, refs: [3, 12], tags: res },
      ],
    };
    const { graph: g } = await buildOsm(data, format);
    expect(g.meta.counts['ways_drivable']).toBe(8);
    expect(g.meta.counts['ways_reversible_skipped']).toBe(1);
    const has = (a: number, b: number): boolean => {
      for (let e = g.first[a]!; e < g.first[a + 1]!; e++) if (g.target[e] === b) return true;
      return false;
    };
    const [n1, n2, n4, n5, n6, n7, n8, n9, n10, n11] = [
      at(g, 0, 0),
      at(g, 1, 0),
      at(g, 3, 0),
      at(g, 4, 0),
      at(g, 6, 0),
      at(g, 7, 0),
      at(g, 9, 0),
      at(g, 10, 0),
      at(g, 12, 0),
      at(g, 13, 0),
    ];
    expect([has(n1, n2), has(n2, n1)]).toEqual([true, false]);
    expect([has(n4, n5), has(n5, n4)]).toEqual([false, true]);
    expect([has(n6, n7), has(n7, n6)]).toEqual([true, false]);
    expect([has(n8, n9), has(n9, n8)]).toEqual([true, false]);
    expect([has(n10, n11), has(n11, n10)]).toEqual([true, true]);
    // 1 → 2 straight (≈71.5 m at 25 km/h × 0.8 built-up), 2 → 1 around by node 3.
    const t12 = dijkstra(g, n1)[n2]!;
    const t21 = dijkstra(g, n2)[n1]!;
    const direct = haversineE7(30e7, 50e7, 30.001e7, 50e7);
    expect(t12).toBeCloseTo((3.6 * direct) / (25 * 0.8), 3);
    const around = haversineE7(30e7, 50e7, 30.0005e7, 50.001e7) + haversineE7(30.0005e7, 50.001e7, 30.001e7, 50e7);
    expect(t21).toBeCloseTo((3.6 * around) / (25 * 0.8), 3);
  });

  it('contracts degree-2 chains only where class, maxspeed, flags and direction agree; shapes run source → target', async () => {
    const nodes = grid({ 1: [0, 0], 2: [1, 0], 3: [2, 0], 4: [3, 0], 5: [4, 0], 6: [5, 0] });
    const same = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2, 3], tags: res },
          { id: 2, refs: [3, 4, 5, 6], tags: res },
        ],
      },
      format,
    );
    expect([same.graph.nodeCount, same.graph.edgeCount, same.graph.shapeLon.length]).toEqual([2, 2, 8]);
    const g = same.graph;
    const from1 = g.first[at(g, 0, 0)]!;
    expect(
      Array.from(g.shapeLon.subarray(g.shapeStart[from1]!, g.shapeStart[from1 + 1]!)).map((x) =>
        Math.round((x - 30) / d),
      ),
    ).toEqual([1, 2, 3, 4]);
    const from6 = g.first[at(g, 5, 0)]!;
    expect(
      Array.from(g.shapeLon.subarray(g.shapeStart[from6]!, g.shapeStart[from6 + 1]!)).map((x) =>
        Math.round((x - 30) / d),
      ),
    ).toEqual([4, 3, 2, 1]);
    expect(g.lengthM[from1]).toBe(g.lengthM[from6]);

    const speed = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2, 3], tags: res },
          { id: 2, refs: [3, 4, 5, 6], tags: { ...res, maxspeed: '20' } },
        ],
      },
      format,
    );
    expect([speed.graph.nodeCount, speed.graph.edgeCount]).toEqual([3, 4]);

    const flow = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2, 3], tags: { ...res, oneway: 'yes' } },
          { id: 2, refs: [3, 4, 5, 6], tags: { ...res, oneway: 'yes' } },
        ],
      },
      format,
    );
    expect([flow.graph.nodeCount, flow.graph.edgeCount]).toEqual([2, 1]);
    const against = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2, 3], tags: { ...res, oneway: 'yes' } },
          { id: 2, refs: [6, 5, 4, 3], tags: { ...res, oneway: 'yes' } },
        ],
      },
      format,
    );
    expect([against.graph.nodeCount, against.graph.edgeCount]).toEqual([3, 2]);
    const mixed = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2, 3], tags: { ...res, oneway: 'yes' } },
          { id: 2, refs: [3, 4, 5, 6], tags: res },
        ],
      },
      format,
    );
    expect(mixed.graph.nodeCount).toBe(3);
    // Two ways over the same two nodes keep both nodes (no loop).
    const twice = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2], tags: res },
          { id: 2, refs: [2, 1], tags: res },
        ],
      },
      format,
    );
    expect([twice.graph.nodeCount, twice.graph.edgeCount]).toEqual([2, 4]);
    // A ring on its own keeps one node and becomes a loop each way.
    const ring = await buildOsm({ nodes, ways: [{ id: 1, refs: [1, 2, 3, 1], tags: res }] }, format);
    expect([ring.graph.nodeCount, ring.graph.edgeCount]).toEqual([1, 2]);
  });

  it('ways referring to missing nodes are counted and only their affected segments skipped', async () => {
    const nodes = grid({ 1: [0, 0], 2: [1, 0], 3: [2, 0], 4: [3, 0] });
    const { graph: g } = await buildOsm(
      {
        nodes,
        ways: [
          { id: 1, refs: [1, 2, 99, 3, 4], tags: res },
          { id: 2, refs: [98, 97], tags: res },
        ],
      },
      format,
    );
    expect(g.meta.counts['missing_node_refs']).toBe(3);
    expect(g.meta.counts['ways_with_missing_nodes']).toBe(2);
    expect(g.meta.counts['segments']).toBe(2);
    expect([g.nodeCount, g.edgeCount]).toEqual([4, 4]);
    expect(dijkstra(g, at(g, 0, 0))[at(g, 3, 0)]).toBe(Infinity);
  });

  it('--bbox keeps the segments with both ends inside', async () => {
    const nodes = grid({ 1: [0, 0], 2: [1, 0], 3: [2, 0], 4: [3, 0] });
    const data = { nodes, ways: [{ id: 1, refs: [1, 2, 3, 4], tags: res }] };
    const { graph: g } = await buildOsm(data, format, { bbox: [29.9995, 49.999, 30.0025, 50.001] });
    expect(g.meta.counts['segments']).toBe(2);
    expect(g.meta.counts['segments_outside_bbox']).toBe(1);
    expect([g.nodeCount, g.edgeCount]).toEqual([2, 2]);
    await expect(buildOsm(data, format, { bbox: [31, 50, 30, 51] })).rejects.toThrow(/W < E/);
    await expect(buildOsm(data, format, { bbox: [40, 40, 41, 41] })).rejects.toThrow(
      /no drivable roads inside the bbox/,
    );
  });
});

describe('GeoJSON road lines', () => {
  it('joins lines at equal vertices, reads highway, oneway, maxspeed and an explicit speed_kmh', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { highway: 'primary', maxspeed: '50' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [30, 50],
              [30.01, 50],
              [30.02, 50],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { speed_kmh: 100, oneway: 'yes' },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [30.02, 50],
                [30.03, 50],
              ],
              [
                [30.03, 50],
                [30.03, 50.01],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { highway: 'footway' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [30, 50],
              [30, 50.01],
            ],
          },
        },
        { type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'Point', coordinates: [30, 50] } },
      ],
    };
    const { graph: g, format } = await buildRoadGraph(
      bytesSource(new TextEncoder().encode(JSON.stringify(fc)), 'roads.geojson', 50),
      { builtAt: BUILT_AT },
    );
    expect(format).toBe('geojson');
    expect(g.meta.counts['features_skipped']).toBe(2);
    expect(g.meta.counts['ways_drivable']).toBe(3);
    const a = nodeAt(g, 30, 50);
    const b = nodeAt(g, 30.02, 50);
    const c = nodeAt(g, 30.03, 50.01);
    expect([a, b, c].every((v) => v >= 0)).toBe(true);
    const e = g.first[b]!;
    const fast = [...Array(g.first[b + 1]! - e).keys()].map((i) => e + i).find((x) => g.target[x] !== a)!;
    expect(g.flags[fast]! & ROAD_FLAG_EXPLICIT_SPEED).toBeTruthy();
    expect(g.maxspeed[fast]).toBe(100);
    expect(g.cls[fast]).toBe(roadClassIndex('road'));
    expect(edgeKmh(g.cls[fast]!, g.maxspeed[fast]!, g.flags[fast]!, DEFAULT_ROAD_SPEEDS)).toBe(100);
    expect(dijkstra(g, a)[c]).toBeLessThan(Infinity);
    expect(dijkstra(g, c)[a]).toBe(Infinity);
  });
});

/** The fixture's ways and nodes read straight from the XML text (an oracle independent of the readers). */
function parseFixtureXml(xml: string): {
  nodes: Map<number, [number, number]>;
  ways: { refs: number[]; tags: Record<string, string> }[];
} {
  const nodes = new Map<number, [number, number]>();
  for (const m of xml.matchAll(/<node id="(\d+)" lat="([-\d.]+)" lon="([-\d.]+)"/g))
    nodes.set(Number(m[1]), [Number(m[3]), Number(m[2])]);
  const ways = [...xml.matchAll(/<way id="\d+">([\s\S]*?)<\/way>/g)].map((m) => ({
    refs: [...m[1]!.matchAll(/<nd ref="(\d+)"/g)].map((r) => Number(r[1])),
    tags: Object.fromEntries([...m[1]!.matchAll(/<tag k="([^"]*)" v="([^"]*)"/g)].map((t) => [t[1]!, t[2]!])),
  }));
  return { nodes, ways };
}

describe('the Monaco-centre fixture', () => {
  it('OSM XML and PBF give the same graph; counts match the file', async () => {
    const x = await buildRoadGraph(fileSource(`${FIX}.osm`, 8191), { builtAt: BUILT_AT });
    const p = await buildRoadGraph(fileSource(`${FIX}.osm.pbf`, 1000), { builtAt: BUILT_AT });
    expect(arraysOf(p.graph)).toEqual(arraysOf(x.graph));
    expect(p.graph.meta.counts).toEqual(x.graph.meta.counts);
    expect(p.header?.timestamp).toBe('2016-03-05T00:26:02Z');
    const { nodes, ways } = parseFixtureXml(readFileSync(`${FIX}.osm`, 'utf8'));
    const c = x.graph.meta.counts;
    expect(c['ways_drivable']).toBe(ways.length);
    expect(c['osm_nodes_referenced']).toBe(nodes.size);
    expect(c['missing_node_refs']).toBe(0);
    expect([x.graph.nodeCount, x.graph.edgeCount]).toEqual([340, 598]);
    expect(x.graph.lengthM.every((m) => m > 0)).toBe(true);
    expect(c['nodes']).toBeLessThan(nodes.size / 5);
  });

  it('nodes are stored in Hilbert order of (lon, lat): re-ordering the built graph changes nothing', async () => {
    const { graph: g } = await buildRoadGraph(fileSource(`${FIX}.osm`), { builtAt: BUILT_AT });
    expect(arraysOf(hilbertOrder(g))).toEqual(arraysOf(g));
    expect([...hilbertNodeOrder(g.lon, g.lat)]).toEqual([...g.lon.keys()]);
  });

  it('contraction keeps every shortest time: Dijkstra on the uncontracted network between all kept nodes', async () => {
    const { graph: g } = await buildRoadGraph(fileSource(`${FIX}.osm`), { builtAt: BUILT_AT });
    const { nodes, ways } = parseFixtureXml(readFileSync(`${FIX}.osm`, 'utf8'));
    const ids = [...nodes.keys()];
    const idx = new Map(ids.map((id, i) => [id, i]));
    const adj: [number, number][][] = ids.map(() => []);
    for (const w of ways) {
      const a = wayAttrs(w.tags)!;
      for (let k = 0; k + 1 < w.refs.length; k++) {
        const [u, v] = [idx.get(w.refs[k]!)!, idx.get(w.refs[k + 1]!)!];
        if (u === v) continue;
        const [pu, pv] = [nodes.get(w.refs[k]!)!, nodes.get(w.refs[k + 1]!)!];
        const m = haversineE7(
          Math.round(pu[0] * 1e7),
          Math.round(pu[1] * 1e7),
          Math.round(pv[0] * 1e7),
          Math.round(pv[1] * 1e7),
        );
        const s = (3.6 * m) / edgeKmh(a.cls, a.maxspeed, a.flags, DEFAULT_ROAD_SPEEDS);
        if (a.oneway !== -1) adj[u]!.push([v, s]);
        if (a.oneway !== 1) adj[v]!.push([u, s]);
      }
    }
    const byCoord = new Map<string, number[]>();
    ids.forEach((id, i) => {
      const [lon, lat] = nodes.get(id)!;
      const k = `${Math.round(lon * 1e7)},${Math.round(lat * 1e7)}`;
      byCoord.set(k, [...(byCoord.get(k) ?? []), i]);
    });
    const osmOf = Array.from(
      { length: g.nodeCount },
      (_, v) => byCoord.get(`${Math.round(g.lon[v]! * 1e7)},${Math.round(g.lat[v]! * 1e7)}`) ?? [],
    );
    expect(osmOf.every((l) => l.length === 1)).toBe(true);
    let pairs = 0;
    const wrong: string[] = [];
    for (let s = 0; s < g.nodeCount; s++) {
      const fast = dijkstra(g, s);
      const slow = dijkstraAdj(ids.length, osmOf[s]![0]!, (v, f) => {
        for (const [t, w] of adj[v]!) f(t, w);
      });
      for (let t = 0; t < g.nodeCount; t++) {
        const o = slow[osmOf[t]![0]!]!;
        const ok = o === Infinity ? fast[t] === Infinity : Math.abs(fast[t]! - o) <= 1e-5 * Math.max(1, o);
        if (!ok) wrong.push(`${s}→${t}: ${fast[t]} s, oracle ${o} s`);
        pairs++;
      }
    }
    expect(pairs).toBe(340 * 340);
    expect(wrong.slice(0, 5)).toEqual([]);
    // Some edges are built-up (residential), some are not.
    expect(
      g.flags.some((f) => (f & ROAD_FLAG_BUILT_UP) !== 0) && g.flags.some((f) => (f & ROAD_FLAG_BUILT_UP) === 0),
    ).toBe(true);
    expect(Array.from({ length: g.edgeCount }, (_, e) => secs(g, e)).every((x) => x > 0)).toBe(true);
  });
});
