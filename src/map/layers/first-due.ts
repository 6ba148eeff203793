import { LineLayer } from '@deck.gl/layers';
import type { CoverageResult } from '../../state/coverage-source';
import type { Service } from '../../engine/types';
import { categoricalColor } from '../colors';
import type { MapData } from '../map-data';
import type { LayerInput } from './types';

export interface Spokes {
  length: number;
  source: Float64Array;
  target: Float64Array;
  colors: Uint8Array;
}

/** A line from every located settlement to the facility that reaches it first, coloured per facility. */
export function firstDueSpokes(data: MapData, result: CoverageResult, service: Service): Spokes {
  const sr = result.services[service];
  const pts = data.settlements;
  const source = new Float64Array(pts.length * 2);
  const target = new Float64Array(pts.length * 2);
  const colors = new Uint8Array(pts.length * 4);
  let n = 0;
  for (let k = 0; k < pts.length; k++) {
    const d = pts.indices[k]!;
    const slot = sr.coverage.nearest[d]!;
    const j = slot >= 0 ? sr.slotToFacility[slot]! : -1;
    if (j < 0) continue;
    const f = result.facilities[j]!;
    source[2 * n] = pts.positions[2 * k]!;
    source[2 * n + 1] = pts.positions[2 * k + 1]!;
    target[2 * n] = f.lon;
    target[2 * n + 1] = f.lat;
    colors.set(categoricalColor(j, 150), 4 * n);
    n++;
  }
  return { length: n, source: source.subarray(0, 2 * n), target: target.subarray(0, 2 * n), colors: colors.subarray(0, 4 * n) };
}

let last: { key: string; spokes: Spokes } | null = null;

export function firstDueLayer(input: LayerInput): LineLayer {
  const visible = input.layers.firstDue && !!input.result;
  let spokes: Spokes = { length: 0, source: new Float64Array(0), target: new Float64Array(0), colors: new Uint8Array(0) };
  if (visible && input.result) {
    const key = `${input.service}:${input.resultVersion}`;
    if (last?.key !== key) last = { key, spokes: firstDueSpokes(input.data, input.result, input.service) };
    spokes = last.spokes;
  }
  return new LineLayer({
    id: 'first-due',
    data: {
      length: spokes.length,
      attributes: {
        getSourcePosition: { value: spokes.source, size: 2 },
        getTargetPosition: { value: spokes.target, size: 2 },
        getColor: { value: spokes.colors, size: 4, normalized: true },
      },
    },
    visible,
    widthUnits: 'pixels',
    getWidth: 1,
    pickable: false,
  });
}
