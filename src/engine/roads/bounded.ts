/**
 * Single-source bounded road search (Dijkstra with a cut-off) on a binary heap, with scratch reused between runs:
 * what adding a source, pair minutes and the availability searches use.
 */
import type { RoadCsr } from './graph';

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
