/**
 * The national MCLP on the road network (part of `npm run bench -- roads`): 1,600 new local fire departments over
 * the SYNTHETIC settlements of the road benchmark, on its SYNTHETIC road-like graph (≈ 2 M nodes; not real roads),
 * existing units locked. Prints the time to build the coverage structure by road (src/engine/optimize/road-reach.ts:
 * snapping the candidates, one bounded search per distinct snapped node), the solve time and the covered share —
 * beside the straight-line MCLP on the same demand — and the engine's covered share with the chosen sites opened
 * (it must equal the optimizer's claim); and, for scale, the road structure with every cell centre as a candidate.
 * Prints, never asserts.
 */
import type { CoverageEngine } from '../../src/engine/coverage';
import { bestMinutes } from '../../src/engine/norms';
import { buildPointsProblem, optimize, toPlannedFacilities, type PlanProblem } from '../../src/engine/optimize';
import type { DemandTable, Facility, HromadaTable, ModelParams } from '../../src/engine/types';

const ms = (x: number) => `${x.toFixed(0)} ms`;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** Covered population of a problem's demand by the engine's current minutes. */
function engineCovered(engine: CoverageEngine, p: PlanProblem, index: Map<string, number>): number {
  const m = bestMinutes(engine, 'fire');
  let c = 0;
  for (let k = 0; k < p.demand.count; k++) if (m[index.get(p.demand.ids[k]!)!]! <= p.demand.threshold[k]!) c += p.demand.weight[k]!;
  return c;
}

/**
 * Runs the national MCLP by road and by straight line on the road benchmark's engine (graph attached).
 * @param data the benchmark's demand, hromadas and existing units (the engine is reset to those units first)
 */
export async function benchRoadsPlan(
  engine: CoverageEngine,
  data: { demand: DemandTable; hromadas: HromadaTable; facilities: Facility[] },
  params: ModelParams,
  newFacilities = 1600,
): Promise<void> {
  const { demand, hromadas, facilities } = data;
  const index = new Map(demand.ids.map((id, i) => [id, i]));
  for (const model of ['road', 'straight'] as const) {
    const p: ModelParams = { ...params, travelModel: model, includePlanned: true };
    engine.setParams(p);
    engine.setFacilities(facilities);
    let t = performance.now();
    const problem = buildPointsProblem({
      demand,
      hromadas,
      current: bestMinutes(engine, 'fire'),
      params: p,
      service: 'fire',
      type: 'local_fire_department',
      objective: 'coverage',
      road: engine.roadModel(),
    });
    const buildMs = performance.now() - t;
    t = performance.now();
    const r = await optimize(problem, { objective: 'coverage', newFacilities });
    const solveMs = performance.now() - t;
    const opened = toPlannedFacilities(r, 'local_fire_department');
    t = performance.now();
    engine.setFacilities([...facilities, ...opened]);
    const checkMs = performance.now() - t;
    const covered = engineCovered(engine, problem, index);
    const w = r.scope.weight;
    console.log(
      `national MCLP N=${newFacilities} (${model === 'road' ? 'ROAD NETWORK' : 'straight line'}): ${problem.candidates.count.toLocaleString('en')} candidate settlements, ` +
        `${problem.structure.demand.length.toLocaleString('en')} pairs; structure ${ms(buildMs)} + solve ${ms(solveMs)} (${r.method}); ` +
        `covered ${pct(r.scope.coveredBefore / w)} → ${pct(r.scope.coveredAfter / w)}; engine with the sites opened: ${pct(covered / w)} ` +
        `(${covered === r.scope.coveredAfter ? 'equal' : `DIFFERS by ${Math.round(covered - r.scope.coveredAfter)} people`}; full recompute ${ms(checkMs)})`,
    );
    if (model === 'road') for (const n of problem.notes ?? []) if (/ROAD NETWORK/.test(n)) console.log(`  ${n}`);
    if (model === 'road') {
      // scale: every areal cell centre as a candidate (one bounded search per distinct snapped node), structure only
      engine.setFacilities(facilities);
      t = performance.now();
      const cells = buildPointsProblem({
        demand,
        hromadas,
        current: bestMinutes(engine, 'fire'),
        params: p,
        service: 'fire',
        type: 'local_fire_department',
        objective: 'coverage',
        candidates: 'cells',
        road: engine.roadModel(),
      });
      console.log(
        `  structure by road with every cell centre as a candidate: ${cells.candidates.count.toLocaleString('en')} candidates, ` +
          `${cells.structure.demand.length.toLocaleString('en')} pairs in ${ms(performance.now() - t)}`,
      );
    }
  }
  engine.setFacilities(facilities);
  engine.setParams(params);
}
