/**
 * The straight-line travel model: minutes = turnout + 60 × km × detour / speed (a matrix's listed pairs override it).
 * Facilities of each service sit in a uniform lon/lat grid; a demand unit visits rings of cells outward and stops
 * when a conservative lower bound on the response time of anything farther out exceeds its current backup; an added
 * facility visits only the demand cells whose worst backup it could beat. Results equal the brute force bit for bit.
 */
import * as grid from './grid';
import * as travel from './travel';
import { type SearchState, type ServiceState } from './engine-state';
import { EngineBase } from './engine-base';

// Module-local copies: hot loops must not go through cross-module live bindings (getters under tsx/CJS).
const EARTH_RADIUS_KM = travel.EARTH_RADIUS_KM;
const RAD = travel.RAD;
const chordToKm = travel.chordToKm;
const lowerBoundKm = grid.lowerBoundKm;
const BOUND_SLACK = grid.BOUND_SLACK;

export abstract class StraightLineModel extends EngineBase {
  // ───────────────────────────── search ─────────────────────────────

  /** Finds nearest and backup of unit i for a service from scratch; writes m1/m2/nearest/backup only. */
  protected searchUnit(st: SearchState, i: number): void {
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
  protected searchCell(st: ServiceState, cell: number): void {
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

  /** Straight-line (great-circle) km between unit i and slot f. */
  pairKm(i: number, f: number): number {
    const ex = this.dxyz[3 * i]! - this.fxyz[3 * f]!;
    const ey = this.dxyz[3 * i + 1]! - this.fxyz[3 * f + 1]!;
    const ez = this.dxyz[3 * i + 2]! - this.fxyz[3 * f + 2]!;
    return chordToKm(ex * ex + ey * ey + ez * ez);
  }

  /** From m1/m2 to minutes and covered. */
  protected finishUnit(st: ServiceState, i: number): void {
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

  protected updateCellMax(st: ServiceState, cell: number): void {
    const g = this.dgrid;
    let mx = -Infinity;
    for (let k = g.start[cell]!; k < g.start[cell + 1]!; k++) {
      const v = st.m2[g.items[k]!]!;
      if (v > mx) mx = v;
    }
    st.cellMax[cell] = mx;
  }

  /**
   * Updates units (not stamped `aTok`) that slot f beats; marks them changed. Units flagged in `skip` (on-graph units,
   * when f is on the road graph: the road search updates them) are left to the road model's straight-line part.
   */
  protected insertFacility(st: ServiceState, f: number, aTok: number, skip: Uint8Array | null): void {
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

  protected tryInsert(st: ServiceState, i: number, m: number, f: number): void {
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
}
