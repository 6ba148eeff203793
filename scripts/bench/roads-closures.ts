/**
 * `npm run bench -- roads-closures`: the closure ranking by road at national scale, on the road benchmark's SYNTHETIC
 * road-like graph (≈ 2 M nodes; not real roads) with 150,000 SYNTHETIC demand units and 700 facilities. Prints the
 * time to rank every active fire unit by road — the loss read from the engine's top-2 road labels, the reach for the
 * expected loss by one bounded road search per unit (src/engine/optimize/road-closures.ts) — beside the straight-line
 * ranking on the same data, and the engine's own full road coverage for scale. Prints, never asserts.
 */
import { cpus, loadavg } from 'node:os';
import { CoverageEngine } from '../../src/engine/coverage';
import { normFor } from '../../src/engine/norms';
import { rankClosures } from '../../src/engine/optimize/closures';
import { closureReach } from '../../src/engine/optimize/road-closures';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { syntheticCountry } from '../../src/engine/synthetic';
import { DEFAULT_PARAMS, type ModelParams } from '../../src/engine/types';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

function rank(engine: CoverageEngine, params: ModelParams): { reachMs: number; totalMs: number; rows: number; top: number } {
  const t0 = performance.now();
  const slots = Array.from({ length: engine.slotCount }, (_, k) => engine.facility(k));
  const active = Uint8Array.from(slots, (_, k) => (engine.isActiveFor(k, 'fire') ? 1 : 0));
  const cov = engine.coverage('fire');
  const input = { demand: engine.demand, facilities: slots, active, params, threshold: normFor(engine.demand, params, 'fire') };
  const reach = closureReach(input, engine.roadModel(), params.reachCapMin.fire);
  const reachMs = performance.now() - t0;
  const rows = rankClosures({ ...input, reach, nearest: cov.nearest, backup: cov.backup, m1: engine.rankingMetric('fire'), m2: cov.backupMinutes, rank: () => true });
  return { reachMs, totalMs: performance.now() - t0, rows: rows.length, top: rows[0]?.loss ?? 0 };
}

export function benchRoadsClosures(opts: { nx?: number; ny?: number } = {}): void {
  console.log(`machine: ${process.arch}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const graph = syntheticRoads({ seed: 1, nx: opts.nx ?? 1800, ny: opts.ny ?? 1150 });
  const { demand, hromadas, facilities } = syntheticCountry({ seed: 1, demand: 150_000, facilities: 700, hromadas: 1470 });
  console.log(
    `graph (SYNTHETIC): ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges; ` +
      `data (SYNTHETIC): ${demand.count.toLocaleString('en')} demand units, ${facilities.length} facilities`,
  );
  const road: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' };
  const straight: ModelParams = { ...road, travelModel: 'straight' };
  const engine = new CoverageEngine(demand, hromadas, facilities, straight);
  const s: ReturnType<typeof rank>[] = [];
  for (let r = 0; r < 3; r++) s.push(rank(engine, straight));
  engine.setRoadGraph(graph);
  const t = performance.now();
  engine.setParams(road);
  const fullMs = performance.now() - t;
  const rd: ReturnType<typeof rank>[] = [];
  for (let r = 0; r < 3; r++) rd.push(rank(engine, road));
  console.log(
    `closures by road, every active fire unit (${rd[0]!.rows}): median ${ms(median(rd.map((x) => x.totalMs)))} ` +
      `(reach by road ${ms(median(rd.map((x) => x.reachMs)))}; the loss reads the engine's labels), largest loss ${Math.round(rd[0]!.top).toLocaleString('en')} people`,
  );
  console.log(
    `closures by straight line, same units (${s[0]!.rows}): median ${ms(median(s.map((x) => x.totalMs)))} (reach ${ms(median(s.map((x) => x.reachMs)))}); ` +
      `for scale, the engine's full road coverage of both services: ${ms(fullMs)}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) benchRoadsClosures();
