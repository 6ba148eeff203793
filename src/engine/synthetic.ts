/**
 * Seeded synthetic inputs of any size inside Ukraine's bounding box, for tests and benchmarks.
 * Not real data: ids start with `syn-`.
 */
import { FACILITY_TYPES, type DemandTable, type Facility, type HromadaTable } from './types';

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  seed?: number;
  demand?: number;
  facilities?: number;
  hromadas?: number;
  /** Bounding box [west, south, east, north]; default Ukraine's. */
  bbox?: [number, number, number, number];
  /** Share of planned facilities. Default 0.1. */
  plannedShare?: number;
}

/**
 * A synthetic country: hromadas on a grid of rectangles, demand points (the first ~3% settlements, the rest cells),
 * facilities of every type.
 */
export function syntheticCountry(opts: SyntheticOptions = {}): { demand: DemandTable; hromadas: HromadaTable; facilities: Facility[] } {
  const rnd = mulberry32(opts.seed ?? 1);
  const [w, s, e, nth] = opts.bbox ?? [22.1, 44.4, 40.2, 52.4];
  const nd = opts.demand ?? 1000;
  const nf = opts.facilities ?? 50;
  const nhWanted = opts.hromadas ?? 20;
  const cols = Math.max(1, Math.round(Math.sqrt(nhWanted * 1.5)));
  const rows = Math.max(1, Math.ceil(nhWanted / cols));
  const nh = cols * rows;
  const hromadas: HromadaTable = {
    count: nh,
    codes: [],
    names: [],
    namesEn: [],
    types: [],
    raions: [],
    oblasts: [],
    oblastsEn: [],
    centerLon: new Float64Array(nh),
    centerLat: new Float64Array(nh),
    areaKm2: new Float64Array(nh),
    popTotal: new Float64Array(nh),
    popUrban: new Float64Array(nh),
    popRural: new Float64Array(nh),
    status: new Uint8Array(nh),
  };
  for (let h = 0; h < nh; h++) {
    const cx = h % cols;
    const cy = Math.floor(h / cols);
    hromadas.codes.push(`SYN${String(h).padStart(5, '0')}`);
    hromadas.names.push(`Громада ${h}`);
    hromadas.namesEn.push(`Hromada ${h}`);
    hromadas.types.push('сільська');
    hromadas.raions.push(`Район ${Math.floor(h / 4)}`);
    hromadas.oblasts.push(`Область ${cy % 5}`);
    hromadas.oblastsEn.push(`Oblast ${cy % 5}`);
    hromadas.centerLon[h] = w + ((cx + 0.5) * (e - w)) / cols;
    hromadas.centerLat[h] = s + ((cy + 0.5) * (nth - s)) / rows;
  }
  const demand: DemandTable = {
    count: nd,
    ids: [],
    names: [],
    lon: new Float64Array(nd),
    lat: new Float64Array(nd),
    population: new Float64Array(nd),
    urban: new Uint8Array(nd),
    kind: new Uint8Array(nd),
    derivation: new Uint8Array(nd),
    hromada: new Int32Array(nd),
    areaKm2: new Float64Array(nd),
    place: new Uint8Array(nd),
    city: new Int32Array(nd).fill(-1),
    cities: [],
  };
  const nSettle = Math.ceil(nd * 0.03);
  for (let i = 0; i < nd; i++) {
    const lon = w + rnd() * (e - w);
    const lat = s + rnd() * (nth - s);
    const settlement = i < nSettle;
    demand.ids.push(settlement ? `syn-s${i}` : `syn-c${i}`);
    demand.names.push(settlement ? `Село ${i}` : '');
    demand.lon[i] = lon;
    demand.lat[i] = lat;
    demand.urban[i] = settlement && rnd() < 0.3 ? 1 : 0;
    demand.kind[i] = settlement ? 0 : 1;
    demand.place[i] = settlement ? 1 : 4;
    demand.derivation[i] = settlement ? (demand.urban[i] ? 0 : 1) : 2;
    demand.population[i] = settlement ? Math.floor(rnd() * (demand.urban[i] ? 50000 : 2000)) : Math.floor(rnd() * 300);
    demand.areaKm2[i] = settlement ? 0 : 5.16;
    const cx = Math.min(cols - 1, Math.floor(((lon - w) / (e - w)) * cols));
    const cy = Math.min(rows - 1, Math.floor(((lat - s) / (nth - s)) * rows));
    demand.hromada[i] = rnd() < 0.002 ? -1 : cy * cols + cx;
  }
  for (let i = 0; i < nd; i++) {
    const h = demand.hromada[i]!;
    if (h < 0) continue;
    hromadas.popTotal[h]! += demand.population[i]!;
    if (demand.urban[i]) hromadas.popUrban[h]! += demand.population[i]!;
    else hromadas.popRural[h]! += demand.population[i]!;
  }
  const facilities: Facility[] = [];
  const planned = opts.plannedShare ?? 0.1;
  for (let f = 0; f < nf; f++) {
    facilities.push({
      id: `syn-f${f}`,
      name: `Facility ${f}`,
      type: FACILITY_TYPES[Math.floor(rnd() * FACILITY_TYPES.length)]!,
      status: rnd() < planned ? 'planned' : 'opened',
      lon: w + rnd() * (e - w),
      lat: s + rnd() * (nth - s),
      hromadaCode: null,
      source: 'synthetic',
      sourceUrl: '',
      placement: 'illustrative',
      note: 'synthetic test data',
    });
  }
  return { demand, hromadas, facilities };
}
