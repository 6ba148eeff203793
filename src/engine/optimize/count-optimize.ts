/**
 * `optimize` for the count objectives (backup-coverage, expected-coverage, budget, relocate): heuristic (lazy greedy +
 * swaps; budget: the better of gain-per-cost greedy and the best single item, then swaps and a greedy refill;
 * relocate: K best single moves, then swaps under the move limit) and, for `exact`, the MILP of count-exact.ts with
 * the heuristic as HiGHS's start and fallback. Results carry ranked sites, the curve, moves (relocate), money
 * (budget), the proven gap and the plain-language assumptions.
 */
import { abortError } from './abort';
import { buildCountInstance, marginalOf, type CountInstance } from './count';
import { solveCountExact } from './count-exact';
import { bestMoveFor, countGreedy, countSwaps } from './count-search';
import { countSetup, type CountSetup } from './count-setup';
import { CountState } from './count-state';
import type { HighsLoader } from './exact';
import type { CurvePoint, Move, PlanHooks, PlanOptions, PlanProblem, PlanProgress, PlanResult, ProposedSite } from './types';

/** Default time budget of the count heuristics (greedy + swaps) on large instances, ms. */
const LARGE_LOCAL_SEARCH_MS = 500;

/** Instances with at least this many pairs try swap candidates by gain (see heuristic). */
const GAIN_ORDER_PAIRS = 1_000_000;

const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Constraint checks of a setup on a live state (budget money and one unit per site; relocate's move limit). */
class Rules {
  spent = 0;
  moved = 0;
  private readonly used: Int32Array | null;
  constructor(
    private readonly s: CountSetup,
    nC: number,
  ) {
    this.used = s.group ? new Int32Array(nC) : null;
  }
  private isNew(j: number): boolean {
    return this.s.objective !== 'relocate' || !this.s.side.newSite || this.s.side.newSite[j] === 1;
  }
  opened(j: number): void {
    if (this.s.cost) this.spent += this.s.cost[j]!;
    if (this.used) this.used[this.s.group![j]!]!++;
    if (this.s.objective === 'relocate' && this.isNew(j)) this.moved++;
  }
  closed(j: number): void {
    if (this.s.cost) this.spent -= this.s.cost[j]!;
    if (this.used) this.used[this.s.group![j]!]!--;
    if (this.s.objective === 'relocate' && this.isNew(j)) this.moved--;
  }
  fits = (j: number): boolean => {
    if (this.s.objective !== 'budget') return true;
    return this.spent + this.s.cost![j]! <= this.s.budget * (1 + 1e-12) + 1e-12 && this.used![this.s.group![j]!] === 0;
  };
  canSwap = (c: number, j: number): boolean => {
    if (this.s.objective === 'budget') {
      const g = this.s.group!;
      const money = this.spent - this.s.cost![j]! + this.s.cost![c]! <= this.s.budget * (1 + 1e-12) + 1e-12;
      return money && (this.used![g[c]!] === 0 || g[c] === g[j]);
    }
    if (this.s.objective === 'relocate') {
      const cn = this.isNew(c);
      const jn = this.isNew(j);
      if (cn && !jn) return this.moved + 1 <= this.s.moves;
      return cn || jn; // an existing unit comes back only in place of a new site
    }
    return true;
  };
}

/** Runs the heuristic of a setup on an instance; returns the open set. */
function heuristic(
  inst: CountInstance,
  s: CountSetup,
  deadline: number,
  signal: AbortSignal | undefined,
  now: () => number,
): { open: number[]; complete: boolean } {
  let st = new CountState(inst);
  let rules = new Rules(s, inst.nC);
  const free = s.objective !== 'budget' && s.objective !== 'relocate';
  /**
   * On large instances (national: millions of pairs, where the time budget stops the search before a full pass) free
   * swaps try candidates by their gain after the greedy, best first, so the likeliest improving moves come early;
   * smaller ones keep index order.
   */
  const byGain = (): Int32Array | undefined => {
    if (!free || inst.demand.length < GAIN_ORDER_PAIRS) return undefined;
    const gain = new Float64Array(inst.nC);
    const ids: number[] = [];
    for (let j = 0; j < inst.nC; j++) {
      if (st.open[j] || inst.offsets[j + 1] === inst.offsets[j]) continue;
      let g = 0;
      for (let p = inst.offsets[j]!; p < inst.offsets[j + 1]!; p++) g += marginalOf(inst, inst.demand[p]!, st.cnt[inst.demand[p]!]!);
      gain[j] = g;
      ids.push(j);
    }
    return Int32Array.from(ids).sort((a, b) => gain[b]! - gain[a]! || a - b);
  };
  const swap = (): boolean =>
    countSwaps(st, {
      order: byGain(),
      deadline,
      now,
      signal,
      canAdd: s.objective === 'budget' ? rules.fits : undefined,
      // expected- and backup-coverage swap freely: no check, so countSwaps can take its fast path
      canSwap: free ? undefined : rules.canSwap,
      onMove: (c, j) => {
        if (j >= 0) rules.closed(j);
        rules.opened(c);
      },
    }).complete;
  if (s.objective === 'relocate') {
    for (const e of s.existing) {
      st.add(e);
      rules.opened(e);
    }
    const extra = new Float64Array(inst.nC);
    const touched = new Int32Array(inst.nC);
    const eps = 1e-9 * Math.max(1, inst.potential);
    for (let m = 0; m < s.moves; m++) {
      const open = s.existing.filter((e) => st.open[e]);
      let best = { c: -1, out: -1, delta: eps };
      for (let c = 0; c < inst.nC; c++) {
        if (st.open[c] || !s.side.newSite![c] || inst.offsets[c + 1] === inst.offsets[c]) continue;
        const r = bestMoveFor(st, c, extra, touched, open, {});
        if (r.out >= 0 && r.delta > best.delta) best = { c, out: r.out, delta: r.delta };
      }
      if (best.c < 0) break;
      st.remove(best.out);
      rules.closed(best.out);
      st.add(best.c);
      rules.opened(best.c);
    }
    return { open: st.openList(), complete: swap() };
  }
  const greedy = (): void => {
    countGreedy(st, {
      maxPicks: s.objective === 'budget' ? inst.nC : s.p,
      fits: rules.fits,
      cost: s.cost ?? undefined,
      onPick: (j) => rules.opened(j),
      signal,
    });
  };
  greedy();
  if (s.objective === 'budget') {
    // The best single affordable item (with the ratio greedy: the classic budgeted-coverage guarantee).
    let bestJ = -1;
    let bestV = st.value;
    for (let j = 0; j < inst.nC; j++) {
      if (s.cost![j]! > s.budget * (1 + 1e-12) + 1e-12) continue;
      let v = 0;
      for (let p = inst.offsets[j]!; p < inst.offsets[j + 1]!; p++) v += marginalOf(inst, inst.demand[p]!, 0);
      if (v > bestV) {
        bestV = v;
        bestJ = j;
      }
    }
    if (bestJ >= 0) {
      st = new CountState(inst, [bestJ]);
      rules = new Rules(s, inst.nC);
      rules.opened(bestJ);
      greedy();
    }
  }
  let complete = swap();
  if (s.objective === 'budget') {
    greedy();
    complete = swap() && complete;
  }
  return { open: st.openList(), complete };
}

/** Plans for a count objective (see the module note and docs/planner.md). */
export async function optimizeCount(
  problem: PlanProblem,
  options: PlanOptions,
  hooks: PlanHooks,
  extras: { highsLoader?: HighsLoader; now?: () => number },
): Promise<PlanResult> {
  const now = extras.now ?? (() => performance.now());
  const t0 = now();
  const method = options.method ?? 'heuristic';
  const deadline = t0 + (options.timeLimitSec ?? (method === 'exact' ? 60 : 10)) * 1000;
  const progress = (p: PlanProgress): void => hooks.onProgress?.(p);
  const check = (): void => {
    if (hooks.signal?.aborted) throw abortError();
  };
  const s = countSetup(problem, options);
  const notes = [...(problem.notes ?? []), ...s.notes];
  check();
  progress({ phase: 'reduce' });
  const inst = buildCountInstance(problem, { ...s.spec, merge: true });
  await yieldToEvents();
  check();
  progress({ phase: 'greedy' });
  // Greedy and swaps share the budget: 1 s by default, 0.5 s on large instances (national: ≈ 22,000 candidates,
  // 3 M pairs, where the swaps never finish a pass in time), keeping such a run within about 2 s.
  const lsDefault = inst.demand.length >= GAIN_ORDER_PAIRS ? LARGE_LOCAL_SEARCH_MS : 1000;
  const lsMs = Math.max(0, Math.min(options.localSearchMs ?? lsDefault, deadline - now()));
  const h = heuristic(inst, s, now() + lsMs, hooks.signal, now);
  if (!h.complete) notes.push('Local search stopped at its time budget.');
  let chosen = h.open;
  let status = 'heuristic';
  let gap: number | null = null;
  let coreBound: number | null = null;
  if (method === 'exact') {
    await yieldToEvents();
    check();
    progress({ phase: 'milp', message: `MILP: ${inst.nC} candidates, ${inst.nD} demand rows` });
    const heurVal = new CountState(inst, chosen).value;
    const ex = await solveCountExact({
      inst,
      side: s.side,
      start: chosen,
      timeLimitSec: Math.max(0.05, (deadline - now()) / 1000),
      mipRelGap: options.mipRelGap,
      shouldInterrupt: hooks.shouldInterrupt,
      loader: extras.highsLoader,
      onProgress: (q) => progress({ phase: 'milp', incumbent: q.incumbent, bound: q.bound, gap: q.gap, message: `${q.seconds ?? 0}s` }),
    });
    check();
    status = ex.status;
    let best = heurVal;
    if (ex.hasSolution) {
      const v = new CountState(inst, ex.open).value;
      if (v > heurVal + 1e-9 * Math.max(1, heurVal)) {
        chosen = ex.open;
        best = v;
      }
    }
    coreBound = Number.isFinite(ex.bound) ? ex.bound : null;
    if (coreBound !== null) {
      const g = (coreBound - best) / Math.max(Math.abs(best), 1e-9);
      gap = ex.status === 'optimal' || g < 1e-9 ? 0 : Math.max(0, g);
    }
    if (ex.status !== 'optimal') notes.push(`HiGHS stopped: ${ex.status}; the plan is the best solution found.`);
  }
  check();
  progress({ phase: 'report' });
  const r = report(problem, s, chosen, notes);
  const full = r.full;
  const startValue = s.objective === 'relocate' ? new CountState(full, s.existing).value : 0;
  const W = problem.demand.weight.reduce((a, b) => a + b, 0);
  const last = r.curve[r.curve.length - 1]!;
  return {
    objective: s.objective,
    method,
    objectiveValue: last.covered,
    improvement: last.covered - r.curve[0]!.covered,
    gap,
    bound: coreBound === null ? null : s.base + coreBound,
    status,
    sites: r.sites,
    curve: r.curve,
    scope: {
      demandCount: problem.demand.count,
      weight: W,
      coveredBefore: s.base + startValue,
      coveredAfter: last.covered,
      coveredCountAfter: r.countAfter,
      uncoveredCountAfter: problem.demand.count - r.countAfter,
      meanCostBefore: NaN,
      meanCostAfter: NaN,
      unreachedCount: s.unreachable.length,
    },
    unreachable: s.unreachable
      .map((i) => ({ index: i, id: problem.demand.ids[i]!, name: problem.demand.names[i] ?? '', weight: problem.demand.weight[i]! }))
      .sort((a, b) => b.weight - a.weight),
    unreachableWeight: s.unreachable.reduce((a, i) => a + problem.demand.weight[i]!, 0),
    reduced: { demand: inst.nD, candidates: inst.nC, pairs: inst.demand.length },
    timeMs: now() - t0,
    notes,
    measure: s.measure,
    moves: r.moves,
    budget: s.objective === 'budget' ? { budget: s.budget, spent: r.spent } : undefined,
    coveredOnce: r.coveredOnce,
    assumptions: s.assumptions,
  };
}

/** The problem with the structure's rows of candidates outside `keep` emptied. */
function withRows(problem: PlanProblem, keep: Uint8Array): PlanProblem {
  const str = problem.structure;
  const nC = str.candidateCount;
  const offsets = new Int32Array(nC + 1);
  for (let j = 0; j < nC; j++) offsets[j + 1] = offsets[j]! + (keep[j] ? str.offsets[j + 1]! - str.offsets[j]! : 0);
  const demand = new Int32Array(offsets[nC]!);
  const cost = new Float64Array(offsets[nC]!);
  for (let j = 0; j < nC; j++) {
    if (!keep[j]) continue;
    demand.set(str.demand.subarray(str.offsets[j]!, str.offsets[j + 1]!), offsets[j]!);
    cost.set(str.cost.subarray(str.offsets[j]!, str.offsets[j + 1]!), offsets[j]!);
  }
  return { ...problem, structure: { ...str, offsets, demand, cost } };
}

interface Report {
  full: CountInstance;
  sites: ProposedSite[];
  curve: CurvePoint[];
  moves?: Move[];
  spent: number;
  countAfter: number;
  coveredOnce?: { before: number; after: number };
}

/** Ranks the chosen set and walks it on the unmerged instance: marginals, estimated shares, curve, moves. */
function report(problem: PlanProblem, s: CountSetup, chosen: number[], notes: string[]): Report {
  // Only the rows of chosen sites (and, for relocate, the existing units) matter below: the unmerged instance is
  // built on those rows alone (other candidates reach nothing), which gives the same values at a fraction of the cost.
  const keep = new Uint8Array(problem.structure.candidateCount);
  for (const j of chosen) keep[j] = 1;
  if (s.objective === 'relocate') for (const e of s.existing) keep[e] = 1;
  const full = buildCountInstance(withRows(problem, keep), { ...s.spec, merge: false });
  const cand = problem.candidates;
  const W = problem.demand.weight.reduce((a, b) => a + b, 0);
  const chosenSet = new Uint8Array(full.nC);
  for (const j of chosen) chosenSet[j] = 1;
  const st = new CountState(full);
  let order: number[];
  const moveFrom: number[] = [];
  if (s.objective === 'relocate') {
    for (const e of s.existing) st.add(e);
    const closed = s.existing.filter((e) => !chosenSet[e]);
    const dest = chosen.filter((j) => s.side.newSite![j]);
    order = [];
    const extra = new Float64Array(full.nC);
    const touched = new Int32Array(full.nC);
    while (dest.length > 0 && closed.length > 0) {
      let best = { c: -1, out: -1, delta: -Infinity };
      for (const c of dest) {
        const r = bestMoveFor(st, c, extra, touched, closed, {});
        if (r.out >= 0 && r.delta > best.delta) best = { c, out: r.out, delta: r.delta };
      }
      if (best.c < 0) break;
      order.push(best.c);
      moveFrom.push(best.out);
      dest.splice(dest.indexOf(best.c), 1);
      closed.splice(closed.indexOf(best.out), 1);
      st.remove(best.out);
      st.add(best.c);
    }
    if (closed.length > 0) notes.push(`${closed.length} units would close without a new site; they are kept.`);
  } else {
    const allowed = chosenSet;
    const rank = new CountState(full);
    order = countGreedy(rank, { maxPicks: chosen.length, allowed, cost: s.objective === 'budget' ? s.cost! : undefined });
    if (order.length < chosen.length) {
      notes.push(`${chosen.length - order.length} chosen sites add nothing beyond the others and were dropped.`);
    }
    if (s.objective !== 'budget' && order.length < s.p) {
      notes.push(`Only ${order.length} new sites add anything; fewer than the ${s.p} asked are proposed.`);
    }
  }
  // The walk: from the start (relocate: every existing unit in place), add in rank order.
  const walk = new CountState(full, s.objective === 'relocate' ? s.existing : []);
  const est = problem.demand.estimated;
  const curve: CurvePoint[] = [];
  const point = (k: number, spent: number): CurvePoint => {
    const covered = s.base + walk.value;
    return { k, covered, share: W > 0 ? covered / W : 1, meanCost: NaN, ...(s.cost ? { spent } : {}) };
  };
  let spent = 0;
  curve.push(point(0, 0));
  const sites: ProposedSite[] = [];
  const moves: Move[] = [];
  order.forEach((j, r) => {
    const from = s.objective === 'relocate' ? moveFrom[r]! : -1;
    const before = walk.value;
    if (from >= 0) walk.remove(from);
    const afterRemoval = walk.value;
    let estW = 0;
    for (let p = full.offsets[j]!; p < full.offsets[j + 1]!; p++) {
      const i = full.demand[p]!;
      const u = full.unit[i]!;
      if (est && u >= 0 && est[u] === 1) estW += marginalOf(full, i, walk.cnt[i]!);
    }
    walk.add(j);
    const marginal = walk.value - before;
    const gross = walk.value - afterRemoval;
    const estimatedShare = gross > 0 ? Math.min(1, estW / gross) : 0;
    const c = s.cost ? s.cost[j]! : undefined;
    if (c !== undefined) spent += c;
    const pt = point(r + 1, spent);
    curve.push(pt);
    const estimated = cand.estimated?.[j] === 1 || estimatedShare >= 0.5;
    sites.push({
      rank: r + 1,
      candidate: j,
      id: cand.ids[j]!,
      name: cand.names[j] ?? '',
      hromadaCode: cand.hromadaCodes[j] ?? null,
      type: cand.types?.[j] ?? problem.facilityType ?? null,
      lon: cand.lon[j]!,
      lat: cand.lat[j]!,
      marginal,
      cumulativeCovered: pt.covered,
      cumulativeShare: pt.share,
      cumulativeMeanCost: NaN,
      estimatedShare,
      estimated,
      ...(c !== undefined ? { cost: c, perCost: c > 0 ? marginal / c : Infinity } : {}),
      ...(from >= 0
        ? { movedFrom: { id: cand.ids[from]!, name: cand.names[from] ?? '', lon: cand.lon[from]!, lat: cand.lat[from]! } }
        : {}),
    });
    if (from >= 0) {
      moves.push({
        rank: r + 1,
        fromId: cand.ids[from]!,
        fromName: cand.names[from] ?? '',
        fromLon: cand.lon[from]!,
        fromLat: cand.lat[from]!,
        toId: cand.ids[j]!,
        toName: cand.names[j] ?? '',
        toHromadaCode: cand.hromadaCodes[j] ?? null,
        toLon: cand.lon[j]!,
        toLat: cand.lat[j]!,
        gain: marginal,
        cumulativeCovered: pt.covered,
      });
    }
  });
  // Units satisfied after the plan (threshold: need met; geometric: some unit within the norm).
  let countAfter = 0;
  const satisfied = new Uint8Array(problem.demand.count);
  for (let i = 0; i < full.nD; i++) {
    if (walk.cnt[i]! >= (full.mode === 'threshold' ? full.need[i]! : 1)) satisfied[full.unit[i]!] = 1;
  }
  const d = problem.demand;
  for (let i = 0; i < d.count; i++) {
    const already =
      s.objective === 'backup-coverage'
        ? (d.current[i]! <= d.threshold2![i]! ? 1 : 0) + (d.current2![i]! <= d.threshold2![i]! ? 1 : 0) >= 2
        : d.current[i]! <= d.threshold[i]!;
    if (already || satisfied[i]) countAfter++;
  }
  let coveredOnce: Report['coveredOnce'];
  if (s.objective === 'backup-coverage') {
    const best = Float64Array.from(d.current);
    const str = problem.structure;
    for (const j of order) {
      for (let k = str.offsets[j]!; k < str.offsets[j + 1]!; k++) {
        const i = str.demand[k]!;
        if (str.cost[k]! < best[i]!) best[i] = str.cost[k]!;
      }
    }
    let before = 0;
    let after = 0;
    for (let i = 0; i < d.count; i++) {
      if (d.current[i]! <= d.threshold[i]!) before += d.weight[i]!;
      if (best[i]! <= d.threshold[i]!) after += d.weight[i]!;
    }
    coveredOnce = { before, after };
  }
  return { full, sites, curve, moves: s.objective === 'relocate' ? moves : undefined, spent, countAfter, coveredOnce };
}
