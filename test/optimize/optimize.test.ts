import { describe, expect, it } from 'vitest';
import { buildMatrixProblem, optimize, type Objective, type PlanResult } from '../../src/engine/optimize';
import { buildCore } from '../../src/engine/optimize/core';
import { lazyGreedy } from '../../src/engine/optimize/greedy';
import { Assignment } from '../../src/engine/optimize/swap';
import { bruteForce, randomMatrix } from './helpers';

const PENALTY = 60;
const seeds = Array.from({ length: 12 }, (_, k) => 100 + k);

function problemFor(seed: number, objective: Objective) {
  const nF = 8 + (seed % 4); // 8..11 facilities, 0..2 of them fixed
  const inst = randomMatrix(seed, nF, 18 + (seed % 7) * 3, seed % 3);
  return { inst, problem: buildMatrixProblem({ ...inst, objective }) };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('exact mode returns the proven optimum (brute force over all subsets)', () => {
  for (const seed of seeds) {
    const p = 1 + (seed % 4);
    it(`coverage, seed ${seed}, p ${p}`, async () => {
      const { inst, problem } = problemFor(seed, 'coverage');
      const bf = bruteForce(inst, p, 1, PENALTY);
      const r = await optimize(problem, { objective: 'coverage', newFacilities: p, method: 'exact', timeLimitSec: 20 });
      expect(close(r.objectiveValue, bf.bestCov)).toBe(true);
      expect(r.gap).toBe(0);
      expect(r.sites.length).toBeLessThanOrEqual(p);
      expect(r.curve[r.curve.length - 1]!.covered).toBeCloseTo(r.objectiveValue, 6);
    });
    it(`p-median, seed ${seed}, p ${p}`, async () => {
      const { inst, problem } = problemFor(seed, 'p-median');
      const bf = bruteForce(inst, p, 1, PENALTY);
      const r = await optimize(problem, {
        objective: 'p-median',
        newFacilities: p,
        method: 'exact',
        timeLimitSec: 20,
        unreachedPenalty: PENALTY,
      });
      expect(close(r.objectiveValue, bf.bestP)).toBe(true);
      expect(r.gap).toBe(0);
    });
    for (const share of [1, 0.6]) {
      it(`min-facilities, seed ${seed}, share ${share}`, async () => {
        const { inst, problem } = problemFor(seed, 'min-facilities');
        const bf = bruteForce(inst, 0, share, PENALTY);
        const r = await optimize(problem, {
          objective: 'min-facilities',
          targetShare: share,
          method: 'exact',
          timeLimitSec: 20,
        });
        expect(r.objectiveValue).toBe(bf.minSites);
        expect(r.sites.length).toBe(bf.minSites);
        // The target (capped at what is reachable) is met.
        expect(r.scope.coveredAfter).toBeGreaterThanOrEqual(Math.min(share * bf.W, bf.maxCov) - 1e-6);
        expect(r.gap).toBe(0);
      });
    }
  }
});

function greedyValue(problem: ReturnType<typeof problemFor>['problem'], objective: Objective, p: number): number {
  const { core } = buildCore(problem, objective, PENALTY);
  const g = lazyGreedy(core, { maxPicks: p });
  return new Assignment(core, g.picks).objective();
}

describe('heuristic', () => {
  for (const seed of seeds) {
    const p = 1 + (seed % 4);
    it(`coverage: never worse than greedy, ≥ (1 − 1/e) of the optimum, ≤ optimum (seed ${seed})`, async () => {
      const { inst, problem } = problemFor(seed, 'coverage');
      const bf = bruteForce(inst, p, 1, PENALTY);
      const r = await optimize(problem, { objective: 'coverage', newFacilities: p });
      const before = r.scope.coveredBefore;
      const { core } = buildCore(problem, 'coverage', PENALTY);
      const greedyCovered = core.baseTotal - greedyValue(problem, 'coverage', p);
      expect(r.improvement).toBeGreaterThanOrEqual(greedyCovered - 1e-9);
      expect(r.objectiveValue).toBeLessThanOrEqual(bf.bestCov + 1e-9);
      expect(r.improvement).toBeGreaterThanOrEqual((1 - 1 / Math.E) * (bf.bestCov - before) - 1e-9);
      expect(r.gap).toBeNull();
    });
    it(`p-median: never worse than greedy, ≥ optimum (seed ${seed})`, async () => {
      const { inst, problem } = problemFor(seed, 'p-median');
      const bf = bruteForce(inst, p, 1, PENALTY);
      const r = await optimize(problem, { objective: 'p-median', newFacilities: p, unreachedPenalty: PENALTY });
      const { core } = buildCore(problem, 'p-median', PENALTY);
      const greedyTotal = greedyValue(problem, 'p-median', p);
      // Not better than the proven optimum, not worse than greedy (compared on the reduced core: Σ w·cost).
      expect(r.objectiveValue).toBeGreaterThanOrEqual(bf.bestP - 1e-9);
      const rCore = core.baseTotal - r.improvement;
      expect(rCore).toBeLessThanOrEqual(greedyTotal + 1e-6);
    });
    it(`min-facilities: reaches the target with no more sites than greedy (seed ${seed})`, async () => {
      const { inst, problem } = problemFor(seed, 'min-facilities');
      const bf = bruteForce(inst, 0, 1, PENALTY);
      const r = await optimize(problem, { objective: 'min-facilities' });
      const { core } = buildCore(problem, 'min-facilities', PENALTY);
      const g = lazyGreedy(core, { maxPicks: core.nC, stopAtGain: core.baseTotal });
      expect(r.sites.length).toBeLessThanOrEqual(g.picks.length);
      expect(r.sites.length).toBeGreaterThanOrEqual(bf.minSites);
      expect(r.scope.coveredAfter).toBeCloseTo(bf.maxCov, 6);
    });
  }
});

describe('min-facilities with unreachable demand', () => {
  it('reports unreachable demand by id and weight and does not fail', async () => {
    const problem = buildMatrixProblem({
      rows: [
        { facilityId: 'A', demandId: 'x', cost: 5 },
        { facilityId: 'B', demandId: 'y', cost: 5 },
        { facilityId: 'B', demandId: 'z', cost: 50 },
        { facilityId: 'C', demandId: 'x', cost: 8 },
        { facilityId: 'C', demandId: 'y', cost: 9 },
      ],
      demand: [
        { id: 'x', weight: 10 },
        { id: 'y', weight: 20 },
        { id: 'z', weight: 300, name: 'Far village' },
        { id: 'w', weight: 7 },
      ],
      radius: 10,
      objective: 'min-facilities',
    });
    for (const method of ['heuristic', 'exact'] as const) {
      const r: PlanResult = await optimize(problem, { objective: 'min-facilities', method });
      expect(r.sites.map((s) => s.id)).toEqual(['C']);
      expect(r.unreachable.map((u) => [u.id, u.name, u.weight])).toEqual([
        ['z', 'Far village', 300],
        ['w', '', 7],
      ]);
      expect(r.unreachableWeight).toBe(307);
      expect(r.targetShare?.used).toBeCloseTo(30 / 337, 9);
      expect(r.notes.join(' ')).toMatch(/no candidate can bring them within it/);
    }
  });
  it('a target above the reachable share is capped and said so', async () => {
    const problem = buildMatrixProblem({
      rows: [{ facilityId: 'A', demandId: 'x', cost: 1 }],
      demand: [
        { id: 'x', weight: 1 },
        { id: 'y', weight: 1 },
      ],
      radius: 10,
      objective: 'min-facilities',
    });
    const r = await optimize(problem, { objective: 'min-facilities', targetShare: 0.9 });
    expect(r.sites.length).toBe(1);
    expect(r.targetShare).toEqual({ asked: 0.9, used: 0.5, reached: 0.5 });
  });
});

describe('guards', () => {
  it('zero new facilities and empty problems', async () => {
    const { problem } = problemFor(101, 'coverage');
    const r = await optimize(problem, { objective: 'coverage', newFacilities: 0, method: 'exact' });
    expect(r.sites).toEqual([]);
    expect(r.curve.length).toBe(1);
    const empty = buildMatrixProblem({ rows: [], radius: 1, objective: 'coverage' });
    const e = await optimize(empty, { objective: 'coverage', newFacilities: 3 });
    expect(e.sites).toEqual([]);
  });
  it('rejects a missing N and an aborted signal', async () => {
    const { problem } = problemFor(102, 'coverage');
    await expect(optimize(problem, { objective: 'coverage' })).rejects.toThrow(/newFacilities/);
    const ac = new AbortController();
    ac.abort();
    await expect(optimize(problem, { objective: 'coverage', newFacilities: 2 }, { signal: ac.signal })).rejects.toThrow(
      /cancelled/,
    );
  });
  it('an abort that arrives while it runs is seen at the next phase boundary', async () => {
    const { problem } = problemFor(104, 'coverage');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 0);
    await expect(
      optimize(problem, { objective: 'coverage', newFacilities: 2, method: 'exact' }, { signal: ac.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
  it('does not mutate the problem', async () => {
    const { problem } = problemFor(103, 'p-median');
    const before = JSON.stringify([Array.from(problem.demand.current), Array.from(problem.structure.cost)]);
    await optimize(problem, { objective: 'p-median', newFacilities: 2, method: 'exact' });
    expect(JSON.stringify([Array.from(problem.demand.current), Array.from(problem.structure.cost)])).toBe(before);
  });
});

describe('heuristic on medium instances against the exact optimum', () => {
  for (const seed of [201, 202, 203]) {
    it(`coverage and p-median, 40 candidates × 300 demand (seed ${seed})`, async () => {
      const inst = randomMatrix(seed, 42, 300, 2, 0.08);
      for (const objective of ['coverage', 'p-median'] as const) {
        const problem = buildMatrixProblem({ ...inst, objective });
        const o = { objective, newFacilities: 6, unreachedPenalty: PENALTY };
        const h = await optimize(problem, o);
        const e = await optimize(problem, { ...o, method: 'exact', timeLimitSec: 30 });
        expect(e.gap).toBe(0);
        const { core } = buildCore(problem, objective, PENALTY);
        const greedy = greedyValue(problem, objective, 6);
        if (objective === 'coverage') {
          expect(h.objectiveValue).toBeLessThanOrEqual(e.objectiveValue + 1e-9);
          expect(h.improvement).toBeGreaterThanOrEqual(core.baseTotal - greedy - 1e-9);
          expect(h.improvement).toBeGreaterThanOrEqual((1 - 1 / Math.E) * e.improvement);
        } else {
          expect(h.objectiveValue).toBeGreaterThanOrEqual(e.objectiveValue - 1e-9);
          expect(core.baseTotal - h.improvement).toBeLessThanOrEqual(greedy + 1e-6);
        }
      }
    });
  }
});

describe('dominance pruning before the MILP', () => {
  it('drops a candidate another reaches a superset of at no greater cost; keeps one of two identical', async () => {
    const { pruneDominated } = await import('../../src/engine/optimize/prune');
    const problem = buildMatrixProblem({
      rows: [
        { facilityId: 'A', demandId: 'x', cost: 5 },
        { facilityId: 'A', demandId: 'y', cost: 5 },
        { facilityId: 'B', demandId: 'x', cost: 4 }, // B ⊂ A for coverage, but cheaper at x: kept for p-median
        { facilityId: 'C', demandId: 'y', cost: 6 },
        { facilityId: 'D', demandId: 'y', cost: 6 }, // D ≡ C: the lower index (C) stays
        { facilityId: 'E', demandId: 'z', cost: 1 },
      ],
      radius: 10,
      objective: 'p-median',
    });
    for (const [objective, kept] of [
      ['coverage', ['A', 'E']],
      ['p-median', ['A', 'B', 'E']],
    ] as const) {
      const { core } = buildCore(problem, objective, PENALTY);
      const pr = pruneDominated(core);
      expect(Array.from(pr.core.cand, (j) => problem.candidates.ids[j])).toEqual(kept);
      expect(pr.core.baseTotal).toBeCloseTo(core.baseTotal, 9);
      expect(problem.candidates.ids[pr.dominator[problem.candidates.ids.indexOf('D')]!]).toBe('A');
    }
  });
});

describe('swap search bookkeeping', () => {
  for (const seed of [301, 302, 303, 304]) {
    it(`incremental state equals a fresh assignment after swaps; each swap improves (seed ${seed})`, async () => {
      const { swapSearch } = await import('../../src/engine/optimize/swap');
      const inst = randomMatrix(seed, 30, 200, 1, 0.1);
      for (const objective of ['coverage', 'p-median'] as const) {
        const problem = buildMatrixProblem({ ...inst, objective });
        const { core } = buildCore(problem, objective, PENALTY);
        // Start from a poor set (the last candidates) so swaps happen.
        const start = Array.from({ length: Math.min(5, core.nC) }, (_, k) => core.nC - 1 - k);
        const a = new Assignment(core, start);
        const before = a.objective();
        const r = swapSearch(a, { deadline: Infinity });
        const fresh = new Assignment(core, a.openList());
        expect(a.openList().length).toBe(start.length);
        expect(a.objective()).toBeCloseTo(fresh.objective(), 6);
        expect(Array.from(a.b1)).toEqual(Array.from(fresh.b1));
        for (const j of a.openList()) expect(a.loss[j]!).toBeCloseTo(fresh.loss[j]!, 6);
        if (r.swaps > 0) expect(a.objective()).toBeLessThan(before);
        expect(r.complete).toBe(true);
        // Local optimum: no single swap improves (checked by brute force).
        const open = a.openList();
        const best = a.objective();
        for (const out of open) {
          for (let k = 0; k < core.nC; k++) {
            if (a.open[k]) continue;
            const t = new Assignment(core, [...open.filter((j) => j !== out), k]);
            expect(t.objective()).toBeGreaterThanOrEqual(best - 1e-6 * Math.max(1, core.baseTotal));
          }
        }
      }
    });
  }
});
