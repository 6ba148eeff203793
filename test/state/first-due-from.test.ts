/**
 * The community panel's "N people are first reached from Х громада": the page's firstDueFrom over a CoverageResult
 * (worker slots mapped to the page's facility list) equals the engine's own firstDueFrom, hromada by hromada, also
 * when the page's list is in another order than the worker's slots.
 */
import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type Facility, type Service } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { firstDueFrom, type CoverageResult, type ServiceResult } from '../../src/state/coverage-source';

function pageResult(engine: CoverageEngine, facilities: Facility[], order: number[]): CoverageResult {
  // the page's list is `order` applied to the engine's slots; slotToFacility maps slot → page index
  const list = order.map((k) => facilities[k]!);
  const slotToFacility = new Int32Array(facilities.length);
  order.forEach((k, j) => (slotToFacility[k] = j));
  const svc = (s: Service) => ({ coverage: engine.coverage(s), slotToFacility }) as unknown as ServiceResult;
  return { params: engine.params, facilities: list, services: { fire: svc('fire'), police: svc('police') }, elapsedMs: 0 };
}

describe('firstDueFrom (page side)', () => {
  const country = syntheticCountry({ seed: 7, demand: 1500, facilities: 40, hromadas: 30, bbox: [30, 49, 32, 50.5] });
  // some units without a hromada (counted as another hromada and another oblast)
  const facilities = country.facilities.map((f, k) => (k % 9 === 0 ? { ...f, hromadaCode: null } : f));
  const engine = new CoverageEngine(country.demand, country.hromadas, facilities, DEFAULT_PARAMS);

  it('equals the engine for every hromada and service, whatever the order of the page’s list', () => {
    const reversed = facilities.map((_, k) => facilities.length - 1 - k);
    for (const order of [facilities.map((_, k) => k), reversed]) {
      const r = pageResult(engine, facilities, order);
      let across = 0;
      for (const s of ['fire', 'police'] as const)
        for (let h = 0; h < country.hromadas.count; h++) {
          const got = firstDueFrom(r, country.demand, country.hromadas, s, h);
          expect(got).toEqual(engine.firstDueFrom(s, h));
          across += got.length;
          // the people listed sum to the engine's per-hromada figure
          expect(got.reduce((a, x) => a + x.population, 0)).toBeCloseTo(engine.stats(s).fromOtherHromadaPopulation[h]!, 6);
        }
      expect(across).toBeGreaterThan(0);
    }
  });
});
