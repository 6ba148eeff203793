/**
 * Planner benchmark (`npm run bench -- plan`, run as `node --import tsx --expose-gc`). Prints, asserts nothing:
 * 1. national MCLP: N = 1,600 new local fire departments over the located settlements, existing facilities locked —
 *    structure build, optimizer (lazy greedy + swaps + curve), total;
 * 2. one oblast: heuristic vs exact (HiGHS) for several set-ups — times, objective values, the measured gap between
 *    them and exact's proven gap.
 */
import { buildPointsProblem, optimize, selectScope, type Objective, type PlanResult } from '../../src/engine/optimize';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { currentBest, loadEmbeddedData } from '../../src/cli/plan';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(3)}%`);
let peakHeap = 0;
const sampleHeap = (): void => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

const t0 = performance.now();
const data = loadEmbeddedData();
const tLoad = performance.now() - t0;
const params = structuredClone(DEFAULT_PARAMS);
const service = 'fire' as const;
const type = 'local_fire_department' as const;
const t1 = performance.now();
const cur = currentBest(data, data.facilities, params, service);
const tCur = performance.now() - t1;
console.log(
  `data: ${data.demand.count} demand units, ${data.facilities.length} facilities; load ${ms(tLoad)}; current best minutes via ${cur.via} ${ms(tCur)}`,
);

// 1. National MCLP.
const all = selectScope(data.demand, data.hromadas, { kind: 'country' });
const runNational = async (): Promise<{
  build: number;
  opt: number;
  cpu: number;
  r: PlanResult;
  pairs: number;
  cands: number;
}> => {
  gc?.();
  const cpu0 = process.cpuUsage();
  const a = performance.now();
  const problem = buildPointsProblem({
    demand: data.demand,
    hromadas: data.hromadas,
    scope: all,
    current: cur.current,
    params,
    service,
    type,
    objective: 'coverage',
  });
  const b = performance.now();
  const r = await optimize(problem, { objective: 'coverage', newFacilities: 1600 });
  const c = performance.now();
  const cpu = process.cpuUsage(cpu0);
  sampleHeap();
  return {
    build: b - a,
    opt: c - b,
    cpu: (cpu.user + cpu.system) / 1000,
    r,
    pairs: problem.structure.demand.length,
    cands: problem.candidates.count,
  };
};
for (const label of ['cold', 'warm', 'warm']) {
  const n = await runNational();
  const last = n.r.curve[n.r.curve.length - 1]!;
  console.log(
    `national MCLP N=1600 (${label}): ${n.cands} candidate settlements, ${n.pairs} pairs; structure ${ms(n.build)} + optimize ${ms(n.opt)} ` +
      `(incl. curve) = ${ms(n.build + n.opt)} wall, ${ms(n.cpu)} CPU [target ≤ 2000 ms]; ${n.r.sites.length} sites add anything; ` +
      `within the norm ${(n.r.curve[0]!.share * 100).toFixed(2)}% → ${(last.share * 100).toFixed(2)}%; reduced ${n.r.reduced.demand} rows × ${n.r.reduced.candidates} candidates` +
      (n.r.notes.some((x) => /time budget/.test(x)) ? '; local search hit its budget' : ''),
  );
}

// 1b. National heuristic vs exact for a smaller N (where the choice matters), and a national p-median heuristic.
{
  const build = (objective: Objective) =>
    buildPointsProblem({
      demand: data.demand,
      hromadas: data.hromadas,
      scope: all,
      current: cur.current,
      params,
      service,
      type,
      objective,
    });
  const n = Number(process.env.PLAN_BENCH_NATIONAL_N ?? 300);
  const problem = build('coverage');
  const h = await optimize(problem, { objective: 'coverage', newFacilities: n });
  const e = await optimize(problem, { objective: 'coverage', newFacilities: n, method: 'exact', timeLimitSec: 120 });
  const measured = e.improvement > 0 ? (e.improvement - h.improvement) / e.improvement : 0;
  console.log(
    `national MCLP N=${n}: heuristic +${Math.round(h.improvement)} in ${ms(h.timeMs)}; exact +${Math.round(e.improvement)} in ` +
      `${ms(e.timeMs)} (${e.status}, proven gap ${pct(e.gap)}; MILP ${e.reduced.demand} rows × ${e.reduced.candidates}); ` +
      `heuristic vs exact ${pct(measured)}`,
  );
  const a = performance.now();
  const pm = build('p-median');
  const b = performance.now();
  const r = await optimize(pm, { objective: 'p-median', newFacilities: 200 });
  sampleHeap();
  console.log(
    `national p-median N=200 (heuristic): structure ${ms(b - a)} (${pm.structure.demand.length} pairs within 40 min) + optimize ` +
      `${ms(r.timeMs)}; mean ${r.scope.meanCostBefore.toFixed(2)} → ${r.scope.meanCostAfter.toFixed(2)} min`,
  );
}

// 2. One oblast: heuristic vs exact.
const oblast = process.env.PLAN_BENCH_OBLAST ?? 'Київська';
const scope = selectScope(data.demand, data.hromadas, { kind: 'oblast', name: oblast });
const timeLimit = Number(process.env.PLAN_BENCH_TIME_LIMIT ?? 60);
const setups: { objective: Objective; candidates: 'settlements' | 'cells'; n?: number }[] = [
  { objective: 'coverage', candidates: 'settlements', n: 20 },
  { objective: 'coverage', candidates: 'cells', n: 20 },
  { objective: 'min-facilities', candidates: 'settlements' },
  { objective: 'p-median', candidates: 'settlements', n: 20 },
];
console.log(`oblast ${oblast}: ${scope.length} demand units; exact time limit ${timeLimit} s`);
for (const s of setups) {
  const problem = buildPointsProblem({
    demand: data.demand,
    hromadas: data.hromadas,
    scope,
    current: cur.current,
    params,
    service,
    type,
    candidates: s.candidates,
    objective: s.objective,
  });
  const opts = { objective: s.objective, newFacilities: s.n };
  gc?.();
  const h = await optimize(problem, { ...opts, method: 'heuristic' });
  gc?.();
  const e = await optimize(problem, { ...opts, method: 'exact', timeLimitSec: timeLimit });
  sampleHeap();
  // Measured gap of the heuristic against exact's solution, on what the objective optimises.
  const hv = s.objective === 'coverage' ? h.improvement : h.objectiveValue;
  const ev = s.objective === 'coverage' ? e.improvement : e.objectiveValue;
  const measured = ev === 0 ? 0 : s.objective === 'coverage' ? (ev - hv) / ev : (hv - ev) / ev;
  const fmt = (v: number): string => (s.objective === 'p-median' ? `${v.toFixed(4)} min` : `${Math.round(v)}`);
  console.log(
    `  ${s.objective}${s.n ? ` N=${s.n}` : ''} over ${s.candidates} (${problem.candidates.count} candidates; reduced ${e.reduced.demand} rows × ${e.reduced.candidates}): ` +
      `heuristic ${fmt(hv)} in ${ms(h.timeMs)}; exact ${fmt(ev)} in ${ms(e.timeMs)} (${e.status}, proven gap ${pct(e.gap)}); ` +
      `heuristic vs exact ${pct(measured)}`,
  );
}
console.log(`peak heap ${mb(peakHeap)}; total ${ms(performance.now() - t0)}`);
