import { describe, expect, it } from 'vitest';
import {
  CoverageEngine,
  DEFAULT_PARAMS,
  EARTH_RADIUS_KM,
  travelMatrix,
  type DemandTable,
  type Facility,
  type FacilityType,
  type HromadaTable,
  type ModelParams,
} from '../../src/engine';
import { mulberry32, syntheticCountry } from '../../src/engine/synthetic';
import { STATS_FIELDS } from '../../src/engine/stats';
import { expectExtrasEqualBrute } from './helpers';

const withParams = (patch: Partial<ModelParams>): ModelParams => ({ ...structuredClone(DEFAULT_PARAMS), ...patch });
const KM_LAT = 1 / ((EARTH_RADIUS_KM * Math.PI) / 180);

/** Three hromadas: H1 and H2 in oblast O1, H3 in O2. */
function hromadaTable(): HromadaTable {
  return {
    count: 3,
    codes: ['H1', 'H2', 'H3'],
    names: ['Перша', 'Друга', 'Третя'],
    namesEn: ['Persha', 'Druha', 'Tretia'],
    types: ['сільська', 'сільська', 'сільська'],
    raions: ['R', 'R', 'R'],
    oblasts: ['O1', 'O1', 'O2'],
    oblastsEn: ['O1', 'O1', 'O2'],
    centerLon: new Float64Array(3),
    centerLat: new Float64Array(3),
    areaKm2: new Float64Array(3),
    popTotal: new Float64Array(3),
    popUrban: new Float64Array(3),
    popRural: new Float64Array(3),
    status: new Uint8Array(3),
  };
}

/** Rural settlements at (lon, lat), population, hromada index. */
function demandOf(units: [number, number, number, number][]): DemandTable {
  const n = units.length;
  return {
    count: n,
    ids: units.map((_, i) => `d${i}`),
    names: units.map((_, i) => `Село ${i}`),
    lon: Float64Array.from(units, (u) => u[0]),
    lat: Float64Array.from(units, (u) => u[1]),
    population: Float64Array.from(units, (u) => u[2]),
    urban: new Uint8Array(n),
    kind: new Uint8Array(n),
    derivation: new Uint8Array(n),
    hromada: Int32Array.from(units, (u) => u[3]),
    areaKm2: new Float64Array(n),
    place: new Uint8Array(n),
    city: new Int32Array(n).fill(-1),
    cities: [],
  };
}

const fac = (id: string, type: FacilityType, lon: number, lat: number, hromadaCode: string | null): Facility => ({
  id,
  name: id,
  type,
  status: 'opened',
  lon,
  lat,
  hromadaCode,
  source: 'test',
  sourceUrl: '',
  placement: 'user',
  note: '',
});

describe('second unit and availability: a worked example', () => {
  // one rural village at (30, 50); units north of it along the meridian (km = Δlat / KM_LAT exactly enough)
  // state unit 5 km: 1 + 5 × 1.3 = 7.5 min; volunteer 10 km: 5 + 13 = 18 min; local 20 km: 2 + 26 = 28 min
  const demand = demandOf([[30, 50, 1000, 0]]);
  const facilities = [
    fac('state', 'state_fire_unit', 30, 50 + 5 * KM_LAT, 'H1'),
    fac('vol', 'volunteer_fire_brigade', 30, 50 + 10 * KM_LAT, 'H1'),
    fac('local', 'local_fire_department', 30, 50 + 20 * KM_LAT, 'H2'),
  ];

  it('miss probability multiplies 1 − a over the units within the norm (20 min): 0.05 × 0.5', () => {
    const engine = new CoverageEngine(demand, hromadaTable(), facilities);
    expect(engine.coverage('fire').minutes[0]).toBeCloseTo(7.5, 6);
    expect(engine.coverage('fire').backupMinutes[0]).toBeCloseTo(18, 6);
    expect(engine.missProbability('fire')[0]).toBeCloseTo(0.05 * 0.5, 15);
    expect(engine.stats('fire').expectedCoveredPopulation[0]).toBeCloseTo(975, 9);
    expect(engine.stats('fire').expectedShare[0]).toBeCloseTo(0.975, 12);
    expect(engine.totals('fire').expectedCoveredPopulation).toBeCloseTo(975, 9);
    // no police unit: nothing is expected
    expect(engine.missProbability('police')[0]).toBe(1);
    expect(engine.totals('police').expectedCoveredPopulation).toBe(0);
  });

  it('covered twice: the backup (18 min) is within the second norm (30), not within 15', () => {
    const engine = new CoverageEngine(demand, hromadaTable(), facilities);
    expect(engine.secondCovered('fire')[0]).toBe(1);
    expect(engine.stats('fire').secondCoveredPopulation[0]).toBe(1000);
    expect(engine.totals('fire').secondShare).toBe(1);
    const p = structuredClone(DEFAULT_PARAMS);
    p.secondNormMin.fire.rural = 15;
    engine.setParams(p);
    expect(engine.secondCovered('fire')[0]).toBe(0);
    expect(engine.totals('fire').secondCoveredPopulation).toBe(0);
  });

  it('availability and norm changes in params: 0.05 × 0.7 with volunteers at 0.3; the local unit counts at a 30-min norm', () => {
    const engine = new CoverageEngine(demand, hromadaTable(), facilities);
    const p = structuredClone(DEFAULT_PARAMS);
    p.availability.volunteer_fire_brigade = 0.3;
    engine.setParams(p);
    expect(engine.missProbability('fire')[0]).toBeCloseTo(0.05 * 0.7, 15);
    p.normMin.fire.rural = 30;
    engine.setParams(p);
    expect(engine.missProbability('fire')[0]).toBeCloseTo(0.05 * 0.7 * 0.15, 15);
    expect(Array.from(engine.unitsWithinNorm('fire').subarray(0, 6))).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('edits move the miss probability exactly: removing the volunteers leaves 0.05', () => {
    const engine = new CoverageEngine(demand, hromadaTable(), facilities);
    const r = engine.removeFacility('vol');
    expect(Array.from(r.demand)).toEqual([0]);
    expect(engine.missProbability('fire')[0]).toBe(1 - 0.95);
    engine.addFacility(fac('vol2', 'volunteer_fire_brigade', 30, 50 - 3 * KM_LAT, null));
    expect(engine.missProbability('fire')[0]).toBeCloseTo(0.025, 15);
  });
});

describe('help across borders', () => {
  // H1 holds four villages 30 km apart east-west; each is reached first by the unit next to it
  const step = 30 / (111.2 * Math.cos(50 * (Math.PI / 180)));
  const demand = demandOf([
    [30, 50, 100, 0],
    [30 + step, 50, 200, 0],
    [30 + 2 * step, 50, 400, 0],
    [30 + 3 * step, 50, 800, 0],
    [30 + 4 * step, 50, 50, 1],
  ]);
  const facilities = [
    fac('own', 'state_fire_unit', 30, 50.01, 'H1'),
    fac('neighbour', 'state_fire_unit', 30 + step, 50.01, 'H2'),
    fac('other-oblast', 'state_fire_unit', 30 + 2 * step, 50.01, 'H3'),
    fac('unknown', 'state_fire_unit', 30 + 3 * step, 50.01, null),
    fac('h2-own', 'state_fire_unit', 30 + 4 * step, 50.01, 'H2'),
  ];

  it('counts people first reached from another hromada and another oblast (unknown counts as both)', () => {
    const engine = new CoverageEngine(demand, hromadaTable(), facilities);
    const s = engine.stats('fire');
    expect(s.fromOtherHromadaPopulation[0]).toBe(200 + 400 + 800);
    expect(s.fromOtherOblastPopulation[0]).toBe(400 + 800);
    expect(s.fromOtherHromadaPopulation[1]).toBe(0);
    expect(engine.totals('fire').fromOtherHromadaPopulation).toBe(1400);
    expect(engine.firstDueFrom('fire', 0)).toEqual([
      { hromada: -1, population: 800, otherOblast: true },
      { hromada: 2, population: 400, otherOblast: true },
      { hromada: 1, population: 200, otherOblast: false },
    ]);
    expect(engine.firstDueFrom('fire', 1)).toEqual([]);
  });

  it('follows a facility re-homed by an edit, and leaves out people beyond the reach cap', () => {
    const engine = new CoverageEngine(demand, hromadaTable(), facilities);
    engine.updateFacility('unknown', { hromadaCode: 'H1' });
    expect(engine.stats('fire').fromOtherHromadaPopulation[0]).toBe(600);
    const p = structuredClone(DEFAULT_PARAMS);
    p.reachCapMin.fire = 1; // nobody is reached within a minute
    engine.setParams(p);
    expect(engine.stats('fire').fromOtherHromadaPopulation[0]).toBe(0);
    expect(engine.firstDueFrom('fire', 0)).toEqual([]);
  });
});

describe('second unit, availability and help across borders equal brute force', () => {
  const rehome = (facilities: Facility[], codes: readonly string[], seed: number): Facility[] => {
    const rnd = mulberry32(seed);
    return facilities.map((f) => {
      const k = Math.floor(rnd() * (codes.length + 2));
      return { ...f, hromadaCode: k === codes.length ? null : k === codes.length + 1 ? 'UA-UNKNOWN' : codes[k]! };
    });
  };
  const cases: [string, Partial<ModelParams>][] = [
    ['time mode', {}],
    ['planned included, odd availabilities', { includePlanned: true, availability: { ...DEFAULT_PARAMS.availability, volunteer_fire_brigade: 0, state_fire_unit: 1 } }],
    ['distance mode', { coverageMode: 'distance', coverageKm: 14 }],
    ['long norms', { normMin: { fire: { urban: 25, rural: 40 }, police: { urban: 15, rural: 35 } } }],
  ];
  for (const [name, patch] of cases) {
    it(name, () => {
      // dense: many units within each norm
      const { demand, hromadas, facilities } = syntheticCountry({ seed: 21, demand: 3000, facilities: 400, hromadas: 30, bbox: [29, 49, 32, 51], plannedShare: 0.3 });
      const list = rehome(facilities, hromadas.codes, 5);
      const params = withParams(patch);
      const engine = new CoverageEngine(demand, hromadas, list, params);
      expectExtrasEqualBrute(engine, list, params);
      // the example is not trivial: units with several facilities within the norm, some covered twice, some from elsewhere
      const counts = engine.unitsWithinNorm('fire');
      let several = 0;
      for (let i = 0; i < demand.count; i++) {
        let k = 0;
        for (let t = 0; t < 6; t++) k += counts[i * 6 + t]!;
        if (k >= 2) several++;
      }
      expect(several).toBeGreaterThan(100);
      expect(engine.totals('fire').secondCoveredPopulation).toBeGreaterThan(0);
      expect(engine.totals('fire').fromOtherOblastPopulation).toBeGreaterThan(0);
    });
  }

  for (const matrixFallback of ['model', 'unreachable'] as const) {
    it(`with a matrix (fallback ${matrixFallback})`, () => {
      const { demand, hromadas, facilities } = syntheticCountry({ seed: 22, demand: 1500, facilities: 200, hromadas: 12, bbox: [29, 49, 31, 50.5] });
      const rnd = mulberry32(3);
      const entries: [string, string, number][] = [];
      for (const f of facilities) for (let k = 0; k < 30; k++) entries.push([f.id, demand.ids[Math.floor(rnd() * demand.count)]!, rnd() * 30]);
      const matrix = travelMatrix(entries);
      const params = withParams({ matrixFallback });
      const list = rehome(facilities, hromadas.codes, 6);
      const engine = new CoverageEngine(demand, hromadas, list, params, matrix);
      expectExtrasEqualBrute(engine, list, params, matrix);
    });
  }

  it('a params change that only touches norms, second norms or availabilities equals a fresh engine', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 23, demand: 2000, facilities: 250, hromadas: 20, bbox: [29, 49, 32, 51] });
    const engine = new CoverageEngine(demand, hromadas, facilities);
    const p = structuredClone(DEFAULT_PARAMS);
    p.normMin.fire.rural = 27;
    p.secondNormMin.police.urban = 12;
    p.availability.local_fire_department = 0.4;
    engine.setParams(p);
    const fresh = new CoverageEngine(demand, hromadas, facilities, p);
    for (const s of ['fire', 'police'] as const) {
      for (const key of STATS_FIELDS) expect(Array.from(engine.stats(s)[key]), `${s} ${key}`).toEqual(Array.from(fresh.stats(s)[key]));
      expect(Array.from(engine.missProbability(s))).toEqual(Array.from(fresh.missProbability(s)));
    }
    expectExtrasEqualBrute(engine, facilities, p);
  });

  it('no facilities at all: nobody is expected to be covered, nobody twice (does not throw)', () => {
    const { demand, hromadas } = syntheticCountry({ seed: 24, demand: 200, facilities: 0 });
    const engine = new CoverageEngine(demand, hromadas, []);
    expect(engine.totals('fire').expectedCoveredPopulation).toBe(0);
    expect(engine.totals('fire').secondCoveredPopulation).toBe(0);
    expect(engine.totals('fire').fromOtherHromadaPopulation).toBe(0);
    expect(engine.missProbability('fire').every((q) => q === 1)).toBe(true);
  });
});
