/**
 * The road-network model as the model check sees it (./calibrate.ts CheckModel): each pair's ends are snapped to the
 * nearest graph node within `roads.snapMaxKm` (as the coverage engine snaps), the fastest road path between the
 * nodes is found (Dijkstra from each distinct destination over the reversed graph, or from each distinct origin when
 * there are fewer of those; each search stops once the ends it serves are settled), and its minutes are split by
 * highway class along the path. Parts = minutes on each class; offset = turnout + the two off-road legs + minutes
 * on edges with an explicit speed (not set by the class table). A pair with an end off the graph, or no road path, is not timed (NaN): the check counts it apart.
 *
 * A factor β on a class divides that class's speed by β. Edges whose OSM maxspeed caps the class speed do not change
 * when the class speed rises above the cap, so the fitted parts are a linear approximation there; the errors "after"
 * are recomputed with the applied speeds, so they are exact.
 */
import type { CheckModel, CheckPair, ModelParts } from './calibrate';
import type { RoadGraph } from './roads/graph';
import { ROAD_FLAG_EXPLICIT_SPEED } from './roads/graph';
import { reverseCsr, type ReverseCsr } from './roads/incremental';
import { edgeMinutes, LabelHeap } from './roads/search';
import { NodeSnapper, offRoadMinutes } from './roads/snap';
import { ROAD_CLASSES, type RoadClass } from './roads/speeds';
import type { ModelParams } from './types';

const SPEED_STEP = 0.1;

/** `--param` name of a road class's speed (as src/cli/args.ts reads it). */
export function roadSpeedParamName(cls: RoadClass): string {
  return `road.speed.${cls}`;
}

/** Shortest-path tree toward (reverse) or from (forward) one node: minutes and the edge taken at each node. */
function tree(
  g: RoadGraph,
  rev: ReverseCsr,
  w: Float64Array,
  root: number,
  reverse: boolean,
  heap: LabelHeap,
  dist: Float64Array,
  via: Int32Array,
  touched: number[],
  need: Int32Array,
  stamp: number,
  goals: number,
): void {
  for (const v of touched) {
    dist[v] = Infinity;
    via[v] = -1;
  }
  touched.length = 0;
  heap.clear();
  dist[root] = 0;
  touched.push(root);
  heap.push(0, 0, root);
  while (heap.pop()) {
    const d = heap.topKey;
    const v = heap.topNode;
    if (d > dist[v]!) continue;
    // Settled: stop once every node this tree is for is settled (a trip's end, not the whole graph).
    if (need[v] === stamp && --goals === 0) break;
    const from = reverse ? rev.first[v]! : g.first[v]!;
    const to = reverse ? rev.first[v + 1]! : g.first[v + 1]!;
    for (let k = from; k < to; k++) {
      const e = reverse ? rev.edge[k]! : k;
      const u = reverse ? rev.from[k]! : g.target[k]!;
      const nd = d + w[e]!;
      if (nd < dist[u]!) {
        if (dist[u] === Infinity) touched.push(u);
        dist[u] = nd;
        via[u] = e;
        heap.push(nd, 0, u);
      }
    }
  }
}

/**
 * The road model of the check on one graph (the graph's snapping index and reverse CSR are built once).
 * @example calibrate(roadCheckModel(graph), pairs, { ...params, travelModel: 'road' })
 */
export function roadCheckModel(g: RoadGraph): CheckModel<ModelParams> {
  let snapper: NodeSnapper | null = null;
  let rev: ReverseCsr | null = null;
  return {
    id: 'road',
    parts(pairs: readonly CheckPair[], params: ModelParams): ModelParts {
      snapper ??= new NodeSnapper(g);
      rev ??= reverseCsr(g);
      const n = pairs.length;
      const r = params.roads;
      const w = edgeMinutes(g, r.speeds);
      const parts = ROAD_CLASSES.map(() => new Float64Array(n));
      const offset = new Float64Array(n);
      const a = new Int32Array(n);
      const b = new Int32Array(n);
      pairs.forEach((p, i) => {
        const s = snapper!.nearest(p.fromLon, p.fromLat, r.snapMaxKm);
        const t = snapper!.nearest(p.toLon, p.toLat, r.snapMaxKm);
        a[i] = s.node;
        b[i] = t.node;
        offset[i] =
          s.node < 0 || t.node < 0
            ? NaN
            : p.turnoutMin + offRoadMinutes(s.km, r.offRoadKmh) + offRoadMinutes(t.km, r.offRoadKmh);
      });
      // Trees rooted at the side with fewer distinct nodes.
      const byA = new Map<number, number[]>();
      const byB = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(offset[i]!)) continue;
        (byA.get(a[i]!) ?? byA.set(a[i]!, []).get(a[i]!)!).push(i);
        (byB.get(b[i]!) ?? byB.set(b[i]!, []).get(b[i]!)!).push(i);
      }
      const reverse = byB.size <= byA.size;
      const dist = new Float64Array(g.nodeCount).fill(Infinity);
      const via = new Int32Array(g.nodeCount).fill(-1);
      const heap = new LabelHeap();
      const touched: number[] = [];
      const need = new Int32Array(g.nodeCount).fill(-1);
      let stamp = 0;
      for (const [root, list] of reverse ? byB : byA) {
        stamp++;
        let goals = 0;
        for (const i of list) {
          const leaf = reverse ? a[i]! : b[i]!;
          if (need[leaf] !== stamp) {
            need[leaf] = stamp;
            goals++;
          }
        }
        tree(g, rev, w, root, reverse, heap, dist, via, touched, need, stamp, goals);
        for (const i of list) {
          let v = reverse ? a[i]! : b[i]!;
          if (dist[v] === Infinity) {
            offset[i] = NaN;
            continue;
          }
          // Walk the tree to the root, adding each edge's minutes to its class.
          while (v !== root) {
            const e = via[v]!;
            if (g.flags[e]! & ROAD_FLAG_EXPLICIT_SPEED) offset[i]! += w[e]!;
            else parts[g.cls[e]!]![i]! += w[e]!;
            v = reverse ? g.target[e]! : sourceOf(g, e);
          }
        }
      }
      return { names: [...ROAD_CLASSES], parts, offset };
    },
    apply(params: ModelParams, factors: readonly number[]): ModelParams {
      const kmh = { ...params.roads.speeds.kmh };
      ROAD_CLASSES.forEach((c, k) => {
        const f = factors[k] ?? 1;
        if (f !== 1) kmh[c] = Math.max(1, Number((Math.round(kmh[c] / f / SPEED_STEP) * SPEED_STEP).toFixed(1)));
      });
      return { ...params, roads: { ...params.roads, speeds: { ...params.roads.speeds, kmh } } };
    },
    paramStrings(params: ModelParams): string[] {
      return ROAD_CLASSES.map((c) => `${roadSpeedParamName(c)}=${params.roads.speeds.kmh[c]}`);
    },
  };
}

/** Source node of edge e (binary search in the CSR offsets). */
function sourceOf(g: RoadGraph, e: number): number {
  let lo = 0;
  let hi = g.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.first[mid]! <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
