/**
 * Per-hromada statistics from per-unit results. Pure functions over flat arrays, used by the engine for the whole
 * country and for the few hromadas an edit touches.
 */
import type { DemandTable, HromadaStats, Service, Totals } from './types';

/**
 * Sorts `values[0…n)` ascending in place, permuting `weights` alongside (quicksort, insertion sort below 16;
 * no allocation, no comparator callbacks).
 */
export function sortPairs(values: Float64Array, weights: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi - 1]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const v = values[i]!;
        values[i] = values[j]!;
        values[j] = v;
        const w = weights[i]!;
        weights[i] = weights[j]!;
        weights[j] = w;
        i++;
        j--;
      }
    }
    if (j - lo < hi - i) {
      sortPairs(values, weights, lo, j + 1);
      lo = i;
    } else {
      sortPairs(values, weights, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = values[i]!;
    const w = weights[i]!;
    let j = i - 1;
    while (j >= lo && values[j]! > v) {
      values[j + 1] = values[j]!;
      weights[j + 1] = weights[j]!;
      j--;
    }
    values[j + 1] = v;
    weights[j + 1] = w;
  }
}

/**
 * Population-weighted quantile of values sorted ascending (see {@link sortPairs}): the smallest value `v` such that
 * the weight of values ≤ v is at least `q` × the total weight. NaN when the total is 0.
 * @example weightedQuantile(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 1), 3, 0.5) // 2 (weight ≤ 2 is 3 of 4)
 */
export function weightedQuantile(sortedValues: ArrayLike<number>, weights: ArrayLike<number>, n: number, q: number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += weights[k]!;
  if (!(total > 0)) return NaN;
  const target = q * total;
  let cum = 0;
  for (let k = 0; k < n; k++) {
    cum += weights[k]!;
    if (cum >= target) return sortedValues[k]!;
  }
  return sortedValues[n - 1]!;
}

/**
 * Population-weighted quantile without sorting (expected O(n)): the smallest value `v` among `values[0…n)` such that
 * the weight of values ≤ v is at least `q` × the total weight; NaN when the total is 0. Equals
 * `weightedQuantile` after `sortPairs` (exactly, for integer weights). Permutes both arrays.
 */
export function weightedSelect(values: Float64Array, weights: Float64Array, n: number, q: number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += weights[k]!;
  if (!(total > 0)) return NaN;
  let target = q * total;
  let lo = 0;
  let hi = n;
  for (;;) {
    if (hi - lo <= 16) {
      sortPairs(values, weights, lo, hi);
      let cum = 0;
      for (let k = lo; k < hi; k++) {
        cum += weights[k]!;
        if (cum >= target) return values[k]!;
      }
      return values[hi - 1]!;
    }
    const a = values[lo]!;
    const b = values[(lo + hi) >>> 1]!;
    const c = values[hi - 1]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot
    let lt = lo;
    let i = lo;
    let gt = hi - 1;
    let wLess = 0;
    let wEq = 0;
    while (i <= gt) {
      const v = values[i]!;
      if (v < pivot) {
        wLess += weights[i]!;
        values[i] = values[lt]!;
        values[lt] = v;
        const w = weights[i]!;
        weights[i] = weights[lt]!;
        weights[lt] = w;
        lt++;
        i++;
      } else if (v > pivot) {
        values[i] = values[gt]!;
        values[gt] = v;
        const w = weights[i]!;
        weights[i] = weights[gt]!;
        weights[gt] = w;
        gt--;
      } else {
        wEq += weights[i]!;
        i++;
      }
    }
    if (wLess >= target) hi = lt;
    else if (wLess + wEq >= target) return pivot;
    else {
      target -= wLess + wEq;
      lo = gt + 1;
      if (lo >= hi) return pivot;
    }
  }
}

/** Allocates HromadaStats arrays of length n. */
export function emptyStats(service: Service, n: number): HromadaStats {
  return {
    service,
    population: new Float64Array(n),
    coveredPopulation: new Float64Array(n),
    share: new Float64Array(n),
    medianMin: new Float64Array(n),
    p90Min: new Float64Array(n),
    maxMin: new Float64Array(n),
    settlementsOutside: new Int32Array(n),
    areaOutsideKm2: new Float64Array(n),
    assumedPopulation: new Float64Array(n),
    reachedPopulation: new Float64Array(n),
    estimatedPopulation: new Float64Array(n),
    spreadMinMin: new Float64Array(n),
    spreadMaxMin: new Float64Array(n),
    secondCoveredPopulation: new Float64Array(n),
    secondShare: new Float64Array(n),
    expectedCoveredPopulation: new Float64Array(n),
    expectedShare: new Float64Array(n),
    fromOtherHromadaPopulation: new Float64Array(n),
    fromOtherOblastPopulation: new Float64Array(n),
  };
}

/** The HromadaStats fields that are per-hromada arrays (every key but `service`). */
export const STATS_FIELDS = [
  'population',
  'coveredPopulation',
  'share',
  'medianMin',
  'p90Min',
  'maxMin',
  'settlementsOutside',
  'areaOutsideKm2',
  'assumedPopulation',
  'reachedPopulation',
  'estimatedPopulation',
  'spreadMinMin',
  'spreadMaxMin',
  'secondCoveredPopulation',
  'secondShare',
  'expectedCoveredPopulation',
  'expectedShare',
  'fromOtherHromadaPopulation',
  'fromOtherOblastPopulation',
] as const satisfies readonly (keyof Omit<HromadaStats, 'service'>)[];

/** A view of `stats` over entries [from, to) (subarrays sharing memory). */
export function statsView(stats: HromadaStats, from: number, to?: number): HromadaStats {
  const out = { service: stats.service } as Record<string, unknown>;
  for (const k of STATS_FIELDS) out[k] = stats[k].subarray(from, to);
  return out as unknown as HromadaStats;
}

/** Derivation codes (index into DERIVATIONS) whose number or place is estimated: all but official (0) and user (3). */
export function isEstimatedDerivation(code: number): boolean {
  return code !== 0 && code !== 3;
}

/** Derivation code of `spread` cells (the population of villages without a point). */
export const SPREAD_DERIVATION = 2;

/** Per-unit inputs of {@link computeHromadaStats} besides minutes and covered. */
export interface StatsInputs {
  /** Nearest facility slot per unit (-1 none). */
  nearest: Int32Array;
  /** 1 for slots holding an assumed (illustrative) facility. */
  slotAssumed: Uint8Array;
  /** Reach cap, minutes. */
  reachCap: number;
  /** 1 per unit when covered twice (second unit within the second-unit norm). */
  secondCovered?: Uint8Array;
  /** Per unit probability that no unit within the norm is available (1 when none is within it). */
  missProb?: Float64Array;
  /** Per slot: index of the facility's hromada in the HromadaTable, -1 when unknown. */
  slotHromada?: Int32Array;
  /** Per hromada: oblast index (equal indices = same oblast). */
  oblastOf?: Int32Array;
  /** The hromada whose units these are (-1: units outside every hromada). */
  hromada?: number;
}

/** Reusable buffers for {@link computeHromadaStats}, sized to the largest hromada. */
export interface StatsScratch {
  values: Float64Array;
  weights: Float64Array;
}

export function statsScratch(maxUnits: number): StatsScratch {
  return { values: new Float64Array(maxUnits), weights: new Float64Array(maxUnits) };
}

/**
 * Writes the statistics of hromada `h` (whose demand units are `units[from…to)`) into `out` at index `h`.
 * Median / p90 / max are over units with population > 0, weighted by population; NaN when the hromada has none.
 */
export function computeHromadaStats(
  out: HromadaStats,
  h: number,
  demand: DemandTable,
  units: Int32Array,
  from: number,
  to: number,
  minutes: Float64Array,
  covered: Uint8Array,
  scratch: StatsScratch,
  inputs?: StatsInputs,
): void {
  let pop = 0;
  let cov = 0;
  let outside = 0;
  let area = 0;
  let max = -Infinity;
  let n = 0;
  let assumed = 0;
  let reached = 0;
  let estimated = 0;
  let sMin = Infinity;
  let sMax = -Infinity;
  const { values, weights } = scratch;
  const nearest = inputs?.nearest;
  const slotAssumed = inputs?.slotAssumed;
  const cap = inputs ? inputs.reachCap : Infinity;
  const derivation = demand.derivation;
  const cityOf = demand.city as Int32Array | undefined;
  const citiesOutside: number[] = [];
  let second = 0;
  let expected = 0;
  let otherH = 0;
  let otherO = 0;
  const secondCovered = inputs?.secondCovered;
  const missProb = inputs?.missProb;
  const slotHromada = inputs?.slotHromada;
  const oblastOf = inputs?.oblastOf;
  const hU = inputs?.hromada ?? -1;
  const oU = hU >= 0 && oblastOf ? oblastOf[hU]! : -1;
  for (let k = from; k < to; k++) {
    const i = units[k]!;
    const p = demand.population[i]!;
    const m = minutes[i]!;
    pop += p;
    if (covered[i]) cov += p;
    else {
      if (demand.kind[i] === 0) outside++;
      else {
        // a city of 50,000+ (many cells) counts once as a settlement with people beyond the norm, as in the panel
        const c = cityOf ? cityOf[i]! : -1;
        if (c >= 0 && p > 0 && !citiesOutside.includes(c)) {
          citiesOutside.push(c);
          outside++;
        }
      }
      area += demand.areaKm2[i]!;
    }
    if (m <= cap) reached += p;
    if (nearest && slotAssumed) {
      const f = nearest[i]!;
      // first reached by an assumed unit: within the reach cap only (beyond it nobody is reached)
      if (f >= 0 && slotAssumed[f] && m <= cap) assumed += p;
      if (slotHromada && f >= 0 && m <= cap) {
        // first reached from elsewhere: another (or an unknown) hromada, another oblast
        const fh = slotHromada[f]!;
        if (fh < 0 || hU < 0 || fh !== hU) otherH += p;
        if (fh < 0 || oU < 0 || oblastOf![fh] !== oU) otherO += p;
      }
    }
    if (secondCovered && secondCovered[i]) second += p;
    if (missProb) expected += p * (1 - missProb[i]!);
    const d = derivation[i]!;
    if (d !== 0 && d !== 3) estimated += p;
    if (d === SPREAD_DERIVATION) {
      if (m < sMin) sMin = m;
      if (m > sMax) sMax = m;
    }
    if (p > 0) {
      if (m > max) max = m;
      values[n] = m;
      weights[n] = p;
      n++;
    }
  }
  out.population[h] = pop;
  out.coveredPopulation[h] = cov;
  out.share[h] = pop > 0 ? cov / pop : NaN;
  out.settlementsOutside[h] = outside;
  out.areaOutsideKm2[h] = area;
  out.assumedPopulation[h] = assumed;
  out.reachedPopulation[h] = reached;
  out.estimatedPopulation[h] = estimated;
  out.spreadMinMin[h] = sMax === -Infinity ? NaN : sMin;
  out.spreadMaxMin[h] = sMax === -Infinity ? NaN : sMax;
  out.secondCoveredPopulation[h] = second;
  out.secondShare[h] = pop > 0 ? second / pop : NaN;
  out.expectedCoveredPopulation[h] = expected;
  out.expectedShare[h] = pop > 0 ? expected / pop : NaN;
  out.fromOtherHromadaPopulation[h] = otherH;
  out.fromOtherOblastPopulation[h] = otherO;
  if (n === 0) {
    out.medianMin[h] = NaN;
    out.p90Min[h] = NaN;
    out.maxMin[h] = NaN;
    return;
  }
  out.medianMin[h] = weightedSelect(values, weights, n, 0.5);
  out.p90Min[h] = weightedSelect(values, weights, n, 0.9);
  out.maxMin[h] = max;
}

/**
 * Sums per-hromada statistics over [from, to) into Totals, keeping entries of group `g` (when `group` is given) whose
 * occupied flag equals `occ` (an index past the flags, the outside-every-hromada entry, counts as not occupied).
 */
export function sumTotals(
  a: HromadaStats,
  from: number,
  to: number,
  group: Int32Array | null,
  g: number,
  occupied: Uint8Array | null = null,
  occ = 0,
): Totals {
  let population = 0;
  let coveredPopulation = 0;
  let settlementsOutside = 0;
  let areaOutsideKm2 = 0;
  let assumedPopulation = 0;
  let reachedPopulation = 0;
  let estimatedPopulation = 0;
  let secondCoveredPopulation = 0;
  let expectedCoveredPopulation = 0;
  let fromOtherHromadaPopulation = 0;
  let fromOtherOblastPopulation = 0;
  for (let h = from; h < to; h++) {
    if (group && group[h] !== g) continue;
    if (occupied && (occupied[h] ?? 0) !== occ) continue;
    population += a.population[h]!;
    coveredPopulation += a.coveredPopulation[h]!;
    settlementsOutside += a.settlementsOutside[h]!;
    areaOutsideKm2 += a.areaOutsideKm2[h]!;
    assumedPopulation += a.assumedPopulation[h]!;
    reachedPopulation += a.reachedPopulation[h]!;
    estimatedPopulation += a.estimatedPopulation[h]!;
    secondCoveredPopulation += a.secondCoveredPopulation[h]!;
    expectedCoveredPopulation += a.expectedCoveredPopulation[h]!;
    fromOtherHromadaPopulation += a.fromOtherHromadaPopulation[h]!;
    fromOtherOblastPopulation += a.fromOtherOblastPopulation[h]!;
  }
  return {
    population,
    coveredPopulation,
    share: population > 0 ? coveredPopulation / population : NaN,
    settlementsOutside,
    areaOutsideKm2,
    assumedPopulation,
    assumedShare: population > 0 ? assumedPopulation / population : NaN,
    reachedPopulation,
    estimatedPopulation,
    secondCoveredPopulation,
    secondShare: population > 0 ? secondCoveredPopulation / population : NaN,
    expectedCoveredPopulation,
    expectedShare: population > 0 ? expectedCoveredPopulation / population : NaN,
    fromOtherHromadaPopulation,
    fromOtherOblastPopulation,
  };
}
