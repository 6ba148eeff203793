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
 */
import type { RoadGraph } from './graph';
import { edgeSeconds, type RoadSpeeds } from './speeds';

/** The part of a RoadGraph the search reads. */
export type RoadCsr = Pick<RoadGraph, 'nodeCount' | 'edgeCount' | 'first' | 'target'>;

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
export function edgeMinutes32(g: RoadGraph, speeds: RoadSpeeds): Float32Array {
  // in place: the seconds array becomes the minutes (no second edge-sized array at any time)
  const out = edgeSeconds(g, speeds);
  for (let e = 0; e < out.length; e++) out[e] = out[e]! / 60;
  return out;
}

/**
 * Per node: the nearest source (s1, d1) and the second-nearest distinct one (s2, d2); -1 / Infinity when none
 * within the limit. `d` are minutes (source offset + road minutes).
 */
export class Top2Labels {
  readonly s1: Int32Array;
  readonly s2: Int32Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  constructor(readonly n: number) {
    this.s1 = new Int32Array(n).fill(-1);
    this.s2 = new Int32Array(n).fill(-1);
    this.d1 = new Float64Array(n).fill(Infinity);
    this.d2 = new Float64Array(n).fill(Infinity);
  }
  clear(): void {
    this.s1.fill(-1);
    this.s2.fill(-1);
    this.d1.fill(Infinity);
    this.d2.fill(Infinity);
  }
}

/** A source: slot id, graph node and offset minutes (turnout + off-road leg). */
export interface RoadSource {
  slot: number;
  node: number;
  offset: number;
}

/** Binary min-heap of (key, slot, node) entries ordered by (key, slot), on growable typed arrays. */
export class LabelHeap {
  key = new Float64Array(1024);
  slot = new Int32Array(1024);
  node = new Int32Array(1024);
  size = 0;
  /** The entry popped last. */
  topKey = 0;
  topSlot = 0;
  topNode = 0;

  clear(): void {
    this.size = 0;
  }

  push(k: number, s: number, v: number): void {
    if (this.size === this.key.length) {
      const cap = this.size * 2;
      const nk = new Float64Array(cap);
      nk.set(this.key);
      this.key = nk;
      const ns = new Int32Array(cap);
      ns.set(this.slot);
      this.slot = ns;
      const nv = new Int32Array(cap);
      nv.set(this.node);
      this.node = nv;
    }
    const key = this.key;
    const slot = this.slot;
    const node = this.node;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = key[p]!;
      if (pk < k || (pk === k && slot[p]! <= s)) break;
      key[i] = pk;
      slot[i] = slot[p]!;
      node[i] = node[p]!;
      i = p;
    }
    key[i] = k;
    slot[i] = s;
    node[i] = v;
  }

  /** Pops the smallest entry into topKey/topSlot/topNode; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const key = this.key;
    const slot = this.slot;
    const node = this.node;
    this.topKey = key[0]!;
    this.topSlot = slot[0]!;
    this.topNode = node[0]!;
    const n = --this.size;
    if (n === 0) return true;
    const k = key[n]!;
    const s = slot[n]!;
    const v = node[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const c2 = c + 1;
      if (c2 < n && (key[c2]! < key[c]! || (key[c2]! === key[c]! && slot[c2]! < slot[c]!))) c = c2;
      const ck = key[c]!;
      if (k < ck || (k === ck && s <= slot[c]!)) break;
      key[i] = ck;
      slot[i] = slot[c]!;
      node[i] = node[c]!;
      i = c;
    }
    key[i] = k;
    slot[i] = s;
    node[i] = v;
    return true;
  }
}

/**
 * Exact (minutes, slot) priority queue as buckets of 1/{@link LabelQueue.PER_MINUTE} minute (0.05 s) in front of a
 * small binary heap: an entry goes to the bucket of its minutes; the heap holds only the current bucket's entries
 * (moved in when the bucket is reached), so it stays a few entries deep. Pops come out in exactly the binary heap's
 * order — (minutes, slot), ties by slot — because every entry of an earlier bucket has smaller minutes: the buckets only
 * cut the work, never the order (no rounding of minutes anywhere). Keys must not decrease below the current bucket
 * (Dijkstra's monotone pushes); entries past the last bucket (≈ 109 minutes) share an overflow bucket, ordered by the
 * heap too, so any limit (also Infinity) works. Pending entries are 24-byte records on one buffer (minutes, slot, node,
 * next), reused through a free list.
 */
export class LabelQueue {
  private readonly h = new LabelHeap();
  private readonly head: Int32Array;
  /** float64 view: entry e's minutes at 3e; int32 view: slot 6e + 2, node 6e + 3, next 6e + 4. */
  private ek = new Float64Array(3 * 1024);
  private ei = new Int32Array(this.ek.buffer);
  private free = -1;
  private used = 0;
  private pending = 0;
  private cb = -1;
  /** Highest bucket written since the last clear (what clear must reset). */
  private hi = -1;
  topKey = 0;
  topSlot = 0;
  topNode = 0;
  /** Buckets per minute (a bucket is 0.05 s wide) and the number of buckets (≈ 109 minutes; later ones overflow). */
  static readonly PER_MINUTE = 1200;
  static readonly BUCKETS = 131072;

  constructor() {
    this.head = new Int32Array(LabelQueue.BUCKETS).fill(-1);
  }

  clear(): void {
    if (this.hi >= 0) this.head.fill(-1, 0, this.hi + 1);
    this.hi = -1;
    this.pending = 0;
    this.used = 0;
    this.free = -1;
    this.cb = -1;
    this.h.clear();
  }

  push(k: number, s: number, v: number): void {
    let b = Math.floor(k * LabelQueue.PER_MINUTE);
    if (b >= LabelQueue.BUCKETS) b = LabelQueue.BUCKETS - 1;
    if (b <= this.cb) {
      this.h.push(k, s, v);
      return;
    }
    let e = this.free;
    const ei = this.ei;
    if (e >= 0) this.free = ei[6 * e + 4]!;
    else {
      if (3 * this.used === this.ek.length) this.grow();
      e = this.used++;
    }
    this.ek[3 * e] = k;
    const i = this.ei;
    i[6 * e + 2] = s;
    i[6 * e + 3] = v;
    i[6 * e + 4] = this.head[b]!;
    this.head[b] = e;
    if (b > this.hi) this.hi = b;
    this.pending++;
  }

  private grow(): void {
    const k = new Float64Array(this.ek.length * 2);
    k.set(this.ek);
    this.ek = k;
    this.ei = new Int32Array(k.buffer);
  }

  /** Pops the smallest entry into topKey/topSlot/topNode; false when empty. */
  pop(): boolean {
    const h = this.h;
    if (h.size === 0) {
      if (this.pending === 0) return false;
      const head = this.head;
      let b = this.cb + 1;
      while (head[b] === -1) b++;
      this.cb = b;
      let e = head[b]!;
      head[b] = -1;
      const ek = this.ek;
      const ei = this.ei;
      while (e >= 0) {
        const nx = ei[6 * e + 4]!;
        h.push(ek[3 * e]!, ei[6 * e + 2]!, ei[6 * e + 3]!);
        ei[6 * e + 4] = this.free;
        this.free = e;
        this.pending--;
        e = nx;
      }
    }
    h.pop();
    this.topKey = h.topKey;
    this.topSlot = h.topSlot;
    this.topNode = h.topNode;
    return true;
  }
}

/** Scratch of a top-2 search: settled labels per node (0, 1, 2) and the queue. Reusable across searches. */
export class Top2Scratch {
  readonly nset: Uint8Array;
  readonly heap = new LabelQueue();
  constructor(n: number) {
    this.nset = new Uint8Array(n);
  }
}

/**
 * Offers label (d, g) to node w's tentative labels (positions ≥ nset[w]); true when it was taken.
 * Labels stay sorted by (minutes, slot); a source appears at most once per node.
 */
export function offer(L: Top2Labels, nset: Uint8Array, w: number, d: number, g: number): boolean {
  const k = nset[w]!;
  return k < 2 && offerAt(L.s1, L.s2, L.d1, L.d2, k, w, d, g);
}

/** {@link offer} on the label arrays themselves, `k` = nset[w] < 2 (the search's inner loop). */
function offerAt(
  S1: Int32Array,
  S2: Int32Array,
  D1: Float64Array,
  D2: Float64Array,
  k: number,
  w: number,
  d: number,
  g: number,
): boolean {
  const s1 = S1[w]!;
  if (k === 1) {
    if (s1 === g) return false;
    const s2 = S2[w]!;
    const d2 = D2[w]!;
    if (d < d2 || (d === d2 && g < s2)) {
      S2[w] = g;
      D2[w] = d;
      return true;
    }
    return false;
  }
  // k === 0: both tentative
  const d1 = D1[w]!;
  if (s1 === g) {
    if (d < d1) {
      D1[w] = d;
      return true;
    }
    return false;
  }
  const s2 = S2[w]!;
  const d2 = D2[w]!;
  if (s2 === g) {
    if (!(d < d2)) return false;
    if (d < d1 || (d === d1 && g < s1)) {
      S2[w] = s1;
      D2[w] = d1;
      S1[w] = g;
      D1[w] = d;
    } else D2[w] = d;
    return true;
  }
  if (d < d1 || (d === d1 && g < s1)) {
    S2[w] = s1;
    D2[w] = d1;
    S1[w] = g;
    D1[w] = d;
    return true;
  }
  if (d < d2 || (d === d2 && g < s2)) {
    S2[w] = g;
    D2[w] = d;
    return true;
  }
  return false;
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
 * limit. Sources may share a node.
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
  sc.heap.clear();
  for (const s of sources) {
    if (s.node < 0 || !(s.offset <= limit)) continue;
    if (offer(L, sc.nset, s.node, s.offset, s.slot)) sc.heap.push(s.offset, s.slot, s.node);
  }
  settle(g, w, limit, L, sc, null, 0, null);
  // a node that ended with tentative labels only has none within the limit (all pushes were ≤ limit and got popped)
}

/** Binary min-heap of (key, node) for single-source searches. */
class NodeHeap {
  key = new Float64Array(256);
  node = new Int32Array(256);
  size = 0;
  push(k: number, v: number): void {
    if (this.size === this.key.length) {
      const nk = new Float64Array(this.size * 2);
      nk.set(this.key);
      this.key = nk;
      const nv = new Int32Array(this.size * 2);
      nv.set(this.node);
      this.node = nv;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key[p]! <= k) break;
      this.key[i] = this.key[p]!;
      this.node[i] = this.node[p]!;
      i = p;
    }
    this.key[i] = k;
    this.node[i] = v;
  }
  /** Pops into [key, node] of `out`; false when empty. */
  pop(out: { k: number; v: number }): boolean {
    if (this.size === 0) return false;
    out.k = this.key[0]!;
    out.v = this.node[0]!;
    const n = --this.size;
    if (n === 0) return true;
    const k = this.key[n]!;
    const v = this.node[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.key[c + 1]! < this.key[c]!) c++;
      if (k <= this.key[c]!) break;
      this.key[i] = this.key[c]!;
      this.node[i] = this.node[c]!;
      i = c;
    }
    this.key[i] = k;
    this.node[i] = v;
    return true;
  }
}

/**
 * Single-source search from `node` with start minutes `offset`, bounded by `limit`: calls `visit(v, minutes)` once
 * per node reached within the limit, in increasing minutes. Uses `dist` (length nodeCount, all Infinity on entry) as
 * scratch and restores it to Infinity before returning.
 */
export class BoundedSearch {
  private readonly dist: Float64Array;
  private readonly heap = new NodeHeap();
  private readonly seen: Uint8Array;
  private nSeen = 0;
  private seenList: Int32Array;
  private readonly top = { k: 0, v: 0 };
  constructor(n: number) {
    this.dist = new Float64Array(n).fill(Infinity);
    this.seen = new Uint8Array(n);
    this.seenList = new Int32Array(1024);
  }

  run(
    g: RoadCsr,
    w: Float32Array,
    node: number,
    offset: number,
    limit: number,
    visit: (v: number, minutes: number) => void,
  ): void {
    this.runPruned(
      g,
      w,
      node,
      offset,
      limit,
      (v, d) => {
        visit(v, d);
        return true;
      },
      null,
    );
  }

  /**
   * Like {@link run}, but `visit` says whether to go on from v (false: v's edges are not followed), and `admit`
   * (optional) filters tentative labels before they enter the heap.
   */
  runPruned(
    g: RoadCsr,
    w: Float32Array,
    node: number,
    offset: number,
    limit: number,
    visit: (v: number, minutes: number) => boolean,
    admit: ((x: number, minutes: number) => boolean) | null,
  ): void {
    const dist = this.dist;
    const heap = this.heap;
    const first = g.first;
    const target = g.target;
    heap.size = 0;
    this.nSeen = 0;
    if (!(offset <= limit)) return;
    this.touch(node);
    dist[node] = offset;
    heap.push(offset, node);
    const top = this.top;
    while (heap.pop(top)) {
      const d = top.k;
      const v = top.v;
      if (d !== dist[v] || this.seen[v] === 2) continue;
      this.seen[v] = 2;
      if (!visit(v, d)) continue;
      for (let e = first[v]!, end = first[v + 1]!; e < end; e++) {
        const x = target[e]!;
        const nd = d + w[e]!;
        if (nd > limit || !(nd < dist[x]!)) continue;
        if (admit && !admit(x, nd)) continue;
        if (this.seen[x] === 0) this.touch(x);
        dist[x] = nd;
        heap.push(nd, x);
      }
    }
    for (let k = 0; k < this.nSeen; k++) {
      const v = this.seenList[k]!;
      dist[v] = Infinity;
      this.seen[v] = 0;
    }
  }

  private touch(v: number): void {
    this.seen[v] = 1;
    if (this.nSeen === this.seenList.length) {
      const l = new Int32Array(this.nSeen * 2);
      l.set(this.seenList);
      this.seenList = l;
    }
    this.seenList[this.nSeen++] = v;
  }
}
