/** Seeded random instances and brute-force references for the optimizer tests. */
import { haversineKm, minutesPerKm } from '../../src/engine/travel';
import type { DemandTable, HromadaTable, ModelParams } from '../../src/engine/types';
import type { MatrixRow } from '../../src/engine/optimize';

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MatrixInstance {
  rows: MatrixRow[];
  demand: { id: string; weight: number }[];
  fixed: string[];
  radius: number;
}

/** A random long matrix: nF facilities (the first nFixed fixed), nD demand ids, integer costs 1..maxCost. */
export function randomMatrix(
  seed: number,
  nF: number,
  nD: number,
  nFixed: number,
  density = 0.45,
  maxCost = 30,
): MatrixInstance {
  const r = rng(seed);
  const rows: MatrixRow[] = [];
  for (let f = 0; f < nF; f++) {
    for (let d = 0; d < nD; d++) {
      if (r() < density) rows.push({ facilityId: `f${f}`, demandId: `d${d}`, cost: 1 + Math.floor(r() * maxCost) });
    }
  }
  const demand = Array.from({ length: nD }, (_, d) => ({ id: `d${d}`, weight: r() < 0.1 ? 0 : Math.floor(r() * 100) }));
  const fixed = Array.from({ length: nFixed }, (_, f) => `f${f}`);
  return { rows, demand, fixed, radius: 10 };
}

/** Cost table: cost[f][d] (Infinity where the pair is absent), from matrix rows (smallest duplicate). */
export function costTable(inst: MatrixInstance): { fac: string[]; dem: string[]; cost: number[][]; w: number[] } {
  const fac = [...new Set(inst.rows.map((x) => x.facilityId))];
  const dem = inst.demand.map((d) => d.id);
  const cost = fac.map(() => dem.map(() => Infinity));
  for (const x of inst.rows) {
    const f = fac.indexOf(x.facilityId);
    const d = dem.indexOf(x.demandId);
    cost[f]![d] = Math.min(cost[f]![d]!, x.cost);
  }
  return { fac, dem, cost, w: inst.demand.map((d) => d.weight) };
}

/** Every subset of {0..n-1} as index lists. */
export function* subsets(n: number): Generator<number[]> {
  for (let mask = 0; mask < 1 << n; mask++) {
    const s: number[] = [];
    for (let j = 0; j < n; j++) if (mask & (1 << j)) s.push(j);
    yield s;
  }
}

/** Per-demand best cost for fixed ∪ S. */
export function bestCost(t: ReturnType<typeof costTable>, open: number[]): number[] {
  return t.dem.map((_, d) => Math.min(Infinity, ...open.map((f) => t.cost[f]![d]!)));
}

/** Brute force over all candidate subsets: coverage, min-facilities and p-median optima. */
export function bruteForce(inst: MatrixInstance, p: number, targetShare: number, penalty: number) {
  const t = costTable(inst);
  const fixedIdx = inst.fixed.map((f) => t.fac.indexOf(f)).filter((k) => k >= 0);
  const cand = t.fac.map((_, k) => k).filter((k) => !fixedIdx.includes(k));
  const W = t.w.reduce((a, b) => a + b, 0);
  const coveredW = (open: number[]): number => {
    const b = bestCost(t, [...fixedIdx, ...open]);
    return b.reduce((s, c, d) => s + (c <= inst.radius ? t.w[d]! : 0), 0);
  };
  const pmed = (open: number[]): number => {
    const b = bestCost(t, [...fixedIdx, ...open]);
    return b.reduce((s, c, d) => s + t.w[d]! * (Number.isFinite(c) ? c : penalty), 0) / W;
  };
  let bestCov = -Infinity;
  let bestP = Infinity;
  const maxCov = coveredW(cand);
  const need = Math.min(targetShare * W, maxCov);
  let minSites = Infinity;
  for (const s of subsets(cand.length)) {
    const open = s.map((k) => cand[k]!);
    if (open.length <= p) {
      bestCov = Math.max(bestCov, coveredW(open));
      bestP = Math.min(bestP, pmed(open));
    }
    if (open.length < minSites && coveredW(open) >= need - 1e-9) minSites = open.length;
  }
  return { bestCov, bestP, minSites, W, maxCov };
}

/** Planar toy demand table around a point in Ukraine: nS settlements (kind 0), nC cells (kind 1). */
export function randomDemandTable(
  seed: number,
  nS: number,
  nCells: number,
  spreadDeg = 0.6,
): { demand: DemandTable; hromadas: HromadaTable } {
  const r = rng(seed);
  const n = nS + nCells;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const population = new Float64Array(n);
  const urban = new Uint8Array(n);
  const kind = new Uint8Array(n);
  const derivation = new Uint8Array(n);
  const hromada = new Int32Array(n);
  const ids: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    lon[i] = 30 + (r() - 0.5) * spreadDeg * 2;
    lat[i] = 49 + (r() - 0.5) * spreadDeg;
    population[i] = Math.floor(r() * 2000);
    kind[i] = i < nS ? 0 : 1;
    urban[i] = i < nS && r() < 0.15 ? 1 : 0;
    derivation[i] = i < nS ? 0 : 2;
    hromada[i] = lon[i]! < 30 ? 0 : 1;
    ids.push(i < nS ? `S${i}` : `C${i}`);
    names.push(i < nS ? `Settlement ${i}` : '');
  }
  const demand: DemandTable = {
    count: n,
    ids,
    names,
    lon,
    lat,
    population,
    urban,
    kind,
    derivation,
    hromada,
    areaKm2: new Float64Array(n),
    place: new Uint8Array(n),
    city: new Int32Array(n).fill(-1),
    cities: [],
  };
  const hromadas: HromadaTable = {
    count: 2,
    codes: ['UA01', 'UA02'],
    names: ['West', 'East'],
    namesEn: ['West', 'East'],
    types: ['сільська', 'сільська'],
    raions: ['Західний', 'Східний'],
    oblasts: ['Тестова', 'Тестова'],
    oblastsEn: ['Testova', 'Testova'],
    centerLon: Float64Array.from([29.7, 30.3]),
    centerLat: Float64Array.from([49, 49]),
    areaKm2: new Float64Array(2),
    popTotal: new Float64Array(2),
    popUrban: new Float64Array(2),
    popRural: new Float64Array(2),
    status: new Uint8Array(2),
  };
  return { demand, hromadas };
}

/** Brute-force modelled minutes from a point to a demand unit (the travel formula). */
export function modelMinutes(
  params: ModelParams,
  turnout: number,
  lon: number,
  lat: number,
  dLon: number,
  dLat: number,
  urban: number,
): number {
  return turnout + haversineKm(lon, lat, dLon, dLat) * minutesPerKm(params, urban);
}
