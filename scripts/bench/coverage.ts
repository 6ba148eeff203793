/**
 * Coverage engine benchmark (`npm run bench -- coverage`; run as `node --import tsx --expose-gc`).
 * On the embedded country data (public/geo; a synthetic country of the same size if it is missing) prints:
 * full coverage time for both services (median of runs, wall and CPU), a Turf-only baseline (`@turf/nearest-point`
 * per demand unit over a FeatureCollection of the service's facilities — nearest only, by km, on a sample of units
 * and scaled), their ratio, one incremental edit (median over random add / move / remove / retype), and peak heap.
 * Prints, never asserts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { featureCollection, nearestPoint, point } from '@turf/turf';
import { CoverageEngine } from '../../src/engine/coverage';
import { mulberry32, syntheticCountry } from '../../src/engine/synthetic';
import { FACILITY_TYPES, SERVICES, SERVICES_OF, type Facility } from '../../src/engine/types';
import { DEFAULT_GEO_DIR, loadEmbedded } from '../../src/cli/load-embedded';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
let peakHeap = 0;
const sampleHeap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

gc();
const heapStart = process.memoryUsage().heapUsed;
const embedded = existsSync(join(DEFAULT_GEO_DIR, 'demand.json'));
const t0 = performance.now();
const data = embedded ? loadEmbedded() : syntheticCountry({ seed: 1, demand: 120_000, facilities: 2000, hromadas: 1470 });
const loadMs = performance.now() - t0;
const { demand, hromadas, facilities } = data;
sampleHeap();
console.log(
  `data: ${embedded ? 'embedded public/geo' : 'SYNTHETIC (public/geo missing)'} — ${demand.count.toLocaleString('en')} demand units, ` +
    `${facilities.length} facilities, ${hromadas.count} hromadas (loaded in ${ms(loadMs)})`,
);
console.log(`machine: ${process.arch}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// ── full coverage ──
let t = performance.now();
const engine = new CoverageEngine(demand, hromadas, facilities);
const firstMs = performance.now() - t;
sampleHeap();
const wall: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < 9; r++) {
  const c0 = process.cpuUsage();
  t = performance.now();
  engine.compute();
  wall.push(performance.now() - t);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  sampleHeap();
}
const fullMs = median(wall);
console.log(`full coverage, both services, nearest + backup + stats: median ${ms(fullMs)} wall, ${ms(median(cpu))} CPU over 9 runs (first run incl. index build + JIT: ${ms(firstMs)})`);

// ── Turf baseline: nearest only, by km, per demand unit ──
const SAMPLE = 1500;
const rnd = mulberry32(1);
let turfSampleMs = 0;
let turfUnits = 0;
for (const service of SERVICES) {
  const fc = featureCollection(
    facilities.filter((f) => SERVICES_OF[f.type].includes(service) && f.status === 'opened').map((f) => point([f.lon, f.lat], { id: f.id })),
  );
  if (fc.features.length === 0) continue;
  const pts = Array.from({ length: SAMPLE }, () => {
    const i = Math.floor(rnd() * demand.count);
    return point([demand.lon[i]!, demand.lat[i]!]);
  });
  t = performance.now();
  for (const p of pts) nearestPoint(p, fc);
  turfSampleMs += performance.now() - t;
  turfUnits += SAMPLE;
}
sampleHeap();
const turfFullMs = (turfSampleMs / turfUnits) * demand.count * SERVICES.length;
console.log(
  `Turf baseline (@turf/nearest-point per unit over the service's facilities; nearest only, no backup/stats): ` +
    `${turfUnits} sampled units in ${ms(turfSampleMs)} → scaled to ${demand.count.toLocaleString('en')} units × ${SERVICES.length} services ≈ ${(turfFullMs / 1000).toFixed(2)} s`,
);
console.log(`speed-up vs Turf: ${(turfFullMs / fullMs).toFixed(0)}× (wall) — the engine also computes backups, covered flags and statistics`);

// ── incremental edits ──
const live = (): Facility[] => engine.liveFacilities();
const editMs: Record<string, number[]> = { add: [], move: [], remove: [], retype: [] };
let touched = 0;
let next = 0;
for (let r = 0; r < 400; r++) {
  const kind = (['add', 'move', 'remove', 'retype'] as const)[r % 4]!;
  const fs = live();
  const f = fs[Math.floor(rnd() * fs.length)]!;
  const i = Math.floor(rnd() * demand.count);
  t = performance.now();
  const res =
    kind === 'add'
      ? engine.addFacility({ ...f, id: `bench-${next++}`, lon: demand.lon[i]!, lat: demand.lat[i]!, type: 'local_fire_department', status: 'opened' })
      : kind === 'move'
        ? engine.moveFacility(f.id, f.lon + (rnd() - 0.5) * 0.2, f.lat + (rnd() - 0.5) * 0.2)
        : kind === 'remove'
          ? engine.removeFacility(f.id)
          : engine.updateFacility(f.id, { type: FACILITY_TYPES[Math.floor(rnd() * FACILITY_TYPES.length)]! });
  editMs[kind]!.push(performance.now() - t);
  touched += res.demand.length;
}
sampleHeap();
const allEdits = Object.values(editMs).flat();
console.log(
  `one incremental edit: median ${ms(median(allEdits))}, p90 ${ms(pct(allEdits, 0.9))} over ${allEdits.length} random edits ` +
    `(${Object.entries(editMs).map(([k, v]) => `${k} ${ms(median(v))}`).join(', ')}); mean ${Math.round(touched / allEdits.length)} demand units touched`,
);
gc();
console.log(
  `memory: peak heap used ${(peakHeap / 2 ** 20).toFixed(0)} MB (start ${(heapStart / 2 ** 20).toFixed(0)} MB, incl. the parsed data); ` +
    `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
);
console.log(`targets (2-core machine): full ≤ 100 ms, ≥ 50× Turf, edit ≤ 16 ms (aim 8) — figures above, not asserted`);
