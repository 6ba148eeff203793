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
import { median, robustFit, type FitOptions, type FitResult, type ModelParts } from './robust-fit';

export {
  choleskySolve,
  robustFit,
  type FactorFit,
  type FitOptions,
  type FitResult,
  type ModelParts,
} from './robust-fit';

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
