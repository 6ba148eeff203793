/**
 * The planner's closure ranking on the map: each ranked unit ringed in a colour by its loss (people who would fall
 * outside the norm if it alone closed), darkest for the largest. Pure colour function plus a ScatterplotLayer drawn
 * beneath the facility symbols.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { ClosureRow } from '../../engine/optimize';
import type { LayerInput } from './types';

/** Loss classes, from none to the largest: pale yellow → dark red. */
/** RGBA. */
export type Rgba = [number, number, number, number];

export const CLOSURE_COLORS: readonly Rgba[] = [
  [200, 200, 200, 200],
  [254, 217, 118, 230],
  [253, 141, 60, 235],
  [227, 26, 28, 240],
  [128, 0, 38, 245],
];

/**
 * Colour class 0..4 of a unit losing `loss` people when the largest loss in the ranking is `maxLoss`: 0 for no loss,
 * else 1..4 by the square root of loss / maxLoss (quartiles of the root keep small losses distinguishable).
 * @example closureClass(0, 100) // 0; closureClass(100, 100) // 4; closureClass(4, 100) // 1
 */
export function closureClass(loss: number, maxLoss: number): number {
  if (!(loss > 0) || !(maxLoss > 0)) return 0;
  const r = Math.sqrt(Math.min(1, loss / maxLoss));
  return Math.min(4, 1 + Math.floor(r * 4 - 1e-9));
}

/** The colour of a ranked unit (see {@link closureClass}). */
export function closureColor(loss: number, maxLoss: number): Rgba {
  return CLOSURE_COLORS[closureClass(loss, maxLoss)]!;
}

/** Ranked units with a location, each with its colour class (for the layer and for tests). */
export function closurePoints(rows: readonly ClosureRow[] | null | undefined): { row: ClosureRow; cls: number }[] {
  const list = (rows ?? []).filter((r) => Number.isFinite(r.lon) && Number.isFinite(r.lat));
  const max = list.reduce((m, r) => Math.max(m, r.loss), 0);
  return list.map((row) => ({ row, cls: closureClass(row.loss, max) }));
}

/** Rings under the ranked units' symbols; only created while the planner shows a ranking. */
export function closuresLayer(input: LayerInput): ScatterplotLayer<{ row: ClosureRow; cls: number }> {
  const data = closurePoints(input.closures);
  return new ScatterplotLayer<{ row: ClosureRow; cls: number }>({
    id: 'closures',
    data,
    visible: data.length > 0,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: (d) => 8 + 2 * d.cls,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getPosition: (d) => [d.row.lon, d.row.lat],
    getFillColor: (d) => CLOSURE_COLORS[d.cls]!,
    getLineColor: [60, 60, 60, 255],
  });
}
