/**
 * Multi-source road search: every node's nearest AND second-nearest distinct source (slot id + minutes), in
 * (minutes, slot) order like the straight-line engine, cut off at a limit (the reach cap).
 *
 * One Dijkstra over (node, source) labels: the heap is ordered by (minutes, slot); a node accepts at most two
 * distinct sources, the first two popped for it. A label of source g at v is only propagated from nodes where g is
 * itself in the top two — exact, because any two sources that beat g at a node on g's path also beat it at v through
 * the same remainder of the path. Each node keeps one pair of labels, settled ones first (a candidate can never beat
 * a settled label: it comes from a pop with a key no smaller), so tentative and final labels share the arrays.
 *
 * Edge weights are minutes (see {@link edgeMinutes}); a source is seeded at its node with an offset (turnout + its
 * off-road leg). Everything is flat typed arrays; the heap grows on demand.
 *
 * The full search ({@link multiSourceTop2}) runs on buckets as wide as the shortest edge (./buckets: no order needed
 * inside a bucket, swept in node order); when an edge is too short for that (zero minutes), and for what-if removals
 * ({@link settle}), the queue is the exact (minutes, slot) one of ./queue. Labels: ./labels; single-source: ./bounded.
 */
import { BucketScratch, bucketTop2, bucketWidth } from './buckets';
import type { RoadCsr, RoadGraph } from './graph';
import { offer, offerAt, Top2Labels, type RoadSource } from './labels';
import { LabelQueue } from './queue';
import { edgeSeconds, type RoadSpeeds } from './speeds';

export type { RoadCsr } from './graph';
export { BoundedSearch } from './bounded';
export { LabelHeap, LabelQueue } from './queue';
export { offer, Top2Labels, type RoadSource } from './labels';

/** Travel minutes of every edge of `g` under `speeds` (float64 of the float32 seconds / 60). */
export function edgeMinutes(g: RoadGraph, speeds: RoadSpeeds): Float64Array {
  const s = edgeSeconds(g, speeds);
  const out = new Float64Array(s.length);
  for (let e = 0; e < s.length; e++) out[e] = s[e]! / 60;
  return out;
}

/**
 * The weights the searches read: travel minutes of every edge stored as float32 (half the memory of
 * {@link edgeMinutes}; sums are taken in float64, so a search and its oracle over this array agree exactly).
 */
export function edgeMinutes32(g: RoadGraph, speeds: RoadSpeeds, shared = false): Float32Array {
  // in place: the seconds array becomes the minutes (no second edge-sized array at any time); on shared memory for a
  // helper thread (./parallel) when asked
  const n = g.edgeCount;
  const out = edgeSeconds(g, speeds, new Float32Array(shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n)));
  for (let e = 0; e < out.length; e++) out[e] = out[e]! / 60;
  return out;
}

/** Scratch of a top-2 search: settled labels per node (0, 1, 2) and the queues. Reusable across searches. */
export class Top2Scratch {
  readonly nset: Uint8Array;
  readonly heap = new LabelQueue();
  readonly buckets = new BucketScratch();
  constructor(n: number) {
    this.nset = new Uint8Array(n);
  }
}

/**
 * Runs the top-2 Dijkstra from what the heap holds (labels already offered), settling labels of nodes where
 * `allowed` is null or allowed[w] === stamp. Relaxations go only to allowed nodes. `touched` (optional) receives each
 * node whose labels were settled.
 */
export function settle(
  g: RoadCsr,
  w: Float32Array,
  limit: number,
  L: Top2Labels,
  sc: Top2Scratch,
  allowed: Int32Array | null,
  stamp: number,
  touched: ((v: number) => void) | null,
): void {
  const heap = sc.heap;
  const nset = sc.nset;
  const first = g.first;
  const target = g.target;
  const s1 = L.s1;
  const d1 = L.d1;
  const s2 = L.s2;
  const d2 = L.d2;
  while (heap.pop()) {
    const d = heap.topKey;
    const src = heap.topSlot;
    const v = heap.topNode;
    const k = nset[v]!;
    // stale entry: the node is full, or the entry is not its current next tentative label
    if (k === 0) {
      if (s1[v] !== src || d1[v] !== d) continue;
    } else if (k === 1) {
      if (s2[v] !== src || d2[v] !== d) continue;
    } else continue;
    nset[v] = k + 1;
    if (touched) touched(v);
    for (let e = first[v]!, end = first[v + 1]!; e < end; e++) {
      const x = target[e]!;
      const kx = nset[x]!;
      if (kx >= 2) continue;
      if (allowed && allowed[x] !== stamp) continue;
      const nd = d + w[e]!;
      if (nd > limit) continue;
      if (offerAt(s1, s2, d1, d2, kx, x, nd, src)) heap.push(nd, src, x);
    }
  }
}

/**
 * Full multi-source top-2 search: clears `L`, seeds every source (offset ≤ limit) and settles all nodes within the
 * limit. Sources may share a node. On buckets (./buckets) when every edge takes at least 0.05 s, else on the exact
 * (minutes, slot) queue ({@link queueTop2}); both give the same labels.
 * @param w edge minutes (parallel to g.target)
 * @param limit cut-off, minutes (labels above it are not kept: -1 / Infinity)
 */
export function multiSourceTop2(
  g: RoadCsr,
  w: Float32Array,
  sources: readonly RoadSource[],
  limit: number,
  L: Top2Labels,
  sc: Top2Scratch,
): void {
  L.clear();
  sc.nset.fill(0);
  sc.buckets.range(w);
  const width = bucketWidth(sc.buckets.minW);
  if (width > 0 && bucketTop2(g, w, sources, limit, L, sc.nset, sc.buckets, width)) return;
  queueTop2(g, w, sources, limit, L, sc);
}

/** {@link multiSourceTop2} on the exact (minutes, slot) queue, whatever the edge minutes (`L`, nset cleared). */
export function queueTop2(
  g: RoadCsr,
  w: Float32Array,
  sources: readonly RoadSource[],
  limit: number,
  L: Top2Labels,
  sc: Top2Scratch,
): void {
  sc.heap.clear();
  for (const s of sources) {
    if (s.node < 0 || !(s.offset <= limit)) continue;
    if (offer(L, sc.nset, s.node, s.offset, s.slot)) sc.heap.push(s.offset, s.slot, s.node);
  }
  settle(g, w, limit, L, sc, null, 0, null);
  // a node that ended with tentative labels only has none within the limit (all pushes were ≤ limit and got popped)
}

