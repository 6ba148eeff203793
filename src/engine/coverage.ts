/**
 * The coverage engine: for every demand unit and service, the nearest and second-nearest facility in response
 * minutes, the covered flag, and per-hromada / oblast / national statistics; updated incrementally when one
 * facility is added, moved, retyped or removed.
 *
 * How the search stays exact without an O(N×M) scan: facilities of each service sit in a uniform lon/lat grid;
 * a demand unit visits rings of cells outward and stops when a conservative lower bound on the response time of
 * anything farther out (the smallest turnout of the service + a great-circle lower bound × the unit's minutes per
 * km) exceeds its current backup. Candidates are scored with the exact formula, so results equal the brute force
 * ({@link bruteForceCoverage}) bit for bit. Ties in minutes go to the lower facility slot.
 */
import { Availability, missFactors, type ReachInput } from './availability';
import { firstDueFromUnits, type FirstDueFrom } from './cross-border';
import * as grid from './grid';
import { buildGrid, cosSquaredBound, type Grid } from './grid';
import { compileMatrix, type CompiledMatrix } from './matrix';
import * as stats from './stats';
import { emptyStats, statsScratch, statsView, sumTotals, type StatsScratch } from './stats';
import * as travel from './travel';
import { minutesPerKm, unitVector } from './travel';
import { secondCoveredFlags, secondThresholds } from './second-unit';
import type { RoadGraph } from './roads/graph';
import { RoadTravel } from './roads/model';
import type { RoadSource } from './roads/search';
import { UNIT_MODEL_MATRIX, UNIT_MODEL_ROAD, UNIT_MODEL_STRAIGHT } from './roads/model';
import {
  DEFAULT_PARAMS,
  FACILITY_TYPES,
  SERVICES,
  SERVICES_OF,
  type DemandTable,
  type EditResult,
  type Facility,
  type FacilityType,
  type HromadaStats,
  type HromadaTable,
  type ModelParams,
  type OblastTotals,
  type Service,
  type ServiceCoverage,
  type Totals,
  type TravelMatrix,
  isAssumedFacility,
  isOccupiedCode,
} from './types';

// Module-local copies: hot loops must not go through cross-module live bindings (getters under tsx/CJS).
const EARTH_RADIUS_KM = travel.EARTH_RADIUS_KM;
const RAD = travel.RAD;
const chordToKm = travel.chordToKm;
const lowerBoundKm = grid.lowerBoundKm;
const BOUND_SLACK = grid.BOUND_SLACK;
const computeHromadaStats = stats.computeHromadaStats;

const TYPE_CODE = new Map<FacilityType, number>(FACILITY_TYPES.map((t, k) => [t, k]));
/** Service bit mask per facility type code: fire = 1, police = 2. */
const SERVES_MASK = Uint8Array.from(FACILITY_TYPES, (t) => SERVICES_OF[t].reduce((m, s) => m | (s === 'fire' ? 1 : 2), 0));
const SERVICE_BIT: Record<Service, number> = { fire: 1, police: 2 };
/** Average number of active facilities per search-grid cell. */
const FACILITY_PER_CELL = 2;
/** Average number of demand units per demand-grid cell (used to find units an added facility can improve). */
const DEMAND_PER_CELL = 24;

/** What a top-2 search over a set of facilities reads and writes (a ServiceState, or the road model's shadow). */
type SearchState = Pick<ServiceState, 'grid' | 'minTurn' | 'active' | 'nearest' | 'backup' | 'm1' | 'm2'>;

interface ServiceState {
  service: Service;
  bit: number;
  /** 1 when slot is active for this service. */
  active: Uint8Array;
  grid: Grid;
  /** Smallest ranking turnout among active facilities (Infinity if none). */
  minTurn: number;
  nearest: Int32Array;
  backup: Int32Array;
  /** Ranking metric of nearest / backup: minutes in time mode, straight-line km in distance mode. */
  m1: Float64Array;
  m2: Float64Array;
  minutes: Float64Array;
  backupMinutes: Float64Array;
  covered: Uint8Array;
  normUrban: number;
  normRural: number;
  /** 1 per unit when covered twice (backup within the second-unit norm); its thresholds in the ranking metric. */
  second: Uint8Array;
  secondUrban: number;
  secondRural: number;
  /** Counts of active facilities within the norm per type per unit, and the miss probability (availability.ts). */
  avail: Availability;
  /** Per demand-grid cell: the largest m2 of its units. */
  cellMax: Float64Array;
  /** Per hromada, plus one last entry for units outside every hromada. */
  statsAll: HromadaStats;
  statsView: HromadaStats;
  coverageView: ServiceCoverage;
}

/** Growable list of unique indices (marked by a stamp array). */
class IndexSet {
  list: Int32Array;
  size = 0;
  private readonly mark: Uint8Array;
  constructor(n: number) {
    this.mark = new Uint8Array(n);
    this.list = new Int32Array(64);
  }
  add(i: number): void {
    if (this.mark[i]) return;
    this.mark[i] = 1;
    if (this.size === this.list.length) {
      const l = new Int32Array(this.size * 2);
      l.set(this.list);
      this.list = l;
    }
    this.list[this.size++] = i;
  }
  /** Sorted copy of the members; clears the set. */
  take(): Int32Array {
    const out = this.list.slice(0, this.size).sort();
    for (let k = 0; k < this.size; k++) this.mark[this.list[k]!] = 0;
    this.size = 0;
    return out;
  }
}

/**
 * Computes and maintains coverage for a demand table and a facility list.
 *
 * Facilities live in slots, in the order given; `nearest`/`backup` are slots. Adding appends a slot; removing
 * leaves the slot empty (`facility(slot) === null`) so other units' slots stay valid — call
 * `setFacilities(engine.liveFacilities())` to compact. Inactive facilities (other service, or planned without
 * `includePlanned`) keep their slot but are never chosen.
 *
 * All result arrays are live views owned by the engine: they change on every edit or recompute. Copy them
 * (`slice()`) before transferring them to another thread.
 *
 * @example
 * const engine = new CoverageEngine(demand, hromadas, facilities); // DEFAULT_PARAMS, computes at once
 * engine.coverage('fire').minutes[0];          // minutes to the nearest fire facility of demand unit 0
 * engine.stats('fire').share[h];               // covered share of hromada h
 * const r = engine.addFacility({ ...f, id: 'user-1', type: 'local_fire_department' });
 * r.demand; r.hromadas;                        // what to redraw
 */
export class CoverageEngine {
  readonly demand: DemandTable;
  readonly hromadas: HromadaTable;
  private p: ModelParams;
  private readonly n: number;
  private readonly nh: number;
  // demand
  private readonly dxyz: Float64Array;
  /** Minutes per km of the time model, per unit. */
  private readonly mpkTime: Float64Array;
  /** Ranking minutes per km: mpkTime in time mode, 1 in distance mode. */
  private readonly mpk: Float64Array;
  private readonly dgrid: Grid;
  private readonly unitCell: Int32Array;
  private readonly cellMinLon: Float64Array;
  private readonly cellMaxLon: Float64Array;
  private readonly cellMinLat: Float64Array;
  private readonly cellMaxLat: Float64Array;
  private readonly cellMinMpk: Float64Array;
  private readonly cellMaxMpk: Float64Array;
  /** Per demand cell: centre lon/lat, its unit vector and the max exact km from the centre to a unit. */
  private readonly cellCLon: Float64Array;
  private readonly cellCLat: Float64Array;
  private readonly cellCxyz: Float64Array;
  private readonly cellRad: Float64Array;
  private candF = new Int32Array(64);
  private candLo = new Float64Array(64);
  private readonly hStart: Int32Array;
  private readonly hUnits: Int32Array;
  private readonly scratch: StatsScratch;
  private readonly oblastOf: Int32Array;
  private readonly oblastNames: string[] = [];
  private readonly oblastNamesEn: string[] = [];
  // facilities
  private slots: (Facility | null)[] = [];
  private readonly idToSlot = new Map<string, number>();
  private cap = 0;
  private fxyz = new Float64Array(0);
  private flon = new Float64Array(0);
  private flat = new Float64Array(0);
  private ftype = new Uint8Array(0);
  /** 1 for slots holding an assumed (illustrative) facility. */
  private fassumed = new Uint8Array(0);
  /** HromadaTable index of each slot's Facility.hromadaCode, -1 when unknown. */
  private fhrom = new Int32Array(0);
  private readonly codeIndex = new Map<string, number>();
  /** Per facility type 1 − availability. */
  private missF: Float64Array;
  /** Per hromada: 1 when occupied (TERRITORY_STATUSES code ≥ OCCUPIED_FROM) in the list in use. */
  private occupied: Uint8Array;
  /** Ranking turnout (time mode: turnout minutes; distance mode: 0). */
  private fturn = new Float64Array(0);
  private fturnTime = new Float64Array(0);
  private stampF = new Int32Array(0);
  private slotOfKey = new Int32Array(0);
  private c = 1;
  private maxAbsLat = 0;
  // matrix
  private matrixSrc: TravelMatrix | null = null;
  private mat: CompiledMatrix | null = null;
  private readonly stampA: Int32Array;
  private readonly stampM: Int32Array;
  private token = 0;
  private readonly st: ServiceState[];
  private readonly changedUnits: IndexSet;
  private readonly touchedCells: IndexSet;
  // road network (null: none attached); per service the straight-line search over off-graph facilities only
  private road: RoadTravel | null = null;
  private shadow: SearchState[] = [];
  private roadNodes: IndexSet | null = null;

  /**
   * @param demand demand units (located settlements and areal cells)
   * @param hromadas the hromada table DemandTable.hromada indexes
   * @param facilities facilities in slot order (ids must be unique)
   * @param params planning assumptions; default {@link DEFAULT_PARAMS}
   * @param matrix optional travel-time matrix (see {@link compileMatrix}); throws MatrixError on unknown ids
   */
  constructor(
    demand: DemandTable,
    hromadas: HromadaTable,
    facilities: readonly Facility[],
    params: ModelParams = DEFAULT_PARAMS,
    matrix: TravelMatrix | null = null,
  ) {
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
        throw new Error(`Demand unit ${i} ("${demand.ids[i]}"): coordinates lon ${lo}, lat ${la} are not valid WGS84 degrees.`);
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
    this.loadFacilities(facilities);
    this.setMatrixInternal(matrix);
    this.compute();
  }

  private newServiceState(service: Service, nc: number): ServiceState {
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

  private ensureCapacity(need: number): void {
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

  private static check(f: Facility): void {
    if (!TYPE_CODE.has(f.type)) throw new Error(`Facility "${f.id}": unknown type "${String(f.type)}".`);
    if (f.status !== 'opened' && f.status !== 'planned')
      throw new Error(`Facility "${f.id}": unknown status "${String(f.status)}" (expected opened or planned).`);
    if (!(Number.isFinite(f.lon) && Number.isFinite(f.lat) && Math.abs(f.lat) <= 90 && Math.abs(f.lon) <= 180))
      throw new Error(`Facility "${f.id}": coordinates lon ${f.lon}, lat ${f.lat} are not valid WGS84 degrees.`);
  }

  private writeSlot(slot: number, f: Facility | null): void {
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

  private loadFacilities(facilities: readonly Facility[]): void {
    const seen = new Set<string>();
    for (const f of facilities) {
      CoverageEngine.check(f);
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

  private isActive(slot: number, st: ServiceState): number {
    const f = this.slots[slot];
    if (!f) return 0;
    if (!(SERVES_MASK[this.ftype[slot]!]! & st.bit)) return 0;
    if (this.fassumed[slot] && !this.p.countAssumed) return 0;
    return f.status === 'opened' || this.p.includePlanned ? 1 : 0;
  }

  private setTurnout(slot: number): void {
    const t = this.p.turnoutMin[FACILITY_TYPES[this.ftype[slot]!]!];
    this.fturnTime[slot] = t;
    this.fturn[slot] = this.p.coverageMode === 'distance' ? 0 : t;
  }

  private rebuildGrid(st: ServiceState): void {
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

  private setMatrixInternal(matrix: TravelMatrix | null): void {
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
  private get useMatrix(): boolean {
    return this.mat !== null && this.p.coverageMode === 'time';
  }

  // ───────────────────────────── search ─────────────────────────────

  /** Finds nearest and backup of unit i for a service from scratch; writes m1/m2/nearest/backup only. */
  private searchUnit(st: SearchState, i: number): void {
    let bF = -1;
    let bM = Infinity;
    let sF = -1;
    let sM = Infinity;
    let tok = 0;
    const fturn = this.fturn;
    const active = st.active;
    if (this.useMatrix) {
      const mat = this.mat!;
      tok = ++this.token;
      const stampF = this.stampF;
      for (let k = mat.dStart[i]!; k < mat.dStart[i + 1]!; k++) {
        const f = this.slotOfKey[mat.dKey[k]!]!;
        if (f < 0 || !active[f]) continue;
        stampF[f] = tok;
        const m = fturn[f]! + mat.dMin[k]!;
        if (m < bM || (m === bM && f < bF)) {
          sM = bM;
          sF = bF;
          bM = m;
          bF = f;
        } else if (m < sM || (m === sM && f < sF)) {
          sM = m;
          sF = f;
        }
      }
      if (this.p.matrixFallback === 'unreachable') {
        st.nearest[i] = bF;
        st.backup[i] = sF;
        st.m1[i] = bM;
        st.m2[i] = sM;
        return;
      }
    }
    const g = st.grid;
    const nx = g.nx;
    const ny = g.ny;
    if (nx > 0) {
      const stampF = this.stampF;
      const fxyz = this.fxyz;
      const start = g.start;
      const items = g.items;
      const px = this.dxyz[3 * i]!;
      const py = this.dxyz[3 * i + 1]!;
      const pz = this.dxyz[3 * i + 2]!;
      const mp = this.mpk[i]!;
      const lon = this.demand.lon[i]!;
      const lat = this.demand.lat[i]!;
      const pcx = Math.floor((lon - g.lon0) / g.hLon);
      const pcy = Math.floor((lat - g.lat0) / g.hLat);
      const kStart = Math.max(0, -pcx, pcx - nx + 1, -pcy, pcy - ny + 1);
      const kMax = Math.max(pcx, nx - 1 - pcx, pcy, ny - 1 - pcy);
      const sqrtC = Math.sqrt(this.c);
      const lbScale = mp * EARTH_RADIUS_KM * (1 - 1e-12);
      for (let k = kStart; k <= kMax; k++) {
        if (k > 0) {
          // anything in ring ≥ k lies outside the square of rings < k
          const dLon = Math.min(lon - (g.lon0 + (pcx - k + 1) * g.hLon), g.lon0 + (pcx + k) * g.hLon - lon);
          const dLat = Math.min(lat - (g.lat0 + (pcy - k + 1) * g.hLat), g.lat0 + (pcy + k) * g.hLat - lat);
          // R·Δφ ≤ d, and 2R·asin(√C·sin(Δλ/2)) ≥ R·√C·Δλ·(1 − Δλ²/24) ≤ d (sin x ≥ x − x³/6, asin x ≥ x)
          const lbLat = EARTH_RADIUS_KM * dLat * RAD;
          const x = dLon * RAD;
          const poly = 1 - (x * x) / 24;
          const lbLon = poly > 0 ? EARTH_RADIUS_KM * sqrtC * x * poly : 0;
          const lb = lbLat < lbLon ? lbLat : lbLon;
          if (st.minTurn + mp * lb * BOUND_SLACK > sM) break;
        }
        const y0 = Math.max(0, pcy - k);
        const y1 = Math.min(ny - 1, pcy + k);
        for (let cy = y0; cy <= y1; cy++) {
          const edgeRow = cy === pcy - k || cy === pcy + k;
          const xStep = edgeRow ? 1 : 2 * k;
          for (let cx = pcx - k; cx <= pcx + k; cx += xStep === 0 ? 1 : xStep) {
            if (cx < 0 || cx >= nx) continue;
            const cell = cy * nx + cx;
            for (let j = start[cell]!; j < start[cell + 1]!; j++) {
              const f = items[j]!;
              if (tok !== 0 && stampF[f] === tok) continue;
              const ex = px - fxyz[3 * f]!;
              const ey = py - fxyz[3 * f + 1]!;
              const ez = pz - fxyz[3 * f + 2]!;
              const c2 = ex * ex + ey * ey + ez * ez;
              const t = fturn[f]!;
              // chord ≤ arc: a cheap lower bound before the asin
              if (t + lbScale * Math.sqrt(c2) > sM) continue;
              const m = t + mp * chordToKm(c2);
              if (m < bM || (m === bM && f < bF)) {
                sM = bM;
                sF = bF;
                bM = m;
                bF = f;
              } else if (m < sM || (m === sM && f < sF)) {
                sM = m;
                sF = f;
              }
            }
          }
        }
      }
    }
    st.nearest[i] = bF;
    st.backup[i] = sF;
    st.m1[i] = bM;
    st.m2[i] = sM;
  }

  /**
   * Batch search for all units of demand cell `cell`: one ring search from the cell centre collects the facilities
   * that can be in any unit's top two (lower bound ≤ the second-smallest upper bound, by the triangle inequality
   * through the centre), then each unit scores only those, cheapest lower bound first. Units with matrix entries
   * fall back to {@link searchUnit}.
   */
  private searchCell(st: ServiceState, cell: number): void {
    const dg = this.dgrid;
    const u0 = dg.start[cell]!;
    const u1 = dg.start[cell + 1]!;
    const useMatrix = this.useMatrix;
    if (useMatrix && this.p.matrixFallback === 'unreachable') {
      for (let k = u0; k < u1; k++) this.searchUnit(st, dg.items[k]!);
      return;
    }
    const g = st.grid;
    const nx = g.nx;
    const ny = g.ny;
    const fxyz = this.fxyz;
    const fturn = this.fturn;
    const candF = this.candF;
    const candLo = this.candLo;
    let nCand = 0;
    if (nx > 0) {
      const cx0 = this.cellCxyz[3 * cell]!;
      const cy0 = this.cellCxyz[3 * cell + 1]!;
      const cz0 = this.cellCxyz[3 * cell + 2]!;
      const rad = this.cellRad[cell]!;
      const mpMin = this.cellMinMpk[cell]!;
      const mpMax = this.cellMaxMpk[cell]!;
      const lon = this.cellCLon[cell]!;
      const lat = this.cellCLat[cell]!;
      const pcx = Math.floor((lon - g.lon0) / g.hLon);
      const pcy = Math.floor((lat - g.lat0) / g.hLat);
      const kStart = Math.max(0, -pcx, pcx - nx + 1, -pcy, pcy - ny + 1);
      const kMax = Math.max(pcx, nx - 1 - pcx, pcy, ny - 1 - pcy);
      const sqrtC = Math.sqrt(this.c);
      let u1b = Infinity; // smallest upper bound
      let u2b = Infinity; // second smallest
      for (let k = kStart; k <= kMax; k++) {
        if (k > 0) {
          const dLon = Math.min(lon - (g.lon0 + (pcx - k + 1) * g.hLon), g.lon0 + (pcx + k) * g.hLon - lon);
          const dLat = Math.min(lat - (g.lat0 + (pcy - k + 1) * g.hLat), g.lat0 + (pcy + k) * g.hLat - lat);
          const lbLat = EARTH_RADIUS_KM * dLat * RAD;
          const x = dLon * RAD;
          const poly = 1 - (x * x) / 24;
          const lbLon = poly > 0 ? EARTH_RADIUS_KM * sqrtC * x * poly : 0;
          const lb = (lbLat < lbLon ? lbLat : lbLon) - rad;
          if (lb > 0 && st.minTurn + mpMin * lb * BOUND_SLACK > u2b) break;
        }
        const y0 = Math.max(0, pcy - k);
        const y1 = Math.min(ny - 1, pcy + k);
        for (let cy = y0; cy <= y1; cy++) {
          const xStep = cy === pcy - k || cy === pcy + k || k === 0 ? 1 : 2 * k;
          for (let cx = pcx - k; cx <= pcx + k; cx += xStep) {
            if (cx < 0 || cx >= nx) continue;
            const gc = cy * nx + cx;
            for (let j = g.start[gc]!; j < g.start[gc + 1]!; j++) {
              const f = g.items[j]!;
              const ex = cx0 - fxyz[3 * f]!;
              const ey = cy0 - fxyz[3 * f + 1]!;
              const ez = cz0 - fxyz[3 * f + 2]!;
              const dc = chordToKm(ex * ex + ey * ey + ez * ez);
              const t = fturn[f]!;
              const lo = dc > rad ? (t + mpMin * (dc - rad)) * BOUND_SLACK : t * BOUND_SLACK;
              if (lo > u2b) continue;
              const up = (t + mpMax * (dc + rad)) * (2 - BOUND_SLACK);
              if (up < u1b) {
                u2b = u1b;
                u1b = up;
              } else if (up < u2b) u2b = up;
              // insertion by lower bound
              let p = nCand++;
              while (p > 0 && candLo[p - 1]! > lo) {
                candLo[p] = candLo[p - 1]!;
                candF[p] = candF[p - 1]!;
                p--;
              }
              candLo[p] = lo;
              candF[p] = f;
            }
          }
        }
      }
      while (nCand > 0 && candLo[nCand - 1]! > u2b) nCand--;
    }
    const mat = this.mat;
    for (let k = u0; k < u1; k++) {
      const i = dg.items[k]!;
      if (useMatrix && mat!.dStart[i]! < mat!.dStart[i + 1]!) {
        this.searchUnit(st, i);
        continue;
      }
      const px = this.dxyz[3 * i]!;
      const py = this.dxyz[3 * i + 1]!;
      const pz = this.dxyz[3 * i + 2]!;
      const mp = this.mpk[i]!;
      const lbScale = mp * EARTH_RADIUS_KM * (1 - 1e-12);
      let bF = -1;
      let bM = Infinity;
      let sF = -1;
      let sM = Infinity;
      for (let c = 0; c < nCand; c++) {
        if (candLo[c]! > sM) break;
        const f = candF[c]!;
        const ex = px - fxyz[3 * f]!;
        const ey = py - fxyz[3 * f + 1]!;
        const ez = pz - fxyz[3 * f + 2]!;
        const c2 = ex * ex + ey * ey + ez * ez;
        const t = fturn[f]!;
        if (t + lbScale * Math.sqrt(c2) > sM) continue;
        const m = t + mp * chordToKm(c2);
        if (m < bM || (m === bM && f < bF)) {
          sM = bM;
          sF = bF;
          bM = m;
          bF = f;
        } else if (m < sM || (m === sM && f < sF)) {
          sM = m;
          sF = f;
        }
      }
      st.nearest[i] = bF;
      st.backup[i] = sF;
      st.m1[i] = bM;
      st.m2[i] = sM;
    }
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
      return road.pairMinutes(f, this.fturnTime[f]! + road.fleg[f]!, i, Math.max(this.p.reachCapMin.fire, this.p.reachCapMin.police));
    }
    return this.fturnTime[f]! + this.mpkTime[i]! * this.pairKm(i, f);
  }

  /** Straight-line (great-circle) km between unit i and slot f. */
  pairKm(i: number, f: number): number {
    const ex = this.dxyz[3 * i]! - this.fxyz[3 * f]!;
    const ey = this.dxyz[3 * i + 1]! - this.fxyz[3 * f + 1]!;
    const ez = this.dxyz[3 * i + 2]! - this.fxyz[3 * f + 2]!;
    return chordToKm(ex * ex + ey * ey + ez * ez);
  }

  /** From m1/m2 to minutes and covered. */
  private finishUnit(st: ServiceState, i: number): void {
    if (this.p.coverageMode === 'time') {
      st.minutes[i] = st.m1[i]!;
      st.backupMinutes[i] = st.m2[i]!;
      st.covered[i] = st.m1[i]! <= (this.demand.urban[i] ? st.normUrban : st.normRural) ? 1 : 0;
      st.second[i] = st.m2[i]! <= (this.demand.urban[i] ? st.secondUrban : st.secondRural) ? 1 : 0;
    } else {
      const f = st.nearest[i]!;
      const b = st.backup[i]!;
      st.minutes[i] = f < 0 ? Infinity : this.fturnTime[f]! + this.mpkTime[i]! * this.pairKm(i, f);
      st.backupMinutes[i] = b < 0 ? Infinity : this.fturnTime[b]! + this.mpkTime[i]! * this.pairKm(i, b);
      st.covered[i] = st.m1[i]! <= this.p.coverageKm ? 1 : 0;
      st.second[i] = st.m2[i]! <= this.p.coverageKm ? 1 : 0;
    }
  }

  private updateCellMax(st: ServiceState, cell: number): void {
    const g = this.dgrid;
    let mx = -Infinity;
    for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
      const v = st.m2[g.items[k]!]!;
      if (v > mx) mx = v;
    }
    st.cellMax[cell] = mx;
  }

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
    for (const st of this.st) {
      for (let s = 0; s < this.slots.length; s++) st.active[s] = this.isActive(s, st);
      this.rebuildGrid(st);
      if (this.candF.length < this.slots.length) {
        this.candF = new Int32Array(this.slots.length);
        this.candLo = new Float64Array(this.slots.length);
      }
      const nc = g.nx * g.ny;
      for (let cell = 0; cell < nc; cell++) if (g.start[cell]! < g.start[cell + 1]!) this.searchCell(st, cell);
      if (roadOn) this.roadCompute(st);
      this.refreshCovered(st, true);
    }
  }

  /**
   * Norms → covered and covered-twice flags, miss probabilities (with `recount`, the counts of facilities within the
   * norm are searched again first), cell bounds and all statistics of a service.
   */
  private refreshCovered(st: ServiceState, recount: boolean): void {
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

  private hromadaStats(st: ServiceState, h: number): void {
    computeHromadaStats(st.statsAll, h, this.demand, this.hUnits, this.hStart[h]!, this.hStart[h + 1]!, st.minutes, st.covered, this.scratch, {
      nearest: st.nearest,
      slotAssumed: this.fassumed,
      reachCap: this.p.reachCapMin[st.service],
      secondCovered: st.second,
      missProb: st.avail.missProb,
      slotHromada: this.fhrom,
      oblastOf: this.oblastOf,
      hromada: h < this.nh ? h : -1,
    });
  }

  /** What the availability searches read (rebuilt per call: facility arrays may have been reallocated). */
  private reach(st: ServiceState): ReachInput {
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
  private matrixKey(slot: number): number | undefined {
    const f = this.slots[slot];
    return f && this.useMatrix ? this.mat!.keyOf.get(f.id) : undefined;
  }

  // ───────────────────────────── edits ─────────────────────────────

  /**
   * Applies a change to one slot: `mutate` rewrites the slot; units whose nearest/backup was the slot are searched
   * again, units the (new) facility beats are updated in place, then the touched hromadas' statistics.
   */
  private applyEdit(slot: number, next: Facility | null): EditResult {
    const was = this.st.map((st) => (slot < this.slots.length ? st.active[slot]! : 0));
    const changed = this.changedUnits;
    const road = this.roadOn ? this.road : null;
    // the slot's road source as it was seeded, before the slot changes
    const oldNode = road && slot < road.fnode.length ? road.fnode[slot]! : -1;
    const oldSrc: RoadSource | null = oldNode >= 0 ? { slot, node: oldNode, offset: this.fturn[slot]! + road!.fleg[slot]! } : null;
    // availability: take the slot's old contribution out while its old position, type and turnout are in place
    for (let s = 0; s < this.st.length; s++) if (was[s]) this.st[s]!.avail.apply(this.reach(this.st[s]!), slot, -1, this.matrixKey(slot), changed);
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
   * Updates units (not stamped `aTok`) that slot f beats; marks them changed. Units flagged in `skip` (on-graph units,
   * when f is on the road graph: the road search updates them) are left to the road model's straight-line part.
   */
  private insertFacility(st: ServiceState, f: number, aTok: number, skip: Uint8Array | null): void {
    const t = this.fturn[f]!;
    const mTok = ++this.token;
    if (this.useMatrix) {
      const mat = this.mat!;
      const key = mat.keyOf.get(this.slots[f]!.id);
      if (key !== undefined) {
        for (let k = mat.fStart[key]!; k < mat.fStart[key + 1]!; k++) {
          const i = mat.fDemand[k]!;
          this.stampM[i] = mTok;
          if (this.stampA[i] !== aTok) this.tryInsert(st, i, t + mat.fMin[k]!, f);
        }
      }
      if (this.p.matrixFallback === 'unreachable') return;
    }
    const g = this.dgrid;
    const nc = g.nx * g.ny;
    const lon = this.flon[f]!;
    const lat = this.flat[f]!;
    const fx = this.fxyz[3 * f]!;
    const fy = this.fxyz[3 * f + 1]!;
    const fz = this.fxyz[3 * f + 2]!;
    const c = this.c;
    for (let cell = 0; cell < nc; cell++) {
      const mx = st.cellMax[cell]!;
      if (mx === -Infinity) continue; // empty cell
      const dLat = Math.max(0, this.cellMinLat[cell]! - lat, lat - this.cellMaxLat[cell]!);
      const dLon = Math.max(0, this.cellMinLon[cell]! - lon, lon - this.cellMaxLon[cell]!);
      if (t + this.cellMinMpk[cell]! * lowerBoundKm(dLat, dLon, c) * BOUND_SLACK > mx) continue;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
        const i = g.items[k]!;
        if (this.stampA[i] === aTok || this.stampM[i] === mTok || (skip !== null && skip[i] === 1)) continue;
        const ex = this.dxyz[3 * i]! - fx;
        const ey = this.dxyz[3 * i + 1]! - fy;
        const ez = this.dxyz[3 * i + 2]! - fz;
        this.tryInsert(st, i, t + this.mpk[i]! * chordToKm(ex * ex + ey * ey + ez * ez), f);
      }
    }
  }

  private tryInsert(st: ServiceState, i: number, m: number, f: number): void {
    const bM = st.m1[i]!;
    const bF = st.nearest[i]!;
    if (m < bM || (m === bM && f < bF)) {
      st.m2[i] = bM;
      st.backup[i] = bF;
      st.m1[i] = m;
      st.nearest[i] = f;
    } else {
      const sM = st.m2[i]!;
      if (m < sM || (m === sM && f < st.backup[i]!)) {
        st.m2[i] = m;
        st.backup[i] = f;
      } else return;
    }
    this.finishUnit(st, i);
    this.changedUnits.add(i);
    this.touchedCells.add(this.unitCell[i]!);
  }

  /**
   * Adds a facility in a new slot (ids must be unique).
   * @returns the slot and the demand units / hromadas whose results were recomputed
   */
  addFacility(f: Facility): EditResult {
    CoverageEngine.check(f);
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
    CoverageEngine.check(f);
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
    CoverageEngine.check(f);
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
      JSON.stringify(old.normMin) !== JSON.stringify(params.normMin) || (params.coverageMode === 'distance' && old.coverageKm !== params.coverageKm);
    if (same) for (const st of this.st) this.refreshCovered(st, recount);
    else this.compute();
  }

  // ───────────────────────────── road network ─────────────────────────────

  /**
   * Attaches a road graph (or detaches it with null) and recomputes. With `travelModel: 'road'` (time mode), units and
   * facilities within `roads.snapMaxKm` of a road node take road minutes; the rest keep the straight-line model.
   */
  setRoadGraph(graph: RoadGraph | null): void {
    this.road = graph ? new RoadTravel(graph, this.demand.lon, this.demand.lat, this.st.length) : null;
    this.roadNodes = graph ? new IndexSet(Math.max(1, graph.nodeCount)) : null;
    this.shadow = graph ? this.st.map(() => this.newSearchState()) : [];
    this.compute();
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
    return this.roadOn ? this.road!.labels[SERVICES.indexOf(service)]!.d1 : null;
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

  private newSearchState(): SearchState {
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

  /** The service's active on-graph facilities as road sources. */
  private roadSources(st: ServiceState, except: number): RoadSource[] {
    const road = this.road!;
    const out: RoadSource[] = [];
    for (let s = 0; s < this.slots.length; s++)
      if (s !== except && st.active[s] && road.fnode[s]! >= 0) out.push({ slot: s, node: road.fnode[s]!, offset: this.fturn[s]! + road.fleg[s]! });
    return out;
  }

  /** The road model's part of the availability searches (see ReachInput.skipFor / roadReach). */
  private roadReach(st: ServiceState): Pick<ReachInput, 'skipFor' | 'roadReach'> {
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
        road.bounded.run(road.graph, road.w, node, this.fturn[slot]! + road.fleg[slot]!, limit, (v, d) =>
          road.unitsAt(v, (i) => {
            if (d + road.unitLeg[i]! <= (urban[i] ? thrU : thrR)) visit(i);
          }),
        );
      },
    };
  }

  /** The shadow search of service k: active facilities off the graph (straight-line candidates of on-graph units). */
  private rebuildShadow(st: ServiceState, k: number): void {
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

  /** Full road search of a service and the on-graph units' top two (after the straight-line pass of all units). */
  private roadCompute(st: ServiceState): void {
    const k = this.st.indexOf(st);
    const road = this.road!;
    road.full(k, this.roadSources(st, -1), this.p.reachCapMin[st.service]);
    this.rebuildShadow(st, k);
    for (let i = 0; i < this.n; i++) if (road.onGraph[i]) this.roadUnit(st, k, i);
  }

  /**
   * Top two of an on-graph unit: road labels of its node (+ its off-road leg) for on-graph facilities, the straight
   * line for off-graph ones (the shadow search), a matrix's listed pairs over both (listed facilities' road labels are
   * not used for this unit).
   */
  private roadUnit(st: ServiceState, k: number, i: number): void {
    const road = this.road!;
    const sh = this.shadow[k]!;
    this.searchUnit(sh, i);
    let bF = sh.nearest[i]!;
    let bM = sh.m1[i]!;
    let sF = sh.backup[i]!;
    let sM = sh.m2[i]!;
    const consider = (m: number, f: number): void => {
      if (f === bF || f === sF) return;
      if (m < bM || (m === bM && f < bF)) {
        sM = bM;
        sF = bF;
        bM = m;
        bF = f;
      } else if (m < sM || (m === sM && f < sF)) {
        sM = m;
        sF = f;
      }
    };
    let tok = 0;
    if (this.useMatrix) {
      const mat = this.mat!;
      tok = ++this.token;
      for (let j = mat.dStart[i]!; j < mat.dStart[i + 1]!; j++) {
        const f = this.slotOfKey[mat.dKey[j]!]!;
        if (f < 0 || !st.active[f]) continue;
        this.stampF[f] = tok;
        if (road.fnode[f]! >= 0) consider(this.fturn[f]! + mat.dMin[j]!, f);
      }
    }
    if (!(this.useMatrix && this.p.matrixFallback === 'unreachable')) {
      const L = road.labels[k]!;
      const v = road.unitNode[i]!;
      const leg = road.unitLeg[i]!;
      const a = L.s1[v]!;
      if (a >= 0 && (tok === 0 || this.stampF[a] !== tok)) consider(L.d1[v]! + leg, a);
      const b = L.s2[v]!;
      if (b >= 0 && (tok === 0 || this.stampF[b] !== tok)) consider(L.d2[v]! + leg, b);
    }
    st.nearest[i] = bF;
    st.backup[i] = sF;
    st.m1[i] = bM;
    st.m2[i] = sM;
  }

  /**
   * The road part of an edit of `slot` for service k: the old source out, the new one in (incremental label
   * updates), the shadow rebuilt, and the units on every node whose labels changed searched again (stamped aTok).
   */
  private roadEdit(st: ServiceState, k: number, slot: number, oldSrc: RoadSource | null, isActive: number, aTok: number): void {
    const road = this.road!;
    const nodes = this.roadNodes!;
    const cap = this.p.reachCapMin[st.service];
    const mark = (v: number): void => nodes.add(v);
    if (oldSrc) road.remove(k, oldSrc, this.roadSources(st, slot), cap, mark);
    if (isActive && road.fnode[slot]! >= 0) road.add(k, { slot, node: road.fnode[slot]!, offset: this.fturn[slot]! + road.fleg[slot]! }, cap, mark);
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

  // ───────────────────────────── results ─────────────────────────────

  /** A copy of the current parameters. */
  get params(): ModelParams {
    return structuredClone(this.p);
  }

  /** Number of facility slots (including emptied ones). */
  get slotCount(): number {
    return this.slots.length;
  }

  /** The facility in a slot, or null if removed / out of range. */
  facility(slot: number): Facility | null {
    return this.slots[slot] ?? null;
  }

  /** Slot of a facility id. @throws if unknown */
  slotOf(id: string): number {
    const s = this.idToSlot.get(id);
    if (s === undefined) throw new Error(`Unknown facility id "${id}".`);
    return s;
  }

  /** The live facilities in slot order. */
  liveFacilities(): Facility[] {
    return this.slots.filter((f): f is Facility => f !== null);
  }

  /**
   * Number of facilities active for a service. 0 is the "no facilities of this service" flag: then every unit has
   * nearest -1, minutes Infinity and covered 0.
   */
  activeCount(service: Service): number {
    const st = this.state(service);
    let n = 0;
    for (let s = 0; s < this.slots.length; s++) n += st.active[s]!;
    return n;
  }

  /** Whether slot is active for the service (serves it; opened, or planned with includePlanned). */
  isActiveFor(slot: number, service: Service): boolean {
    return slot < this.slots.length && this.st[SERVICES.indexOf(service)]!.active[slot] === 1;
  }

  /** Per-unit results of a service (live arrays, see class note). */
  coverage(service: Service): ServiceCoverage {
    return this.state(service).coverageView;
  }

  /** Per-unit results of both services. */
  results(): Record<Service, ServiceCoverage> {
    return { fire: this.coverage('fire'), police: this.coverage('police') };
  }

  /**
   * Straight-line km of the ranking metric of the nearest facility in distance mode (what `covered` compares to
   * coverageKm); in time mode the nearest's response minutes.
   */
  rankingMetric(service: Service): Float64Array {
    return this.state(service).m1;
  }

  /** Per-hromada statistics of a service, indexed like the HromadaTable (live arrays). */
  stats(service: Service): HromadaStats {
    return this.state(service).statsView;
  }

  /** Statistics of the demand units outside every hromada, as a one-entry HromadaStats. */
  outsideStats(service: Service): HromadaStats {
    return statsView(this.state(service).statsAll, this.nh);
  }

  /**
   * National totals of a service for the territory under Ukrainian control: every demand unit but those of
   * occupied hromadas (see {@link occupiedTotals}); units outside every hromada count here.
   */
  totals(service: Service): Totals {
    const a = this.state(service).statsAll;
    return sumTotals(a, 0, this.nh + 1, null, -1, this.occupied, 0);
  }

  /** National totals of a service over occupied hromadas only (reported beside the controlled totals). */
  occupiedTotals(service: Service): Totals {
    const a = this.state(service).statsAll;
    return sumTotals(a, 0, this.nh, null, -1, this.occupied, 1);
  }

  /**
   * Totals per oblast (in order of first appearance in the HromadaTable) for controlled territory, with the oblast's
   * occupied hromadas in `occupied`.
   */
  oblastTotals(service: Service): OblastTotals[] {
    const a = this.state(service).statsAll;
    return this.oblastNames.map((oblast, o) => ({
      oblast,
      oblastEn: this.oblastNamesEn[o]!,
      ...sumTotals(a, 0, this.nh, this.oblastOf, o, this.occupied, 0),
      occupied: sumTotals(a, 0, this.nh, this.oblastOf, o, this.occupied, 1),
    }));
  }

  /**
   * Sets the territory status per hromada (TERRITORY_STATUSES codes, as HromadaTable.status) from the list in use.
   * Only the split of totals between controlled and occupied territory changes; per-unit results do not.
   */
  setTerritory(status: Uint8Array): void {
    if (status.length !== this.nh) throw new Error(`Territory status has ${status.length} entries, expected ${this.nh} (one per hromada).`);
    this.hromadas.status = status;
    this.occupied = occupiedFlags(status, this.nh);
  }

  /** 1 per hromada when occupied in the list in use. */
  occupiedFlags(): Uint8Array {
    return this.occupied;
  }

  /** 1 per slot when the slot holds an assumed (illustrative) facility. */
  assumedSlots(): Uint8Array {
    return this.fassumed.subarray(0, this.slots.length);
  }

  /** Population whose first-due (nearest) facility is each slot, for a service. */
  servedPopulation(service: Service): Float64Array {
    const st = this.state(service);
    const out = new Float64Array(this.slots.length);
    for (let i = 0; i < this.n; i++) {
      const f = st.nearest[i]!;
      if (f >= 0) out[f]! += this.demand.population[i]!;
    }
    return out;
  }

  /** Facilities serving hromada h first-due within the reach cap, with the population each serves there, largest first. */
  firstDue(service: Service, h: number): { slot: number; population: number }[] {
    const st = this.state(service);
    const cap = this.p.reachCapMin[service];
    const by = new Map<number, number>();
    for (let k = this.hStart[h]!; k < this.hStart[h + 1]!; k++) {
      const i = this.hUnits[k]!;
      const f = st.nearest[i]!;
      // a unit reaching people only beyond the reach cap does not reach them: it is nobody's first-due
      if (f >= 0 && st.minutes[i]! <= cap) by.set(f, (by.get(f) ?? 0) + this.demand.population[i]!);
    }
    return [...by].map(([slot, population]) => ({ slot, population })).sort((a, b) => b.population - a.population || a.slot - b.slot);
  }

  /**
   * Per demand unit, the probability that no active unit within its norm is available: ∏(1 − a_type) over the active
   * facilities within the norm (time mode: minutes ≤ the arrival norm of its class; distance mode: km ≤ coverageKm),
   * a = ModelParams.availability, units assumed independent; 1 when none is within the norm. Expected coverage is
   * `1 − missProbability[i]`. Live array (see the class note).
   */
  missProbability(service: Service): Float64Array {
    return this.state(service).avail.missProb;
  }

  /**
   * Per demand unit and facility type (stride FACILITY_TYPES.length, in that order), the number of active facilities
   * within the unit's norm — what missProbability is computed from. Live array.
   */
  unitsWithinNorm(service: Service): Int32Array {
    return this.state(service).avail.counts;
  }

  /**
   * 1 per demand unit covered twice: the second-nearest distinct active unit (coverage(service).backupMinutes) within
   * the second-unit norm of its class (ModelParams.secondNormMin; distance mode: both within coverageKm). Live array.
   */
  secondCovered(service: Service): Uint8Array {
    return this.state(service).second;
  }

  /** Per slot, the HromadaTable index of the facility's hromadaCode (-1 when unknown or the slot is empty). Live. */
  slotHromadas(): Int32Array {
    return this.fhrom.subarray(0, this.slots.length);
  }

  /**
   * Help across borders: the other hromadas whose units reach hromada h's people first (within the reach cap), with
   * the people each, largest first; `hromada` -1 stands for units whose hromada is unknown.
   * @example engine.firstDueFrom('fire', h) // [{ hromada: 17, population: 1240, otherOblast: false }]
   */
  firstDueFrom(service: Service, h: number): FirstDueFrom[] {
    const st = this.state(service);
    return firstDueFromUnits(h < this.nh ? h : -1, {
      units: this.unitsOf(h),
      nearest: st.nearest,
      minutes: st.minutes,
      population: this.demand.population,
      reachCap: this.p.reachCapMin[service],
      slotHromada: this.fhrom,
      oblastOf: this.oblastOf,
    });
  }

  /** Demand unit indices of hromada h (h = hromadas.count: units outside every hromada). */
  unitsOf(h: number): Int32Array {
    return this.hUnits.subarray(this.hStart[h]!, this.hStart[h + 1]!);
  }

  private state(service: Service): ServiceState {
    const k = SERVICES.indexOf(service);
    if (k < 0) throw new Error(`Unknown service "${String(service)}".`);
    return this.st[k]!;
  }
}

function occupiedFlags(status: Uint8Array | undefined, nh: number): Uint8Array {
  const out = new Uint8Array(nh);
  if (status) for (let h = 0; h < nh; h++) out[h] = isOccupiedCode(status[h]!) ? 1 : 0;
  return out;
}
