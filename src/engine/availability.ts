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
 * The searches are bounded by the norm: facilities sit in the service's lon/lat grid; a demand cell visits rings of
 * grid cells outward from its centre and stops when a conservative lower bound on the response of anything farther
 * (smallest turnout + great-circle lower bound × minutes per km, less the cell's radius) exceeds the largest norm —
 * the same ring lower bound as the engine's nearest search. No O(N×M) scan.
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

/** Number of facility types: the stride of {@link Availability.counts}. */
export const TYPE_COUNT = FACILITY_TYPES.length;

/**
 * What the bounded searches read from the engine (its live arrays; rebuilt by the engine for every call, since a
 * facility array may have been reallocated). Ranking metric m(i, f) = fturn[f] + mpk[i] × km (time mode: minutes;
 * distance mode: fturn 0 and mpk 1, so km), or fturn[f] + matrix minutes for a pair the matrix lists.
 */
export interface ReachInput {
  /** Demand unit vectors (3 per unit), minutes per km of the ranking metric, urban flag. */
  dxyz: Float64Array;
  mpk: Float64Array;
  urban: Uint8Array;
  /** The demand grid and, per demand cell, its bounding box, centre, radius (km) and smallest mpk. */
  dgrid: Grid;
  cellMinLon: Float64Array;
  cellMaxLon: Float64Array;
  cellMinLat: Float64Array;
  cellMaxLat: Float64Array;
  cellCLon: Float64Array;
  cellCLat: Float64Array;
  cellCxyz: Float64Array;
  cellRad: Float64Array;
  cellMinMpk: Float64Array;
  /** Facility unit vectors, ranking turnout and type code per slot; the number of slots. */
  fxyz: Float64Array;
  flon: Float64Array;
  flat: Float64Array;
  fturn: Float64Array;
  ftype: Uint8Array;
  slotCount: number;
  /** The service's grid of active facilities, the active flag per slot and their smallest ranking turnout. */
  grid: Grid;
  active: Uint8Array;
  minTurn: number;
  /** cos²(max |lat|) over all points (see grid.ts). */
  c: number;
  /** The norm in the ranking metric, by class (distance mode: coverageKm for both). */
  thrUrban: number;
  thrRural: number;
  /** The matrix when ranking uses it (time mode with a matrix), else null; slot per matrix facility key. */
  mat: CompiledMatrix | null;
  slotOfKey: Int32Array;
  /** Unlisted pairs use the model (true) or are unreachable (false). */
  fallbackModel: boolean;
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
  private readonly n: number;
  private stampF = new Int32Array(0);
  private readonly stampU: Int32Array;
  private tok = 0;
  private candF = new Int32Array(64);

  constructor(n: number) {
    this.n = n;
    this.counts = new Int32Array(n * TYPE_COUNT);
    this.missProb = new Float64Array(n).fill(1);
    this.stampU = new Int32Array(n);
  }

  /** Recomputes every count with one bounded search per demand cell. */
  recount(r: ReachInput): void {
    this.counts.fill(0);
    if (this.stampF.length < r.slotCount) this.stampF = new Int32Array(Math.max(r.slotCount, 2 * this.stampF.length));
    const nc = r.dgrid.nx * r.dgrid.ny;
    for (let cell = 0; cell < nc; cell++) if (r.dgrid.start[cell]! < r.dgrid.start[cell + 1]!) this.countCell(r, cell);
  }

  /** Miss probabilities of all units from the counts. */
  refreshAll(factors: Float64Array): void {
    for (let i = 0; i < this.n; i++) this.missProb[i] = missFromCounts(this.counts, i * TYPE_COUNT, factors);
  }

  /** Miss probability of unit i from its counts. */
  refreshUnit(i: number, factors: Float64Array): void {
    this.missProb[i] = missFromCounts(this.counts, i * TYPE_COUNT, factors);
  }

  /**
   * Adds (`delta` 1) or takes out (-1) the contribution of slot f to every unit within its reach, with the slot's
   * current position, type and turnout (take out before the slot changes, add after). Calls `touch(i)` per unit.
   * @param key the slot's facility key in the matrix (undefined when unlisted or no matrix)
   */
  apply(r: ReachInput, f: number, delta: 1 | -1, key: number | undefined, touch: { add(i: number): void }): void {
    const t = r.fturn[f]!;
    const col = r.ftype[f]!;
    const counts = this.counts;
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
            touch.add(i);
          }
        }
      }
      if (!r.fallbackModel) return;
    }
    const g = r.dgrid;
    const nc = g.nx * g.ny;
    const lon = r.flon[f]!;
    const lat = r.flat[f]!;
    const fx = r.fxyz[3 * f]!;
    const fy = r.fxyz[3 * f + 1]!;
    const fz = r.fxyz[3 * f + 2]!;
    const thrMax = Math.max(thrU, thrR);
    const dxyz = r.dxyz;
    const mpk = r.mpk;
    for (let cell = 0; cell < nc; cell++) {
      if (g.start[cell]! === g.start[cell + 1]!) continue;
      const dLat = Math.max(0, r.cellMinLat[cell]! - lat, lat - r.cellMaxLat[cell]!);
      const dLon = Math.max(0, r.cellMinLon[cell]! - lon, lon - r.cellMaxLon[cell]!);
      if (t + r.cellMinMpk[cell]! * lowerBoundKm(dLat, dLon, r.c) * BOUND_SLACK > thrMax) continue;
      for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
        const i = g.items[k]!;
        if (stampU[i] === tok) continue;
        const ex = dxyz[3 * i]! - fx;
        const ey = dxyz[3 * i + 1]! - fy;
        const ez = dxyz[3 * i + 2]! - fz;
        if (t + mpk[i]! * chordToKm(ex * ex + ey * ey + ez * ez) <= (urban[i] ? thrU : thrR)) {
          counts[i * TYPE_COUNT + col]! += delta;
          touch.add(i);
        }
      }
    }
  }

  /**
   * Counts for the units of one demand cell: a ring search from the cell centre collects every active facility that
   * can be within the largest norm of any unit (lower bound through the centre: d ≥ d(centre) − radius), then each unit
   * tests those exactly. A unit the matrix lists uses its matrix minutes for the listed facilities.
   */
  private countCell(r: ReachInput, cell: number): void {
    const g = r.grid;
    const nx = g.nx;
    const ny = g.ny;
    const dg = r.dgrid;
    const u0 = dg.start[cell]!;
    const u1 = dg.start[cell + 1]!;
    const counts = this.counts;
    const mat = r.mat;
    if (mat && !r.fallbackModel) {
      // only listed pairs are reachable
      for (let k = u0; k < u1; k++) this.countListed(r, dg.items[k]!, 0);
      return;
    }
    if (nx === 0) return;
    const fxyz = r.fxyz;
    const fturn = r.fturn;
    const thrU = r.thrUrban;
    const thrR = r.thrRural;
    const thrMax = Math.max(thrU, thrR);
    const cx0 = r.cellCxyz[3 * cell]!;
    const cy0 = r.cellCxyz[3 * cell + 1]!;
    const cz0 = r.cellCxyz[3 * cell + 2]!;
    const rad = r.cellRad[cell]!;
    const mpMin = r.cellMinMpk[cell]!;
    const lon = r.cellCLon[cell]!;
    const lat = r.cellCLat[cell]!;
    const pcx = Math.floor((lon - g.lon0) / g.hLon);
    const pcy = Math.floor((lat - g.lat0) / g.hLat);
    const kStart = Math.max(0, -pcx, pcx - nx + 1, -pcy, pcy - ny + 1);
    const kMax = Math.max(pcx, nx - 1 - pcx, pcy, ny - 1 - pcy);
    const sqrtC = Math.sqrt(r.c);
    let nCand = 0;
    for (let k = kStart; k <= kMax; k++) {
      if (k > 0) {
        const dLon = Math.min(lon - (g.lon0 + (pcx - k + 1) * g.hLon), g.lon0 + (pcx + k) * g.hLon - lon);
        const dLat = Math.min(lat - (g.lat0 + (pcy - k + 1) * g.hLat), g.lat0 + (pcy + k) * g.hLat - lat);
        const lbLat = EARTH_RADIUS_KM * dLat * RAD;
        const x = dLon * RAD;
        const poly = 1 - (x * x) / 24;
        const lbLon = poly > 0 ? EARTH_RADIUS_KM * sqrtC * x * poly : 0;
        const lb = (lbLat < lbLon ? lbLat : lbLon) - rad;
        if (lb > 0 && r.minTurn + mpMin * lb * BOUND_SLACK > thrMax) break;
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
            if (lo > thrMax) continue;
            if (nCand === this.candF.length) {
              const a = new Int32Array(2 * nCand);
              a.set(this.candF);
              this.candF = a;
            }
            this.candF[nCand++] = f;
          }
        }
      }
    }
    const candF = this.candF;
    const ftype = r.ftype;
    for (let k = u0; k < u1; k++) {
      const i = dg.items[k]!;
      let tok = 0;
      if (mat && mat.dStart[i]! < mat.dStart[i + 1]!) tok = this.countListed(r, i, 1);
      const px = r.dxyz[3 * i]!;
      const py = r.dxyz[3 * i + 1]!;
      const pz = r.dxyz[3 * i + 2]!;
      const mp = r.mpk[i]!;
      const thr = r.urban[i] ? thrU : thrR;
      const lbScale = mp * EARTH_RADIUS_KM * (1 - 1e-12);
      const base = i * TYPE_COUNT;
      for (let c = 0; c < nCand; c++) {
        const f = candF[c]!;
        if (tok !== 0 && this.stampF[f] === tok) continue;
        const ex = px - fxyz[3 * f]!;
        const ey = py - fxyz[3 * f + 1]!;
        const ez = pz - fxyz[3 * f + 2]!;
        const c2 = ex * ex + ey * ey + ez * ez;
        const t = fturn[f]!;
        // chord ≤ arc: a cheap lower bound before the asin
        if (t + lbScale * Math.sqrt(c2) > thr) continue;
        if (t + mp * chordToKm(c2) <= thr) counts[base + ftype[f]!]!++;
      }
    }
  }

  /**
   * Counts the active facilities the matrix lists for unit i within its norm; with `stamp` 1 marks them (so the
   * model is not used for them too) and returns the stamp token, else returns 0.
   */
  private countListed(r: ReachInput, i: number, stamp: 0 | 1): number {
    const mat = r.mat!;
    const tok = stamp ? ++this.tok : 0;
    const thr = r.urban[i] ? r.thrUrban : r.thrRural;
    for (let k = mat.dStart[i]!; k < mat.dStart[i + 1]!; k++) {
      const f = r.slotOfKey[mat.dKey[k]!]!;
      if (f < 0) continue;
      if (stamp) this.stampF[f] = tok;
      if (!r.active[f]) continue;
      if (r.fturn[f]! + mat.dMin[k]! <= thr) this.counts[i * TYPE_COUNT + r.ftype[f]!]!++;
    }
    return tok;
  }
}
