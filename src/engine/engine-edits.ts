/**
 * The coverage engine's full compute and what-if edits over its travel models (straight line, road network, matrix):
 * compute, covered flags and statistics, the availability searches, add / move / remove / update, parameters.
 */
import { missFactors, type ReachInput } from './availability';
import * as stats from './stats';
import { minutesPerKm } from './travel';
import { secondCoveredFlags, secondThresholds } from './second-unit';
import type { RoadSource } from './roads/search';
import { DEFAULT_PARAMS, type EditResult, type Facility, type ModelParams, type TravelMatrix } from './types';
import { type ServiceState } from './engine-state';
import { EngineBase } from './engine-base';
import { RoadModelLayer } from './road-model';

// Module-local copies: hot loops must not go through cross-module live bindings (getters under tsx/CJS).
const computeHromadaStats = stats.computeHromadaStats;

export abstract class EngineEdits extends RoadModelLayer {
  // ───────────────────────────── full compute ─────────────────────────────

  /** Recomputes everything (both services) from scratch. Called by the constructor and by setParams when needed. */
  compute(): void {
    const p = this.p;
    const roadOn = this.roadOn;
    if (roadOn) this.road!.configure(p);
    const dist = p.coverageMode === 'distance';
    for (let i = 0; i < this.n; i++) {
      this.mpkTime[i] = minutesPerKm(p, this.demand.urban[i]!);
      this.mpk[i] = dist ? 1 : this.mpkTime[i]!;
    }
    const g = this.dgrid;
    for (let cell = 0; cell < g.nx * g.ny; cell++) {
      let mn = Infinity;
      let mx = 0;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
        mn = Math.min(mn, this.mpk[g.items[k]!]!);
        mx = Math.max(mx, this.mpk[g.items[k]!]!);
      }
      this.cellMinMpk[cell] = mn;
      this.cellMaxMpk[cell] = mx;
    }
    for (let s = 0; s < this.slots.length; s++) if (this.slots[s]) this.setTurnout(s);
    if (roadOn) this.road!.snapSlots(this.slots.length, this.flon, this.flat, (s) => this.slots[s] != null);
    // with the road model, demand cells whose units are all on the graph skip the straight-line pass (roadCompute
    // scores those units)
    const skipCell = roadOn ? this.cellsOnGraph() : null;
    for (const st of this.st) for (let s = 0; s < this.slots.length; s++) st.active[s] = this.isActive(s, st);
    // with a helper thread, the last service's road search starts on it now (./roads/parallel)
    if (roadOn) this.road!.prefetch(this.st.map((st, k) => this.roadJob(st, k)));
    for (const st of this.st) {
      this.rebuildGrid(st);
      if (this.candF.length < this.slots.length) {
        this.candF = new Int32Array(this.slots.length);
        this.candLo = new Float64Array(this.slots.length);
      }
      const nc = g.nx * g.ny;
      for (let cell = 0; cell < nc; cell++)
        if (g.start[cell]! < g.start[cell + 1]! && !(skipCell && skipCell[cell])) this.searchCell(st, cell);
      if (roadOn) this.roadCompute(st);
      this.refreshCovered(st, true);
    }
    if (roadOn) this.road!.join();
  }

  /**
   * Norms → covered and covered-twice flags, miss probabilities (with `recount`, the counts of facilities within the
   * norm are searched again first), cell bounds and all statistics of a service.
   */
  protected refreshCovered(st: ServiceState, recount: boolean): void {
    st.normUrban = this.p.normMin[st.service].urban;
    st.normRural = this.p.normMin[st.service].rural;
    const second = secondThresholds(this.p, st.service);
    st.secondUrban = second.urban;
    st.secondRural = second.rural;
    secondCoveredFlags(st.m2, this.demand.urban, second, st.second);
    if (recount) st.avail.recount(this.reach(st));
    st.avail.refreshAll(this.missF);
    if (this.p.coverageMode === 'time') {
      // same as finishUnit, inlined for the full pass
      const { m1, m2, minutes, backupMinutes, covered, normUrban, normRural } = st;
      const urban = this.demand.urban;
      for (let i = 0; i < this.n; i++) {
        const m = m1[i]!;
        minutes[i] = m;
        backupMinutes[i] = m2[i]!;
        covered[i] = m <= (urban[i] ? normUrban : normRural) ? 1 : 0;
      }
    } else for (let i = 0; i < this.n; i++) this.finishUnit(st, i);
    const nc = this.dgrid.nx * this.dgrid.ny;
    for (let cell = 0; cell < nc; cell++) this.updateCellMax(st, cell);
    for (let h = 0; h <= this.nh; h++) this.hromadaStats(st, h);
  }

  protected hromadaStats(st: ServiceState, h: number): void {
    computeHromadaStats(
      st.statsAll,
      h,
      this.demand,
      this.hUnits,
      this.hStart[h]!,
      this.hStart[h + 1]!,
      st.minutes,
      st.covered,
      this.scratch,
      {
        nearest: st.nearest,
        slotAssumed: this.fassumed,
        reachCap: this.p.reachCapMin[st.service],
        secondCovered: st.second,
        missProb: st.avail.missProb,
        slotHromada: this.fhrom,
        oblastOf: this.oblastOf,
        hromada: h < this.nh ? h : -1,
      },
    );
  }

  /** What the availability searches read (rebuilt per call: facility arrays may have been reallocated). */
  protected reach(st: ServiceState): ReachInput {
    const dist = this.p.coverageMode === 'distance';
    return {
      dxyz: this.dxyz,
      urban: this.demand.urban,
      mpkUrban: dist ? 1 : minutesPerKm(this.p, 1),
      mpkRural: dist ? 1 : minutesPerKm(this.p, 0),
      dgrid: this.dgrid,
      cellMinLon: this.cellMinLon,
      cellMaxLon: this.cellMaxLon,
      cellMinLat: this.cellMinLat,
      cellMaxLat: this.cellMaxLat,
      cellMinMpk: this.cellMinMpk,
      fxyz: this.fxyz,
      flon: this.flon,
      flat: this.flat,
      fturn: this.fturn,
      ftype: this.ftype,
      slotCount: this.slots.length,
      grid: st.grid,
      c: this.c,
      thrUrban: dist ? this.p.coverageKm : this.p.normMin[st.service].urban,
      thrRural: dist ? this.p.coverageKm : this.p.normMin[st.service].rural,
      mat: this.useMatrix ? this.mat : null,
      keyOf: (slot) => this.matrixKey(slot),
      fallbackModel: this.p.matrixFallback === 'model',
      ...(this.roadOn ? this.roadReach(st) : {}),
    };
  }

  /** The slot's facility key in the matrix in use (undefined: none, or the facility is not listed). */
  protected matrixKey(slot: number): number | undefined {
    const f = this.slots[slot];
    return f && this.useMatrix ? this.mat!.keyOf.get(f.id) : undefined;
  }

  /** Response minutes of the pair (unit i, slot f) under the current params (matrix-aware in time mode). */
  pairMinutes(i: number, f: number): number {
    if (f < 0 || !this.slots[f]) return Infinity;
    if (this.mat && this.p.coverageMode === 'time') {
      const mat = this.mat;
      for (let k = mat.dStart[i]!; k < mat.dStart[i + 1]!; k++)
        if (this.slotOfKey[mat.dKey[k]!] === f) return this.fturnTime[f]! + mat.dMin[k]!;
      if (this.p.matrixFallback === 'unreachable') return Infinity;
    }
    const road = this.roadOn ? this.road! : null;
    if (road && road.onGraph[i] && road.fnode[f]! >= 0) {
      const k = this.st.findIndex((st) => st.active[f] === 1);
      const L = k >= 0 ? road.labels[k]! : null;
      const v = road.unitNode[i]!;
      if (L && L.s1[v] === f) return L.d1[v]! + road.unitLeg[i]!;
      if (L && L.s2[v] === f) return L.d2[v]! + road.unitLeg[i]!;
      return road.pairMinutes(
        f,
        this.fturnTime[f]! + road.fleg[f]!,
        i,
        Math.max(this.p.reachCapMin.fire, this.p.reachCapMin.police),
      );
    }
    return this.fturnTime[f]! + this.mpkTime[i]! * this.pairKm(i, f);
  }

  // ───────────────────────────── edits ─────────────────────────────

  /**
   * Applies a change to one slot: `mutate` rewrites the slot; units whose nearest/backup was the slot are searched
   * again, units the (new) facility beats are updated in place, then the touched hromadas' statistics.
   */
  protected applyEdit(slot: number, next: Facility | null): EditResult {
    const was = this.st.map((st) => (slot < this.slots.length ? st.active[slot]! : 0));
    const changed = this.changedUnits;
    const road = this.roadOn ? this.road : null;
    // the slot's road source as it was seeded, before the slot changes
    const oldNode = road && slot < road.fnode.length ? road.fnode[slot]! : -1;
    const oldSrc: RoadSource | null =
      oldNode >= 0 ? { slot, node: oldNode, offset: this.fturn[slot]! + road!.fleg[slot]! } : null;
    // availability: take the slot's old contribution out while its old position, type and turnout are in place
    for (let s = 0; s < this.st.length; s++)
      if (was[s]) this.st[s]!.avail.apply(this.reach(this.st[s]!), slot, -1, this.matrixKey(slot), changed);
    if (slot >= this.slots.length) {
      this.ensureCapacity(slot + 1);
      this.slots.length = slot + 1;
      this.slots[slot] = null;
    }
    this.writeSlot(slot, next);
    if (next) this.setTurnout(slot);
    if (road) {
      if (next) road.snapSlot(slot, next.lon, next.lat);
      else road.clearSlot(slot);
    }
    for (let s = 0; s < this.st.length; s++) {
      const st = this.st[s]!;
      const is = this.isActive(slot, st);
      st.active[slot] = is;
      if (!was[s] && !is) continue;
      this.rebuildGrid(st);
      const cells = this.touchedCells;
      const aTok = ++this.token;
      if (road) this.roadEdit(st, s, slot, was[s] ? oldSrc : null, is, aTok);
      if (was[s]) {
        const nearest = st.nearest;
        const backup = st.backup;
        for (let i = 0; i < this.n; i++) {
          if (nearest[i] !== slot && backup[i] !== slot) continue;
          if (road && this.stampA[i] === aTok) continue;
          this.stampA[i] = aTok;
          if (road && road.onGraph[i]) this.roadUnit(st, s, i);
          else this.searchUnit(st, i);
          this.finishUnit(st, i);
          changed.add(i);
          cells.add(this.unitCell[i]!);
        }
      }
      if (is) {
        this.insertFacility(st, slot, aTok, road && road.fnode[slot]! >= 0 ? road.onGraph : null);
        st.avail.apply(this.reach(st), slot, 1, this.matrixKey(slot), changed);
      }
      const touched = cells.take();
      for (let k = 0; k < touched.length; k++) this.updateCellMax(st, touched[k]!);
    }
    for (const st of this.st) for (let k = 0; k < changed.size; k++) st.avail.refreshUnit(changed.list[k]!, this.missF);
    const demand = changed.take();
    const hs = new Set<number>();
    for (let k = 0; k < demand.length; k++) {
      const h = this.demand.hromada[demand[k]!]!;
      hs.add(h >= 0 && h < this.nh ? h : this.nh);
    }
    for (const h of hs) for (const st of this.st) this.hromadaStats(st, h);
    hs.delete(this.nh);
    return { slot, demand, hromadas: Int32Array.from(hs).sort() };
  }

  /**
   * Adds a facility in a new slot (ids must be unique).
   * @returns the slot and the demand units / hromadas whose results were recomputed
   */
  addFacility(f: Facility): EditResult {
    EngineBase.check(f);
    if (this.idToSlot.has(f.id)) throw new Error(`Duplicate facility id "${f.id}".`);
    return this.applyEdit(this.slots.length, { ...f });
  }

  /**
   * Moves facility `id` to lon/lat (WGS84 degrees); its placement becomes `user`. `hromadaCode` is kept as it was:
   * a caller that knows the polygons sets it with {@link updateFacility} (which accepts lon/lat too).
   */
  moveFacility(id: string, lon: number, lat: number): EditResult {
    const slot = this.slotOf(id);
    const f: Facility = { ...this.slots[slot]!, lon, lat, placement: 'user' };
    EngineBase.check(f);
    return this.applyEdit(slot, f);
  }

  /** Removes facility `id`; its slot stays empty. */
  removeFacility(id: string): EditResult {
    return this.applyEdit(this.slotOf(id), null);
  }

  /** Changes any field but the id (type, status, position, name, …) of facility `id`. */
  updateFacility(id: string, patch: Partial<Omit<Facility, 'id'>>): EditResult {
    const slot = this.slotOf(id);
    const f: Facility = { ...this.slots[slot]!, ...patch, id };
    EngineBase.check(f);
    return this.applyEdit(slot, f);
  }

  /** Replaces all facilities (slots renumbered from 0) and recomputes. */
  setFacilities(facilities: readonly Facility[]): void {
    this.loadFacilities(facilities);
    this.setMatrixInternal(this.matrixSrc);
    this.compute();
  }

  /** Sets or clears the travel-time matrix and recomputes. Throws MatrixError on unknown ids. */
  setMatrix(matrix: TravelMatrix | null): void {
    this.setMatrixInternal(matrix);
    this.compute();
  }

  /**
   * Replaces the parameters. When only norms, second-unit norms, availabilities, costs or the reach cap change (or
   * coverageKm in distance mode), no nearest search runs: covered flags, miss probabilities and statistics are
   * refreshed (arrival norms / coverageKm also recount the facilities within the norm, a bounded search); otherwise
   * everything is recomputed.
   */
  setParams(params: ModelParams): void {
    const old = this.p;
    this.p = { ...structuredClone(DEFAULT_PARAMS), ...structuredClone(params) };
    params = this.p;
    // The same parameters again (the page's first computation repeats those the engine was built with): the results
    // already answer them.
    if (JSON.stringify(old) === JSON.stringify(params)) return;
    const same =
      old.coverageMode === params.coverageMode &&
      old.includePlanned === params.includePlanned &&
      old.countAssumed === params.countAssumed &&
      old.matrixFallback === params.matrixFallback &&
      JSON.stringify([old.detour, old.speedKmh, old.turnoutMin]) ===
        JSON.stringify([params.detour, params.speedKmh, params.turnoutMin]) &&
      (this.road === null ||
        JSON.stringify([old.travelModel, old.roads, old.travelModel === 'road' ? old.reachCapMin : 0]) ===
          JSON.stringify([params.travelModel, params.roads, params.travelModel === 'road' ? params.reachCapMin : 0]));
    this.missF = missFactors(params.availability);
    const recount =
      JSON.stringify(old.normMin) !== JSON.stringify(params.normMin) ||
      (params.coverageMode === 'distance' && old.coverageKm !== params.coverageKm);
    if (same) for (const st of this.st) this.refreshCovered(st, recount);
    else this.compute();
  }
}
