/**
 * The full multi-source top-2 search on a bucket queue (Dial) as wide as the shortest edge: exact, and the one the
 * road model's full coverage runs.
 *
 * Buckets are `W` = 0.999 × the shortest edge's minutes wide (bucket of d: floor(d / W)). A label settled from bucket
 * b reaches its neighbours no earlier than bucket b + 1 (every edge is longer than W by a margin far above float64
 * rounding), so when bucket b is reached every label it holds is final: all offers that can beat it came from
 * earlier buckets. The labels of one bucket never meet each other, so they need no order among themselves — a
 * bucket is a plain list of node ids, and it is sorted by node id before it is settled so the sweep over the label,
 * CSR and weight arrays goes forward in memory (what the search's time is mostly spent on: cache misses). A node's
 * two labels, when both fall in one bucket, are settled in their (minutes, slot) order, which the label arrays
 * already keep. Entries are node ids only (a node is listed in the bucket of every label it was offered; a listing
 * whose label has since moved or settled is skipped), on a ring of buckets that spans the longest edge and the
 * largest source offset, so any limit (Infinity too) works.
 *
 * {@link bucketWidth} says whether a graph's weights allow it (every edge ≥ {@link MIN_BUCKET_MINUTES} and the ring
 * at most {@link MAX_RING} buckets); otherwise the search keeps the exact (minutes, slot) queue of ./queue.
 */
import type { RoadCsr } from './graph';
import { offerAt, type RoadSource, type Top2Labels } from './labels';

/** Narrowest bucket the search uses, minutes (0.05 s): below it the ring would be long and mostly empty. */
export const MIN_BUCKET_MINUTES = 0.05 / 60;
/** Largest ring of buckets (4 M buckets, 16 MB of list heads). */
export const MAX_RING = 1 << 22;

/** Shortest and longest finite edge minutes of `w` (Infinity / 0 with no edges). */
export function edgeMinutesRange(w: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (let e = 0; e < w.length; e++) {
    const x = w[e]!;
    if (x < min) min = x;
    if (x > max && x !== Infinity) max = x;
  }
  return { min, max };
}

/**
 * Bucket width for weights whose shortest edge takes `minMinutes` (0.999 of it: a relaxation always lands in a later
 * bucket), or 0 when the bucket search cannot be used (a zero or too short edge, NaN).
 */
export function bucketWidth(minMinutes: number): number {
  return minMinutes >= MIN_BUCKET_MINUTES && minMinutes < Infinity ? 0.999 * minMinutes : 0;
}

/** Reusable scratch of the bucket search: ring heads, the pool of listed nodes and the current bucket's nodes. */
export class BucketScratch {
  head: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** Pool entry e: node at 2e, next entry at 2e + 1 (a free list links unused ones). */
  pool: Int32Array<ArrayBuffer> = new Int32Array(2 * 4096);
  cur: Int32Array<ArrayBuffer> = new Int32Array(4096);
  /** The weights the range below was taken from (recomputed when another array is passed). */
  w: Float32Array | null = null;
  minW = Infinity;
  maxW = 0;

  /** The shortest and longest edge of `w`, cached per array (the road model re-weights into a new array). */
  range(w: Float32Array): void {
    if (this.w !== w) this.setRange(w, edgeMinutesRange(w));
  }

  /** Takes `r` as the range of `w` ({@link edgeMinutesRange}, computed elsewhere: a helper thread gets it with its job). */
  setRange(w: Float32Array, r: { min: number; max: number }): void {
    this.w = w;
    this.minW = r.min;
    this.maxW = r.max;
  }
}

/**
 * Full top-2 search on buckets of width `width` ({@link bucketWidth}); `L` and `nset` must be cleared (all -1 /
 * Infinity, 0). Returns false, having done nothing, when the ring would exceed {@link MAX_RING} buckets (the caller
 * then uses the exact queue).
 */
export function bucketTop2(
  g: RoadCsr,
  w: Float32Array,
  sources: readonly RoadSource[],
  limit: number,
  L: Top2Labels,
  nset: Uint8Array,
  sc: BucketScratch,
  width: number,
): boolean {
  const inv = 1 / width;
  let minOffset = 0;
  let maxOffset = 0;
  for (const s of sources)
    if (s.node >= 0 && s.offset <= limit) {
      if (s.offset > maxOffset) maxOffset = s.offset;
      if (s.offset < minOffset) minOffset = s.offset;
    }
  // every pending label lies within [current bucket, current bucket + span)
  const span = (Math.max(Math.min(limit, sc.maxW), maxOffset - minOffset) + width) * inv + 3;
  if (!(span <= MAX_RING)) return false;
  let ring = 16;
  while (ring < span) ring *= 2;
  if (sc.head.length < ring) sc.head = new Int32Array(ring);
  const head = sc.head;
  head.fill(-1, 0, ring);
  const mask = ring - 1;
  const S1 = L.s1;
  const S2 = L.s2;
  const D1 = L.d1;
  const D2 = L.d2;
  let pool = sc.pool;
  let cur = sc.cur;
  let used = 0;
  let free = -1;
  let pending = 0;
  let b = Infinity;
  for (const s of sources) {
    const v = s.node;
    if (v < 0 || !(s.offset <= limit) || !offerAt(S1, S2, D1, D2, nset[v]!, v, s.offset, s.slot)) continue;
    const bs = Math.floor(s.offset * inv);
    if (bs < b) b = bs;
    if (2 * used === pool.length) pool = grow(pool);
    const e = used++;
    pool[2 * e] = v;
    pool[2 * e + 1] = head[bs & mask]!;
    head[bs & mask] = e;
    pending++;
  }
  const first = g.first;
  const target = g.target;
  while (pending > 0) {
    // the bucket's nodes, in node order
    const r = b & mask;
    let e = head[r]!;
    head[r] = -1;
    let m = 0;
    while (e >= 0) {
      if (m === cur.length) cur = grow(cur);
      cur[m++] = pool[2 * e]!;
      const nx = pool[2 * e + 1]!;
      pool[2 * e + 1] = free;
      free = e;
      pending--;
      e = nx;
    }
    if (m > 1) cur.subarray(0, m).sort();
    for (let q = 0; q < m; q++) {
      const v = cur[q]!;
      let k = nset[v]!;
      while (k < 2) {
        const src = k === 0 ? S1[v]! : S2[v]!;
        const d = k === 0 ? D1[v]! : D2[v]!;
        // no label, or one of a later bucket (listed there too); a listing of a label since settled is skipped here
        if (src < 0 || Math.floor(d * inv) !== b) break;
        nset[v] = ++k;
        for (let j = first[v]!, end = first[v + 1]!; j < end; j++) {
          const x = target[j]!;
          const kx = nset[x]!;
          if (kx >= 2) continue;
          const nd = d + w[j]!;
          if (nd > limit || !offerAt(S1, S2, D1, D2, kx, x, nd, src)) continue;
          const bx = Math.floor(nd * inv) & mask;
          let f = free;
          if (f >= 0) free = pool[2 * f + 1]!;
          else {
            if (2 * used === pool.length) pool = grow(pool);
            f = used++;
          }
          pool[2 * f] = x;
          pool[2 * f + 1] = head[bx]!;
          head[bx] = f;
          pending++;
        }
      }
    }
    b++;
  }
  sc.pool = pool;
  sc.cur = cur;
  return true;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}
