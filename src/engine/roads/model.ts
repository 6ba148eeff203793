/**
 * The road-network travel model's state for one engine: the graph, its edge minutes under the current speeds, the
 * demand units snapped to it (node + off-road leg), the facilities snapped per slot, and per service the top-2
 * labels of every node (./search) kept up to date by incremental edits (./incremental).
 *
 * Response minutes of an on-graph unit i and an on-graph facility f: turnout(f) + leg(f) + road minutes from f's node
 * to i's node + leg(i), where a leg is the straight-line km to the snapped node at `offRoadKmh`. Units or facilities
 * farther than `snapMaxKm` from every road node are off the graph and keep the straight-line model (see
 * src/engine/README.md, "Road network").
 */
import { haversineKm } from '../travel';
import type { ModelParams } from '../types';
import type { RoadGraph } from './graph';
import {
  addSource,
  BoundedSearchTop2,
  EditScratch,
  removeSource,
  reverseEdges,
  type ReverseEdges,
} from './incremental';
import { BoundedSearch, edgeMinutes32, multiSourceTop2, Top2Labels, Top2Scratch, type RoadSource } from './search';
import { NodeSnapper, offRoadMinutes } from './snap';
import { shareCsr, type PendingTop2, type SearchThread } from './parallel';
import type { RoadCsr } from './graph';

/** Per-unit travel model codes (CoverageEngine.travelModelOf): what produced a unit's nearest time. */
export const UNIT_MODEL_STRAIGHT = 0;
export const UNIT_MODEL_ROAD = 1;
export const UNIT_MODEL_MATRIX = 2;

export class RoadTravel {
  readonly graph: RoadGraph;
  private readonly snapper: NodeSnapper;
  /** Incoming edge ids, made on the first removal (source nodes found by binary search: 4 bytes per edge less). */
  private rev: ReverseEdges | null = null;
  /** Edge minutes under the speeds in use. */
  w: Float32Array = new Float32Array(0);
  private speedsKey = '';
  private snapKey = '';
  /** Per demand unit: snapped node (-1 off the graph), off-road leg minutes. */
  readonly unitNode: Int32Array;
  readonly unitLeg: Float64Array;
  private readonly unitKm: Float64Array;
  /** 1 per demand unit on the graph. */
  readonly onGraph: Uint8Array;
  /** Units per node (CSR): the units snapped to node v are nodeUnits[nodeStart[v] … nodeStart[v + 1] − 1]. */
  private nodeStart = new Int32Array(0);
  private nodeUnits = new Int32Array(0);
  /** Per slot: snapped node (-1 off the graph) and leg minutes; the snap of the slot's current position. */
  fnode = new Int32Array(0);
  fleg = new Float64Array(0);
  private fkm = new Float64Array(0);
  /** Per service (engine order): labels of every node. */
  readonly labels: Top2Labels[];
  /** Per service: the inputs of the full search its labels come from ('' when edited since or never searched). */
  private readonly fullKey: string[];
  private readonly scratch: Top2Scratch;
  /** Removal scratch, made on the first removal (a full coverage does not need it). */
  private edit: EditScratch | null = null;
  /** Single-source scratch (a distance and a mark per node), made on first use: a full coverage does not need it. */
  private boundedSearch: BoundedSearch | null = null;
  private addSearch: BoundedSearchTop2 | null = null;
  private offRoadKmh = 15;
  private snapMaxKm = 2;
  private readonly dlon: Float64Array;
  private readonly dlat: Float64Array;
  /** The helper thread full searches may run on (./parallel), or null: one thread. */
  private thread: SearchThread | null;
  /** The CSR the helper reads: the graph's own arrays when they are on shared memory, else shared copies. */
  private sharedCsr: RoadCsr | null = null;
  /** The full search running on the helper thread: its service, its inputs' key, the handle to wait on. */
  private pending: { k: number; key: string; job: PendingTop2 } | null = null;

  /**
   * @param thread a helper thread (./parallel): full searches of two services then run at once, with the labels and
   *   edge minutes on shared memory. Null: one after the other on this thread.
   */
  constructor(
    graph: RoadGraph,
    demandLon: Float64Array,
    demandLat: Float64Array,
    services: number,
    thread: SearchThread | null = null,
  ) {
    this.graph = graph;
    this.thread = thread;
    this.snapper = new NodeSnapper(graph);
    const n = demandLon.length;
    this.dlon = demandLon;
    this.dlat = demandLat;
    this.unitNode = new Int32Array(n).fill(-1);
    this.unitLeg = new Float64Array(n);
    this.unitKm = new Float64Array(n);
    this.onGraph = new Uint8Array(n);
    const nn = graph.nodeCount;
    this.labels = Array.from({ length: services }, () => new Top2Labels(nn, thread !== null));
    this.fullKey = Array.from({ length: services }, () => '');
    this.scratch = new Top2Scratch(nn);
  }

  /** The single-source bounded search over this graph (shared scratch; made on first use). */
  get bounded(): BoundedSearch {
    return (this.boundedSearch ??= new BoundedSearch(this.graph.nodeCount));
  }

  /**
   * Applies the road parameters: re-weights edges when speeds change, re-snaps units when the snap distance changes,
   * recomputes legs when the off-road speed changes.
   */
  configure(p: ModelParams): void {
    const r = p.roads;
    const sk = JSON.stringify(r.speeds);
    if (sk !== this.speedsKey) {
      this.join();
      this.w = edgeMinutes32(this.graph, r.speeds, this.thread !== null);
      this.speedsKey = sk;
    }
    this.offRoadKmh = r.offRoadKmh;
    const snapKey = String(r.snapMaxKm);
    if (snapKey !== this.snapKey) {
      this.snapMaxKm = r.snapMaxKm;
      const s = this.snapper.snapAll(this.dlon, this.dlat, r.snapMaxKm);
      this.unitNode.set(s.node);
      this.unitKm.set(s.km);
      this.indexUnits();
      this.snapKey = snapKey;
    }
    for (let i = 0; i < this.unitNode.length; i++) {
      this.onGraph[i] = this.unitNode[i]! >= 0 ? 1 : 0;
      this.unitLeg[i] = this.unitNode[i]! >= 0 ? offRoadMinutes(this.unitKm[i]!, this.offRoadKmh) : Infinity;
    }
  }

  private indexUnits(): void {
    const nn = this.graph.nodeCount;
    const start = new Int32Array(nn + 1);
    for (let i = 0; i < this.unitNode.length; i++) if (this.unitNode[i]! >= 0) start[this.unitNode[i]! + 1]!++;
    for (let v = 0; v < nn; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, nn);
    const units = new Int32Array(start[nn]!);
    for (let i = 0; i < this.unitNode.length; i++) if (this.unitNode[i]! >= 0) units[fill[this.unitNode[i]!]!++] = i;
    this.nodeStart = start;
    this.nodeUnits = units;
  }

  /** Units per node (CSR, see {@link unitsAt}): offsets (length nodeCount + 1) and unit ids; replaced on a re-snap. */
  get unitStart(): Int32Array {
    return this.nodeStart;
  }
  get unitIds(): Int32Array {
    return this.nodeUnits;
  }

  /** Calls `f(i)` for every unit snapped to node v. */
  unitsAt(v: number, f: (i: number) => void): void {
    for (let k = this.nodeStart[v]!; k < this.nodeStart[v + 1]!; k++) f(this.nodeUnits[k]!);
  }

  /** Snaps slot `slot` at lon/lat (grows the per-slot arrays as needed). */
  snapSlot(slot: number, lon: number, lat: number): void {
    if (slot >= this.fnode.length) {
      const cap = Math.max(16, slot + 1, this.fnode.length * 2);
      const a = new Int32Array(cap).fill(-1);
      a.set(this.fnode);
      this.fnode = a;
      const b = new Float64Array(cap);
      b.set(this.fleg);
      this.fleg = b;
      const c = new Float64Array(cap);
      c.set(this.fkm);
      this.fkm = c;
    }
    const s = this.snapper.nearest(lon, lat, this.snapMaxKm);
    this.fnode[slot] = s.node;
    this.fkm[slot] = s.km;
    this.fleg[slot] = s.node >= 0 ? offRoadMinutes(s.km, this.offRoadKmh) : Infinity;
  }

  /** Marks slot off the graph (emptied slot). */
  clearSlot(slot: number): void {
    if (slot < this.fnode.length) this.fnode[slot] = -1;
  }

  /** Re-snaps all slots (after configure changed the snap distance or off-road speed). */
  snapSlots(count: number, lon: Float64Array, lat: Float64Array, live: (slot: number) => boolean): void {
    for (let s = 0; s < count; s++) {
      if (live(s)) this.snapSlot(s, lon[s]!, lat[s]!);
      else this.clearSlot(s);
    }
  }

  /**
   * Full search of service k from the given sources, up to `limit` minutes. Skipped when service k's labels are
   * already those of a full search from the same sources (slot, node, offset), limit and edge minutes — a recompute
   * after a change that does not touch the roads (a norm, a statistic, the other service) reuses them; any edit of
   * the service's labels forgets that.
   */
  full(k: number, sources: readonly RoadSource[], limit: number): void {
    const key = this.searchKey(sources, limit);
    // another service's search may go on running on the helper meanwhile (its own labels, its own scratch)
    if (this.pending?.k === k) this.join();
    if (this.fullKey[k] === key) return;
    multiSourceTop2(this.graph, this.w, sources, limit, this.labels[k]!, this.scratch);
    this.fullKey[k] = key;
  }

  private searchKey(sources: readonly RoadSource[], limit: number): string {
    let key = `${this.speedsKey}|${limit}`;
    for (const s of sources) key += `|${s.slot}:${s.node}:${s.offset}`;
    return key;
  }

  /**
   * Announces the full searches the next {@link full} calls will ask for, in the order they will come: when two or
   * more need a search and a helper thread is free, the last one starts on the helper now, while this thread goes on
   * with the others ({@link full} waits for it when its turn comes). Without a helper, does nothing.
   */
  prefetch(jobs: readonly { k: number; sources: readonly RoadSource[]; limit: number }[]): void {
    this.join();
    const t = this.thread;
    if (!t || !t.available) return;
    const todo = jobs
      .map((j) => ({ ...j, key: this.searchKey(j.sources, j.limit) }))
      .filter((j) => this.fullKey[j.k] !== j.key);
    if (todo.length < 2) return;
    const j = todo[todo.length - 1]!;
    this.sharedCsr ??= shareCsr<RoadCsr>(this.graph);
    this.fullKey[j.k] = '';
    // the edge minutes' range, which this thread's scratch keeps, goes with the job (the helper need not scan them)
    const b = this.scratch.buckets;
    b.range(this.w);
    const job = t.start(this.sharedCsr, this.w, { min: b.minW, max: b.maxW }, j.sources, j.limit, this.labels[j.k]!);
    this.pending = { k: j.k, key: j.key, job };
  }

  /**
   * Waits for the search running on the helper, if any (every method that reads or writes labels calls this first).
   * A stalled helper is given up and its service's labels replaced (its late writes land in the old ones).
   */
  join(): 'done' | 'local' | 'stalled' | 'none' {
    const p = this.pending;
    if (!p) return 'none';
    this.pending = null;
    const r = p.job.wait();
    if (r === 'done') this.fullKey[p.k] = p.key;
    if (r === 'stalled') {
      this.thread = null;
      this.labels[p.k] = new Top2Labels(this.graph.nodeCount);
    }
    return r;
  }

  /** Makes the next {@link full} search of every service run even when its inputs did not change (benchmarks). */
  forgetLabels(): void {
    this.join();
    this.fullKey.fill('');
  }

  /** Adds a source to service k; `changed` receives each node whose labels changed. */
  add(k: number, src: RoadSource, limit: number, changed: (v: number) => void): void {
    this.join();
    this.fullKey[k] = '';
    this.addSearch ??= new BoundedSearchTop2(this.bounded);
    addSource(this.graph, this.w, limit, this.labels[k]!, this.addSearch, src, changed);
  }

  /** Removes a source from service k (others: the service's remaining sources). */
  remove(k: number, src: RoadSource, others: readonly RoadSource[], limit: number, changed: (v: number) => void): void {
    this.join();
    this.fullKey[k] = '';
    this.rev ??= reverseEdges(this.graph);
    this.edit ??= new EditScratch(this.graph.nodeCount);
    removeSource(this.graph, this.rev, this.w, limit, this.labels[k]!, this.scratch, this.edit, src, others, changed);
  }

  /**
   * Road minutes from slot f's node (with offset) to unit i, by a bounded search up to `limit`; Infinity when not
   * within it (or either is off the graph).
   */
  pairMinutes(f: number, offset: number, i: number, limit: number): number {
    const from = this.fnode[f] ?? -1;
    const to = this.unitNode[i]!;
    if (from < 0 || to < 0) return Infinity;
    let out = Infinity;
    this.bounded.runPruned(
      this.graph,
      this.w,
      from,
      offset,
      limit,
      (v, d) => {
        if (v === to) out = d;
        return out === Infinity;
      },
      null,
    );
    return out === Infinity ? Infinity : out + this.unitLeg[i]!;
  }

  /** Straight-line km between a demand point and a node (for tests and exports). */
  kmToNode(lon: number, lat: number, v: number): number {
    return haversineKm(lon, lat, this.graph.lon[v]!, this.graph.lat[v]!);
  }
}
