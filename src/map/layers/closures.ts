/**
 * The planner's closure ranking on the map: each ranked unit ringed in a colour by its loss (people who would fall
 * outside the norm if it alone closed), darkest for the largest. Pure colour function plus a ScatterplotLayer drawn
 * beneath the facility symbols.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { ClosureRow } from '../../engine/optimize';
import type { LayerInput } from './types';

import { CLOSURE_COLORS, closureClass } from './closure-colors';

export { CLOSURE_COLORS, closureClass, closureColor, type Rgba } from './closure-colors';

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
