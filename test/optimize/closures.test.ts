import { describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine/coverage';
import { normFor } from '../../src/engine/norms';
import { existingMissProb, rankClosures } from '../../src/engine/optimize/closures';
import { syntheticCountry } from '../../src/engine/synthetic';
import { minutesPerKm, haversineKm } from '../../src/engine/travel';
import { DEFAULT_PARAMS, type Facility, type ModelParams } from '../../src/engine/types';

function closuresOf(engine: CoverageEngine, facilities: readonly (Facility | null)[], params: ModelParams) {
  const cov = engine.coverage('fire');
  const active = Uint8Array.from(facilities, (_, k) => (engine.isActiveFor(k, 'fire') ? 1 : 0));
  return rankClosures({
    demand: engine.demand,
    facilities,
    active,
    params,
    threshold: normFor(engine.demand, params, 'fire'),
    nearest: cov.nearest,
    backup: cov.backup,
    m1: cov.minutes,
    m2: cov.backupMinutes,
    rank: () => true,
  });
}

describe('closures: the ranking equals removing each unit and recomputing', () => {
  for (const [seed, countAssumed] of [
    [1, true],
    [2, false],
    [3, true],
  ] as const) {
    it(`synthetic country seed ${seed}, countAssumed ${countAssumed}`, () => {
      const { demand, hromadas, facilities } = syntheticCountry({ seed, demand: 1500, facilities: 60, bbox: [30, 49, 32, 50.5] });
      const params: ModelParams = { ...structuredClone(DEFAULT_PARAMS), countAssumed };
      const engine = new CoverageEngine(demand, hromadas, facilities, params);
      const covered = (e: CoverageEngine): number => {
        const c = e.coverage('fire').covered;
        let s = 0;
        for (let i = 0; i < demand.count; i++) if (c[i]) s += demand.population[i]!;
        return s;
      };
      const base = covered(engine);
      const rows = closuresOf(engine, facilities, params);
      expect(rows.length).toBe(engine.activeCount('fire'));
      for (const r of rows) {
        const e = new CoverageEngine(demand, hromadas, facilities, params);
        e.removeFacility(r.id);
        expect(r.loss).toBeCloseTo(base - covered(e), 6);
      }
      for (let k = 1; k < rows.length; k++) expect(rows[k - 1]!.loss).toBeGreaterThanOrEqual(rows[k]!.loss);

      // Expected coverage: brute force over every facility for every unit.
      const thr = normFor(demand, params, 'fire');
      const miss = (skip: number) =>
        Array.from({ length: demand.count }, (_, i) => {
          let q = 1;
          facilities.forEach((f, k) => {
            if (k === skip || !engine.isActiveFor(k, 'fire')) return;
            const m = params.turnoutMin[f.type] + haversineKm(f.lon, f.lat, demand.lon[i]!, demand.lat[i]!) * minutesPerKm(params, demand.urban[i]!);
            if (m <= thr[i]!) q *= 1 - params.availability[f.type];
          });
          return q;
        });
      const m0 = miss(-1);
      const active = Uint8Array.from(facilities, (_, k) => (engine.isActiveFor(k, 'fire') ? 1 : 0));
      const mp = existingMissProb({ demand, facilities, active, params, threshold: thr });
      m0.forEach((q, i) => expect(mp[i]).toBeCloseTo(q, 12));
      for (const r of rows.slice(0, 8)) {
        const m1 = miss(r.slot);
        const lossBF = m1.reduce((s, q, i) => s + demand.population[i]! * (q - m0[i]!), 0);
        expect(r.expectedLoss).toBeCloseTo(lossBF, 6);
      }
    });
  }
});
