/**
 * The model check's robust fit (see ./calibrate.ts for what is fitted and why Huber IRLS): one time factor per part
 * (class) of a model's minutes, or one global factor when the classes cannot be told apart. Pure.
 */

/** A model's minutes split for the fit: minutes of pair i = offset[i] + Σ_c parts[c][i]. NaN offset: not timed. */
export interface ModelParts {
  /** Name of each part (class), e.g. 'urban', 'rural' or a road class. */
  names: string[];
  parts: Float64Array[];
  offset: Float64Array;
}

/** Median of the values (NaN for none). */
export function median(xs: Float64Array): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
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
          using(rows, idx.map((c) => mp.parts[c]!)),
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
  const g = huberIrls([sum], tg, u, using(rows, [sum]), k, maxIter);
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

/** The rows with time on at least one of `cols` (the others say nothing about their factors, nor about the scale). */
function using(rows: Int32Array, cols: readonly Float64Array[]): Int32Array {
  return rows.filter((i) => cols.some((c) => c[i]! > 0));
}
