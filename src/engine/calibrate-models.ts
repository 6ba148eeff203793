/**
 * The travel models as the model check sees them (./calibrate.ts {@link CheckModel}). The straight-line model's
 * minutes are turnout + km × 60 × detour / speed by class (./travel.ts); its parts are the driving minutes of urban
 * and of rural pairs, and a factor β on a class divides that class's speed by β (detour kept).
 *
 * What the data identify: only the ratio detour / speed of a class (minutes per straight-line km), never detour and
 * speed apart, since they enter the time only as that ratio; the fit keeps the detour and moves the speed. Turnout is
 * not fitted: plain trips carry none, and dispatch records carry the unit type's turnout as a fixed offset.
 */
import type { CheckModel, CheckPair, ModelParts } from './calibrate';
import { haversineKm, minutesPerKm } from './travel';
import type { ModelParams } from './types';

/** Fitted speeds are rounded to this, km/h, so the printed `--param` and the applied value are the same number. */
export const SPEED_STEP_KMH = 0.1;

/** Speeds are kept within this range whatever the fit says, km/h. */
export const SPEED_RANGE_KMH = [1, 200] as const;

function withSpeeds(params: ModelParams, urban: number, rural: number): ModelParams {
  return { ...params, speedKmh: { urban, rural } };
}

function roundSpeed(v: number): number {
  const r = Math.round(v / SPEED_STEP_KMH) * SPEED_STEP_KMH;
  return Math.min(SPEED_RANGE_KMH[1], Math.max(SPEED_RANGE_KMH[0], Number(r.toFixed(1))));
}

/**
 * The straight-line model: parts `urban` and `rural` (driving minutes of the pairs of each class), offset = the
 * pair's turnout.
 */
export const straightLineModel: CheckModel<ModelParams> = {
  id: 'straight-line',
  parts(pairs: readonly CheckPair[], params: ModelParams): ModelParts {
    const n = pairs.length;
    const urban = new Float64Array(n);
    const rural = new Float64Array(n);
    const offset = new Float64Array(n);
    const mpkU = minutesPerKm(params, 1);
    const mpkR = minutesPerKm(params, 0);
    pairs.forEach((p, i) => {
      const km = haversineKm(p.fromLon, p.fromLat, p.toLon, p.toLat);
      if (p.urban) urban[i] = km * mpkU;
      else rural[i] = km * mpkR;
      offset[i] = p.turnoutMin;
    });
    return { names: ['urban', 'rural'], parts: [urban, rural], offset };
  },
  apply(params: ModelParams, factors: readonly number[]): ModelParams {
    const fu = factors[0] ?? 1;
    const fr = factors[1] ?? 1;
    return withSpeeds(
      params,
      fu === 1 ? params.speedKmh.urban : roundSpeed(params.speedKmh.urban / fu),
      fr === 1 ? params.speedKmh.rural : roundSpeed(params.speedKmh.rural / fr),
    );
  },
  paramStrings(params: ModelParams): string[] {
    return [`speed.urban=${params.speedKmh.urban}`, `speed.rural=${params.speedKmh.rural}`];
  },
};

/** Effective straight-line speed of a pair, km/h: crow-fly km ÷ observed hours. */
export function effectiveKmh(p: CheckPair): number {
  return haversineKm(p.fromLon, p.fromLat, p.toLon, p.toLat) / ((p.observedMin - p.turnoutMin) / 60);
}
