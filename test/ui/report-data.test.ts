/**
 * The community report's data builder over a real engine run (synthetic country): its figures are the engine's
 * hromada statistics, its rows are exactly the hromada's located settlements and cities with the panel's line per
 * service, its unlocated rows the panel's verdicts per service; a bad index is refused.
 */
import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type Service } from '../../src/engine';
import { cityIndex } from '../../src/engine/places';
import { syntheticCountry } from '../../src/engine/synthetic';
import type { CoverageResult, ServiceResult } from '../../src/state/coverage-source';
import { hromadaPlaceLines, unlocatedLines } from '../../src/state/summary';
import { buildReportData } from '../../src/ui/report/report-data';

const country = syntheticCountry({ seed: 11, demand: 1200, facilities: 30, hromadas: 12, bbox: [30, 49, 31.5, 50] });
const engine = new CoverageEngine(country.demand, country.hromadas, country.facilities, DEFAULT_PARAMS);
const slotToFacility = Int32Array.from(country.facilities, (_, k) => k);
const svc = (s: Service) =>
  ({ coverage: engine.coverage(s), stats: engine.stats(s), slotToFacility }) as unknown as ServiceResult;
const result: CoverageResult = {
  params: engine.params,
  facilities: country.facilities,
  services: { fire: svc('fire'), police: svc('police') },
  elapsedMs: 0,
};
const UNLOCATED = [
  { name: 'Хутір', category: 'village' },
  { name: 'Селище', category: 'smt' },
];

describe('buildReportData', () => {
  it("gives the engine's statistics, every located place once with the panel's lines, the panel's unlocated verdicts", () => {
    const cities = cityIndex(country.demand);
    let located = 0;
    for (let h = 0; h < country.hromadas.count; h++) {
      const d = buildReportData(country.demand, country.hromadas, result, h, UNLOCATED, cities);
      expect(d.code).toBe(country.hromadas.codes[h]);
      expect(d.name).toBe(country.hromadas.names[h]);
      for (const s of ['fire', 'police'] as const) {
        const st = engine.stats(s);
        const f = d.figures[s];
        expect([f.share, f.expectedShare, f.secondShare, f.medianMin, f.p90Min, f.maxMin]).toEqual([
          st.share[h],
          st.expectedShare[h],
          st.secondShare[h],
          st.medianMin[h],
          st.p90Min[h],
          st.maxMin[h],
        ]);
        expect(f.outsidePopulation).toBe(st.population[h]! - st.coveredPopulation[h]!);
        expect(f.settlementsOutside).toBe(st.settlementsOutside[h]);
        expect(f.across).toEqual(engine.firstDueFrom(s, h));
        // the panel's lines, in the fire list's order
        const lines = hromadaPlaceLines(country.demand, cities, result, s, h);
        expect(d.rows.map((r) => r.lines[s]).sort((a, b) => a.unit - b.unit || a.city - b.city)).toEqual(
          [...lines].sort((a, b) => a.unit - b.unit || a.city - b.city),
        );
        const u = unlocatedLines(UNLOCATED, f.basis.spreadPopulation, f.rangeMin, f.rangeMax, result.params, s);
        expect(d.unlocated.map((x) => x.verdict[s])).toEqual(u.map((x) => x.verdict));
        expect(d.unlocated.map((x) => x.people)).toEqual(u.map((x) => x.people));
      }
      expect(d.rows.map((r) => r.lines.fire)).toEqual(hromadaPlaceLines(country.demand, cities, result, 'fire', h));
      // brute force: each point settlement of the hromada, and each city, exactly once
      let points = 0;
      for (let i = 0; i < country.demand.count; i++)
        if (country.demand.hromada[i] === h && country.demand.kind[i] === 0) points++;
      const citiesHere = new Set<number>();
      for (let i = 0; i < country.demand.count; i++)
        if (country.demand.hromada[i] === h && (country.demand.city?.[i] ?? -1) >= 0)
          citiesHere.add(country.demand.city![i]!);
      expect(d.rows.filter((r) => !r.city).length).toBe(points);
      expect(d.rows.filter((r) => r.city).length).toBe(citiesHere.size);
      expect(new Set(d.rows.map((r) => r.key)).size).toBe(d.rows.length);
      located += d.rows.length;
    }
    expect(located).toBeGreaterThan(0);
  });

  it('refuses an index outside the table', () => {
    expect(() => buildReportData(country.demand, country.hromadas, result, country.hromadas.count, [])).toThrow(
      /No hromada at index 12 \(the table has 12\)/,
    );
    expect(() => buildReportData(country.demand, country.hromadas, result, -1, [])).toThrow(/No hromada at index -1/);
  });
});
