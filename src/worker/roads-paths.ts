/**
 * A road graph as drawable paths (RoadPaths): every edge with its shape points, a two-way road drawn once. Built in
 * the coverage worker once per graph and transferred, so the page never holds the graph itself.
 */
import type { RoadGraph } from '../engine/roads/graph';
import type { RoadPaths } from './roads-protocol';

/**
 * Index of the edge v→u that is the reverse of edge e (u→v) with the same length and shape point count, −1 if none.
 * Scans v's out-edges (a handful on a road graph).
 */
function reverseEdge(g: RoadGraph, u: number, e: number): number {
  const v = g.target[e]!;
  const n = g.shapeStart[e + 1]! - g.shapeStart[e]!;
  for (let f = g.first[v]!; f < g.first[v + 1]!; f++) {
    if (g.target[f] !== u || f === e) continue;
    if (g.shapeStart[f + 1]! - g.shapeStart[f]! !== n) continue;
    if (Math.abs(g.lengthM[f]! - g.lengthM[e]!) > 0.5) continue;
    return f;
  }
  return -1;
}

/**
 * Most paths the page draws: past it the minor classes are left out (a national graph has millions of edges; the
 * main thread colours and uploads every vertex drawn, so the layer stays within a frame budget).
 */
export const ROADS_MAX_PATHS = 100_000;

/**
 * The graph's edges as open paths: source node, shape points, target node. An edge whose reverse exists (a two-way
 * road) is drawn from its lower node only. Past `maxPaths` only the most important classes are kept (whole classes,
 * in ROAD_CLASSES order) and the rest counted in `omittedPaths`. Vertices carry their two end nodes and the fraction of the edge's length
 * at which they lie, so per-node minutes colour them (roadVertexMinutes).
 * @example const p = roadPaths(graph); p.startIndices[p.pathCount] === p.positions.length / 2
 */
export function roadPaths(g: RoadGraph, maxPaths = ROADS_MAX_PATHS): RoadPaths {
  const keep = new Uint8Array(g.edgeCount);
  // paths per class (ROAD_CLASSES order runs from the most important class down)
  const perClass = new Float64Array(256);
  for (let u = 0; u < g.nodeCount; u++) {
    for (let e = g.first[u]!; e < g.first[u + 1]!; e++) {
      const v = g.target[e]!;
      if (v === u && g.shapeStart[e + 1] === g.shapeStart[e]) continue; // a loop with no shape draws nothing
      if (u > v && reverseEdge(g, u, e) >= 0) continue; // drawn from v
      keep[e] = 1;
      perClass[g.cls[e]!]!++;
    }
  }
  // the most important classes whose paths fit in maxPaths (at least the first class)
  let lastClass = 0;
  let total = perClass[0]!;
  while (lastClass < 255 && total + perClass[lastClass + 1]! <= maxPaths) total += perClass[++lastClass]!;
  let pathCount = 0;
  let vertexCount = 0;
  let omittedPaths = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    if (!keep[e]) continue;
    if (g.cls[e]! > lastClass) {
      keep[e] = 0;
      omittedPaths++;
      continue;
    }
    pathCount++;
    vertexCount += 2 + g.shapeStart[e + 1]! - g.shapeStart[e]!;
  }
  const startIndices = new Uint32Array(pathCount + 1);
  const positions = new Float32Array(vertexCount * 2);
  const vertexA = new Uint32Array(vertexCount);
  const vertexB = new Uint32Array(vertexCount);
  const vertexT = new Float32Array(vertexCount);
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let u = 0; u < g.nodeCount; u++) {
    const x = g.lon[u]!;
    const y = g.lat[u]!;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  let p = 0;
  let k = 0;
  for (let u = 0; u < g.nodeCount; u++) {
    for (let e = g.first[u]!; e < g.first[u + 1]!; e++) {
      if (!keep[e]) continue;
      const v = g.target[e]!;
      startIndices[p++] = k;
      const s0 = g.shapeStart[e]!;
      const s1 = g.shapeStart[e + 1]!;
      // cumulative planar length (lon scaled by cos lat) for the fraction along the edge
      const cos = Math.cos((g.lat[u]! * Math.PI) / 180);
      const first = k;
      let px = g.lon[u]!;
      let py = g.lat[u]!;
      let run = 0;
      const put = (x: number, y: number) => {
        run += Math.hypot((x - px) * cos, y - py);
        px = x;
        py = y;
        positions[2 * k] = x;
        positions[2 * k + 1] = y;
        vertexA[k] = u;
        vertexB[k] = v;
        vertexT[k] = run;
        k++;
      };
      put(g.lon[u]!, g.lat[u]!);
      for (let s = s0; s < s1; s++) put(g.shapeLon[s]!, g.shapeLat[s]!);
      put(g.lon[v]!, g.lat[v]!);
      const total = run;
      for (let j = first; j < k; j++) vertexT[j] = total > 0 ? vertexT[j]! / total : 0;
    }
  }
  startIndices[pathCount] = k;
  const bbox: [number, number, number, number] = g.nodeCount > 0 ? [west, south, east, north] : [0, 0, 0, 0];
  return { pathCount, startIndices, positions, vertexA, vertexB, vertexT, bbox, omittedPaths };
}

/**
 * Minutes per vertex of `paths` from per-node minutes: linear between the edge's end nodes; where one end is not
 * reached (Infinity) the other end's minutes; Infinity where neither is.
 */
export function roadVertexMinutes(paths: Pick<RoadPaths, 'vertexA' | 'vertexB' | 'vertexT'>, nodeMinutes: Float32Array, out = new Float32Array(paths.vertexA.length)): Float32Array {
  const { vertexA, vertexB, vertexT } = paths;
  for (let k = 0; k < vertexA.length; k++) {
    const a = nodeMinutes[vertexA[k]!]!;
    const b = nodeMinutes[vertexB[k]!]!;
    const t = vertexT[k]!;
    out[k] = a === Infinity ? b : b === Infinity ? a : a + (b - a) * t;
  }
  return out;
}
