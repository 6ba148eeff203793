/**
 * `optimize(problem, options, hooks)`: the optimizer's entry point for the worker and the CLI.
 */
import { abortError } from './abort';
import { buildCore, type Core } from './core';
import { optimizeCount } from './count-optimize';
import { solveExact, type HighsLoader } from './exact';
import { lazyGreedy } from './greedy';
import { evaluate, sum } from './evaluate-sites';
import { pruneDominated } from './prune';
import { Assignment, swapSearch } from './swap';
import type {
  CountObjective,
  Method,
  PlanHooks,
  PlanOptions,
  PlanProblem,
  PlanProgress,
  PlanResult,
  UnreachableDemand,
} from './types';

export interface OptimizeExtras {
  /** How to load HiGHS (the page passes one that locates highs.wasm); default dynamic `import('highs')`. */
  highsLoader?: HighsLoader;
  /** Clock, ms (tests). */
  now?: () => number;
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * Plans new sites for a problem (see PlanProblem, built by buildPointsProblem or buildMatrixProblem).
 *
 * - `heuristic`: lazy greedy then swap local search within `localSearchMs` (coverage, p-median) or reverse-delete and
 *   shrink-by-swaps (min-facilities). Never worse than greedy.
 * - `exact`: the heuristic first (its answer is HiGHS's starting incumbent and the fallback), then the MILP of
 *   exact.ts on the reduced problem within the time limit; reports HiGHS's proven gap.
 *
 * Cancellation: `hooks.signal` is checked between phases and inside the heuristic loops (rejects with an AbortError);
 * HiGHS's own solve is synchronous, so inside it only `hooks.shouldInterrupt` is polled — in the page run this in the
 * worker and terminate the worker for an immediate stop.
 * @example const r = await optimize(problem, { objective: 'coverage', newFacilities: 5 }, { onProgress: console.log });
 */
export async function optimize(
  problem: PlanProblem,
  options: PlanOptions,
  hooks: PlanHooks = {},
  extras: OptimizeExtras = {},
): Promise<PlanResult> {
  if (isCountObjective(options.objective)) return optimizeCount(problem, options, hooks, extras);
  if (options.objective === 'closures') {
    throw new Error('closures ranks existing units: call rankClosures (closures.ts), not optimize.');
  }
  const now = extras.now ?? (() => performance.now());
  const t0 = now();
  const method: Method = options.method ?? 'heuristic';
  const timeLimitMs = (options.timeLimitSec ?? (method === 'exact' ? 60 : 10)) * 1000;
  const deadline = t0 + timeLimitMs;
  const { signal } = hooks;
  const progress = (p: PlanProgress): void => hooks.onProgress?.(p);
  const check = (): void => {
    if (signal?.aborted) throw abortError();
  };
  validate(problem, options);
  check();
  const notes: string[] = [...(problem.notes ?? [])];
  const objective = options.objective;
  const penalty = options.unreachedPenalty ?? problem.structure.reach;

  progress({ phase: 'reduce' });
  const { core, unreachable } = buildCore(problem, objective, penalty);
  check();

  // Scope totals before any new site.
  const W = sum(problem.demand.weight);
  let coveredBefore = 0;
  for (let i = 0; i < problem.demand.count; i++) {
    if (problem.demand.current[i]! <= problem.demand.threshold[i]!) coveredBefore += problem.demand.weight[i]!;
  }
  const unreachableWeight = unreachable.reduce((s, i) => s + problem.demand.weight[i]!, 0);

  // What the objective asks of the core.
  const p = Math.max(0, Math.floor(options.newFacilities ?? 0));
  let needed = 0;
  let targetInfo: PlanResult['targetShare'];
  if (objective === 'min-facilities') {
    const asked = options.targetShare ?? 1;
    const reachableShare = W > 0 ? (coveredBefore + core.baseTotal) / W : 1;
    const used = Math.min(asked, reachableShare);
    if (asked > reachableShare + 1e-12) {
      notes.push(
        `Target share ${fmtShare(asked)} is more than candidates can reach (${fmtShare(reachableShare)}); planning for ${fmtShare(used)}.`,
      );
    }
    needed = Math.max(0, used * W - coveredBefore);
    // Guard rounding: never ask more than the core holds.
    needed = Math.min(needed, core.baseTotal);
    targetInfo = { asked, used, reached: NaN };
  }
  if (unreachable.length > 0 && objective !== 'p-median') {
    notes.push(
      `${unreachable.length} demand units (weight ${round(unreachableWeight)}) are outside the norm and no candidate can bring them within it; they are listed and excluded.`,
    );
  }

  // Heuristic (always: it is the exact method's start and fallback).
  await yieldToEvents();
  check();
  progress({ phase: 'greedy' });
  const coverAll = objective === 'min-facilities' && needed >= core.baseTotal - 1e-9 * Math.max(1, core.baseTotal);
  const g = lazyGreedy(core, {
    maxPicks: objective === 'min-facilities' ? core.nC : p,
    stopAtGain: objective === 'min-facilities' ? needed : Infinity,
    signal,
  });
  check();
  progress({ phase: 'local-search' });
  const lsBudget = Math.max(0, Math.min(options.localSearchMs ?? 1000, deadline - now()));
  let chosen: number[];
  let lsComplete: boolean;
  if (objective === 'min-facilities') {
    const r = shrinkCover(core, g.picks, needed, now() + lsBudget, signal, now);
    chosen = r.open;
    lsComplete = r.complete;
  } else {
    const a = new Assignment(core, g.picks);
    const r = swapSearch(a, { deadline: now() + lsBudget, signal, now });
    lsComplete = r.complete;
    chosen = a.openList();
  }
  if (!lsComplete) notes.push('Local search stopped at its time budget.');
  check();

  let status = 'heuristic';
  let gap: number | null = null;
  let coreBound: number | null = null;
  let milpSize: PlanResult['reduced'] | null = null;
  if (method === 'exact') {
    await yieldToEvents();
    check();
    progress({ phase: 'milp', message: `MILP: ${core.nC} candidates, ${core.nD} demand rows` });
    if (
      core.nC === 0 ||
      core.nD === 0 ||
      (objective !== 'min-facilities' && p === 0) ||
      (objective === 'min-facilities' && needed <= 0)
    ) {
      status = 'optimal';
      gap = 0;
      coreBound = objective === 'min-facilities' ? 0 : objectiveOnCore(core, chosen);
      if (objective === 'min-facilities') chosen = [];
    } else {
      const kind =
        objective === 'coverage'
          ? 'coverage'
          : objective === 'p-median'
            ? 'p-median'
            : coverAll
              ? 'cover-all'
              : 'cover-share';
      // Dominated candidates never need to be opened: drop them (and merge rows that become identical).
      const pruned = pruneDominated(core, signal);
      milpSize = { demand: pruned.core.nD, candidates: pruned.core.nC, pairs: pruned.core.demand.length };
      progress({
        phase: 'milp',
        message: `MILP after dominance: ${pruned.core.nC} candidates, ${pruned.core.nD} demand rows`,
      });
      const startSet = new Set<number>();
      for (const j of chosen) {
        const k = pruned.core.candOf[pruned.dominator[core.cand[j]!]!]!;
        if (k >= 0) startSet.add(k);
      }
      const ex0 = await solveExact({
        core: pruned.core,
        kind,
        p,
        needed,
        start: [...startSet],
        timeLimitSec: Math.max(0.05, (deadline - now()) / 1000),
        mipRelGap: options.mipRelGap,
        shouldInterrupt: hooks.shouldInterrupt,
        loader: extras.highsLoader,
        onProgress: (q) =>
          progress({
            phase: 'milp',
            incumbent: q.incumbent,
            bound: q.bound,
            gap: q.gap,
            message: `${q.seconds ?? 0}s`,
          }),
      });
      // Back to the reduced core's candidate indices.
      const ex = { ...ex0, open: ex0.open.map((k) => core.candOf[pruned.core.cand[k]!]!).filter((j) => j >= 0) };
      check();
      status = ex.status;
      // Compare HiGHS's solution with the heuristic's on the same terms; keep the better one.
      const heurVal = coreValue(core, objective, chosen);
      if (ex.hasSolution) {
        const exVal = coreValue(core, objective, ex.open);
        const exFeasible =
          objective !== 'min-facilities' || coveredOnCore(core, ex.open) >= needed - 1e-7 * Math.max(1, needed);
        if (exFeasible && better(objective, exVal, heurVal)) chosen = ex.open;
      }
      const bestVal = coreValue(core, objective, chosen);
      coreBound = Number.isFinite(ex.bound) ? ex.bound : null;
      if (coreBound !== null) {
        // A bound from an optimal run that our value equals within tolerance: gap 0.
        const denom = Math.max(Math.abs(bestVal), 1e-9);
        let gp = objective === 'coverage' ? (coreBound - bestVal) / denom : (bestVal - coreBound) / denom;
        if (objective === 'min-facilities') gp = (bestVal - Math.ceil(coreBound - 1e-6)) / denom;
        if (ex.status === 'optimal') gp = Math.min(gp, ex.gap);
        gap = Math.max(0, gp < 1e-9 ? 0 : gp);
      } else {
        gap = null;
      }
      if (ex.status !== 'optimal') notes.push(`HiGHS stopped: ${ex.status}; the plan is the best solution found.`);
    }
  }
  check();

  // Rank the chosen sites by greedy order within the set; drop sites that add nothing.
  progress({ phase: 'report' });
  const allowed = new Uint8Array(core.nC);
  for (const j of chosen) allowed[j] = 1;
  const ranked = lazyGreedy(core, { maxPicks: chosen.length, allowed, signal });
  if (ranked.picks.length < chosen.length) {
    notes.push(`${chosen.length - ranked.picks.length} chosen sites add nothing beyond the others and were dropped.`);
  }
  if (objective !== 'min-facilities' && ranked.picks.length < p) {
    notes.push(`Only ${ranked.picks.length} new sites add anything; fewer than the ${p} asked are proposed.`);
  }
  const order = ranked.picks.map((j) => core.cand[j]!);
  const evalR = evaluate(problem, objective, penalty, order);

  const unreachableList: UnreachableDemand[] = unreachable
    .map((i) => ({
      index: i,
      id: problem.demand.ids[i]!,
      name: problem.demand.names[i] ?? '',
      weight: problem.demand.weight[i]!,
    }))
    .sort((a, b) => b.weight - a.weight);

  const last = evalR.curve[evalR.curve.length - 1]!;
  let objectiveValue: number;
  let improvement: number;
  let bound: number | null = null;
  if (objective === 'coverage') {
    objectiveValue = last.covered;
    improvement = last.covered - coveredBefore;
    if (coreBound !== null) bound = coveredBefore + coreBound;
  } else if (objective === 'min-facilities') {
    objectiveValue = order.length;
    improvement = order.length;
    if (coreBound !== null) bound = Math.ceil(coreBound - 1e-6);
    if (targetInfo) targetInfo.reached = W > 0 ? last.covered / W : 1;
  } else {
    objectiveValue = W > 0 ? evalR.penalisedTotal / W : 0;
    improvement = evalR.penalisedBefore - evalR.penalisedTotal;
    if (coreBound !== null && W > 0) bound = (evalR.penalisedBefore - core.baseTotal + coreBound) / W;
  }
  if (evalR.estimatedAny) {
    notes.push(
      'Some proposed sites rest on estimated inputs (estimated population or location); they are marked estimated.',
    );
  }
  return {
    objective,
    method,
    objectiveValue,
    improvement,
    gap,
    bound,
    status,
    sites: evalR.sites,
    curve: evalR.curve,
    scope: {
      demandCount: problem.demand.count,
      weight: W,
      coveredBefore,
      coveredAfter: last.covered,
      coveredCountAfter: evalR.coveredCount,
      uncoveredCountAfter: problem.demand.count - evalR.coveredCount,
      meanCostBefore: evalR.curve[0]!.meanCost,
      meanCostAfter: last.meanCost,
      unreachedCount: evalR.unreachedCount,
    },
    unreachable: unreachableList,
    unreachableWeight,
    targetShare: targetInfo,
    reduced: milpSize ?? { demand: core.nD, candidates: core.nC, pairs: core.demand.length },
    timeMs: now() - t0,
    notes,
  };
}

/** True for the objectives of count-optimize.ts (backup-coverage, expected-coverage, budget, relocate). */
export function isCountObjective(o: PlanOptions['objective']): o is CountObjective {
  return o === 'backup-coverage' || o === 'expected-coverage' || o === 'budget' || o === 'relocate';
}

function validate(problem: PlanProblem, options: PlanOptions): void {
  const d = problem.demand;
  for (const [name, arr] of [
    ['weight', d.weight],
    ['current', d.current],
    ['threshold', d.threshold],
  ] as const) {
    if (arr.length !== d.count) throw new Error(`demand.${name} has ${arr.length} entries when expected ${d.count}.`);
  }
  if (problem.structure.demandCount !== d.count) {
    throw new Error(`structure.demandCount is ${problem.structure.demandCount} when expected ${d.count}.`);
  }
  if (problem.structure.candidateCount !== problem.candidates.count) {
    throw new Error(
      `structure.candidateCount is ${problem.structure.candidateCount} when expected ${problem.candidates.count}.`,
    );
  }
  if (options.objective !== 'min-facilities') {
    const n = options.newFacilities;
    if (n === undefined || !Number.isFinite(n) || n < 0) {
      throw new Error(`newFacilities must be a number ≥ 0 for ${options.objective}, got ${String(n)}.`);
    }
  }
  const s = options.targetShare;
  if (s !== undefined && !(s >= 0 && s <= 1)) throw new Error(`targetShare must be within 0..1, got ${s}.`);
}

const round = (x: number): number => Math.round(x * 100) / 100;
const fmtShare = (x: number): string => `${(x * 100).toFixed(2)}%`;

/** Σ w·min(base, chosen cost) on the core. */
function objectiveOnCore(core: Core, open: number[]): number {
  return new Assignment(core, open).objective();
}

/** Core weight covered by a set (coverage structures: base 1, cost 0). */
function coveredOnCore(core: Core, open: number[]): number {
  return core.baseTotal - objectiveOnCore(core, open);
}

/** The value HiGHS optimises, computed for a set: covered weight, number of sites, or Σ w·cost. */
function coreValue(core: Core, objective: PlanOptions['objective'], open: number[]): number {
  if (objective === 'coverage') return coveredOnCore(core, open);
  if (objective === 'min-facilities') return open.length;
  return objectiveOnCore(core, open);
}

function better(objective: PlanOptions['objective'], a: number, b: number): boolean {
  const tol = 1e-9 * Math.max(1, Math.abs(b));
  return objective === 'coverage' ? a > b + tol : a < b - tol;
}

/**
 * Min-facilities heuristic after greedy: drop redundant sites (smallest loss first while the target still holds), then
 * try one site fewer: close the least useful site and repair coverage with swaps; keep it if the target holds.
 */
function shrinkCover(
  core: Core,
  picks: number[],
  needed: number,
  deadline: number,
  signal: AbortSignal | undefined,
  now: () => number,
): { open: number[]; complete: boolean } {
  const tol = 1e-9 * Math.max(1, needed);
  let a = new Assignment(core, picks);
  const covered = (x: Assignment): number => core.baseTotal - x.objective();
  const dropRedundant = (x: Assignment): void => {
    for (;;) {
      const cov = covered(x);
      let bestJ = -1;
      let bestLoss = Infinity;
      for (const j of x.openList()) {
        const l = x.loss[j]!;
        if (cov - l >= needed - tol && l < bestLoss) {
          bestLoss = l;
          bestJ = j;
        }
      }
      if (bestJ < 0) return;
      x.change(-1, bestJ);
    }
  };
  dropRedundant(a);
  let complete = true;
  while (a.openList().length > 1) {
    if (signal?.aborted) throw abortError();
    if (now() > deadline) {
      complete = false;
      break;
    }
    const open = a.openList();
    let worst = open[0]!;
    for (const j of open) if (a.loss[j]! < a.loss[worst]!) worst = j;
    const trial = new Assignment(
      core,
      open.filter((j) => j !== worst),
    );
    const r = swapSearch(trial, { deadline, signal, now });
    if (!r.complete) complete = false;
    if (covered(trial) >= needed - tol) {
      dropRedundant(trial);
      a = trial;
    } else break;
  }
  return { open: a.openList(), complete };
}
