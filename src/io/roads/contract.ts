/**
 * Ways → RoadGraph. Each way is cut into segments between consecutive refs (segments touching a missing node or
 * leaving the bbox are skipped and counted); chains of degree-2 nodes are contracted only where both segments at the
 * node have the same class, maxspeed, flags and direction (a oneway chain must flow through the node), so an edge's
 * seconds under any speed table are exactly the sum of its segments' seconds. Interior points stay as shape points.
 */
import type { RoadGraph, RoadGraphMeta } from '../../engine/roads/graph';
import { hilbertNodeOrder } from '../../engine/roads/reorder';
import { growF64, growI32, growU32, growU8 } from './growable';
import type { RoadWays } from './collect';

export type Bbox = readonly [number, number, number, number];

const R = 6371008.8;
const RAD = Math.PI / 180 / 1e7;

/** Great-circle metres between two fixed-point (1e-7°) points. */
export function haversineE7(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * RAD;
  const s = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

export function buildGraph(w: RoadWays, meta: Omit<RoadGraphMeta, 'counts'>, bbox?: Bbox): RoadGraph {
  const counts = w.counts;
  const nWays = w.cls.length;
  const { lonE7, latE7, found, refs, refStart } = w;
  const inBox = new Uint8Array(found.length);
  let referenced = 0;
  const box = bbox ? bbox.map((v) => Math.round(v * 1e7)) : null;
  for (let i = 0; i < found.length; i++)
    referenced += inBox[i] =
      found[i]! &&
      (!box || (lonE7[i]! >= box[0]! && latE7[i]! >= box[1]! && lonE7[i]! <= box[2]! && latE7[i]! <= box[3]!))
        ? 1
        : 0;

  // Segments, oneway ones oriented along the direction of travel; key = the attributes that must agree to contract.
  const segA = growU32(refs.length);
  const segB = growU32(refs.length);
  const segWay = growU32(refs.length);
  const wayKey = new Uint32Array(nWays);
  let missingRefs = 0;
  let waysMissing = 0;
  let outside = 0;
  let waysKept = 0;
  for (let wi = 0; wi < nWays; wi++) {
    const ow = w.oneway[wi]!;
    wayKey[wi] = w.cls[wi]! | (w.maxspeed[wi]! << 8) | (w.flags[wi]! << 16) | ((ow === 0 ? 0 : 1) << 24);
    const s = refStart[wi]!;
    const e = refStart[wi + 1]!;
    let miss = 0;
    for (let k = s; k < e; k++) if (!found[refs[k]!]) miss++;
    missingRefs += miss;
    if (miss > 0) waysMissing++;
    const before = segA.n;
    for (let k = s; k + 1 < e; k++) {
      let a = refs[k]!;
      let b = refs[k + 1]!;
      if (!found[a] || !found[b] || a === b) continue;
      if (!inBox[a] || !inBox[b]) {
        outside++;
        continue;
      }
      if (ow === 255) [a, b] = [b, a];
      segA.push(a);
      segB.push(b);
      segWay.push(wi);
    }
    if (segA.n > before) waysKept++;
  }
  const nSeg = segA.n;
  const A = segA.a;
  const B = segB.a;
  const SW = segWay.a;
  const nNodes = found.length;

  // Undirected incidence lists (CSR) and the largest connected component of the uncontracted network.
  const deg = new Uint32Array(nNodes + 1);
  for (let s = 0; s < nSeg; s++) {
    deg[A[s]!]!++;
    deg[B[s]!]!++;
  }
  const off = new Uint32Array(nNodes + 1);
  for (let v = 0; v < nNodes; v++) off[v + 1] = off[v]! + deg[v]!;
  const fill = off.slice(0, nNodes);
  const inc = new Uint32Array(2 * nSeg);
  for (let s = 0; s < nSeg; s++) {
    inc[fill[A[s]!]!++] = s;
    inc[fill[B[s]!]!++] = s;
  }
  const { used, largest } = components(nNodes, nSeg, A, B, deg);

  // Kept nodes: every node of degree ≠ 2, and degree-2 nodes where the two segments do not chain exactly.
  const newId = new Int32Array(nNodes).fill(-1);
  let kept = 0;
  const keep = (v: number): void => {
    newId[v] = kept++;
  };
  for (let v = 0; v < nNodes; v++) {
    const d = deg[v]!;
    if (d === 0) continue;
    if (d !== 2) {
      keep(v);
      continue;
    }
    const s1 = inc[off[v]!]!;
    const s2 = inc[off[v]! + 1]!;
    const k1 = wayKey[SW[s1]!]!;
    if (k1 !== wayKey[SW[s2]!]!) keep(v);
    else if (k1 >>> 24 && !((B[s1] === v && A[s2] === v) || (B[s2] === v && A[s1] === v))) keep(v);
    // Both segments to the same neighbour (a doubled dead end): keep v rather than fold it into a loop.
    else if (A[s1]! + B[s1]! === A[s2]! + B[s2]!) keep(v);
  }

  // Walk the chains from kept nodes; then pure cycles (no kept node) from one of their nodes.
  const visited = new Uint8Array(nSeg);
  const chain = growU32();
  const eSrc = growU32();
  const eDst = growU32();
  const eChain = growU32();
  const eRev = growU8();
  const eLen = growF64();
  const eKey = growU32();
  const chStart = growU32();
  const shLon = growI32();
  const shLat = growI32();
  function addEdge(a: number, b: number, c: number, rev: number, len: number, key: number): void {
    eSrc.push(a);
    eDst.push(b);
    eChain.push(c);
    eRev.push(rev);
    eLen.push(len);
    eKey.push(key);
  }
  const walk = (u: number, s0: number): void => {
    chain.n = 0;
    chain.push(u);
    let cur = u;
    let s = s0;
    let len = 0;
    for (;;) {
      visited[s] = 1;
      const nxt = A[s] === cur ? B[s]! : A[s]!;
      len += haversineE7(lonE7[cur]!, latE7[cur]!, lonE7[nxt]!, latE7[nxt]!);
      chain.push(nxt);
      if (newId[nxt]! >= 0) break;
      const o = off[nxt]!;
      s = inc[o] === s ? inc[o + 1]! : inc[o]!;
      cur = nxt;
    }
    const key = wayKey[SW[s0]!]!;
    const oneway = key >>> 24;
    const forward = !oneway || A[s0] === u;
    const c = chStart.n;
    chStart.push(shLon.n);
    const m = chain.n;
    for (let i = 1; i < m - 1; i++) {
      const v = chain.a[forward ? i : m - 1 - i]!;
      shLon.push(lonE7[v]!);
      shLat.push(latE7[v]!);
    }
    const from = newId[forward ? u : chain.a[m - 1]!]!;
    const to = newId[forward ? chain.a[m - 1]! : u]!;
    addEdge(from, to, c, 0, len, key);
    if (!oneway) addEdge(to, from, c, 1, len, key);
  };
  for (let v = 0; v < nNodes; v++) {
    if (newId[v]! < 0) continue;
    for (let i = off[v]!; i < off[v + 1]!; i++) if (!visited[inc[i]!]) walk(v, inc[i]!);
  }
  for (let s = 0; s < nSeg; s++) {
    if (visited[s]) continue;
    keep(A[s]!);
    walk(A[s]!, s);
  }
  chStart.push(shLon.n);

  // Nodes renumbered in Hilbert order of (lon, lat), for memory locality in the searches (engine/roads/reorder.ts;
  // the same order hilbertOrder gives, done here on the edge lists so the edge arrays are not copied twice).
  const m = eSrc.n;
  const nodeLon = new Float64Array(kept);
  const nodeLat = new Float64Array(kept);
  for (let v = 0; v < nNodes; v++) {
    const id = newId[v]!;
    if (id < 0) continue;
    nodeLon[id] = lonE7[v]! / 1e7;
    nodeLat[id] = latE7[v]! / 1e7;
  }
  const hil = hilbertNodeOrder(nodeLon, nodeLat);
  const rank = new Uint32Array(kept);
  for (let i = 0; i < kept; i++) rank[hil[i]!] = i;
  const lon0 = nodeLon.slice();
  const lat0 = nodeLat.slice();
  for (let i = 0; i < kept; i++) {
    nodeLon[i] = lon0[hil[i]!]!;
    nodeLat[i] = lat0[hil[i]!]!;
  }
  for (let e = 0; e < m; e++) {
    eSrc.a[e] = rank[eSrc.a[e]!]!;
    eDst.a[e] = rank[eDst.a[e]!]!;
  }

  // CSR by source node.
  const first = new Uint32Array(kept + 1);
  for (let e = 0; e < m; e++) first[eSrc.a[e]! + 1]!++;
  for (let v = 0; v < kept; v++) first[v + 1]! += first[v]!;
  const pos = first.slice(0, kept);
  const order = new Uint32Array(m);
  for (let e = 0; e < m; e++) order[pos[eSrc.a[e]!]!++] = e;
  const target = new Uint32Array(m);
  const lengthM = new Float32Array(m);
  const cls = new Uint8Array(m);
  const maxspeed = new Uint8Array(m);
  const flags = new Uint8Array(m);
  const shapeStart = new Uint32Array(m + 1);
  let nShape = 0;
  for (let i = 0; i < m; i++) {
    const c = eChain.a[order[i]!]!;
    nShape += chStart.a[c + 1]! - chStart.a[c]!;
  }
  const shapeLon = new Float64Array(nShape);
  const shapeLat = new Float64Array(nShape);
  let p = 0;
  for (let i = 0; i < m; i++) {
    const e = order[i]!;
    target[i] = eDst.a[e]!;
    lengthM[i] = eLen.a[e]!;
    const key = eKey.a[e]!;
    cls[i] = key & 0xff;
    maxspeed[i] = (key >>> 8) & 0xff;
    flags[i] = (key >>> 16) & 0xff;
    shapeStart[i] = p;
    const c = eChain.a[e]!;
    const s = chStart.a[c]!;
    const t = chStart.a[c + 1]!;
    if (eRev.a[e]) {
      for (let j = t - 1; j >= s; j--) {
        shapeLon[p] = shLon.a[j]! / 1e7;
        shapeLat[p++] = shLat.a[j]! / 1e7;
      }
    } else {
      for (let j = s; j < t; j++) {
        shapeLon[p] = shLon.a[j]! / 1e7;
        shapeLat[p++] = shLat.a[j]! / 1e7;
      }
    }
  }
  shapeStart[m] = p;

  Object.assign(counts, {
    ways_kept: waysKept,
    ways_with_missing_nodes: waysMissing,
    missing_node_refs: missingRefs,
    segments: nSeg,
    segments_outside_bbox: outside,
    osm_nodes_referenced: referenced,
    osm_nodes: used,
    largest_component_osm_nodes: largest,
    nodes: kept,
    edges: m,
    shape_points: nShape,
  });
  return {
    nodeCount: kept,
    edgeCount: m,
    lon: nodeLon,
    lat: nodeLat,
    first,
    target,
    lengthM,
    cls,
    maxspeed,
    flags,
    shapeStart,
    shapeLon,
    shapeLat,
    meta: { ...meta, counts: { ...counts } },
  };
}

/** Nodes used by segments and the size of the largest connected component (union–find, ignoring direction). */
function components(
  n: number,
  nSeg: number,
  A: Uint32Array,
  B: Uint32Array,
  deg: Uint32Array,
): { used: number; largest: number } {
  const parent = new Uint32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!;
      v = parent[v]!;
    }
    return v;
  };
  for (let s = 0; s < nSeg; s++) {
    const a = find(A[s]!);
    const b = find(B[s]!);
    if (a !== b) parent[a] = b;
  }
  const size = new Uint32Array(n);
  let used = 0;
  let largest = 0;
  for (let v = 0; v < n; v++) {
    if (!deg[v]) continue;
    used++;
    const r = find(v);
    if (++size[r]! > largest) largest = size[r]!;
  }
  return { used, largest };
}
