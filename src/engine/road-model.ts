/**
 * The road-network travel model on top of the straight line (src/engine/roads): with a graph attached and
 * `travelModel: 'road'` (time mode), units and facilities within the snap distance take road minutes; the rest keep
 * the straight-line model; a matrix's listed pairs override both. See src/engine/README.md, "Road network".
 */
import { type ReachInput } from './availability';
import { buildGrid } from './grid';
import type { RoadGraph } from './roads/graph';
import { RoadTravel } from './roads/model';
import type { SearchThread } from './roads/parallel';
import type { RoadSource } from './roads/search';
import { UNIT_MODEL_MATRIX, UNIT_MODEL_ROAD, UNIT_MODEL_STRAIGHT } from './roads/model';
import { SERVICES, type Service } from './types';
import { FACILITY_PER_CELL, IndexSet, type SearchState, type ServiceState } from './engine-state';
import { StraightLineModel } from './straight-line';

export abstract class RoadModelLayer extends StraightLineModel {
  // ───────────────────────────── road network ─────────────────────────────

  /**
   * Attaches a road graph (or detaches it with null) and recomputes. With `travelModel: 'road'` (time mode), units and
   * facilities within `roads.snapMaxKm` of a road node take road minutes; the rest keep the straight-line model.
   */
  setRoadGraph(graph: RoadGraph | null): void {
    this.road?.join();
    this.road = graph ? new RoadTravel(graph, this.demand.lon, this.demand.lat, this.st.length, this.searchThread) : null;
    this.roadNodes = graph ? new IndexSet(Math.max(1, graph.nodeCount)) : null;
    this.shadow = graph ? this.st.map(() => this.newSearchState()) : [];
    this.compute();
  }

  /** The helper thread road searches may use (see {@link useSearchThread}). */
  private searchThread: SearchThread | null = null;

  /**
   * Lets full road searches run on a helper thread (./roads/parallel): the two services' searches then run at once.
   * Takes effect from the next {@link setRoadGraph}; null: one thread. The caller owns the thread.
   */
  useSearchThread(thread: SearchThread | null): void {
    this.searchThread = thread;
  }

  /** The attached road graph, or null. */
  get roadGraph(): RoadGraph | null {
    return this.road?.graph ?? null;
  }

  /** The road model's state when it is in use (snapped units and slots, labels), else null. */
  roadModel(): RoadTravel | null {
    return this.roadOn ? this.road : null;
  }

  /** True when the road model is in use: a graph attached, travelModel 'road', time mode. */
  get roadOn(): boolean {
    return this.road !== null && this.p.travelModel === 'road' && this.p.coverageMode === 'time';
  }

  /** Per graph node, minutes from the nearest active unit of the service by road (Infinity: not within the reach cap); null when the road model is off. Live. */
  roadNodeMinutes(service: Service): Float64Array | null {
    if (!this.roadOn) return null;
    this.road!.join();
    return this.road!.labels[SERVICES.indexOf(service)]!.d1;
  }

  /** 1 per demand unit on the road graph (timed by road), 0 off it (straight line); null when the road model is off. Live. */
  roadUnitFlags(): Uint8Array | null {
    return this.roadOn ? this.road!.onGraph : null;
  }

  /**
   * Per demand unit, what produced the time of its nearest facility: UNIT_MODEL_STRAIGHT (0), UNIT_MODEL_ROAD (1) or
   * UNIT_MODEL_MATRIX (2, a listed pair of the travel-time matrix). A fresh array.
   */
  travelModelOf(service: Service): Uint8Array {
    const st = this.state(service);
    const out = new Uint8Array(this.n);
    const road = this.roadOn ? this.road : null;
    const mat = this.useMatrix ? this.mat : null;
    for (let i = 0; i < this.n; i++) {
      const f = st.nearest[i]!;
      if (f < 0) continue;
      if (mat) {
        let listed = false;
        for (let k = mat.dStart[i]!; k < mat.dStart[i + 1]!; k++) if (this.slotOfKey[mat.dKey[k]!] === f) listed = true;
        if (listed) {
          out[i] = UNIT_MODEL_MATRIX;
          continue;
        }
      }
      out[i] = road && road.onGraph[i] && road.fnode[f]! >= 0 ? UNIT_MODEL_ROAD : UNIT_MODEL_STRAIGHT;
    }
    return out;
  }

  protected newSearchState(): SearchState {
    const n = this.n;
    return {
      grid: buildGrid(new Float64Array(0), new Float64Array(0), new Int32Array(0), 1),
      minTurn: Infinity,
      active: new Uint8Array(0),
      nearest: new Int32Array(n),
      backup: new Int32Array(n),
      m1: new Float64Array(n),
      m2: new Float64Array(n),
    };
  }

  /** 1 per demand-grid cell whose units are all on the road graph. */
  protected cellsOnGraph(): Uint8Array {
    const g = this.dgrid;
    const on = this.road!.onGraph;
    const out = new Uint8Array(g.nx * g.ny);
    for (let cell = 0; cell < out.length; cell++) {
      let all = 1;
      for (let k = g.start[cell]!; k < g.start[cell + 1]! && all; k++) all = on[g.items[k]!]!;
      out[cell] = all;
    }
    return out;
  }

  /** The service's active on-graph facilities as road sources. */
  protected roadSources(st: ServiceState, except: number): RoadSource[] {
    const road = this.road!;
    const out: RoadSource[] = [];
    for (let s = 0; s < this.slots.length; s++)
      if (s !== except && st.active[s] && road.fnode[s]! >= 0)
        out.push({ slot: s, node: road.fnode[s]!, offset: this.fturn[s]! + road.fleg[s]! });
    return out;
  }

  /** The road model's part of the availability searches (see ReachInput.skipFor / roadReach). */
  protected roadReach(st: ServiceState): Pick<ReachInput, 'skipFor' | 'roadReach'> {
    const road = this.road!;
    const thrU = this.p.normMin[st.service].urban;
    const thrR = this.p.normMin[st.service].rural;
    const cap = this.p.reachCapMin[st.service];
    const limit = Math.min(Math.max(thrU, thrR), cap);
    const urban = this.demand.urban;
    return {
      skipFor: (slot) => (road.fnode[slot]! >= 0 ? road.onGraph : null),
      roadReach: (slot, visit) => {
        const node = road.fnode[slot]!;
        if (node < 0) return;
        const start = road.unitStart;
        const ids = road.unitIds;
        const leg = road.unitLeg;
        road.bounded.run(road.graph, road.w, node, this.fturn[slot]! + road.fleg[slot]!, limit, (v, d) => {
          for (let q = start[v]!, end = start[v + 1]!; q < end; q++) {
            const i = ids[q]!;
            if (d + leg[i]! <= (urban[i] ? thrU : thrR)) visit(i);
          }
        });
      },
    };
  }

  /** The shadow search of service k: active facilities off the graph (straight-line candidates of on-graph units). */
  protected rebuildShadow(st: ServiceState, k: number): void {
    const road = this.road!;
    const sh = this.shadow[k]!;
    if (sh.active.length < this.cap) sh.active = new Uint8Array(this.cap);
    const ids: number[] = [];
    let minTurn = Infinity;
    for (let s = 0; s < this.slots.length; s++) {
      const a = st.active[s]! && road.fnode[s]! < 0 ? 1 : 0;
      sh.active[s] = a;
      if (!a) continue;
      ids.push(s);
      if (this.fturn[s]! < minTurn) minTurn = this.fturn[s]!;
    }
    sh.grid = buildGrid(this.flon, this.flat, Int32Array.from(ids), 1, FACILITY_PER_CELL);
    sh.minTurn = minTurn;
  }

  /** The full road search service k (state st) needs: its active on-graph sources, up to its reach cap. */
  protected roadJob(st: ServiceState, k: number): { k: number; sources: RoadSource[]; limit: number } {
    return { k, sources: this.roadSources(st, -1), limit: this.p.reachCapMin[st.service] };
  }

  /** Full road search of a service and the on-graph units' top two (after the straight-line pass of all units). */
  protected roadCompute(st: ServiceState): void {
    const k = this.st.indexOf(st);
    const road = this.road!;
    const job = this.roadJob(st, k);
    road.full(k, job.sources, job.limit);
    this.rebuildShadow(st, k);
    for (let i = 0; i < this.n; i++) if (road.onGraph[i]) this.roadUnit(st, k, i);
  }

  /**
   * Top two of an on-graph unit: road labels of its node (+ its off-road leg) for on-graph facilities, the straight
   * line for off-graph ones (the shadow search), a matrix's listed pairs over both (listed facilities' road labels are
   * not used for this unit).
   */
  protected roadUnit(st: ServiceState, k: number, i: number): void {
    const road = this.road!;
    const sh = this.shadow[k]!;
    this.searchUnit(sh, i);
    // the running top two (no closure per unit: this runs for every on-graph unit of every full coverage)
    const t = TOP;
    t.bF = sh.nearest[i]!;
    t.bM = sh.m1[i]!;
    t.sF = sh.backup[i]!;
    t.sM = sh.m2[i]!;
    let tok = 0;
    if (this.useMatrix) {
      const mat = this.mat!;
      tok = ++this.token;
      for (let j = mat.dStart[i]!; j < mat.dStart[i + 1]!; j++) {
        const f = this.slotOfKey[mat.dKey[j]!]!;
        if (f < 0 || !st.active[f]) continue;
        this.stampF[f] = tok;
        if (road.fnode[f]! >= 0) consider(t, this.fturn[f]! + mat.dMin[j]!, f);
      }
    }
    if (!(this.useMatrix && this.p.matrixFallback === 'unreachable')) {
      const L = road.labels[k]!;
      const v = road.unitNode[i]!;
      const leg = road.unitLeg[i]!;
      const a = L.s1[v]!;
      if (a >= 0 && (tok === 0 || this.stampF[a] !== tok)) consider(t, L.d1[v]! + leg, a);
      const b = L.s2[v]!;
      if (b >= 0 && (tok === 0 || this.stampF[b] !== tok)) consider(t, L.d2[v]! + leg, b);
    }
    st.nearest[i] = t.bF;
    st.backup[i] = t.sF;
    st.m1[i] = t.bM;
    st.m2[i] = t.sM;
  }

  /**
   * The road part of an edit of `slot` for service k: the old source out, the new one in (incremental label
   * updates), the shadow rebuilt, and the units on every node whose labels changed searched again (stamped aTok).
   */
  protected roadEdit(
    st: ServiceState,
    k: number,
    slot: number,
    oldSrc: RoadSource | null,
    isActive: number,
    aTok: number,
  ): void {
    const road = this.road!;
    const nodes = this.roadNodes!;
    const cap = this.p.reachCapMin[st.service];
    const mark = (v: number): void => nodes.add(v);
    if (oldSrc) road.remove(k, oldSrc, this.roadSources(st, slot), cap, mark);
    if (isActive && road.fnode[slot]! >= 0)
      road.add(k, { slot, node: road.fnode[slot]!, offset: this.fturn[slot]! + road.fleg[slot]! }, cap, mark);
    this.rebuildShadow(st, k);
    const changed = this.changedUnits;
    const cells = this.touchedCells;
    const list = nodes.take();
    for (let j = 0; j < list.length; j++)
      road.unitsAt(list[j]!, (i) => {
        if (this.stampA[i] === aTok) return;
        this.stampA[i] = aTok;
        this.roadUnit(st, k, i);
        this.finishUnit(st, i);
        changed.add(i);
        cells.add(this.unitCell[i]!);
      });
  }
}

/** A unit's running top two: best facility and minutes, second facility and minutes. */
interface Top {
  bF: number;
  bM: number;
  sF: number;
  sM: number;
}

/** Scratch of {@link RoadModelLayer.roadUnit} (the engine is single-threaded; filled and read within one call). */
const TOP: Top = { bF: -1, bM: Infinity, sF: -1, sM: Infinity };

/** Offers facility f at m minutes to the top two (distinct facilities, (minutes, slot) order). */
function consider(t: Top, m: number, f: number): void {
  if (f === t.bF || f === t.sF) return;
  if (m < t.bM || (m === t.bM && f < t.bF)) {
    t.sM = t.bM;
    t.sF = t.bF;
    t.bM = m;
    t.bF = f;
  } else if (m < t.sM || (m === t.sM && f < t.sF)) {
    t.sM = m;
    t.sF = f;
  }
}
