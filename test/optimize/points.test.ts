import { describe, expect, it } from 'vitest';
import { buildPointsProblem, optimize, parseScope, selectScope, toPlannedFacilities } from '../../src/engine/optimize';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { bruteForce, modelMinutes, randomDemandTable, rng, subsets } from './helpers';

function currentFor(seed: number, n: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => (r() < 0.1 ? Infinity : 5 + r() * 40));
}

describe('points problem', () => {
  it('selects scopes by oblast, raion (with or without the word), hromada code; throws on no match', () => {
    const { demand, hromadas } = randomDemandTable(1, 50, 50);
    const all = selectScope(demand, hromadas, parseScope('country'));
    expect(all.length).toBe(100);
    const west = selectScope(demand, hromadas, parseScope('raion:Західний район'));
    expect(Array.from(west).every((i) => demand.hromada[i] === 0)).toBe(true);
    expect(selectScope(demand, hromadas, parseScope('oblast:testova')).length).toBe(100);
    expect(selectScope(demand, hromadas, parseScope('hromada:UA02')).length).toBe(100 - west.length);
    expect(() => selectScope(demand, hromadas, parseScope('oblast:Nowhere'))).toThrow(
      /oblast:Nowhere matches no hromada/,
    );
    expect(() => parseScope('region:x')).toThrow(/expected country/);
  });

  it('candidates are the scope settlements; structure equals brute force within each norm', () => {
    const { demand, hromadas } = randomDemandTable(2, 80, 300);
    const scope = selectScope(demand, hromadas, { kind: 'hromada', codes: ['UA01'] });
    const current = currentFor(2, demand.count);
    const params = DEFAULT_PARAMS;
    const p = buildPointsProblem({
      demand,
      hromadas,
      scope,
      current,
      params,
      service: 'fire',
      type: 'volunteer_fire_brigade',
      objective: 'coverage',
    });
    expect(p.candidates.ids.every((id) => id.startsWith('S'))).toBe(true);
    expect(p.candidates.hromadaCodes.every((c) => c === 'UA01')).toBe(true);
    expect(p.demand.count).toBe(scope.length);
    let pairs = 0;
    for (let j = 0; j < p.candidates.count; j++) {
      for (let s = 0; s < p.demand.count; s++) {
        const i = scope[s]!;
        const m = modelMinutes(
          params,
          params.turnoutMin.volunteer_fire_brigade,
          p.candidates.lon[j]!,
          p.candidates.lat[j]!,
          demand.lon[i]!,
          demand.lat[i]!,
          demand.urban[i]!,
        );
        if (m <= (demand.urban[i] ? 10 : 20)) pairs++;
      }
    }
    expect(p.structure.demand.length).toBe(pairs);
    // Cells are flagged estimated (spread population).
    expect(Array.from(p.demand.estimated!).filter((e, s) => e !== (demand.kind[scope[s]!] === 1 ? 1 : 0))).toEqual([]);
  });

  for (const objective of ['coverage', 'p-median', 'min-facilities'] as const) {
    it(`exact = brute force on a points problem (${objective})`, async () => {
      const { demand, hromadas } = randomDemandTable(7, 10, 120, 0.25);
      const current = currentFor(7, demand.count);
      const problem = buildPointsProblem({
        demand,
        hromadas,
        current,
        params: DEFAULT_PARAMS,
        service: 'fire',
        type: 'local_fire_department',
        objective,
        reach: 30,
      });
      // Brute force through the long-matrix helper: rows from the structure, current via one fixed facility per unit.
      const rows = [];
      for (let j = 0; j < problem.candidates.count; j++) {
        for (let k = problem.structure.offsets[j]!; k < problem.structure.offsets[j + 1]!; k++) {
          rows.push({
            facilityId: problem.candidates.ids[j]!,
            demandId: problem.demand.ids[problem.structure.demand[k]!]!,
            cost: problem.structure.cost[k]!,
          });
        }
      }
      // Thresholds differ by class here, so brute-force directly.
      const W = problem.demand.weight.reduce((a, b) => a + b, 0);
      const evalSet = (open: number[]) => {
        const best = Float64Array.from(problem.demand.current);
        for (const j of open) {
          for (let k = problem.structure.offsets[j]!; k < problem.structure.offsets[j + 1]!; k++) {
            const i = problem.structure.demand[k]!;
            best[i] = Math.min(best[i]!, problem.structure.cost[k]!);
          }
        }
        let cov = 0;
        let tot = 0;
        best.forEach((c, i) => {
          const w = problem.demand.weight[i]!;
          if (c <= problem.demand.threshold[i]!) cov += w;
          tot += w * (Number.isFinite(c) ? c : 30);
        });
        return { cov, mean: tot / W };
      };
      const nC = problem.candidates.count;
      expect(nC).toBe(10);
      const r = await optimize(problem, { objective, newFacilities: 3, method: 'exact', unreachedPenalty: 30 });
      const everything = evalSet(Array.from({ length: nC }, (_, j) => j)).cov;
      let best = objective === 'coverage' ? -Infinity : Infinity;
      for (const s of subsets(nC)) {
        const e = evalSet(s);
        if (objective === 'coverage' && s.length <= 3) best = Math.max(best, e.cov);
        if (objective === 'p-median' && s.length <= 3) best = Math.min(best, e.mean);
        if (objective === 'min-facilities' && e.cov >= everything - 1e-9) best = Math.min(best, s.length);
      }
      expect(r.objectiveValue).toBeCloseTo(best, 6);
      expect(rows.length).toBe(problem.structure.demand.length);
      expect(bruteForce).toBeTypeOf('function');
    });
  }

  it('"add as planned facilities" makes planned user facilities with an optimizer note', async () => {
    const { demand, hromadas } = randomDemandTable(3, 40, 200);
    const current = currentFor(3, demand.count);
    const problem = buildPointsProblem({
      demand,
      hromadas,
      current,
      params: DEFAULT_PARAMS,
      service: 'fire',
      type: 'local_fire_department',
      objective: 'coverage',
    });
    const r = await optimize(problem, { objective: 'coverage', newFacilities: 3 });
    const fs = toPlannedFacilities(r, 'local_fire_department');
    expect(fs.length).toBe(r.sites.length);
    expect(fs.length).toBeGreaterThan(0);
    for (const [k, f] of fs.entries()) {
      const s = r.sites[k]!;
      expect(f).toMatchObject({
        status: 'planned',
        source: 'user:plan',
        placement: 'user',
        type: 'local_fire_department',
        lon: s.lon,
        lat: s.lat,
        hromadaCode: s.hromadaCode,
      });
      expect(f.id).toBe(`plan-${k + 1}-${s.id}`);
      expect(f.note).toMatch(/^Proposed by the optimizer/);
    }
  });

  it('reports progress phases and honours shouldInterrupt inside HiGHS', async () => {
    const { demand, hromadas } = randomDemandTable(4, 100, 600, 1.2);
    const current = currentFor(4, demand.count);
    const problem = buildPointsProblem({
      demand,
      hromadas,
      current,
      params: DEFAULT_PARAMS,
      service: 'fire',
      type: 'local_fire_department',
      candidates: 'cells',
      objective: 'p-median',
    });
    const phases: string[] = [];
    const r = await optimize(
      problem,
      { objective: 'p-median', newFacilities: 15, method: 'exact', timeLimitSec: 30 },
      { onProgress: (p) => phases.push(p.phase), shouldInterrupt: () => true },
    );
    expect(phases).toContain('greedy');
    expect(phases).toContain('milp');
    expect(phases[phases.length - 1]).toBe('report');
    // Interrupted at once (or solved in presolve): the heuristic's plan is kept, the status says why.
    expect(['interrupted', 'optimal']).toContain(r.status);
    expect(r.sites.length).toBe(15);
  });
});
