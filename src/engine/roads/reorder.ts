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

/*
 * hilbertIndex16 walks the same curve 4 levels at a time from a table. Between levels the walk's state is how the
 * current quadrant is turned: bit 0 = x and y swapped, bit 1 = both mirrored. For a state and 4 bits each of x and y,
 * NIB_DIGITS[state << 8 | xBits << 4 | yBits] holds the 8 bits of position those levels add, NIB_NEXT the state after.
 */
const NIB_DIGITS = new Uint8Array(1024);
const NIB_NEXT = new Uint8Array(1024);
for (let k = 0; k < 1024; k++) {
  let swap = (k >> 8) & 1;
  let flip = k >> 9;
  let d = 0;
  for (let i = 3; i >= 0; i--) {
    const bx = (k >> (4 + i)) & 1;
    const by = (k >> i) & 1;
    const rx = (swap ? by : bx) ^ flip;
    const ry = (swap ? bx : by) ^ flip;
    d = d * 4 + ((3 * rx) ^ ry);
    if (ry === 0) {
      flip ^= rx;
      swap ^= 1;
    }
  }
  NIB_DIGITS[k] = d;
  NIB_NEXT[k] = swap | (flip << 1);
}

/**
 * Hilbert position of (x, y) on the 65,536 × 65,536 grid that {@link hilbertOrder} lays a graph's bounding box on:
 * x, y integers in 0 … 65,535; the result is in 0 … 2^32 − 1. Equals `hilbertIndex(x, y, 16)`, 4 levels per step.
 */
export function hilbertIndex16(x: number, y: number): number {
  let d = 0;
  let state = 0;
  for (let shift = 12; shift >= 0; shift -= 4) {
    const k = (state << 8) | (((x >>> shift) & 15) << 4) | ((y >>> shift) & 15);
    d = d * 256 + NIB_DIGITS[k]!;
    state = NIB_NEXT[k]!;
  }
  return d;
}

const GRID = 65535;

/**
 * Node ids sorted by the Hilbert position of their (lon, lat) over the graph's own bounding box on the 2^16 grid,
 * ties by old id: `order[newId] = oldId`. LSD radix sort of (key, id) pairs on the 32-bit key in two 16-bit passes
 * (stable, so ties keep the old order); O(n), three Uint32Arrays of n, one of them the result.
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
  const low = new Uint32Array(65536);
  const high = new Uint32Array(65536);
  for (let v = 0; v < n; v++) {
    const k = hilbertIndex16(cell((lon[v]! - w) * sx), cell((lat[v]! - s) * sy));
    key[v] = k;
    low[k & 0xffff]!++;
    high[k >>> 16]!++;
  }
  for (let b = 0, sl = 0, sh = 0; b < 65536; b++) {
    const cl = low[b]!;
    const ch = high[b]!;
    low[b] = sl;
    high[b] = sh;
    sl += cl;
    sh += ch;
  }
  // pass 1 by the low 16 bits (ids in increasing order), pass 2 by the high 16 bits
  const key1 = new Uint32Array(n);
  const id1 = new Uint32Array(n);
  for (let v = 0; v < n; v++) {
    const k = key[v]!;
    const p = low[k & 0xffff]!++;
    key1[p] = k;
    id1[p] = v;
  }
  const order = key; // reused: key[] is not read again
  for (let i = 0; i < n; i++) order[high[key1[i]! >>> 16]!++] = id1[i]!;
  return order;
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
  // Shapes: edge e's interior points move with e, in their order (no points: every offset stays 0).
  const shapeStart = new Uint32Array(m + 1);
  const shapeLon = new Float64Array(g.shapeLon.length);
  const shapeLat = new Float64Array(g.shapeLat.length);
  let p = 0;
  for (let e = 0; e < m && g.shapeLon.length > 0; e++) {
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
