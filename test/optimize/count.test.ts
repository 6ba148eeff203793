import { describe, expect, it } from 'vitest';
import { buildMatrixProblem, optimize, type PlanProblem } from '../../src/engine/optimize';
import { buildCountInstance, countValue } from '../../src/engine/optimize/count';
import { CountState } from '../../src/engine/optimize/count-state';
import { costTable, randomMatrix, rng, subsets } from './helpers';

const seeds = Array.from({ length: 8 }, (_, k) => 300 + k);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function instance(seed: number) {
  const nF = 9 + (seed % 3);
  const inst = randomMatrix(seed, nF, 16 + (seed % 5) * 2, 1 + (seed % 2), 0.4, 20);
  const t = costTable(inst);
  const fixedIdx = inst.fixed.map((f) => t.fac.indexOf(f)).filter((k) => k >= 0);
  const cand = t.fac.map((_, k) => k).filter((k) => !fixedIdx.includes(k));
  return { inst, t, fixedIdx, cand };
}

/** Candidate k of the problem ↔ facility index of the cost table. */
function candIndex(problem: PlanProblem, t: ReturnType<typeof costTable>): number[] {
  return problem.candidates.ids.map((id) => t.fac.indexOf(id));
}

describe('count objectives: exact equals brute-force enumeration', () => {
  for (const seed of seeds) {
    const p = 1 + (seed % 3);
    it(`backup-coverage, seed ${seed}, p ${p}`, async () => {
      const { inst, t, fixedIdx, cand } = instance(seed);
      const radius2 = 15;
      const problem = buildMatrixProblem({ ...inst, objective: 'backup-coverage', radius2 });
      let best = -Infinity;
      for (const s of subsets(cand.length)) {
        if (s.length > p) continue;
        const open = [...fixedIdx, ...s.map((k) => cand[k]!)];
        let v = 0;
        t.dem.forEach((_, d) => {
          const cs = open.map((f) => t.cost[f]![d]!).sort((a, b) => a - b);
          if ((cs[1] ?? Infinity) <= radius2) v += t.w[d]!;
        });
        best = Math.max(best, v);
      }
      const e = await optimize(problem, { objective: 'backup-coverage', newFacilities: p, method: 'exact' });
      expect(close(e.objectiveValue, best)).toBe(true);
      expect(e.gap).toBe(0);
      const h = await optimize(problem, { objective: 'backup-coverage', newFacilities: p });
      expect(h.objectiveValue).toBeLessThanOrEqual(best + 1e-9);
      expect(h.curve[h.curve.length - 1]!.covered).toBeCloseTo(h.objectiveValue, 6);
      expect(h.coveredOnce!.after).toBeGreaterThanOrEqual(h.coveredOnce!.before);
    });

    it(`expected-coverage, seed ${seed}, p ${p}`, async () => {
      const { inst, t, fixedIdx, cand } = instance(seed);
      const a = 0.3 + 0.1 * (seed % 5);
      const problem = buildMatrixProblem({ ...inst, objective: 'expected-coverage', availability: a });
      let best = -Infinity;
      for (const s of subsets(cand.length)) {
        if (s.length > p) continue;
        const open = [...fixedIdx, ...s.map((k) => cand[k]!)];
        let v = 0;
        t.dem.forEach((_, d) => {
          const within = open.filter((f) => t.cost[f]![d]! <= inst.radius).length;
          v += t.w[d]! * (1 - (1 - a) ** within);
        });
        best = Math.max(best, v);
      }
      const e = await optimize(problem, { objective: 'expected-coverage', newFacilities: p, availability: a, method: 'exact' });
      expect(close(e.objectiveValue, best)).toBe(true);
      expect(e.gap).toBe(0);
      const h = await optimize(problem, { objective: 'expected-coverage', newFacilities: p, availability: a });
      expect(h.objectiveValue).toBeLessThanOrEqual(best + 1e-6);
      expect(h.objectiveValue).toBeGreaterThanOrEqual(h.scope.coveredBefore + (1 - 1 / Math.E) * (best - h.scope.coveredBefore) - 1e-6);
    });

    it(`budget, seed ${seed}`, async () => {
      const { inst, t, fixedIdx } = instance(seed);
      const r = rng(seed * 7);
      const problem = buildMatrixProblem({ ...inst, objective: 'budget' });
      const cost = Float64Array.from(problem.candidates.ids, () => 1 + Math.floor(r() * 4));
      // Two items share a site (one unit per site).
      const site = Int32Array.from(problem.candidates.ids, (_, k) => (k === 1 ? 0 : k));
      problem.candidates.cost = cost;
      problem.candidates.site = site;
      const B = 5;
      const ci = candIndex(problem, t);
      let best = -Infinity;
      for (const s of subsets(ci.length)) {
        if (s.reduce((x, k) => x + cost[k]!, 0) > B || (s.includes(0) && s.includes(1))) continue;
        const open = [...fixedIdx, ...s.map((k) => ci[k]!)];
        let v = 0;
        t.dem.forEach((_, d) => {
          if (open.some((f) => t.cost[f]![d]! <= inst.radius)) v += t.w[d]!;
        });
        best = Math.max(best, v);
      }
      const e = await optimize(problem, { objective: 'budget', budget: B, method: 'exact' });
      expect(close(e.objectiveValue, best)).toBe(true);
      expect(e.budget!.spent).toBeLessThanOrEqual(B);
      const h = await optimize(problem, { objective: 'budget', budget: B });
      expect(h.objectiveValue).toBeLessThanOrEqual(best + 1e-9);
      expect(h.budget!.spent).toBeLessThanOrEqual(B);
      expect(h.sites.every((x) => x.cost !== undefined && x.perCost !== undefined)).toBe(true);
    });

    it(`relocate, seed ${seed}`, async () => {
      const { inst, t, fixedIdx } = instance(seed);
      const problem = buildMatrixProblem({ ...inst, objective: 'relocate' });
      const ci = candIndex(problem, t);
      const existing = Uint8Array.from(ci, (_, k) => (k < 3 ? 1 : 0));
      problem.candidates.existing = existing;
      const K = 1 + (seed % 2);
      const E = [0, 1, 2];
      const C = ci.map((_, k) => k).filter((k) => !existing[k]);
      const value = (open: number[]) => {
        const fs = [...fixedIdx, ...open.map((k) => ci[k]!)];
        let v = 0;
        t.dem.forEach((_, d) => {
          if (fs.some((f) => t.cost[f]![d]! <= inst.radius)) v += t.w[d]!;
        });
        return v;
      };
      let best = value(E);
      for (const m of subsets(E.length)) {
        if (m.length === 0 || m.length > K) continue;
        const kept = E.filter((_, k) => !m.includes(k));
        for (const s of subsets(C.length)) {
          if (s.length !== m.length) continue;
          best = Math.max(best, value([...kept, ...s.map((k) => C[k]!)]));
        }
      }
      const e = await optimize(problem, { objective: 'relocate', moveCount: K, method: 'exact' });
      expect(close(e.objectiveValue, best)).toBe(true);
      expect(e.moves!.length).toBeLessThanOrEqual(K);
      const sumGain = e.moves!.reduce((x, m) => x + m.gain, 0);
      expect(sumGain).toBeCloseTo(e.objectiveValue - e.scope.coveredBefore, 6);
      const h = await optimize(problem, { objective: 'relocate', moveCount: K });
      expect(h.objectiveValue).toBeLessThanOrEqual(best + 1e-9);
      expect(h.objectiveValue).toBeGreaterThanOrEqual(h.scope.coveredBefore - 1e-9);
    });
  }
});

describe('count state bookkeeping', () => {
  it('loss of each open site equals the value lost by closing it, after random adds and removes', () => {
    for (const mode of ['threshold', 'geometric'] as const) {
      const { inst } = instance(42);
      const problem = buildMatrixProblem({ ...inst, objective: 'coverage' });
      const n = problem.demand.count;
      const r = rng(9);
      const ci = buildCountInstance(problem, {
        mode,
        q: 0.4,
        coef: problem.demand.weight,
        need: Float64Array.from({ length: n }, () => 1 + Math.floor(r() * 2)),
        limit: problem.demand.threshold,
        merge: false,
      });
      const st = new CountState(ci);
      for (let step = 0; step < 40; step++) {
        const j = Math.floor(r() * ci.nC);
        if (st.open[j]) st.remove(j);
        else st.add(j);
        const open = st.openList();
        expect(st.value).toBeCloseTo(countValue(ci, open), 8);
        for (const k of open) expect(st.loss[k]).toBeCloseTo(st.value - countValue(ci, open.filter((x) => x !== k)), 8);
      }
    }
  });

  it('rejects bad options with a clear message', async () => {
    const { inst } = instance(1);
    const problem = buildMatrixProblem({ ...inst, objective: 'budget' });
    await expect(optimize(problem, { objective: 'budget', budget: 3 })).rejects.toThrow(/candidates\.cost/);
    await expect(optimize(problem, { objective: 'expected-coverage', newFacilities: 2 })).rejects.toThrow(/availability/);
    await expect(optimize(problem, { objective: 'relocate', moveCount: 1 })).rejects.toThrow(/existing/);
    await expect(optimize(problem, { objective: 'backup-coverage', newFacilities: 1 })).rejects.toThrow(/current2/);
  });
});
