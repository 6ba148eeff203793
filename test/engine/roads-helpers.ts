import type { RoadGraph } from '../../src/engine/roads/graph';
import type { RoadCsr, RoadSource } from '../../src/engine/roads/search';

/** A directed edge for {@link graphFrom}: from, to, length m, class index, maxspeed, flags. */
export type EdgeSpec = [from: number, to: number, lengthM: number, cls?: number, maxspeed?: number, flags?: number];

/** Builds a RoadGraph (CSR, edges of a node in the order given) from nodes and directed edges. */
export function graphFrom(lon: readonly number[], lat: readonly number[], edges: readonly EdgeSpec[]): RoadGraph {
  const n = lon.length;
  const order = edges.map((_, k) => k).sort((a, b) => edges[a]![0] - edges[b]![0] || a - b);
  const first = new Uint32Array(n + 1);
  for (const e of edges) first[e[0] + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const m = edges.length;
  const target = new Uint32Array(m);
  const lengthM = new Float32Array(m);
  const cls = new Uint8Array(m);
  const maxspeed = new Uint8Array(m);
  const flags = new Uint8Array(m);
  order.forEach((k, e) => {
    const [, to, len, c = 11, ms = 0, fl = 0] = edges[k]!;
    target[e] = to;
    lengthM[e] = len;
    cls[e] = c;
    maxspeed[e] = ms;
    flags[e] = fl;
  });
  return {
    nodeCount: n,
    edgeCount: m,
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    first,
    target,
    lengthM,
    cls,
    maxspeed,
    flags,
    shapeStart: new Uint32Array(m + 1),
    shapeLon: new Float64Array(0),
    shapeLat: new Float64Array(0),
    meta: { source: 'test', osmTimestamp: '', builtAt: '', licence: 'test', counts: {} },
  };
}

/** Plain O(V²) Dijkstra from one node with a start value: minutes to every node (Infinity if unreachable). */
export function dijkstra(g: RoadCsr, w: Float32Array, node: number, offset: number): Float64Array {
  const n = g.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  dist[node] = offset;
  for (;;) {
    let v = -1;
    for (let x = 0; x < n; x++) if (!done[x] && dist[x]! < Infinity && (v < 0 || dist[x]! < dist[v]!)) v = x;
    if (v < 0) break;
    done[v] = 1;
    for (let e = g.first[v]!; e < g.first[v + 1]!; e++) {
      const nd = dist[v]! + w[e]!;
      if (nd < dist[g.target[e]!]!) dist[g.target[e]!] = nd;
    }
  }
  return dist;
}

/** Oracle: per node the two best distinct sources in (minutes, slot) order within the limit, by per-source Dijkstra. */
export function oracleTop2(g: RoadCsr, w: Float32Array, sources: readonly RoadSource[], limit: number) {
  const n = g.nodeCount;
  const per = sources.map((s) => (s.node >= 0 ? dijkstra(g, w, s.node, s.offset) : new Float64Array(n).fill(Infinity)));
  const s1 = new Int32Array(n).fill(-1);
  const s2 = new Int32Array(n).fill(-1);
  const d1 = new Float64Array(n).fill(Infinity);
  const d2 = new Float64Array(n).fill(Infinity);
  for (let v = 0; v < n; v++) {
    // a slot seeded twice counts once, at its best
    const best = new Map<number, number>();
    sources.forEach((s, k) => {
      const d = per[k]![v]!;
      if (d <= limit && d < (best.get(s.slot) ?? Infinity)) best.set(s.slot, d);
    });
    const c = [...best].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    if (c[0]) [s1[v], d1[v]] = c[0];
    if (c[1]) [s2[v], d2[v]] = c[1];
  }
  return { s1, s2, d1, d2 };
}

/** A random directed graph: n nodes in a box, m random links (two-way unless oneway), lengths ~ distance. */
export function randomGraph(rnd: () => number, n: number, m: number, onewayShare = 0.3, integer = false): RoadGraph {
  const lon: number[] = [];
  const lat: number[] = [];
  for (let v = 0; v < n; v++) {
    lon.push(30 + rnd() * 0.5);
    lat.push(50 + rnd() * 0.3);
  }
  const edges: EdgeSpec[] = [];
  for (let k = 0; k < m; k++) {
    const a = Math.floor(rnd() * n);
    // mostly local links so paths are long, some random ones
    const b = rnd() < 0.8 ? Math.min(n - 1, Math.max(0, a + Math.floor(rnd() * 9) - 4)) : Math.floor(rnd() * n);
    if (a === b) continue;
    const len = integer ? 250 * (1 + Math.floor(rnd() * 8)) : 100 + rnd() * 3000;
    const cls = Math.floor(rnd() * 16);
    edges.push([a, b, len, integer ? 11 : cls]);
    if (rnd() >= onewayShare) edges.push([b, a, len, integer ? 11 : cls]);
  }
  return graphFrom(lon, lat, edges);
}
