/**
 * Node renumbering for memory locality. The searches (./buckets, ./bounded) read and write label arrays indexed by
 * node id in wavefronts around the facilities; when nodes that are close on the ground are close in memory, a
 * wavefront touches few cache lines and pages. `hilbertOrder` renumbers a graph's nodes along a Hilbert curve of
 * their (lon, lat): the builder (src/io/roads/contract.ts) and the synthetic bench graph (./synthetic-roads) store
 * every graph that way. The order is a layout choice only: nothing may rely on it.
 */
import type { RoadGraph } from './graph';

/**
 * Position of the cell (x, y) along the Hilbert curve that fills a 2^bits × 2^bits grid (the classic
 * rotate-and-flip walk from the most significant bit down). Consecutive positions are edge-adjacent cells, and
 * the map is a bijection from the grid onto 0 … 4^bits − 1.
 * @param x column, an integer in 0 … 2^bits − 1
 * @param y row, an integer in 0 … 2^bits − 1
 * @param bits grid order, 1 … 16 (the result stays below 2^32, exact in a double)
 * @example hilbertIndex(0, 0, 1) === 0; hilbertIndex(0, 1, 1) === 1; hilbertIndex(1, 1, 1) === 2; hilbertIndex(1, 0, 1) === 3
 */
export function hilbertIndex(x: number, y: number, bits: number): number {
  let d = 0;
  for (let s = 1 << (bits - 1); s > 0; s >>>= 1) {
    const rx = x & s ? 1 : 0;
    const ry = y & s ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      // turn the quadrant so its sub-curve enters and leaves where the parent curve does (only bits below s are
      // read from here on: flipping them mirrors the quadrant)
      if (rx === 1) {
        x ^= s - 1;
        y ^= s - 1;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/**
 * Hilbert position of (x, y) on the 65,536 × 65,536 grid that {@link hilbertOrder} lays a graph's bounding box on:
 * x, y integers in 0 … 65,535; the result is in 0 … 2^32 − 1.
 */
export function hilbertIndex16(x: number, y: number): number {
  return hilbertIndex(x, y, 16);
}

const GRID = 65535;

/**
 * Node ids sorted by the Hilbert position of their (lon, lat) over the graph's own bounding box on the 2^16 grid,
 * ties by old id: `order[newId] = oldId`. LSD radix sort on the 32-bit key in two 16-bit passes (stable, so ties
 * keep the old order); O(n), three Uint32Arrays of n.
 */
export function hilbertNodeOrder(lon: Float64Array, lat: Float64Array): Uint32Array {
  const n = lon.length;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let north = -Infinity;
  for (let v = 0; v < n; v++) {
    const x = lon[v]!;
    const y = lat[v]!;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > north) north = y;
  }
  const sx = e > w ? GRID / (e - w) : 0;
  const sy = north > s ? GRID / (north - s) : 0;
  const cell = (t: number): number => (t > GRID ? GRID : t < 0 ? 0 : Math.floor(t));
  const key = new Uint32Array(n);
  for (let v = 0; v < n; v++) key[v] = hilbertIndex16(cell((lon[v]! - w) * sx), cell((lat[v]! - s) * sy));
  let src = new Uint32Array(n);
  let dst = new Uint32Array(n);
  for (let v = 0; v < n; v++) src[v] = v;
  const count = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((key[src[i]!]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 0; b < 65536; b++) count[b + 1]! += count[b]!;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[count[(key[v]! >>> shift) & 0xffff]!++] = v;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** `out[k] = a[perm[k]]` for each k (a new array of a's type). */
function gather<T extends Uint8Array | Uint32Array | Float32Array | Float64Array>(a: T, perm: Uint32Array): T {
  const out = new (a.constructor as new (n: number) => T)(perm.length);
  for (let k = 0; k < perm.length; k++) out[k] = a[perm[k]!]!;
  return out;
}

/**
 * The same graph with its nodes renumbered in Hilbert order of (lon, lat) ({@link hilbertNodeOrder}): CSR rebuilt,
 * each node's out-edges in their old relative order with targets remapped, every edge array (lengthM, cls,
 * maxspeed, flags) and the edge shapes permuted with their edges, meta kept. Shortest times between corresponding
 * nodes are unchanged. O(n + m) time after the O(n) sort; besides the result it holds the node order, its inverse
 * and one edge permutation (Uint32Array of m). `g` is not modified.
 */
export function hilbertOrder(g: RoadGraph): RoadGraph {
  const n = g.nodeCount;
  const m = g.edgeCount;
  const order = hilbertNodeOrder(g.lon, g.lat);
  const newOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) newOf[order[i]!] = i;
  const first = new Uint32Array(n + 1);
  const edgeOld = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const o = order[i]!;
    for (let e = g.first[o]!; e < g.first[o + 1]!; e++) edgeOld[k++] = e;
    first[i + 1] = k;
  }
  if (k !== m) throw new Error(`hilbertOrder: the CSR lists ${k} edges, expected edgeCount ${m}`);
  const target = new Uint32Array(m);
  for (let e = 0; e < m; e++) target[e] = newOf[g.target[edgeOld[e]!]!]!;
  // Shapes: edge e's interior points move with e, in their order.
  const shapeStart = new Uint32Array(m + 1);
  const shapeLon = new Float64Array(g.shapeLon.length);
  const shapeLat = new Float64Array(g.shapeLat.length);
  let p = 0;
  for (let e = 0; e < m; e++) {
    shapeStart[e] = p;
    const o = edgeOld[e]!;
    for (let j = g.shapeStart[o]!; j < g.shapeStart[o + 1]!; j++, p++) {
      shapeLon[p] = g.shapeLon[j]!;
      shapeLat[p] = g.shapeLat[j]!;
    }
  }
  shapeStart[m] = p;
  return {
    nodeCount: n,
    edgeCount: m,
    lon: gather(g.lon, order),
    lat: gather(g.lat, order),
    first,
    target,
    lengthM: gather(g.lengthM, edgeOld),
    cls: gather(g.cls, edgeOld),
    maxspeed: gather(g.maxspeed, edgeOld),
    flags: gather(g.flags, edgeOld),
    shapeStart,
    shapeLon,
    shapeLat,
    meta: g.meta,
  };
}
