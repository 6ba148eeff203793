/**
 * The model check (issue 13, point 6): how far a travel model's minutes are from observed ones, and a robust fit of
 * the model's speeds to them. Pure: no I/O. The model is pluggable ({@link CheckModel}): the straight-line model is
 * in ./calibrate-models.ts; a road model plugs in through the same interface (its parts = minutes on each road class).
 *
 * The fit. A model's minutes for pair i are split into a fixed offset o_i (turnout, off-road legs) and parts
 * X_ic, one per class c (urban/rural km, or one road class): t_i = o_i + Σ_c X_ic. Calibration finds factors β_c so
 * that o_i + Σ_c β_c X_ic matches the observed y_i; β_c = 1.25 means class c takes 25 % longer than modelled, i.e.
 * its speed is 1/1.25 of the current one. The model is linear in β, so this is a linear regression through the
 * offset, solved by Huber M-estimation with iteratively reweighted least squares (IRLS):
 * - residuals are relative, r_i = (y_i − o_i − X_i·β) / max(y_i, 1 min): the errors of real trips grow with their
 *   length (KSE's straight-line speeds spread from 33 to 54 km/h between p10 and p90 at any distance), so a
 *   percent error is the comparable unit;
 * - Huber's ψ with k = 1.345 (95 % efficiency under normal errors) and the scale re-estimated each step as
 *   1.4826 × the median |r| (MAD), so a trip across a reservoir or the front line taking 3× the model weighs like a
 *   trip k·scale away, not like three normal ones;
 * - Theil–Sen was the other candidate: as robust for one slope (median of the ratios), but it does not extend to
 *   several classes sharing a trip (a road trip runs on several classes at once), and Huber IRLS does, with
 *   standard errors that say when a class is not identifiable.
 * A class is fitted on its own only with ≥ `minPairs` pairs that use it and ≥ `minShare` of all modelled minutes;
 * the per-class fit is kept only when every factor is positive with a relative standard error ≤ `maxRelSe`;
 * otherwise one global factor scales every class (and the result says why).
 */

/** One observed trip. Coordinates WGS84 degrees. */
export interface CheckPair {
  fromLon: number;
  fromLat: number;
  toLon: number;
  toLat: number;
  /** Observed minutes (> 0). */
  observedMin: number;
  /** Class of the trip for the straight-line model: 1 urban, 0 rural (the demand end's class). */
  urban: 0 | 1;
  /** Group for the table of errors (KSE: the oblast). */
  group: string;
  /** What the row is (hromada name, facility → place), for tables; '' when none. */
  label: string;
  /** Turnout minutes included in the observed time (dispatch records: the unit type's turnout); 0 for plain trips. */
  turnoutMin: number;
}

/** A model's minutes split for the fit: minutes of pair i = offset[i] + Σ_c parts[c][i]. NaN offset: not timed. */
export interface ModelParts {
  /** Name of each part (class), e.g. 'urban', 'rural' or a road class. */
  names: string[];
  parts: Float64Array[];
  offset: Float64Array;
}

/**
 * A travel model as the check sees it: minutes for pairs under some parameters, split into scalable parts, and how a
 * factor per part changes the parameters. `P` is the parameter object (ModelParams for the app's models).
 */
export interface CheckModel<P> {
  /** 'straight-line' or 'road'. */
  readonly id: string;
  parts(pairs: readonly CheckPair[], params: P): ModelParts;
  /** Parameters whose part c takes factors[c] times as long (a class's speed divided by its factor). */
  apply(params: P, factors: readonly number[]): P;
  /** The `--param name=value` strings of what `apply` changes, read from `params`. */
  paramStrings(params: P): string[];
}

/** Modelled minutes of each pair (offset + parts); NaN where the model cannot time a pair. */
export function modelledMinutes<P>(model: CheckModel<P>, pairs: readonly CheckPair[], params: P): Float64Array {
  return sumParts(model.parts(pairs, params));
}

function sumParts(mp: ModelParts): Float64Array {
  const out = Float64Array.from(mp.offset);
  for (const p of mp.parts) for (let i = 0; i < out.length; i++) out[i]! += p[i]!;
  return out;
}

/** Errors of modelled minutes against observed ones. Error = modelled − observed (positive: the model is slower). */
export interface ErrorSummary {
  /** Pairs compared (both times finite). */
  n: number;
  /** Mean absolute error, minutes. */
  mae: number;
  /** Median absolute error, minutes. */
  medianAe: number;
  /** Mean signed error (modelled − observed), minutes. */
  bias: number;
  /** Median of |error| / observed. */
  medianRelAe: number;
}

export interface GroupErrors extends ErrorSummary {
  group: string;
}

export interface CheckErrors {
  all: ErrorSummary;
  /** By group, sorted by group name (Ukrainian collation). */
  byGroup: GroupErrors[];
  /** Pairs the model could not time (NaN minutes). */
  untimed: number;
}

function median(xs: Float64Array): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summary(obs: readonly number[], mod: readonly number[]): ErrorSummary {
  const n = obs.length;
  const abs = new Float64Array(n);
  const rel = new Float64Array(n);
  let sa = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = mod[i]! - obs[i]!;
    abs[i] = Math.abs(e);
    rel[i] = Math.abs(e) / obs[i]!;
    sa += abs[i]!;
    ss += e;
  }
  return { n, mae: n ? sa / n : NaN, medianAe: median(abs), bias: n ? ss / n : NaN, medianRelAe: median(rel) };
}

/**
 * Mean and median absolute error, bias and median relative error, overall and by group.
 * @param modelled minutes per pair (NaN: not timed, left out and counted)
 * @example checkErrors(pairs, modelledMinutes(straightLineModel, pairs, DEFAULT_PARAMS)).all.mae
 */
export function checkErrors(pairs: readonly CheckPair[], modelled: Float64Array): CheckErrors {
  const groups = new Map<string, { obs: number[]; mod: number[] }>();
  const obs: number[] = [];
  const mod: number[] = [];
  let untimed = 0;
  pairs.forEach((p, i) => {
    const m = modelled[i]!;
    if (!Number.isFinite(m)) {
      untimed++;
      return;
    }
    obs.push(p.observedMin);
    mod.push(m);
    let g = groups.get(p.group);
    if (!g) groups.set(p.group, (g = { obs: [], mod: [] }));
    g.obs.push(p.observedMin);
    g.mod.push(m);
  });
  const byGroup = [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'uk'))
    .map(([group, g]) => ({ group, ...summary(g.obs, g.mod) }));
  return { all: summary(obs, mod), byGroup, untimed };
}

export interface FitOptions {
  /** Huber tuning constant, in scale units. Default 1.345. */
  huberK?: number;
  /** Pairs a class needs to be fitted on its own. Default 20. */
  minPairs?: number;
  /** Share of all modelled part-minutes a class needs to be fitted on its own. Default 0.02. */
  minShare?: number;
  /** Largest relative standard error of a per-class factor. Default 0.1. */
  maxRelSe?: number;
  maxIter?: number;
  /** Pairs needed for one global factor when no class can be fitted on its own. Default 5. */
  minGlobalPairs?: number;
  /** Fit only these classes (by part name); the others keep factor 1. Default: every class. */
  classes?: readonly string[];
}

export interface FactorFit {
  name: string;
  /** Multiplier of the class's modelled minutes (1: unchanged). */
  factor: number;
  /** Approximate standard error of the factor (Huber sandwich); NaN when not fitted. */
  se: number;
  /** Pairs using the class, and its share of all modelled part-minutes. */
  pairs: number;
  share: number;
  /** Fitted on its own (per-class), scaled with the others (global), or kept (too little data). */
  how: 'per-class' | 'global' | 'kept';
}

export interface FitResult {
  method: 'huber-irls';
  /** per-class: each eligible class has its own factor; global: one factor for all; none: nothing to fit. */
  mode: 'per-class' | 'global' | 'none';
  /** Why the per-class fit was not kept, or '' (English; the UI words it itself from `mode`). */
  reason: string;
  factors: FactorFit[];
  /** Robust scale of the relative residuals at the solution (1.4826 × MAD). */
  scale: number;
  /** Pairs down-weighted by the Huber weights (|r| > k·scale): the outliers the fit resisted. */
  downweighted: number;
  iterations: number;
  /** Pairs used (finite model time, observed > 0). */
  n: number;
}

interface Solved {
  beta: Float64Array;
  se: Float64Array;
  scale: number;
  downweighted: number;
  iterations: number;
  ok: boolean;
}

/** Solve the symmetric positive definite system a·x = b (p × p, row-major) by Cholesky; null when not positive definite. */
export function choleskySolve(
  a: Float64Array,
  b: Float64Array,
  p: number,
): { x: Float64Array; inv: Float64Array } | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        // A pivot this small relative to the diagonal means the columns are (nearly) collinear.
        if (!(s > 1e-10 * Math.abs(a[i * p + i]!))) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  const solve = (rhs: Float64Array): Float64Array => {
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = rhs[i]!;
      for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
      y[i] = s / l[i * p + i]!;
    }
    const x = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
      x[i] = s / l[i * p + i]!;
    }
    return x;
  };
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p);
    e[j] = 1;
    const col = solve(e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  return { x: solve(b), inv };
}

/**
 * Huber IRLS of y − o ≈ X·β on relative residuals. `cols` are the parts (length n each), `rows` the pairs used.
 */
function huberIrls(
  cols: readonly Float64Array[],
  target: Float64Array,
  u: Float64Array,
  rows: Int32Array,
  k: number,
  maxIter: number,
): Solved {
  const p = cols.length;
  const n = rows.length;
  const w = new Float64Array(n).fill(1);
  const r = new Float64Array(n);
  let beta: Float64Array = new Float64Array(p).fill(1);
  let scale = NaN;
  let iterations = 0;
  let inv: Float64Array = new Float64Array(p * p);
  for (; iterations < maxIter; iterations++) {
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let q = 0; q < n; q++) {
      const i = rows[q]!;
      const ww = w[q]! * u[i]! * u[i]!;
      for (let c = 0; c < p; c++) {
        const xc = cols[c]![i]!;
        if (xc === 0) continue;
        b[c]! += ww * xc * target[i]!;
        for (let d = 0; d <= c; d++) a[c * p + d]! += ww * xc * cols[d]![i]!;
      }
    }
    for (let c = 0; c < p; c++) for (let d = c + 1; d < p; d++) a[c * p + d] = a[d * p + c]!;
    const sol = choleskySolve(a, b, p);
    if (!sol) return { beta, se: new Float64Array(p).fill(NaN), scale, downweighted: 0, iterations, ok: false };
    const change = sol.x.reduce((m, v, c) => Math.max(m, Math.abs(v - beta[c]!) / Math.max(1e-12, Math.abs(v))), 0);
    beta = sol.x;
    inv = sol.inv;
    for (let q = 0; q < n; q++) {
      const i = rows[q]!;
      let fit = 0;
      for (let c = 0; c < p; c++) fit += beta[c]! * cols[c]![i]!;
      r[q] = (target[i]! - fit) * u[i]!;
    }
    scale = Math.max(1.4826 * median(r.map(Math.abs)), 1e-9);
    for (let q = 0; q < n; q++) {
      const z = Math.abs(r[q]!) / scale;
      w[q] = z <= k ? 1 : k / z;
    }
    if (iterations > 0 && change < 1e-10) break;
  }
  // Huber's asymptotic covariance: s² · [Σψ²/(n−p)] / [Σψ'/n]² · (X̃ᵀX̃)⁻¹, X̃ the row-scaled design.
  let psi2 = 0;
  let dpsi = 0;
  let downweighted = 0;
  for (let q = 0; q < n; q++) {
    const z = r[q]! / scale;
    const inside = Math.abs(z) <= k;
    psi2 += inside ? z * z : k * k;
    dpsi += inside ? 1 : 0;
    if (!inside) downweighted++;
  }
  const a = new Float64Array(p * p);
  for (let q = 0; q < n; q++) {
    const i = rows[q]!;
    for (let c = 0; c < p; c++)
      for (let d = 0; d < p; d++) a[c * p + d]! += u[i]! * u[i]! * cols[c]![i]! * cols[d]![i]!;
  }
  const plain = choleskySolve(a, new Float64Array(p), p);
  if (plain) inv = plain.inv;
  const factor = n > p && dpsi > 0 ? (scale * scale * (psi2 / (n - p))) / (dpsi / n) ** 2 : NaN;
  const se = new Float64Array(p);
  for (let c = 0; c < p; c++) se[c] = Math.sqrt(factor * inv[c * p + c]!);
  return { beta, se, scale, downweighted, iterations: iterations + 1, ok: true };
}

/**
 * Robust fit of one factor per part (class), or one global factor when the classes cannot be told apart.
 * @param mp the model's parts for the pairs (under the parameters being calibrated)
 * @param observed observed minutes per pair
 */
export function robustFit(mp: ModelParts, observed: Float64Array, opts: FitOptions = {}): FitResult {
  const k = opts.huberK ?? 1.345;
  const minPairs = opts.minPairs ?? 20;
  const minShare = opts.minShare ?? 0.02;
  const maxRelSe = opts.maxRelSe ?? 0.1;
  const maxIter = opts.maxIter ?? 100;
  const n = observed.length;
  const rowList: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(mp.offset[i]!) && observed[i]! > 0) rowList.push(i);
  const rows = Int32Array.from(rowList);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = 1 / Math.max(observed[i]!, 1);
  const pairsOf = mp.parts.map((col) => rowList.reduce((m, i) => m + (col[i]! > 0 ? 1 : 0), 0));
  const minutesOf = mp.parts.map((col) => rowList.reduce((m, i) => m + col[i]!, 0));
  const total = minutesOf.reduce((a, b) => a + b, 0);
  const share = minutesOf.map((m) => (total > 0 ? m / total : 0));
  const asked = (name: string): boolean => !opts.classes || opts.classes.includes(name);
  const eligible = mp.names.map((name, c) => asked(name) && pairsOf[c]! >= minPairs && share[c]! >= minShare);
  const base = (how: FactorFit['how']): FactorFit[] =>
    mp.names.map((name, c) => ({ name, factor: 1, se: NaN, pairs: pairsOf[c]!, share: share[c]!, how }));
  const empty = { method: 'huber-irls' as const, scale: NaN, downweighted: 0, iterations: 0, n: rows.length };
  const minGlobal = opts.minGlobalPairs ?? 5;
  if (!eligible.some(Boolean) && rows.length < minGlobal) {
    return {
      ...empty,
      mode: 'none',
      reason: `${rows.length} pairs timed by the model; at least ${minGlobal} are needed`,
      factors: base('kept'),
    };
  }
  // Per-class: eligible classes get a factor each; the others stay at 1 and join the offset.
  const idx = mp.names.map((_, c) => c).filter((c) => eligible[c]);
  const noClass = `no class has ${minPairs} pairs and ${(minShare * 100).toFixed(0)} % of the modelled minutes on its own`;
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = observed[i]! - mp.offset[i]!;
    mp.parts.forEach((col, c) => {
      if (!eligible[c]) t -= col[i]!;
    });
    target[i] = t;
  }
  const per: Solved =
    idx.length === 0
      ? { beta: new Float64Array(0), se: new Float64Array(0), scale: NaN, downweighted: 0, iterations: 0, ok: false }
      : huberIrls(
          idx.map((c) => mp.parts[c]!),
          target,
          u,
          rows,
          k,
          maxIter,
        );
  const perOk = idx.length > 0 && per.ok && [...per.beta].every((b, j) => b > 0 && per.se[j]! / b <= maxRelSe);
  if (perOk) {
    const factors = base('kept');
    idx.forEach((c, j) => Object.assign(factors[c]!, { factor: per.beta[j]!, se: per.se[j]!, how: 'per-class' }));
    return {
      ...empty,
      mode: 'per-class',
      reason: '',
      factors,
      scale: per.scale,
      downweighted: per.downweighted,
      iterations: per.iterations,
    };
  }
  // Global: one factor on the sum of the asked classes' parts.
  const sum = new Float64Array(n);
  const tg = new Float64Array(n);
  for (let i = 0; i < n; i++) tg[i] = observed[i]! - mp.offset[i]!;
  mp.parts.forEach((col, c) => {
    const into = asked(mp.names[c]!) ? sum : null;
    for (let i = 0; i < n; i++) {
      if (into) into[i]! += col[i]!;
      else tg[i]! -= col[i]!;
    }
  });
  const g = huberIrls([sum], tg, u, rows, k, maxIter);
  const reason =
    idx.length === 0
      ? noClass
      : !per.ok
        ? 'the classes are collinear in these trips (every trip uses them in the same proportions)'
        : `a per-class factor is not pinned down (relative standard error above ${(maxRelSe * 100).toFixed(0)} % or not positive)`;
  if (!g.ok || !(g.beta[0]! > 0)) {
    return {
      ...empty,
      mode: 'none',
      reason: `${reason}; the global factor is not positive either`,
      factors: base('kept'),
    };
  }
  const factors = base('global').map((f) =>
    asked(f.name) ? { ...f, factor: g.beta[0]!, se: g.se[0]! } : { ...f, how: 'kept' as const },
  );
  return {
    ...empty,
    mode: 'global',
    reason,
    factors,
    scale: g.scale,
    downweighted: g.downweighted,
    iterations: g.iterations,
  };
}

export interface Calibration<P> {
  model: string;
  before: CheckErrors;
  after: CheckErrors;
  fit: FitResult;
  /** The parameters after the fit (rounded as `paramStrings` prints them). */
  params: P;
  /** `--param name=value` strings of the fitted parameters that differ from the starting ones. */
  paramStrings: string[];
  /** Modelled minutes before and after, per pair (for the scatter plot). */
  modelledBefore: Float64Array;
  modelledAfter: Float64Array;
}

/**
 * Check a model against observed trips, fit it, and check the fitted model again.
 * @example calibrate(straightLineModel, kse.pairs, DEFAULT_PARAMS).after.all.mae
 */
export function calibrate<P>(
  model: CheckModel<P>,
  pairs: readonly CheckPair[],
  params: P,
  opts: FitOptions = {},
): Calibration<P> {
  const parts = model.parts(pairs, params);
  const modelledBefore = sumParts(parts);
  const observed = Float64Array.from(pairs, (p) => p.observedMin);
  const fit = robustFit(parts, observed, opts);
  const fitted = model.apply(
    params,
    fit.factors.map((f) => f.factor),
  );
  const modelledAfter = modelledMinutes(model, pairs, fitted);
  return {
    model: model.id,
    before: checkErrors(pairs, modelledBefore),
    after: checkErrors(pairs, modelledAfter),
    fit,
    params: fitted,
    paramStrings: changedStrings(model.paramStrings(params), model.paramStrings(fitted)),
    modelledBefore,
    modelledAfter,
  };
}

function changedStrings(before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  return after.filter((s) => !was.has(s));
}
