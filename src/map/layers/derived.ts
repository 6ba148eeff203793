/**
 * Per-result derived attributes (colours), memoised by result object so layer props stay identical between
 * renders that do not change the result.
 */
import type { Service } from '../../engine/types';
import type { CoverageResult } from '../../state/coverage-source';
import { fillMinutesColors } from '../colors';
import type { MapData } from '../map-data';

const cache = new WeakMap<CoverageResult, Map<string, Uint8Array>>();

function memo(result: CoverageResult, key: string, make: () => Uint8Array): Uint8Array {
  let m = cache.get(result);
  if (!m) cache.set(result, (m = new Map()));
  let v = m.get(key);
  if (!v) m.set(key, (v = make()));
  return v;
}

/** RGBA per located settlement (in MapData.settlements order) coloured by response time. */
export function settlementColors(data: MapData, result: CoverageResult, service: Service): Uint8Array {
  return memo(result, `s:${service}`, () => {
    const norm = result.params.normMin[service];
    const urban = data.demand.urban;
    return fillMinutesColors(
      new Uint8Array(data.settlements.length * 4),
      result.services[service].coverage.minutes,
      data.settlements.indices,
      (i) => (urban[i] ? norm.urban : norm.rural),
      215,
      245,
    );
  });
}

/** RGBA per demand unit (indexed by demand index) for the H3 cells. */
export function cellColors(data: MapData, result: CoverageResult, service: Service): Uint8Array {
  return memo(result, `c:${service}`, () => {
    const norm = result.params.normMin[service];
    const urban = data.demand.urban;
    const out = new Uint8Array(data.demand.count * 4);
    const cells = data.cityCells.length > 0 ? data.cells.concat(data.cityCells) : data.cells;
    const tmp = new Uint8Array(cells.length * 4);
    fillMinutesColors(tmp, result.services[service].coverage.minutes, cells, (i) => (urban[i] ? norm.urban : norm.rural), 110, 215);
    cells.forEach((d, k) => out.set(tmp.subarray(k * 4, k * 4 + 4), d * 4));
    return out;
  });
}
