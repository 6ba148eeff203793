/**
 * Per-result derived attributes (colours), memoised by result object so layer props stay identical between
 * renders that do not change the result.
 */
import { cityRow } from '../../engine/places';
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

const cityCache = new WeakMap<CoverageResult, Map<string, { colors: Uint8Array; beyond: Uint8Array }>>();

/**
 * The circles of the cities of 50,000+ (DemandTable.cities, one per city at its own point): RGBA by the median
 * response time over the city's cells (src/engine/places.ts cityRow, its norm the urban one) and 1 where any of its
 * people are beyond the norm. Computed once per result and service (79 cities).
 */
export function cityMapStyle(data: MapData, result: CoverageResult, service: Service): { colors: Uint8Array; beyond: Uint8Array } {
  let m = cityCache.get(result);
  if (!m) cityCache.set(result, (m = new Map()));
  let v = m.get(service);
  if (!v) {
    const cities = data.demand.cities ?? [];
    const coverage = result.services[service].coverage;
    const median = new Float64Array(cities.length);
    const beyond = new Uint8Array(cities.length);
    cities.forEach((_, c) => {
      const row = cityRow(data.demand, data.cityIndex, coverage, c);
      median[c] = row.minutes;
      beyond[c] = row.coveredPopulation < row.population ? 1 : 0;
    });
    const norm = result.params.normMin[service].urban;
    const colors = fillMinutesColors(new Uint8Array(cities.length * 4), median, Int32Array.from(cities.keys()), () => norm, 215, 245);
    m.set(service, (v = { colors, beyond }));
  }
  return v;
}
