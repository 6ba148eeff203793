/**
 * The coverage structure: for each candidate site, the demand units it could reach and at what cost (CSR arrays).
 * Built through a KD-tree over the demand points and a radius from the largest cost to keep — never all pairs.
 */
import KDBush from 'kdbush';
import { chordToKm, EARTH_RADIUS_KM, minutesPerKm, unitVector } from '../travel';
import type { FacilityType, ModelParams } from '../types';
import type { CoverageStructure } from './types';

const RAD = Math.PI / 180;

/** Growable CSR builder: rows are appended in order. */
export class CsrBuilder {
  private demand: Int32Array;
  private cost: Float64Array;
  private n = 0;
  readonly offsets: Int32Array;
  private row = 0;

  constructor(
    readonly candidateCount: number,
    readonly demandCount: number,
    capacity = 1024,
  ) {
    this.offsets = new Int32Array(candidateCount + 1);
    this.demand = new Int32Array(Math.max(16, capacity));
    this.cost = new Float64Array(Math.max(16, capacity));
  }

  /** Appends one pair to the current row. */
  push(demandIndex: number, cost: number): void {
    if (this.n === this.demand.length) {
      const d = new Int32Array(this.n * 2);
      d.set(this.demand);
      this.demand = d;
      const c = new Float64Array(this.n * 2);
      c.set(this.cost);
      this.cost = c;
    }
    this.demand[this.n] = demandIndex;
    this.cost[this.n] = cost;
    this.n++;
  }

  /** Closes the current row, sorting it by demand index. */
  endRow(): void {
    const start = this.offsets[this.row]!;
    sortRow(this.demand, this.cost, start, this.n);
    this.row++;
    this.offsets[this.row] = this.n;
  }

  finish(reach: number): CoverageStructure {
    if (this.row !== this.candidateCount) {
      throw new Error(`CsrBuilder: ended ${this.row} rows when expected ${this.candidateCount}.`);
    }
    return {
      candidateCount: this.candidateCount,
      demandCount: this.demandCount,
      offsets: this.offsets,
      demand: this.demand.slice(0, this.n),
      cost: this.cost.slice(0, this.n),
      reach,
    };
  }
}

/** Insertion sort for short rows, index sort otherwise; keeps (demand, cost) pairs together. */
function sortRow(demand: Int32Array, cost: Float64Array, start: number, end: number): void {
  const len = end - start;
  if (len < 2) return;
  let sorted = true;
  for (let i = start + 1; i < end && sorted; i++) sorted = demand[i - 1]! <= demand[i]!;
  if (sorted) return; // rows from points and concatenated structures arrive in order
  if (len <= 32) {
    for (let i = start + 1; i < end; i++) {
      const d = demand[i]!;
      const c = cost[i]!;
      let k = i - 1;
      while (k >= start && demand[k]! > d) {
        demand[k + 1] = demand[k]!;
        cost[k + 1] = cost[k]!;
        k--;
      }
      demand[k + 1] = d;
      cost[k + 1] = c;
    }
    return;
  }
  const order = Array.from({ length: len }, (_, i) => start + i);
  order.sort((a, b) => demand[a]! - demand[b]!);
  const d = order.map((i) => demand[i]!);
  const c = order.map((i) => cost[i]!);
  for (let i = 0; i < len; i++) {
    demand[start + i] = d[i]!;
    cost[start + i] = c[i]!;
  }
}

/** Points in WGS84 degrees. */
export interface LonLatPoints {
  count: number;
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
}

export interface StructureFromPointsInput {
  /** Demand points; `urban` chooses the travel model (1 urban, 0 rural). */
  demand: LonLatPoints & { urban: ArrayLike<number> };
  candidates: LonLatPoints;
  params: ModelParams;
  /** Facility type of the new sites (its turnout is added in time mode). */
  type: FacilityType;
  /**
   * Largest cost to keep per demand unit (e.g. its norm for coverage objectives), or one number for all.
   * Minutes in time mode, km in distance mode.
   */
  maxCost: ArrayLike<number> | number;
  /** `time` (minutes by the travel formula, default) or `distance` (straight-line km). */
  metric?: 'time' | 'distance';
}

/**
 * Builds the coverage structure from points by the travel formula
 * `minutes = turnout(type) + 60 × d × detour / speed` (or plain km in distance mode), keeping pairs with
 * cost ≤ maxCost of the demand unit. Demand is indexed once in a KD-tree on an equirectangular plane whose x scale
 * uses the largest |latitude| of the data, so planar distances never exceed great-circle ones; each candidate queries
 * a radius from the largest cost and every hit is checked by haversine.
 * @example buildStructureFromPoints({ demand, candidates, params: DEFAULT_PARAMS, type: 'local_fire_department', maxCost: norms })
 */
export function buildStructureFromPoints(input: StructureFromPointsInput): CoverageStructure {
  const { demand, candidates, params, type } = input;
  const metric = input.metric ?? 'time';
  const nD = demand.count;
  const nC = candidates.count;
  // Per demand unit: its largest cost, minutes per km (or 1) and unit vector, in typed arrays (no per-pair calls).
  const limit = new Float64Array(nD);
  if (typeof input.maxCost === 'number') limit.fill(input.maxCost);
  else {
    const arr = input.maxCost;
    if (arr.length !== nD) throw new Error(`maxCost has ${arr.length} entries when expected ${nD}.`);
    for (let i = 0; i < nD; i++) limit[i] = arr[i]!;
  }

  const turnout = metric === 'time' ? params.turnoutMin[type] : 0;
  const mpk0 = metric === 'time' ? minutesPerKm(params, 0) : 1;
  const mpk1 = metric === 'time' ? minutesPerKm(params, 1) : 1;

  // Largest search radius in km over the two classes.
  let maxCostAll = -Infinity;
  let maxCostUrban = -Infinity;
  let maxCostRural = -Infinity;
  for (let i = 0; i < nD; i++) {
    const m = limit[i]!;
    if (m > maxCostAll) maxCostAll = m;
    if (demand.urban[i]) {
      if (m > maxCostUrban) maxCostUrban = m;
    } else if (m > maxCostRural) maxCostRural = m;
  }
  const radiusKm = Math.max(0, (maxCostUrban - turnout) / mpk1, (maxCostRural - turnout) / mpk0);

  const builder = new CsrBuilder(nC, nD, nC * 64);
  if (nD === 0 || !(radiusKm >= 0) || !Number.isFinite(radiusKm)) {
    if (nD > 0 && !Number.isFinite(radiusKm)) throw new Error('maxCost must be finite to build from points.');
    for (let j = 0; j < nC; j++) builder.endRow();
    return builder.finish(Number.isFinite(maxCostAll) ? maxCostAll : 0);
  }

  let maxAbsLat = 0;
  for (let i = 0; i < nD; i++) maxAbsLat = Math.max(maxAbsLat, Math.abs(demand.lat[i]!));
  for (let j = 0; j < nC; j++) maxAbsLat = Math.max(maxAbsLat, Math.abs(candidates.lat[j]!));
  const kx = EARTH_RADIUS_KM * RAD * Math.cos(Math.min(89, maxAbsLat) * RAD);
  const ky = EARTH_RADIUS_KM * RAD;

  const index = new KDBush(nD, 64, Float64Array);
  for (let i = 0; i < nD; i++) index.add(demand.lon[i]! * kx, demand.lat[i]! * ky);
  index.finish();

  // Unit vectors: the distance of a pair is then chordToKm of three differences, bit-identical to haversineKm.
  const uv = new Float64Array(3 * nD);
  for (let i = 0; i < nD; i++) unitVector(demand.lon[i]!, demand.lat[i]!, uv, 3 * i);
  const mpk = new Float64Array(nD);
  for (let i = 0; i < nD; i++) mpk[i] = demand.urban[i] ? mpk1 : mpk0;
  const cv = new Float64Array(3);
  // Per unit, the squared chord of its largest distance (with a margin), to reject far hits before the asin; every
  // hit within it is still checked on its exact cost, so the kept pairs and their costs do not change.
  const chordMax2 = new Float64Array(nD);
  for (let i = 0; i < nD; i++) {
    const km = (limit[i]! - turnout) / mpk[i]!;
    if (!(km >= 0)) chordMax2[i] = km === Infinity ? Infinity : -1;
    else {
      const ch = 2 * Math.sin(Math.min(Math.PI / 2, km / (2 * EARTH_RADIUS_KM)));
      chordMax2[i] = ch * ch * (1 + 1e-6) + 1e-12;
    }
  }

  const queryR = radiusKm * 1.01 + 1e-6;
  // Hits land in a typed buffer and are sorted numerically, so every row is written in ascending demand order.
  const hits = new Int32Array(nD);
  for (let j = 0; j < nC; j++) {
    const lonJ = candidates.lon[j]!;
    const latJ = candidates.lat[j]!;
    if (!Number.isFinite(lonJ) || !Number.isFinite(latJ)) {
      builder.endRow();
      continue;
    }
    const count = index.withinInto(lonJ * kx, latJ * ky, queryR, hits);
    if (count === 0) {
      builder.endRow();
      continue;
    }
    const found = hits.subarray(0, count).sort();
    unitVector(lonJ, latJ, cv, 0);
    const x = cv[0]!;
    const y = cv[1]!;
    const z = cv[2]!;
    for (let h = 0; h < count; h++) {
      const i = found[h]!;
      const dx = x - uv[3 * i]!;
      const dy = y - uv[3 * i + 1]!;
      const dz = z - uv[3 * i + 2]!;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > chordMax2[i]!) continue;
      const cost = turnout + chordToKm(c2) * mpk[i]!;
      if (cost <= limit[i]!) builder.push(i, cost);
    }
    builder.endRow();
  }
  return builder.finish(maxCostAll);
}

/** One row of a long travel-cost matrix. */
export interface MatrixEntry {
  facility: number;
  demand: number;
  cost: number;
}

/**
 * Builds the coverage structure from explicit (candidate, demand, cost) entries in any unit, keeping those with
 * cost ≤ `maxCost` (number or per demand). Duplicate pairs keep the smallest cost.
 */
export function buildStructureFromEntries(
  candidateCount: number,
  demandCount: number,
  entries: Iterable<MatrixEntry>,
  maxCost: ArrayLike<number> | number,
): CoverageStructure {
  const rows: { d: number[]; c: number[] }[] = Array.from({ length: candidateCount }, () => ({ d: [], c: [] }));
  let reach = 0;
  for (const e of entries) {
    if (e.facility < 0 || e.facility >= candidateCount)
      throw new Error(`Matrix entry candidate ${e.facility} out of range.`);
    if (e.demand < 0 || e.demand >= demandCount) throw new Error(`Matrix entry demand ${e.demand} out of range.`);
    const lim = typeof maxCost === 'number' ? maxCost : maxCost[e.demand]!;
    if (!(e.cost <= lim)) continue;
    const r = rows[e.facility]!;
    r.d.push(e.demand);
    r.c.push(e.cost);
    if (e.cost > reach) reach = e.cost;
  }
  const b = new CsrBuilder(candidateCount, demandCount);
  for (const r of rows) {
    const order = r.d.map((_, k) => k).sort((a, z) => r.d[a]! - r.d[z]! || r.c[a]! - r.c[z]!);
    let last = -1;
    for (const k of order) {
      if (r.d[k] === last) continue; // duplicate pair: the first (smallest cost) wins
      last = r.d[k]!;
      b.push(last, r.c[k]!);
    }
    b.endRow();
  }
  const s = b.finish(typeof maxCost === 'number' && Number.isFinite(maxCost) ? maxCost : reach);
  return s;
}

/** The transpose of a structure: for each demand unit, the candidates reaching it (CSR by demand). */
export interface Transposed {
  offsets: Int32Array;
  candidate: Int32Array;
  cost: Float64Array;
}

/** Transposes a coverage structure (rows by demand unit; candidates ascend within a row). */
export function transpose(s: CoverageStructure): Transposed {
  const offsets = new Int32Array(s.demandCount + 1);
  for (let k = 0; k < s.demand.length; k++) offsets[s.demand[k]! + 1]!++;
  for (let i = 0; i < s.demandCount; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, s.demandCount);
  const candidate = new Int32Array(s.demand.length);
  const cost = new Float64Array(s.demand.length);
  for (let j = 0; j < s.candidateCount; j++) {
    for (let k = s.offsets[j]!; k < s.offsets[j + 1]!; k++) {
      const i = s.demand[k]!;
      const p = fill[i]!++;
      candidate[p] = j;
      cost[p] = s.cost[k]!;
    }
  }
  return { offsets, candidate, cost };
}
