import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  calibrate,
  checkErrors,
  choleskySolve,
  modelledMinutes,
  robustFit,
  type CheckModel,
  type CheckPair,
  type ModelParts,
} from '../../src/engine/calibrate';
import { effectiveKmh, straightLineModel } from '../../src/engine/calibrate-models';
import { haversineKm } from '../../src/engine/travel';
import { DEFAULT_PARAMS, type ModelParams } from '../../src/engine/types';
import { parseKseTimes } from '../../src/io/kse-times';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/**
 * Pairs whose observed minutes are the straight-line model's with the speeds divided by `truth` (urban, rural),
 * times lognormal noise (σ = `noise`), and a share `outliers` of trips taking 2–4× as long (a river, the front).
 */
function synthetic(n: number, truth: [number, number], noise: number, outliers: number, seed: number): CheckPair[] {
  const r = rng(seed);
  const out: CheckPair[] = [];
  for (let i = 0; i < n; i++) {
    const fromLon = 24 + r() * 14;
    const fromLat = 46 + r() * 5;
    const toLon = fromLon + (r() - 0.5) * 2;
    const toLat = fromLat + (r() - 0.5) * 1.4;
    const urban = r() < 0.4 ? 1 : 0;
    const km = haversineKm(fromLon, fromLat, toLon, toLat);
    const p = DEFAULT_PARAMS;
    const mpk = urban
      ? (60 * p.detour.urban * truth[0]) / p.speedKmh.urban
      : (60 * p.detour.rural * truth[1]) / p.speedKmh.rural;
    let observedMin = km * mpk * Math.exp(noise * gauss(r));
    if (r() < outliers) observedMin *= 2 + 2 * r();
    out.push({
      fromLon,
      fromLat,
      toLon,
      toLat,
      observedMin,
      urban,
      group: urban ? 'U' : 'R',
      label: `p${i}`,
      turnoutMin: 0,
    });
  }
  return out;
}

describe('checkErrors', () => {
  it('gives mean and median absolute error, bias and groups exactly on a small case', () => {
    const mk = (obs: number, group: string): CheckPair => ({
      fromLon: 0,
      fromLat: 0,
      toLon: 0,
      toLat: 0,
      observedMin: obs,
      urban: 0,
      group,
      label: '',
      turnoutMin: 0,
    });
    const pairs = [mk(10, 'б'), mk(20, 'а'), mk(30, 'б'), mk(40, 'а')];
    const e = checkErrors(pairs, Float64Array.from([12, 15, 30, NaN]));
    // errors +2, −5, 0; |e| 2, 5, 0
    expect(e.untimed).toBe(1);
    expect(e.all.n).toBe(3);
    expect(e.all.mae).toBeCloseTo(7 / 3, 12);
    expect(e.all.medianAe).toBe(2);
    expect(e.all.bias).toBeCloseTo(-1, 12);
    expect(e.all.medianRelAe).toBeCloseTo(0.2, 12);
    expect(e.byGroup.map((g) => [g.group, g.n, g.mae, g.bias])).toEqual([
      ['а', 1, 5, -5],
      ['б', 2, 1, 1],
    ]);
  });

  it('agrees with a brute-force sum on random data', () => {
    const pairs = synthetic(301, [1, 1], 0.2, 0, 7);
    const mod = modelledMinutes(straightLineModel, pairs, DEFAULT_PARAMS);
    const e = checkErrors(pairs, mod);
    const errs = pairs.map((p, i) => mod[i]! - p.observedMin);
    const abs = errs.map(Math.abs).sort((a, b) => a - b);
    expect(e.all.mae).toBeCloseTo(abs.reduce((a, b) => a + b, 0) / 301, 9);
    expect(e.all.medianAe).toBe(abs[150]);
    expect(e.all.bias).toBeCloseTo(errs.reduce((a, b) => a + b, 0) / 301, 9);
  });
});

describe('choleskySolve', () => {
  it('solves a small SPD system and inverts it; refuses a singular one', () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    const s = choleskySolve(a, Float64Array.from([2, 1]), 2)!;
    expect(s.x[0]).toBeCloseTo(0.5, 12);
    expect(s.x[1]).toBeCloseTo(0, 12);
    expect([...s.inv].map((v) => Number(v.toFixed(12)))).toEqual([0.375, -0.25, -0.25, 0.5]);
    expect(choleskySolve(Float64Array.from([1, 2, 2, 4]), Float64Array.from([1, 1]), 2)).toBeNull();
  });
});

describe('robustFit on the straight-line model', () => {
  it('recovers known factors exactly without noise', () => {
    const pairs = synthetic(200, [1.4, 0.8], 0, 0, 1);
    const parts = straightLineModel.parts(pairs, DEFAULT_PARAMS);
    const fit = robustFit(
      parts,
      Float64Array.from(pairs, (p) => p.observedMin),
    );
    expect(fit.mode).toBe('per-class');
    expect(fit.factors[0]!.factor).toBeCloseTo(1.4, 9);
    expect(fit.factors[1]!.factor).toBeCloseTo(0.8, 9);
  });

  it('recovers known factors within 1 % with noise and 15 % outliers, where least squares is pulled off by over 1.5 % and at least twice as far', () => {
    for (const seed of [2, 3, 4]) {
      const pairs = synthetic(1500, [1.4, 0.8], 0.1, 0.15, seed);
      const parts = straightLineModel.parts(pairs, DEFAULT_PARAMS);
      const obs = Float64Array.from(pairs, (p) => p.observedMin);
      const fit = robustFit(parts, obs);
      expect(fit.mode).toBe('per-class');
      expect(Math.abs(fit.factors[0]!.factor / 1.4 - 1)).toBeLessThan(0.01);
      expect(Math.abs(fit.factors[1]!.factor / 0.8 - 1)).toBeLessThan(0.01);
      expect(fit.downweighted).toBeGreaterThan(0.1 * 1500);
      // Plain least squares on the same relative residuals (k = ∞): the outliers drag it.
      const ls = robustFit(parts, obs, { huberK: Infinity });
      for (const [c, t] of [
        [0, 1.4],
        [1, 0.8],
      ] as const) {
        const robustErr = Math.abs(fit.factors[c]!.factor / t - 1);
        const lsErr = Math.abs(ls.factors[c]!.factor / t - 1);
        expect(lsErr).toBeGreaterThan(0.015);
        expect(robustErr).toBeLessThan(Math.min(0.01, lsErr / 2));
      }
    }
  });

  it('applies the factors to the speeds, detour kept, rounded to 0.1 km/h', () => {
    const pairs = synthetic(400, [1.25, 0.8], 0, 0, 5);
    const c = calibrate(straightLineModel, pairs, DEFAULT_PARAMS);
    expect(c.params.speedKmh).toEqual({ urban: 32, rural: 75 });
    expect(c.params.detour).toEqual(DEFAULT_PARAMS.detour);
    expect(c.paramStrings).toEqual(['speed.urban=32', 'speed.rural=75']);
    expect(c.after.all.mae).toBeLessThan(1e-9);
    expect(c.before.all.mae).toBeGreaterThan(1);
  });

  it('keeps a class with too few pairs, and fits only the classes asked for', () => {
    const pairs = synthetic(300, [1.2, 1.1], 0, 0, 6).map((p, i) => ({ ...p, urban: (i < 10 ? 1 : 0) as 0 | 1 }));
    const parts = straightLineModel.parts(pairs, DEFAULT_PARAMS);
    const obs = Float64Array.from(pairs, (p) => p.observedMin);
    const fit = robustFit(parts, obs);
    expect(fit.factors[0]).toMatchObject({ name: 'urban', factor: 1, how: 'kept', pairs: 10 });
    expect(fit.factors[1]!.how).toBe('per-class');
    const only = robustFit(
      straightLineModel.parts(synthetic(300, [1.2, 1.1], 0, 0, 6), DEFAULT_PARAMS),
      Float64Array.from(synthetic(300, [1.2, 1.1], 0, 0, 6), (p) => p.observedMin),
      { classes: ['rural'] },
    );
    expect(only.factors[0]).toMatchObject({ factor: 1, how: 'kept' });
    expect(only.factors[1]!.factor).toBeCloseTo(1.1, 9);
  });

  it('counts a turnout as a fixed offset, not scaled', () => {
    const pairs = synthetic(200, [1.3, 1.3], 0, 0, 8).map((p) => ({
      ...p,
      turnoutMin: 3,
      observedMin: p.observedMin + 3,
    }));
    const fit = robustFit(
      straightLineModel.parts(pairs, DEFAULT_PARAMS),
      Float64Array.from(pairs, (p) => p.observedMin),
    );
    expect(fit.factors.map((f) => f.factor.toFixed(9))).toEqual(['1.300000000', '1.300000000']);
  });
});

/** A road-like model whose two classes a trip uses in given minutes (for the collinearity cases). */
function partsModel(a: Float64Array, b: Float64Array): CheckModel<ModelParams> {
  return {
    id: 'test-road',
    parts: (): ModelParts => ({ names: ['primary', 'tertiary'], parts: [a, b], offset: new Float64Array(a.length) }),
    apply: (p) => p,
    paramStrings: () => [],
  };
}

describe('robustFit with few trips', () => {
  it('fits one global factor when no class has enough trips on its own, and nothing below 5 trips', () => {
    const pairs = synthetic(12, [1.2, 1.2], 0, 0, 21);
    const obs = Float64Array.from(pairs, (p) => p.observedMin);
    const fit = robustFit(straightLineModel.parts(pairs, DEFAULT_PARAMS), obs);
    expect(fit.mode).toBe('global');
    expect(fit.reason).toMatch(/no class has 20 pairs/);
    for (const f of fit.factors) expect(f.factor).toBeCloseTo(1.2, 9);
    const few = robustFit(straightLineModel.parts(pairs.slice(0, 4), DEFAULT_PARAMS), obs.slice(0, 4));
    expect(few.mode).toBe('none');
    expect(few.factors.every((f) => f.factor === 1 && f.how === 'kept')).toBe(true);
  });
});

describe('robustFit on a road-like model', () => {
  it('fits a scale per road class when trips use the classes in different proportions', () => {
    const r = rng(11);
    const n = 800;
    const a = Float64Array.from({ length: n }, () => 5 + 60 * r());
    const b = Float64Array.from({ length: n }, () => 2 + 30 * r());
    const obs = Float64Array.from(
      { length: n },
      (_, i) => (0.9 * a[i]! + 1.5 * b[i]!) * Math.exp(0.05 * gauss(r)) * (r() < 0.1 ? 3 : 1),
    );
    const fit = robustFit(partsModel(a, b).parts([], DEFAULT_PARAMS), obs);
    expect(fit.mode).toBe('per-class');
    expect(Math.abs(fit.factors[0]!.factor / 0.9 - 1)).toBeLessThan(0.03);
    expect(Math.abs(fit.factors[1]!.factor / 1.5 - 1)).toBeLessThan(0.03);
  });

  it('falls back to one global scale, and says why, when every trip uses the classes in the same proportion', () => {
    const r = rng(12);
    const n = 500;
    const a = Float64Array.from({ length: n }, () => 10 + 60 * r());
    const b = Float64Array.from(a, (x) => 0.5 * x);
    const obs = Float64Array.from({ length: n }, (_, i) => 1.2 * (a[i]! + b[i]!) * Math.exp(0.05 * gauss(r)));
    const fit = robustFit(partsModel(a, b).parts([], DEFAULT_PARAMS), obs);
    expect(fit.mode).toBe('global');
    expect(fit.reason).toMatch(/collinear/);
    expect(fit.factors.every((f) => f.how === 'global')).toBe(true);
    expect(Math.abs(fit.factors[0]!.factor / 1.2 - 1)).toBeLessThan(0.01);
    expect(fit.factors[0]!.factor).toBe(fit.factors[1]!.factor);
  });
});

describe('the bundled KSE road times (golden figures)', () => {
  const kse = parseKseTimes(JSON.parse(readFileSync(join(__dirname, '../../public/geo/kse-road-times.json'), 'utf8')));

  it('holds 1,377 pairs in 23 oblasts, Київська excluded, every centre the hromada with time 0', () => {
    expect(kse.pairs.length).toBe(1377);
    expect(kse.oblastCentres.length).toBe(23);
    expect(new Set(kse.pairs.map((p) => p.group)).size).toBe(23);
    expect(kse.pairs.some((p) => p.group === 'Київська')).toBe(false);
    expect(kse.excluded).toMatchObject({
      oblast_centre_itself: 23,
      no_oblast_centre_in_data: 69,
      oblasts_without_centre: ['Київська'],
    });
    expect(kse.oblastCentres.find((c) => c.oblast === 'Львівська')).toMatchObject({
      centre: 'Львів',
      lon: 24.03159,
      lat: 49.84195,
    });
    expect(kse.oblastCentres.find((c) => c.oblast === 'Донецька')?.centre).toBe('Краматорськ');
    const speeds = kse.pairs.map(effectiveKmh).sort((a, b) => a - b);
    expect(speeds[Math.floor(speeds.length / 2)]).toBeCloseTo(43.7, 0);
  });

  it('straight-line model with the default parameters, before and after the fit', () => {
    const c = calibrate(straightLineModel, kse.pairs, DEFAULT_PARAMS);
    const r2 = (x: number) => Number(x.toFixed(2));
    expect([c.before.all.n, r2(c.before.all.mae), r2(c.before.all.medianAe), r2(c.before.all.bias)]).toEqual([
      1377, 25.14, 17.27, 15.34,
    ]);
    expect([r2(c.after.all.mae), r2(c.after.all.medianAe), r2(c.after.all.bias)]).toEqual([13.85, 7.99, -3.34]);
    expect(c.fit.mode).toBe('per-class');
    expect(c.fit.factors.map((f) => [f.name, f.pairs, Number(f.factor.toFixed(4))])).toEqual([
      ['urban', 774, 0.7277],
      ['rural', 603, 1.0425],
    ]);
    expect(c.paramStrings).toEqual(['speed.urban=55', 'speed.rural=57.6']);
    expect(c.before.byGroup.length).toBe(23);
    expect(c.before.byGroup.reduce((n, g) => n + g.n, 0)).toBe(1377);
  });
});
