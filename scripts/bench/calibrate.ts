/**
 * `npm run bench -- calibrate`: the model check's time on KSE's 1,377 trips — the straight-line check and fit (what the
 * page runs in its main thread; target < 50 ms), cold and warm — and the road model's on a synthetic road-like graph
 * over Ukraine (NOT real roads; trees from the 23 oblast centres). Prints figures; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrate } from '../../src/engine/calibrate';
import { straightLineModel } from '../../src/engine/calibrate-models';
import { roadCheckModel } from '../../src/engine/calibrate-roads';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { parseKseTimes } from '../../src/io/kse-times';

const here = dirname(fileURLToPath(import.meta.url));
const kse = parseKseTimes(JSON.parse(readFileSync(join(here, '../../public/geo/kse-road-times.json'), 'utf8')));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

let t0 = performance.now();
const first = calibrate(straightLineModel, kse.pairs, DEFAULT_PARAMS);
const cold = performance.now() - t0;
const warm: number[] = [];
for (let k = 0; k < 30; k++) {
  t0 = performance.now();
  calibrate(straightLineModel, kse.pairs, DEFAULT_PARAMS);
  warm.push(performance.now() - t0);
}
console.log(
  `straight-line check + fit, ${kse.pairs.length} KSE trips: cold ${cold.toFixed(1)} ms, warm median ${median(warm).toFixed(2)} ms (${first.fit.iterations} IRLS iterations)`,
);

t0 = performance.now();
const g = syntheticRoads({ seed: 1, nx: 700, ny: 450 });
const built = performance.now() - t0;
const model = roadCheckModel(g);
const params = { ...DEFAULT_PARAMS, travelModel: 'road' as const, roads: { ...DEFAULT_PARAMS.roads, snapMaxKm: 5 } };
t0 = performance.now();
const road = calibrate(model, kse.pairs, params);
const roadMs = performance.now() - t0;
t0 = performance.now();
calibrate(model, kse.pairs, params);
const roadWarm = performance.now() - t0;
console.log(
  `road check + fit on a synthetic graph (${g.nodeCount} nodes, ${g.edgeCount} edges; built in ${built.toFixed(0)} ms): ` +
    `${road.before.all.n} trips timed, first run ${roadMs.toFixed(0)} ms (node index + reverse graph), next ${roadWarm.toFixed(0)} ms; fit mode ${road.fit.mode}`,
);
