/**
 * What-if edits on top-2 road labels ({@link Top2Labels} from ./search), each equal to a full recompute:
 * - add a source: a Dijkstra from it alone, going on only while it enters a node's top two;
 * - remove a source: the nodes whose top two held it (found by walking out from its node: its labels form a tree
 *   rooted there) drop it and are re-settled from the labels flowing in over their incoming edges (the reverse CSR)
 *   and from other sources standing inside that region; nodes outside it cannot change;
 * - move = remove + add; retype (a turnout change) = remove + add with the new offset.
 */
import {
  BoundedSearch,
  offer,
  settle,
  type RoadCsr,
  type RoadSource,
  type Top2Labels,
  type Top2Scratch,
} from './search';

/** Incoming edges per node (CSR over targets): edge ids and their source nodes. */
export interface ReverseCsr {
  first: Uint32Array;
  edge: Uint32Array;
  from: Uint32Array;
}

/**
 * Incoming edge ids per node without their source nodes (two thirds of {@link ReverseCsr}'s memory: 4 bytes per edge
 * less); an edit finds an edge's source node by a binary search in the forward CSR ({@link edgeSource}).
 */
export type ReverseEdges = Pick<ReverseCsr, 'first' | 'edge'> & { from?: Uint32Array };

/** Builds the incoming edge ids of a graph (once per graph; what removals need). */
export function reverseEdges(g: RoadCsr): ReverseEdges {
  const n = g.nodeCount;
  const first = new Uint32Array(n + 1);
  for (let e = 0; e < g.edgeCount; e++) first[g.target[e]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, n);
  const edge = new Uint32Array(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) edge[fill[g.target[e]!]!++] = e;
  return { first, edge };
}

/** The source node of edge e: the v with first[v] ≤ e < first[v + 1] (binary search). */
export function edgeSource(first: Uint32Array, n: number, e: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (first[mid]! <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Builds the reverse CSR of a graph (once per graph). */
export function reverseCsr(g: RoadCsr): ReverseCsr {
  const n = g.nodeCount;
  const first = new Uint32Array(n + 1);
  for (let e = 0; e < g.edgeCount; e++) first[g.target[e]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, n);
  const edge = new Uint32Array(g.edgeCount);
  const from = new Uint32Array(g.edgeCount);
  for (let v = 0; v < n; v++)
    for (let e = g.first[v]!; e < g.first[v + 1]!; e++) {
      const k = fill[g.target[e]!]!++;
      edge[k] = e;
      from[k] = v;
    }
  return { first, edge, from };
}

/** Node lists and stamps shared by edits on one graph. */
export class EditScratch {
  readonly stamp: Int32Array;
  tok = 0;
  list: Int32Array = new Int32Array(1024);
  size = 0;
  constructor(n: number) {
    this.stamp = new Int32Array(n);
  }
  push(v: number): void {
    if (this.size === this.list.length) {
      const l = new Int32Array(this.size * 2);
      l.set(this.list);
      this.list = l;
    }
    this.list[this.size++] = v;
  }
}

/** Whether (d, g) would enter node v's final top two. */
function enters(L: Top2Labels, v: number, d: number, g: number): boolean {
  const d2 = L.d2[v]!;
  return d < d2 || (d === d2 && g < L.s2[v]!);
}

/**
 * Adds source `src`: searches outward from its node only while it enters a node's top two.
 * @param changed receives each node whose labels changed
 */
export function addSource(
  g: RoadCsr,
  w: Float32Array,
  limit: number,
  L: Top2Labels,
  search: BoundedSearchTop2,
  src: RoadSource,
  changed: (v: number) => void,
): void {
  if (src.node < 0 || !(src.offset <= limit)) return;
  search.run(g, w, L, src, limit, changed);
}

/** A single-source Dijkstra pruned by the labels (see {@link addSource}). */
export class BoundedSearchTop2 {
  /** @param inner the single-source search to run (its scratch may be shared with other users) */
  constructor(private readonly inner: BoundedSearch) {}
  run(g: RoadCsr, w: Float32Array, L: Top2Labels, src: RoadSource, limit: number, changed: (v: number) => void): void {
    const s = src.slot;
    this.inner.runPruned(
      g,
      w,
      src.node,
      src.offset,
      limit,
      (v, d) => {
        if (!enters(L, v, d, s)) return false;
        if (d < L.d1[v]! || (d === L.d1[v]! && s < L.s1[v]!)) {
          L.s2[v] = L.s1[v]!;
          L.d2[v] = L.d1[v]!;
          L.s1[v] = s;
          L.d1[v] = d;
        } else {
          L.s2[v] = s;
          L.d2[v] = d;
        }
        changed(v);
        return true;
      },
      (x, nd) => enters(L, x, nd, s),
    );
  }
}

/**
 * Removes source `src` (as it was seeded) and re-settles the nodes whose top two held it.
 * @param others the other sources (any order; only those standing inside the region are used)
 * @param changed receives each node whose labels changed
 */
export function removeSource(
  g: RoadCsr,
  rev: ReverseEdges,
  w: Float32Array,
  limit: number,
  L: Top2Labels,
  sc: Top2Scratch,
  ed: EditScratch,
  src: RoadSource,
  others: readonly RoadSource[],
  changed: (v: number) => void,
): void {
  const s = src.slot;
  if (src.node < 0 || (L.s1[src.node] !== s && L.s2[src.node] !== s)) return;
  const tok = ++ed.tok;
  const stamp = ed.stamp;
  ed.size = 0;
  // the region: nodes holding s, a tree rooted at its node
  stamp[src.node] = tok;
  ed.push(src.node);
  for (let k = 0; k < ed.size; k++) {
    const v = ed.list[k]!;
    for (let e = g.first[v]!, end = g.first[v + 1]!; e < end; e++) {
      const x = g.target[e]!;
      if (stamp[x] === tok || (L.s1[x] !== s && L.s2[x] !== s)) continue;
      stamp[x] = tok;
      ed.push(x);
    }
  }
  const nset = sc.nset;
  const list = ed.list;
  const size = ed.size;
  for (let k = 0; k < size; k++) {
    const v = list[k]!;
    if (L.s1[v] === s) {
      L.s1[v] = L.s2[v]!;
      L.d1[v] = L.d2[v]!;
    }
    L.s2[v] = -1;
    L.d2[v] = Infinity;
    nset[v] = L.s1[v]! >= 0 ? 1 : 0;
    changed(v);
  }
  const heap = sc.heap;
  heap.clear();
  const from = rev.from;
  for (let k = 0; k < size; k++) {
    const v = list[k]!;
    for (let j = rev.first[v]!, end = rev.first[v + 1]!; j < end; j++) {
      const ej = rev.edge[j]!;
      const u = from ? from[j]! : edgeSource(g.first, g.nodeCount, ej);
      const we = w[ej]!;
      const a = L.s1[u]!;
      if (a >= 0) {
        const nd = L.d1[u]! + we;
        if (nd <= limit && offer(L, nset, v, nd, a)) heap.push(nd, a, v);
        const b = L.s2[u]!;
        if (b >= 0) {
          const nd2 = L.d2[u]! + we;
          if (nd2 <= limit && offer(L, nset, v, nd2, b)) heap.push(nd2, b, v);
        }
      }
    }
  }
  for (const o of others) {
    if (o.slot === s || o.node < 0 || stamp[o.node] !== tok || !(o.offset <= limit)) continue;
    if (offer(L, nset, o.node, o.offset, o.slot)) heap.push(o.offset, o.slot, o.node);
  }
  settle(g, w, limit, L, sc, stamp, tok, null);
  // tentative labels that never settled cannot exist (every offer was pushed and popped), but clear any left
  for (let k = 0; k < size; k++) {
    const v = list[k]!;
    const n = nset[v]!;
    if (n < 2) {
      L.s2[v] = -1;
      L.d2[v] = Infinity;
      if (n < 1) {
        L.s1[v] = -1;
        L.d1[v] = Infinity;
      }
    }
  }
}
