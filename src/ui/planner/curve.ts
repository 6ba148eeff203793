/**
 * Geometry of the coverage curve (population within the norm vs number of new stations): pure, so the SVG chart
 * only draws what this returns and tests check the numbers.
 */
import type { CurvePoint } from '../../engine/optimize';

export interface CurveBox {
  width: number;
  height: number;
  /** Inner margins, px. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface CurveGeometry {
  /** SVG path `M x y L x y …` through the points (empty for no points). */
  path: string;
  /** Each point's pixel position and value. */
  points: { k: number; x: number; y: number; covered: number; share: number }[];
  /** Share axis: 0 at the bottom; `yMin`/`yMax` the shown range (0..1). */
  yMin: number;
  yMax: number;
  /** Tick values on the share axis (multiples of 5 % or 10 %). */
  yTicks: { value: number; y: number }[];
  /** Tick values on the k axis (integers, at most ~6). */
  xTicks: { value: number; x: number }[];
}

export const DEFAULT_BOX: CurveBox = { width: 320, height: 160, left: 40, right: 10, top: 10, bottom: 28 };

/**
 * Pixel geometry of `curve` in `box`. The share axis spans from just below the first point to just above the last
 * (rounded to 5 % steps, within 0..100 %), so a small gain stays visible; x is k = 0…n evenly spaced.
 * @example curveGeometry([{k:0, covered:10, share:0.5, meanCost:9}, {k:1, covered:15, share:0.75, meanCost:7}])
 */
export function curveGeometry(curve: readonly CurvePoint[], box: CurveBox = DEFAULT_BOX): CurveGeometry {
  const n = curve.length;
  const iw = box.width - box.left - box.right;
  const ih = box.height - box.top - box.bottom;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of curve) {
    if (Number.isFinite(p.share)) {
      lo = Math.min(lo, p.share);
      hi = Math.max(hi, p.share);
    }
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const step = 0.05;
  // (the small tolerance keeps 0.7 / 0.05 = 13.999… on 14)
  let yMin = Math.max(0, Math.floor(lo / step + 1e-6) * step);
  let yMax = Math.min(1, Math.ceil(hi / step - 1e-6) * step);
  if (yMax - yMin < step) {
    yMin = Math.max(0, yMax - step);
    if (yMax - yMin < step) yMax = Math.min(1, yMin + step);
  }
  const kMax = Math.max(1, n - 1);
  const xOf = (k: number) => box.left + (iw * k) / kMax;
  const yOf = (s: number) => box.top + ih * (1 - (s - yMin) / (yMax - yMin));
  const points = curve.map((p) => ({
    k: p.k,
    x: xOf(p.k),
    y: yOf(Number.isFinite(p.share) ? p.share : yMin),
    covered: p.covered,
    share: p.share,
  }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
  const span = yMax - yMin;
  const tickStep = span > 0.5 ? 0.2 : span > 0.2 ? 0.1 : 0.05;
  const yTicks: CurveGeometry['yTicks'] = [];
  for (let v = Math.ceil(yMin / tickStep - 1e-9) * tickStep; v <= yMax + 1e-9; v += tickStep)
    yTicks.push({ value: Math.round(v * 1000) / 1000, y: yOf(v) });
  const kStep = Math.max(1, Math.ceil(kMax / 5));
  const xTicks: CurveGeometry['xTicks'] = [];
  for (let k = 0; k <= kMax; k += kStep) xTicks.push({ value: k, x: xOf(k) });
  if (xTicks[xTicks.length - 1]?.value !== kMax && n > 1) xTicks.push({ value: kMax, x: xOf(kMax) });
  return { path, points, yMin, yMax, yTicks, xTicks };
}
