/**
 * Closures by road. With the road model in use the engine's nearest and backup per unit are already by road (its
 * top-2 road labels, src/engine/roads), so a closure's "loss" (the people whose backup is beyond the norm) reads from
 * them unchanged (closures.ts). What rankClosures also needs is each facility's reach — the units within their norm
 * of it — for the expected-coverage loss; here it is built under the engine's own mixing rule (as its availability
 * searches, src/engine/road-model.ts `roadReach`):
 * - a facility on the graph and an on-graph unit: by road only — turnout + the facility's off-road leg + road minutes
 *   (one bounded search per facility, cut at the largest norm and the service's reach cap) + the unit's off-road leg;
 *   a unit the search does not reach within the norm is not within it, however short the straight line (the river);
 * - a facility off the graph, or a unit off it: the straight-line formula (facilityReach's KD-tree pass).
 * No O(N×M) scan: the searches stop at the norm, the straight-line part is the KD-tree builder.
 */
import { facilityReach, type ClosureRow, type FacilityReach, type ReachInput } from './closures';
import type { RoadReachSource } from './road-reach';
import { roadNoteText, type RoadNoteInfo } from './road-note';
import type { ModelParams } from '../types';

/** What the road reach reads from the engine's road model (a RoadTravel — `engine.roadModel()` — fits). */
export interface RoadClosureSource extends RoadReachSource {
  /** 1 per demand unit on the graph. */
  readonly onGraph: Uint8Array;
  /** Per engine slot: snapped node (-1 off the graph) and off-road leg minutes. */
  readonly fnode: Int32Array;
  readonly fleg: Float64Array;
  /** Calls `f(i)` for every demand unit snapped to node v. */
  unitsAt(v: number, f: (i: number) => void): void;
}

/**
 * Units within each active facility's norm under the road model (see the module comment). `input.facilities` must
 * be the engine's slots (the road model's fnode/fleg are per slot). Time mode only (the road model is off in distance
 * mode): throws otherwise.
 * @param reachCap the service's reach cap, minutes (the road labels stop there: "not reached")
 * @example facilityReachByRoad({ demand, facilities: slots, active, params, threshold }, engine.roadModel()!, params.reachCapMin.fire)
 */
export function facilityReachByRoad(input: ReachInput, road: RoadClosureSource, reachCap: number): FacilityReach {
  if (input.params.coverageMode === 'distance') throw new Error('facilityReachByRoad: the road model is for time mode, not distance mode.');
  const { facilities, threshold, params } = input;
  const F = facilities.length;
  const n = input.demand.count;
  if (road.onGraph.length !== n) throw new Error(`facilityReachByRoad: the road model has ${road.onGraph.length} demand units when expected ${n}.`);
  const straight = facilityReach(input);
  let maxThr = 0;
  for (let i = 0; i < n; i++) if (threshold[i]! > maxThr) maxThr = threshold[i]!;
  const limit = Math.min(maxThr, reachCap);
  let units = new Int32Array(Math.max(1024, straight.units.length));
  let m = 0;
  const push = (i: number): void => {
    if (m === units.length) {
      const a = new Int32Array(m * 2);
      a.set(units);
      units = a;
    }
    units[m++] = i;
  };
  const offsets = new Int32Array(F + 1);
  for (let k = 0; k < F; k++) {
    const f = facilities[k];
    const node = k < road.fnode.length ? road.fnode[k]! : -1;
    const on = f && input.active[k] && node >= 0;
    // straight-line pairs: all of an off-graph facility's, only the off-graph units of an on-graph one
    for (let p = straight.offsets[k]!; p < straight.offsets[k + 1]!; p++) {
      const i = straight.units[p]!;
      if (!on || !road.onGraph[i]) push(i);
    }
    if (on) {
      road.bounded.run(road.graph, road.w, node, params.turnoutMin[f.type] + road.fleg[k]!, limit, (v, d) =>
        road.unitsAt(v, (i) => {
          if (d + road.unitLeg[i]! <= threshold[i]!) push(i);
        }),
      );
    }
    offsets[k + 1] = m;
  }
  return { offsets, units: units.slice(0, m) };
}

/**
 * The reach rankClosures should use: by road when the engine's road model is in use (`road` non-null, time mode),
 * else the straight-line {@link facilityReach}.
 */
export function closureReach(input: ReachInput, road: RoadClosureSource | null, reachCap: number): FacilityReach {
  return road && input.params.coverageMode !== 'distance' ? facilityReachByRoad(input, road, reachCap) : facilityReach(input);
}

/**
 * The road note of a closure ranking by road: the graph, and how many of the ranked units and of the counted demand
 * units (default all) lie on it.
 */
export function closuresRoadInfo(road: RoadClosureSource, params: ModelParams, rows: readonly ClosureRow[], counted?: Uint8Array): RoadNoteInfo {
  let on = 0;
  for (const r of rows) if (r.slot < road.fnode.length && road.fnode[r.slot]! >= 0) on++;
  let d = 0;
  let dOn = 0;
  for (let i = 0; i < road.onGraph.length; i++) {
    if (counted && !counted[i]) continue;
    d++;
    dOn += road.onGraph[i]!;
  }
  const meta = road.graph.meta;
  return {
    source: meta.source,
    osmTimestamp: meta.osmTimestamp,
    offRoadKmh: params.roads.offRoadKmh,
    snapMaxKm: params.roads.snapMaxKm,
    sitesKind: 'units',
    sitesOnGraph: on,
    sites: rows.length,
    demandOnGraph: dOn,
    demand: d,
  };
}

/** {@link closuresRoadInfo} in words (English; the page words it through parseRoadNote). */
export function closuresRoadNote(road: RoadClosureSource, params: ModelParams, rows: readonly ClosureRow[], counted?: Uint8Array): string {
  return roadNoteText(closuresRoadInfo(road, params, rows, counted));
}
