/**
 * Geometry of the model check's scatter plot (modelled vs observed minutes) as plain numbers for an SVG: the plot
 * area, one point per trip, the y = x line and round ticks. Pure (no DOM, no React), so it is tested on its own.
 */

export interface ScatterGeometry {
  width: number;
  height: number;
  /** The plot area inside the margins, in SVG units. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Axis maximum, minutes (both axes share it, so y = x is the diagonal). */
  max: number;
  /** SVG coordinates of each drawn point, x0 y0 x1 y1 …; trips whose modelled time is not finite are left out. */
  points: Float64Array;
  /** Index of the trip of each drawn point. */
  index: Int32Array;
  /** The y = x line from (0, 0) to (max, max). */
  diagonal: [x1: number, y1: number, x2: number, y2: number];
  /** Tick values (minutes) and their position along each axis. */
  ticks: { value: number; x: number; y: number }[];
}

/** A round tick step (1, 2 or 5 × 10^k) giving at most `count` ticks up to `max`. */
export function tickStep(max: number, count = 6): number {
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/**
 * Lay out the scatter plot.
 * @param observed observed minutes per trip (x)
 * @param modelled modelled minutes per trip (y; NaN: not drawn)
 * @example scatterGeometry([10, 20], [12, 18], 300, 300).diagonal // [left, bottom, right, top]
 */
export function scatterGeometry(
  observed: ArrayLike<number>,
  modelled: ArrayLike<number>,
  width: number,
  height: number,
  margin = { left: 44, right: 10, top: 10, bottom: 34 },
): ScatterGeometry {
  let top = 0;
  for (let i = 0; i < observed.length; i++) {
    const y = modelled[i]!;
    top = Math.max(top, observed[i]!, Number.isFinite(y) ? y : 0);
  }
  const step = tickStep(top > 0 ? top : 1);
  const max = Math.max(step, Math.ceil((top > 0 ? top : 1) / step) * step);
  const left = margin.left;
  const right = width - margin.right;
  const t = margin.top;
  const bottom = height - margin.bottom;
  const sx = (v: number): number => left + ((right - left) * v) / max;
  const sy = (v: number): number => bottom - ((bottom - t) * v) / max;
  const pts: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < observed.length; i++) {
    const y = modelled[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(observed[i]!)) continue;
    pts.push(sx(observed[i]!), sy(y));
    idx.push(i);
  }
  const ticks: ScatterGeometry['ticks'] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push({ value: Number(v.toFixed(6)), x: sx(v), y: sy(v) });
  return {
    width,
    height,
    left,
    top: t,
    right,
    bottom,
    max,
    points: Float64Array.from(pts),
    index: Int32Array.from(idx),
    diagonal: [sx(0), sy(0), sx(max), sy(max)],
    ticks,
  };
}
