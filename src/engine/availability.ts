/**
 * Unit availability: per demand unit and service, the probability that no active unit within the unit's norm is
 * available when called, `missProb = ∏(1 − a_type)` over every active facility within the norm (time mode: response
 * minutes ≤ the arrival norm of the unit's class; distance mode: straight-line km ≤ coverageKm). Expected coverage is
 * `1 − missProb`. Units are assumed to be available independently of one another (a planning assumption: in reality
 * a fire keeps neighbouring units busy together).
 *
 * What is kept is a count per facility type per demand unit, so the product does not depend on the order facilities
 * are met in (a full compute and any sequence of edits give bit-identical results) and an edit only adds or removes
 * one facility's contribution to the units within its reach, before and after. A change of availabilities alone
 * recomputes the products from the counts, without any search.
 *
 * The searches are bounded by the norm: a facility reaches no farther than (largest norm − its turnout) / the smallest
 * minutes per km, so only the demand-grid cells in that window are visited, each cell's bounding box is tested with the
 * conservative great-circle lower bound of grid.ts, and only then its units, with the exact formula. A full compute is
 * every active facility adding itself this way (about (2·reach / cell side)² cells each); no O(N×M) scan.
 */
import * as grid from './grid';
import type { Grid } from './grid';
import type { CompiledMatrix } from './matrix';
import * as travel from './travel';
import { FACILITY_TYPES, type FacilityType } from './types';

const EARTH_RADIUS_KM = travel.EARTH_RADIUS_KM;
const RAD = travel.RAD;
const chordToKm = travel.chordToKm;
const lowerBoundKm = grid.lowerBoundKm;
const BOUND_SLACK = grid.BOUND_SLACK;

const NO_TOUCH = { add(): void {} };

/** Number of facility types: the stride of {@link Availability.counts}. */
export const TYPE_COUNT = FACILITY_TYPES.length;

/**
 * What the bounded searches read from the engine (its live arrays; rebuilt by the engine for every call, since a
 * facility array may have been reallocated). Ranking metric m(i, f) = fturn[f] + mpk × km with mpk by the unit's class
 * (time mode: minutes; distance mode: fturn 0 and mpk 1, so km), or fturn[f] + matrix minutes for a listed pair.
 */
export interface ReachInput {
  /** Demand unit vectors (3 per unit) and urban flag. */
  dxyz: Float64Array;
  urban: Uint8Array;
  /**
   * Ranking minutes per km of an urban and of a rural unit: the engine's per-unit mpk is exactly one of the two, so
   * these tests equal its per-unit formula bit for bit.
   */
  mpkUrban: number;
  mpkRural: number;
  /** The demand grid and, per demand cell, its bounding box and smallest mpk. */
  dgrid: Grid;
  cellMinLon: Float64Array;
  cellMaxLon: Float64Array;
  cellMinLat: Float64Array;
  cellMaxLat: Float64Array;
  cellMinMpk: Float64Array;
  /** Facility unit vectors, ranking turnout and type code per slot; the number of slots. */
  fxyz: Float64Array;
  flon: Float64Array;
  flat: Float64Array;
  fturn: Float64Array;
  ftype: Uint8Array;
  slotCount: number;
  /** The service's grid of active facilities (its items are the active slots). */
  grid: Grid;
  /** cos²(max |lat|) over all points (see grid.ts). */
  c: number;
  /** The norm in the ranking metric, by class (distance mode: coverageKm for both). */
  thrUrban: number;
  thrRural: number;
  /** The matrix when ranking uses it (time mode with a matrix), else null; a slot's facility key in it. */
  mat: CompiledMatrix | null;
  keyOf(slot: number): number | undefined;
  /** Unlisted pairs use the model (true) or are unreachable (false). */
  fallbackModel: boolean;
  /**
   * Road model (absent: straight line only): the units the straight-line test must leave to the road for slot f (the
   * on-graph units when f is on the graph, else null), and the units within their norm by road from slot f.
   */
  skipFor?: (slot: number) => Uint8Array | null;
  roadReach?: (slot: number, visit: (i: number) => void) => void;
}

/**
 * Squared unit-sphere chord of `km` shrunk (`side` -1) or grown (+1) by 1e-9 relative + 1e-6 km: a threshold on the
 * squared chord that is safely inside / outside a great-circle distance of `km`. -1 / Infinity for degenerate input.
 */
function chord2(km: number, side: -1 | 1): number {
  if (!(km >= 0)) return -1;
  const k = side < 0 ? km * (1 - 1e-9) - 1e-6 : km * (1 + 1e-9) + 1e-6;
  if (k < 0) return -1;
  const half = k / (2 * EARTH_RADIUS_KM);
  if (half >= Math.PI / 2) return Infinity;
  const c = 2 * Math.sin(half);
  return c * c;
}

/** Per type `1 − a` from the availability parameters (each clamped to 0…1). */
export function missFactors(availability: Readonly<Record<FacilityType, number>>): Float64Array {
  return Float64Array.from(FACILITY_TYPES, (t) => 1 - Math.min(1, Math.max(0, availability[t])));
}

/** ∏ factor[t]^count[t] over types, in type order (the one formula the engine, patches and tests share). */
export function missFromCounts(counts: Int32Array, offset: number, factors: Float64Array): number {
  let q = 1;
  for (let t = 0; t < TYPE_COUNT; t++) {
    const k = counts[offset + t]!;
    if (k === 1) q *= factors[t]!;
    else if (k > 1) q *= factors[t]! ** k;
  }
  return q;
}

/**
 * Availability state of one service: counts of active facilities within the norm per type per demand unit, and the
 * miss probability derived from them.
 */
export class Availability {
  /** counts[i × TYPE_COUNT + type code]: active facilities of that type within unit i's norm. */
  readonly counts: Int32Array;
  /** Per unit ∏(1 − a) over the active facilities within its norm (1 when none is). */
  readonly missProb: Float64Array;
  /** Per unit: active facilities within the norm, all types. */
  private readonly total: Int32Array;
  private readonly n: number;
  private readonly stampU: Int32Array;
  private tok = 0;
  /** Per demand cell: bit 1 when it holds urban units, bit 2 rural ones. */
  private cellClass = new Uint8Array(0);
  /** Unit vectors and urban flag in demand-grid order (position k of dgrid.items): contiguous reads. */
  private oxyz = new Float64Array(0);
  private ourban = new Uint8Array(0);

  constructor(n: number) {
    this.n = n;
    this.counts = new Int32Array(n * TYPE_COUNT);
    this.missProb = new Float64Array(n).fill(1);
    this.total = new Int32Array(n);
    this.stampU = new Int32Array(n);
  }

  /**
   * Recomputes every count: each active facility adds itself to the units within its reach ({@link apply}), so a full
   * compute and any sequence of edits run the very same tests.
   */
  recount(r: ReachInput): void {
    this.counts.fill(0);
    this.total.fill(0);
    this.prepare(r);
    const items = r.grid.items;
    for (let k = 0; k < items.length; k++) this.apply(r, items[k]!, 1, r.mat ? r.keyOf(items[k]!) : undefined, NO_TOUCH);
  }

  /** Demand-grid-ordered copies and cell classes (the demand never changes, so once). */
  private prepare(r: ReachInput): void {
    const g = r.dgrid;
    const n = g.items.length;
    if (this.oxyz.length === 3 * n && n > 0) return;
    this.oxyz = new Float64Array(3 * n);
    this.ourban = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const i = g.items[k]!;
      this.oxyz[3 * k] = r.dxyz[3 * i]!;
      this.oxyz[3 * k + 1] = r.dxyz[3 * i + 1]!;
      this.oxyz[3 * k + 2] = r.dxyz[3 * i + 2]!;
      this.ourban[k] = r.urban[i]!;
    }
    const nc = g.nx * g.ny;
    this.cellClass = new Uint8Array(nc);
    for (let cell = 0; cell < nc; cell++) {
      let cls = 0;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) cls |= this.ourban[k] ? 1 : 2;
      this.cellClass[cell] = cls;
    }
  }

  /** Miss probabilities of all units from the counts. */
  refreshAll(factors: Float64Array): void {
    const total = this.total;
    const miss = this.missProb;
    for (let i = 0; i < this.n; i++) miss[i] = total[i] === 0 ? 1 : missFromCounts(this.counts, i * TYPE_COUNT, factors);
  }

  /** Miss probability of unit i from its counts. */
  refreshUnit(i: number, factors: Float64Array): void {
    this.missProb[i] = missFromCounts(this.counts, i * TYPE_COUNT, factors);
  }

  /**
   * Adds (`delta` 1) or takes out (-1) the contribution of slot f to every unit within its reach, with the slot's
   * current position, type and turnout (take out before the slot changes, add after). Calls `touch.add(i)` per unit.
   * Only demand-grid cells inside the window the norm allows are visited (great-circle bounds, see grid.ts), then
   * each cell's bounding box is tested before its units.
   * @param key the slot's facility key in the matrix in use (undefined when unlisted or no matrix)
   */
  apply(r: ReachInput, f: number, delta: 1 | -1, key: number | undefined, touch: { add(i: number): void }): void {
    const t = r.fturn[f]!;
    const col = r.ftype[f]!;
    const counts = this.counts;
    const total = this.total;
    const urban = r.urban;
    const thrU = r.thrUrban;
    const thrR = r.thrRural;
    const tok = ++this.tok;
    const stampU = this.stampU;
    if (r.mat) {
      const mat = r.mat;
      if (key !== undefined) {
        for (let k = mat.fStart[key]!; k < mat.fStart[key + 1]!; k++) {
          const i = mat.fDemand[k]!;
          stampU[i] = tok;
          if (t + mat.fMin[k]! <= (urban[i] ? thrU : thrR)) {
            counts[i * TYPE_COUNT + col]! += delta;
            total[i]! += delta;
            touch.add(i);
          }
        }
      }
      if (!r.fallbackModel) return;
    }
    if (r.roadReach)
      r.roadReach(f, (i) => {
        if (stampU[i] === tok) return; // a listed pair: the matrix decided
        counts[i * TYPE_COUNT + col]! += delta;
        total[i]! += delta;
        touch.add(i);
      });
    const skip = r.skipFor ? r.skipFor(f) : null;
    const thrMax = Math.max(thrU, thrR);
    if (!(t <= thrMax)) return;
    const g = r.dgrid;
    if (g.nx === 0) return;
    const lon = r.flon[f]!;
    const lat = r.flat[f]!;
    // window of cells: d ≤ reach ⇒ |Δφ| ≤ reach / R and √C·sin(|Δλ|/2) ≤ sin(reach / 2R)
    let cx0 = 0;
    let cx1 = g.nx - 1;
    let cy0 = 0;
    let cy1 = g.ny - 1;
    const mpkMin = Math.min(r.mpkUrban, r.mpkRural);
    const reach = mpkMin > 0 ? ((thrMax - t) / mpkMin) * (1 + 1e-6) + 1e-6 : Infinity;
    const half = reach / (2 * EARTH_RADIUS_KM);
    if (half < Math.PI / 2) {
      const dLat = (2 * half) / RAD;
      const s = Math.sin(half) / Math.sqrt(r.c);
      cy0 = Math.max(0, Math.floor((lat - dLat - g.lat0) / g.hLat));
      cy1 = Math.min(g.ny - 1, Math.floor((lat + dLat - g.lat0) / g.hLat));
      if (s < 1) {
        const dLon = (2 * Math.asin(s)) / RAD;
        cx0 = Math.max(0, Math.floor((lon - dLon - g.lon0) / g.hLon));
        cx1 = Math.min(g.nx - 1, Math.floor((lon + dLon - g.lon0) / g.hLon));
      }
    }
    const fx = r.fxyz[3 * f]!;
    const fy = r.fxyz[3 * f + 1]!;
    const fz = r.fxyz[3 * f + 2]!;
    this.prepare(r);
    const oxyz = this.oxyz;
    const ourban = this.ourban;
    const items = g.items;
    const stamped = r.mat !== null;
    const cellClass = this.cellClass;
    const clsThr = [-Infinity, thrU, thrR, thrMax];
    // per class: squared chords below lo are surely within the norm, above hi surely not (margins 1e-9 relative +
    // 1 µm, far above the rounding of t + mp × km); mp is the class's minutes per km
    const mpU = r.mpkUrban;
    const mpR = r.mpkRural;
    const loU = chord2((thrU - t) / r.mpkUrban, -1);
    const hiU = chord2((thrU - t) / r.mpkUrban, 1);
    const loR = chord2((thrR - t) / r.mpkRural, -1);
    const hiR = chord2((thrR - t) / r.mpkRural, 1);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const cell = cy * g.nx + cx;
        if (g.start[cell]! === g.start[cell + 1]!) continue;
        const dLat = Math.max(0, r.cellMinLat[cell]! - lat, lat - r.cellMaxLat[cell]!);
        const dLon = Math.max(0, r.cellMinLon[cell]! - lon, lon - r.cellMaxLon[cell]!);
        // the largest norm among the cell's units (by the classes it holds)
        const cellThr = cellClass.length > cell ? clsThr[cellClass[cell]!]! : thrMax;
        if (t + r.cellMinMpk[cell]! * lowerBoundKm(dLat, dLon, r.c) * BOUND_SLACK > cellThr) continue;
        for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
          if (stamped && stampU[items[k]!] === tok) continue;
          if (skip !== null && skip[items[k]!] === 1) continue;
          const ex = oxyz[3 * k]! - fx;
          const ey = oxyz[3 * k + 1]! - fy;
          const ez = oxyz[3 * k + 2]! - fz;
          const c2 = ex * ex + ey * ey + ez * ez;
          const u = ourban[k]!;
          // squared chords well inside / outside the reach decide at once; the thin band between takes the exact test
          if (c2 > (u ? hiU : hiR)) continue;
          if (c2 > (u ? loU : loR) && !(t + (u ? mpU : mpR) * chordToKm(c2) <= (u ? thrU : thrR))) continue;
          {
            const i = items[k]!;
            counts[i * TYPE_COUNT + col]! += delta;
            total[i]! += delta;
            touch.add(i);
          }
        }
      }
    }
  }
}
