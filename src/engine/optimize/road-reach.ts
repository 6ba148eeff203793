/**
 * The coverage structure by the road network: for each candidate site, the demand units it reaches within their
 * largest cost and at what minutes, under the engine's road model (src/engine/roads; src/engine/README.md, "Road
 * network"). The same mixing rule as the engine:
 * - a candidate and a unit both on the graph: turnout(type) + candidate's off-road leg + road minutes between their
 *   snapped nodes + the unit's off-road leg — only by road (a pair not reached by road within the cut-off is not
 *   kept, even when the straight line is short: the river case);
 * - either off the graph (farther than `roads.snapMaxKm` from every road node): the straight-line formula, exactly
 *   as {@link buildStructureFromPoints}.
 * Candidates are snapped like the engine snaps a facility. One bounded search per distinct snapped node (candidates
 * sharing a node share it, seeded at the group's smallest offset), cut at the largest cost the problem keeps and at
 * the service's reach cap (the engine's road labels stop there: "not reached"). The search scratch is the road
 * model's own. No O(N×M) scan: searches only reach nodes within the cut-off; the straight-line parts use the KD-tree
 * builder.
 */
import type { RoadGraph } from '../roads/graph';
import type { BoundedSearch } from '../roads/search';
import { NodeSnapper, offRoadMinutes } from '../roads/snap';
import type { FacilityType, ModelParams } from '../types';
import { buildStructureFromPoints, CsrBuilder, type LonLatPoints } from './structure';
import type { CoverageStructure } from './types';

/**
 * What the builder reads from the engine's road model (a RoadTravel — `engine.roadModel()` — fits): graph, edge
 * minutes under the params' speeds, per demand unit of the whole table its snapped node (-1 off the graph) and
 * off-road leg minutes, and the bounded-search scratch.
 */
export interface RoadReachSource {
  readonly graph: RoadGraph;
  readonly w: Float32Array;
  readonly unitNode: Int32Array;
  readonly unitLeg: Float64Array;
  readonly bounded: BoundedSearch;
}

export interface RoadStructureInput {
  road: RoadReachSource;
  /** The params the road model was configured with (roads.snapMaxKm, roads.offRoadKmh, turnout, straight line). */
  params: ModelParams;
  /** Facility type of the new sites (its turnout is added). */
  type: FacilityType;
  /** The problem's demand units as indices into the road model's demand table (scope order). */
  demandIndex: Int32Array;
  /** The problem's demand points (same order as demandIndex), for the straight-line pairs. */
  demand: LonLatPoints & { urban: ArrayLike<number> };
  candidates: LonLatPoints;
  /**
   * Per candidate, the demand-table unit it stands on (settlement and cell candidates), whose snap it reuses; -1 (or
   * no array): snapped to the graph here.
   */
  candidateUnit?: ArrayLike<number>;
  /** Largest minutes to keep per problem demand unit, or one number for all. */
  maxCost: ArrayLike<number> | number;
  /** The service's reach cap, minutes: road pairs beyond it are not reached (the engine's road labels stop there). */
  reachCap: number;
}

/** What the road structure was built from, for notes and benchmarks. */
export interface RoadStructureStats {
  candidatesOnGraph: number;
  demandOnGraph: number;
  /** Bounded road searches run (one per distinct snapped candidate node). */
  searches: number;
  /** Kept pairs timed by road, by straight line. */
  roadPairs: number;
  straightPairs: number;
}

const snappers = new WeakMap<RoadGraph, NodeSnapper>();

/** The node snapper of a graph, built once per graph (a KD-tree over its nodes). */
export function snapperOf(graph: RoadGraph): NodeSnapper {
  let s = snappers.get(graph);
  if (!s) {
    s = new NodeSnapper(graph);
    snappers.set(graph, s);
  }
  return s;
}

/**
 * Snaps candidate points as the engine snaps a facility: node (-1 off the graph or no coordinates) and off-road leg
 * minutes. A candidate standing on a demand unit reuses that unit's snap (the same nearest-node query).
 */
export function snapCandidates(
  road: RoadReachSource,
  params: ModelParams,
  candidates: LonLatPoints,
  candidateUnit?: ArrayLike<number>,
): { node: Int32Array; leg: Float64Array } {
  const m = candidates.count;
  const node = new Int32Array(m).fill(-1);
  const leg = new Float64Array(m).fill(Infinity);
  for (let j = 0; j < m; j++) {
    const u = candidateUnit ? (candidateUnit[j] ?? -1) : -1;
    if (u >= 0) {
      node[j] = road.unitNode[u]!;
      leg[j] = road.unitLeg[u]!;
      continue;
    }
    const lon = candidates.lon[j]!;
    const lat = candidates.lat[j]!;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const s = snapperOf(road.graph).nearest(lon, lat, params.roads.snapMaxKm);
    node[j] = s.node;
    leg[j] = s.node >= 0 ? offRoadMinutes(s.km, params.roads.offRoadKmh) : Infinity;
  }
  return { node, leg };
}

/** Rows of `s` (candidates `rows[k]` of the full problem) as per-candidate slices, demand mapped through `dmap`. */
interface Part {
  s: CoverageStructure;
  /** Full-problem candidate → row in s, or -1. */
  rowOf: Int32Array;
  /** Row's demand index in s → full-problem demand index (null: same). */
  dmap: Int32Array | null;
}

function subset<T extends ArrayLike<number>>(a: T, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]!]!;
  return out;
}

/**
 * Builds the coverage structure by road (see the module comment). Costs are minutes, pairs kept when
 * cost ≤ maxCost of the unit; rows ascend by demand index. `reach` of the result is the largest maxCost.
 * @example buildStructureFromRoads({ road: engine.roadModel()!, params, type, demandIndex: scope, demand, candidates, maxCost: norms, reachCap: 60 })
 */
export function buildStructureFromRoads(input: RoadStructureInput): { structure: CoverageStructure; stats: RoadStructureStats } {
  const { road, params, type, demand, candidates, demandIndex } = input;
  const nD = demand.count;
  const nC = candidates.count;
  if (demandIndex.length !== nD) throw new Error(`demandIndex has ${demandIndex.length} entries when expected ${nD}.`);
  const limit = new Float64Array(nD);
  if (typeof input.maxCost === 'number') limit.fill(input.maxCost);
  else {
    if (input.maxCost.length !== nD) throw new Error(`maxCost has ${input.maxCost.length} entries when expected ${nD}.`);
    for (let i = 0; i < nD; i++) limit[i] = input.maxCost[i]!;
  }
  let maxLimit = 0;
  for (let i = 0; i < nD; i++) if (limit[i]! > maxLimit) maxLimit = limit[i]!;
  const cut = Math.min(maxLimit, input.reachCap);
  const turnout = params.turnoutMin[type];

  // Demand: on/off the graph, legs, and table index → problem index.
  const dNode = new Int32Array(nD);
  const dLeg = new Float64Array(nD);
  const tableCount = road.unitNode.length;
  const offD: number[] = [];
  for (let s = 0; s < nD; s++) {
    const i = demandIndex[s]!;
    if (i < 0 || i >= tableCount) throw new Error(`demandIndex ${i} is outside the road model's ${tableCount} demand units.`);
    dNode[s] = road.unitNode[i]!;
    dLeg[s] = road.unitLeg[i]!;
    if (dNode[s]! < 0) offD.push(s);
  }
  const offDemand = Int32Array.from(offD);
  // The problem's on-graph units by node (CSR over the graph's nodes), read in the searches' visit.
  const nn = road.graph.nodeCount;
  const atStart = new Int32Array(nn + 1);
  for (let s = 0; s < nD; s++) if (dNode[s]! >= 0) atStart[dNode[s]! + 1]!++;
  for (let v = 0; v < nn; v++) atStart[v + 1]! += atStart[v]!;
  const atUnits = new Int32Array(atStart[nn]!);
  {
    const fill = atStart.slice(0, nn);
    for (let s = 0; s < nD; s++) if (dNode[s]! >= 0) atUnits[fill[dNode[s]!]!++] = s;
  }

  const snap = snapCandidates(road, params, candidates, input.candidateUnit);
  const onC: number[] = [];
  const offC: number[] = [];
  for (let j = 0; j < nC; j++) (snap.node[j]! >= 0 ? onC : offC).push(j);

  // Straight-line parts: off-graph candidates × all demand; on-graph candidates × off-graph demand.
  const straight = (cands: number[], dsub: Int32Array | null): Part => {
    const cidx = Int32Array.from(cands);
    const rowOf = new Int32Array(nC).fill(-1);
    cidx.forEach((j, k) => (rowOf[j] = k));
    const d = dsub
      ? {
          count: dsub.length,
          lon: subset(demand.lon, dsub),
          lat: subset(demand.lat, dsub),
          urban: Uint8Array.from(dsub, (s) => demand.urban[s]!),
        }
      : demand;
    const s = buildStructureFromPoints({
      demand: d,
      candidates: { count: cidx.length, lon: subset(candidates.lon, cidx), lat: subset(candidates.lat, cidx) },
      params,
      type,
      maxCost: dsub ? subset(limit, dsub) : limit,
      metric: 'time',
    });
    return { s, rowOf, dmap: dsub };
  };
  const partOff = offC.length > 0 ? straight(offC, null) : null;
  const partOn = onC.length > 0 && offDemand.length > 0 ? straight(onC, offDemand) : null;

  // Road searches, one per distinct snapped node: hits (problem unit, minutes at its node) in a CSR by group.
  const order = Int32Array.from(onC).sort((a, b) => snap.node[a]! - snap.node[b]! || a - b);
  const groupOf = new Int32Array(nC).fill(-1);
  const groupOffset: number[] = [];
  const gStart: number[] = [0];
  let hitS = new Int32Array(1024);
  let hitD = new Float64Array(1024);
  let nHits = 0;
  const push = (s: number, d: number): void => {
    if (nHits === hitS.length) {
      const a = new Int32Array(nHits * 2);
      a.set(hitS);
      hitS = a;
      const b = new Float64Array(nHits * 2);
      b.set(hitD);
      hitD = b;
    }
    hitS[nHits] = s;
    hitD[nHits] = d;
    nHits++;
  };
  for (let a = 0; a < order.length; ) {
    const node = snap.node[order[a]!]!;
    let b = a;
    let minOff = Infinity;
    while (b < order.length && snap.node[order[b]!] === node) {
      const j = order[b]!;
      const off = turnout + snap.leg[j]!;
      if (off < minOff) minOff = off;
      groupOf[j] = groupOffset.length;
      b++;
    }
    groupOffset.push(minOff);
    road.bounded.run(road.graph, road.w, node, minOff, cut, (v, d) => {
      for (let k = atStart[v]!, end = atStart[v + 1]!; k < end; k++) push(atUnits[k]!, d);
    });
    gStart.push(nHits);
    a = b;
  }

  // Rows in candidate order: road hits within the unit's limit and the cut, plus the straight-line pairs.
  const costAt = new Float64Array(nD).fill(Infinity);
  const list = new Int32Array(nD);
  const builder = new CsrBuilder(nC, nD, Math.max(1024, nHits + (partOff?.s.demand.length ?? 0) + (partOn?.s.demand.length ?? 0)));
  let roadPairs = 0;
  let straightPairs = 0;
  for (let j = 0; j < nC; j++) {
    let n = 0;
    const g = groupOf[j]!;
    if (g >= 0) {
      const delta = turnout + snap.leg[j]! - groupOffset[g]!;
      for (let k = gStart[g]!; k < gStart[g + 1]!; k++) {
        const s = hitS[k]!;
        const dn = hitD[k]! + delta;
        if (dn > cut) continue;
        const cost = dn + dLeg[s]!;
        if (!(cost <= limit[s]!)) continue;
        if (costAt[s] === Infinity) list[n++] = s;
        if (cost < costAt[s]!) costAt[s] = cost;
        roadPairs++;
      }
    }
    const part = g >= 0 ? partOn : partOff;
    const row = part ? part.rowOf[j]! : -1;
    if (part && row >= 0) {
      const ps = part.s;
      for (let k = ps.offsets[row]!; k < ps.offsets[row + 1]!; k++) {
        const s = part.dmap ? part.dmap[ps.demand[k]!]! : ps.demand[k]!;
        if (costAt[s] === Infinity) list[n++] = s;
        if (ps.cost[k]! < costAt[s]!) costAt[s] = ps.cost[k]!;
        straightPairs++;
      }
    }
    const row2 = list.subarray(0, n).sort();
    for (let k = 0; k < n; k++) {
      const s = row2[k]!;
      builder.push(s, costAt[s]!);
      costAt[s] = Infinity;
    }
    builder.endRow();
  }
  return {
    structure: builder.finish(maxLimit),
    stats: {
      candidatesOnGraph: onC.length,
      demandOnGraph: nD - offDemand.length,
      searches: groupOffset.length,
      roadPairs,
      straightPairs,
    },
  };
}
