/**
 * The coverage engine's state (see coverage.ts for the class to use): demand tables and grids, hromada and oblast
 * indexes, facility slots and their arrays, the matrix, per-service results. The travel models and edits are the
 * subclasses: straight-line.ts (today's model), road-model.ts (the road network), engine-edits.ts (full compute,
 * edits), coverage.ts (results).
 */
import { Availability, missFactors } from './availability';
import { buildGrid, cosSquaredBound, type Grid } from './grid';
import { compileMatrix, type CompiledMatrix } from './matrix';
import { emptyStats, statsScratch, statsView, type StatsScratch } from './stats';
import * as travel from './travel';
import { unitVector } from './travel';
import { RoadTravel } from './roads/model';
import {
  DEFAULT_PARAMS,
  FACILITY_TYPES,
  SERVICES,
  type DemandTable,
  type Facility,
  type HromadaTable,
  type ModelParams,
  type Service,
  type TravelMatrix,
  isAssumedFacility,
} from './types';
import {
  DEMAND_PER_CELL,
  FACILITY_PER_CELL,
  IndexSet,
  occupiedFlags,
  SERVES_MASK,
  SERVICE_BIT,
  TYPE_CODE,
  type SearchState,
  type ServiceState,
} from './engine-state';

const chordToKm = travel.chordToKm;

export abstract class EngineBase {
  readonly demand: DemandTable;
  readonly hromadas: HromadaTable;
  protected p: ModelParams;
  protected readonly n: number;
  protected readonly nh: number;
  // demand
  protected readonly dxyz: Float64Array;
  /** Minutes per km of the time model, per unit. */
  protected readonly mpkTime: Float64Array;
  /** Ranking minutes per km: mpkTime in time mode, 1 in distance mode. */
  protected readonly mpk: Float64Array;
  protected readonly dgrid: Grid;
  protected readonly unitCell: Int32Array;
  protected readonly cellMinLon: Float64Array;
  protected readonly cellMaxLon: Float64Array;
  protected readonly cellMinLat: Float64Array;
  protected readonly cellMaxLat: Float64Array;
  protected readonly cellMinMpk: Float64Array;
  protected readonly cellMaxMpk: Float64Array;
  /** Per demand cell: centre lon/lat, its unit vector and the max exact km from the centre to a unit. */
  protected readonly cellCLon: Float64Array;
  protected readonly cellCLat: Float64Array;
  protected readonly cellCxyz: Float64Array;
  protected readonly cellRad: Float64Array;
  protected candF = new Int32Array(64);
  protected candLo = new Float64Array(64);
  protected readonly hStart: Int32Array;
  protected readonly hUnits: Int32Array;
  protected readonly scratch: StatsScratch;
  protected readonly oblastOf: Int32Array;
  protected readonly oblastNames: string[] = [];
  protected readonly oblastNamesEn: string[] = [];
  // facilities
  protected slots: (Facility | null)[] = [];
  protected readonly idToSlot = new Map<string, number>();
  protected cap = 0;
  protected fxyz = new Float64Array(0);
  protected flon = new Float64Array(0);
  protected flat = new Float64Array(0);
  protected ftype = new Uint8Array(0);
  /** 1 for slots holding an assumed (illustrative) facility. */
  protected fassumed = new Uint8Array(0);
  /** HromadaTable index of each slot's Facility.hromadaCode, -1 when unknown. */
  protected fhrom = new Int32Array(0);
  protected readonly codeIndex = new Map<string, number>();
  /** Per facility type 1 − availability. */
  protected missF: Float64Array;
  /** Per hromada: 1 when occupied (TERRITORY_STATUSES code ≥ OCCUPIED_FROM) in the list in use. */
  protected occupied: Uint8Array;
  /** Ranking turnout (time mode: turnout minutes; distance mode: 0). */
  protected fturn = new Float64Array(0);
  protected fturnTime = new Float64Array(0);
  protected stampF = new Int32Array(0);
  protected slotOfKey = new Int32Array(0);
  protected c = 1;
  protected maxAbsLat = 0;
  // matrix
  protected matrixSrc: TravelMatrix | null = null;
  protected mat: CompiledMatrix | null = null;
  protected readonly stampA: Int32Array;
  protected readonly stampM: Int32Array;
  protected token = 0;
  protected readonly st: ServiceState[];
  protected readonly changedUnits: IndexSet;
  protected readonly touchedCells: IndexSet;
  // road network (null: none attached); per service the straight-line search over off-graph facilities only
  protected road: RoadTravel | null = null;
  protected shadow: SearchState[] = [];
  protected roadNodes: IndexSet | null = null;

  /** Everything but the facilities: demand tables and grids, hromada and oblast indexes, per-service state. */
  constructor(demand: DemandTable, hromadas: HromadaTable, params: ModelParams = DEFAULT_PARAMS) {
    this.demand = demand;
    this.hromadas = hromadas;
    this.p = { ...structuredClone(DEFAULT_PARAMS), ...structuredClone(params) };
    this.occupied = occupiedFlags(hromadas.status, hromadas.count);
    this.missF = missFactors(this.p.availability);
    hromadas.codes.forEach((code, h) => {
      if (!this.codeIndex.has(code)) this.codeIndex.set(code, h);
    });
    const n = (this.n = demand.count);
    const nh = (this.nh = hromadas.count);
    this.dxyz = new Float64Array(3 * n);
    this.mpkTime = new Float64Array(n);
    this.mpk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lo = demand.lon[i]!;
      const la = demand.lat[i]!;
      if (!(Number.isFinite(lo) && Number.isFinite(la) && Math.abs(la) <= 90 && Math.abs(lo) <= 180))
        throw new Error(
          `Demand unit ${i} ("${demand.ids[i]}"): coordinates lon ${lo}, lat ${la} are not valid WGS84 degrees.`,
        );
      unitVector(lo, la, this.dxyz, 3 * i);
      const a = Math.abs(demand.lat[i]!);
      if (a > this.maxAbsLat) this.maxAbsLat = a;
    }
    // demand grid: cell bounding boxes let an added facility skip whole cells
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    const g = (this.dgrid = buildGrid(demand.lon, demand.lat, all, 1, DEMAND_PER_CELL));
    const nc = g.nx * g.ny;
    this.unitCell = new Int32Array(n);
    this.cellMinLon = new Float64Array(nc).fill(Infinity);
    this.cellMaxLon = new Float64Array(nc).fill(-Infinity);
    this.cellMinLat = new Float64Array(nc).fill(Infinity);
    this.cellMaxLat = new Float64Array(nc).fill(-Infinity);
    this.cellMinMpk = new Float64Array(nc);
    this.cellMaxMpk = new Float64Array(nc);
    this.cellCLon = new Float64Array(nc);
    this.cellCLat = new Float64Array(nc);
    this.cellCxyz = new Float64Array(3 * nc);
    this.cellRad = new Float64Array(nc);
    for (let cell = 0; cell < nc; cell++) {
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
        const i = g.items[k]!;
        this.unitCell[i] = cell;
        const lo = demand.lon[i]!;
        const la = demand.lat[i]!;
        if (lo < this.cellMinLon[cell]!) this.cellMinLon[cell] = lo;
        if (lo > this.cellMaxLon[cell]!) this.cellMaxLon[cell] = lo;
        if (la < this.cellMinLat[cell]!) this.cellMinLat[cell] = la;
        if (la > this.cellMaxLat[cell]!) this.cellMaxLat[cell] = la;
      }
      if (g.start[cell]! === g.start[cell + 1]!) continue;
      this.cellCLon[cell] = (this.cellMinLon[cell]! + this.cellMaxLon[cell]!) / 2;
      this.cellCLat[cell] = (this.cellMinLat[cell]! + this.cellMaxLat[cell]!) / 2;
      unitVector(this.cellCLon[cell]!, this.cellCLat[cell]!, this.cellCxyz, 3 * cell);
      let rad = 0;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
        const i = g.items[k]!;
        const ex = this.dxyz[3 * i]! - this.cellCxyz[3 * cell]!;
        const ey = this.dxyz[3 * i + 1]! - this.cellCxyz[3 * cell + 1]!;
        const ez = this.dxyz[3 * i + 2]! - this.cellCxyz[3 * cell + 2]!;
        rad = Math.max(rad, chordToKm(ex * ex + ey * ey + ez * ez));
      }
      this.cellRad[cell] = rad * (1 + 1e-9) + 1e-9;
    }
    // hromada → units (CSR), last bucket = outside every hromada
    this.hStart = new Int32Array(nh + 2);
    for (let i = 0; i < n; i++) {
      const h = demand.hromada[i]!;
      this.hStart[(h >= 0 && h < nh ? h : nh) + 1]!++;
    }
    let maxUnits = 0;
    for (let h = 0; h <= nh; h++) {
      maxUnits = Math.max(maxUnits, this.hStart[h + 1]!);
      this.hStart[h + 1]! += this.hStart[h]!;
    }
    this.hUnits = new Int32Array(n);
    const fill = this.hStart.slice(0, nh + 1);
    for (let i = 0; i < n; i++) {
      const h = demand.hromada[i]!;
      this.hUnits[fill[h >= 0 && h < nh ? h : nh]!++] = i;
    }
    this.scratch = statsScratch(maxUnits);
    const oblastIndex = new Map<string, number>();
    this.oblastOf = new Int32Array(nh);
    for (let h = 0; h < nh; h++) {
      const name = hromadas.oblasts[h] ?? '';
      let o = oblastIndex.get(name);
      if (o === undefined) {
        o = this.oblastNames.length;
        oblastIndex.set(name, o);
        this.oblastNames.push(name);
        this.oblastNamesEn.push(hromadas.oblastsEn[h] ?? '');
      }
      this.oblastOf[h] = o;
    }
    this.stampA = new Int32Array(n);
    this.stampM = new Int32Array(n);
    this.changedUnits = new IndexSet(n);
    this.touchedCells = new IndexSet(Math.max(1, nc));
    this.st = SERVICES.map((service) => this.newServiceState(service, nc));
  }

  protected newServiceState(service: Service, nc: number): ServiceState {
    const n = this.n;
    const nearest = new Int32Array(n);
    const backup = new Int32Array(n);
    const minutes = new Float64Array(n);
    const backupMinutes = new Float64Array(n);
    const covered = new Uint8Array(n);
    const statsAll = emptyStats(service, this.nh + 1);
    const nh = this.nh;
    return {
      service,
      bit: SERVICE_BIT[service],
      active: new Uint8Array(0),
      grid: buildGrid(new Float64Array(0), new Float64Array(0), new Int32Array(0), 1),
      minTurn: Infinity,
      nearest,
      backup,
      m1: new Float64Array(n),
      m2: new Float64Array(n),
      minutes,
      backupMinutes,
      covered,
      normUrban: 0,
      normRural: 0,
      second: new Uint8Array(n),
      secondUrban: 0,
      secondRural: 0,
      avail: new Availability(n),
      cellMax: new Float64Array(nc),
      statsAll,
      statsView: statsView(statsAll, 0, nh),
      coverageView: { service, nearest, minutes, backup, backupMinutes, covered },
    };
  }

  // ───────────────────────────── facilities ─────────────────────────────

  protected ensureCapacity(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(16, need, this.cap * 2);
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.fxyz = grow(this.fxyz, 3 * cap);
    this.flon = grow(this.flon, cap);
    this.flat = grow(this.flat, cap);
    this.ftype = grow(this.ftype, cap);
    this.fassumed = grow(this.fassumed, cap);
    this.fhrom = grow(this.fhrom, cap);
    this.fturn = grow(this.fturn, cap);
    this.fturnTime = grow(this.fturnTime, cap);
    this.stampF = grow(this.stampF, cap);
    for (const st of this.st) st.active = grow(st.active, cap);
    this.cap = cap;
  }

  protected static check(f: Facility): void {
    if (!TYPE_CODE.has(f.type)) throw new Error(`Facility "${f.id}": unknown type "${String(f.type)}".`);
    if (f.status !== 'opened' && f.status !== 'planned')
      throw new Error(`Facility "${f.id}": unknown status "${String(f.status)}" (expected opened or planned).`);
    if (!(Number.isFinite(f.lon) && Number.isFinite(f.lat) && Math.abs(f.lat) <= 90 && Math.abs(f.lon) <= 180))
      throw new Error(`Facility "${f.id}": coordinates lon ${f.lon}, lat ${f.lat} are not valid WGS84 degrees.`);
  }

  protected writeSlot(slot: number, f: Facility | null): void {
    const old = this.slots[slot];
    if (old && this.idToSlot.get(old.id) === slot) this.idToSlot.delete(old.id);
    this.slots[slot] = f;
    if (this.mat && old) {
      const k = this.mat.keyOf.get(old.id);
      if (k !== undefined && this.slotOfKey[k] === slot) this.slotOfKey[k] = -1;
    }
    this.fassumed[slot] = f && isAssumedFacility(f) ? 1 : 0;
    this.fhrom[slot] = f?.hromadaCode != null ? (this.codeIndex.get(f.hromadaCode) ?? -1) : -1;
    if (!f) return;
    this.idToSlot.set(f.id, slot);
    if (this.mat) {
      const k = this.mat.keyOf.get(f.id);
      if (k !== undefined) this.slotOfKey[k] = slot;
    }
    unitVector(f.lon, f.lat, this.fxyz, 3 * slot);
    this.flon[slot] = f.lon;
    this.flat[slot] = f.lat;
    this.ftype[slot] = TYPE_CODE.get(f.type)!;
    const a = Math.abs(f.lat);
    if (a > this.maxAbsLat) this.maxAbsLat = a;
    this.c = cosSquaredBound(this.maxAbsLat);
  }

  protected loadFacilities(facilities: readonly Facility[]): void {
    const seen = new Set<string>();
    for (const f of facilities) {
      EngineBase.check(f);
      if (seen.has(f.id)) throw new Error(`Duplicate facility id "${f.id}".`);
      seen.add(f.id);
    }
    this.slots = [];
    this.idToSlot.clear();
    this.cap = 0;
    this.fxyz = new Float64Array(0);
    this.flon = new Float64Array(0);
    this.flat = new Float64Array(0);
    this.ftype = new Uint8Array(0);
    this.fassumed = new Uint8Array(0);
    this.fhrom = new Int32Array(0);
    this.fturn = new Float64Array(0);
    this.fturnTime = new Float64Array(0);
    this.stampF = new Int32Array(0);
    for (const st of this.st) st.active = new Uint8Array(0);
    this.ensureCapacity(facilities.length);
    facilities.forEach((f, slot) => this.writeSlot(slot, { ...f }));
  }

  protected isActive(slot: number, st: ServiceState): number {
    const f = this.slots[slot];
    if (!f) return 0;
    if (!(SERVES_MASK[this.ftype[slot]!]! & st.bit)) return 0;
    if (this.fassumed[slot] && !this.p.countAssumed) return 0;
    return f.status === 'opened' || this.p.includePlanned ? 1 : 0;
  }

  protected setTurnout(slot: number): void {
    const t = this.p.turnoutMin[FACILITY_TYPES[this.ftype[slot]!]!];
    this.fturnTime[slot] = t;
    this.fturn[slot] = this.p.coverageMode === 'distance' ? 0 : t;
  }

  protected rebuildGrid(st: ServiceState): void {
    const ids: number[] = [];
    let minTurn = Infinity;
    for (let s = 0; s < this.slots.length; s++) {
      if (!st.active[s]) continue;
      ids.push(s);
      if (this.fturn[s]! < minTurn) minTurn = this.fturn[s]!;
    }
    st.grid = buildGrid(this.flon, this.flat, Int32Array.from(ids), 1, FACILITY_PER_CELL);
    st.minTurn = minTurn;
  }

  protected setMatrixInternal(matrix: TravelMatrix | null): void {
    this.matrixSrc = matrix;
    if (!matrix) {
      this.mat = null;
      this.slotOfKey = new Int32Array(0);
      return;
    }
    const ids = new Set<string>();
    for (const f of this.slots) if (f) ids.add(f.id);
    const mat = compileMatrix(matrix, this.demand.ids, ids);
    this.mat = mat;
    this.slotOfKey = new Int32Array(mat.facilityIds.length).fill(-1);
    mat.facilityIds.forEach((id, k) => (this.slotOfKey[k] = this.idToSlot.get(id) ?? -1));
  }

  /** True when the ranking uses a matrix (time mode with a matrix). */
  protected get useMatrix(): boolean {
    return this.mat !== null && this.p.coverageMode === 'time';
  }

  protected state(service: Service): ServiceState {
    const k = SERVICES.indexOf(service);
    if (k < 0) throw new Error(`Unknown service "${String(service)}".`);
    return this.st[k]!;
  }

  /** Slot of a facility id. @throws if unknown */
  slotOf(id: string): number {
    const s = this.idToSlot.get(id);
    if (s === undefined) throw new Error(`Unknown facility id "${id}".`);
    return s;
  }

  /** Recomputes everything (both services) from scratch (engine-edits.ts). */
  abstract compute(): void;
}
