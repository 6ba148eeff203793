import { describe, expect, it } from 'vitest';
import {
  CoverageEngine,
  DEFAULT_PARAMS,
  MatrixError,
  bruteForceCoverage,
  haversineKm,
  travelMatrix,
  type DemandTable,
  type Facility,
  type ModelParams,
} from '../../src/engine';
import { mulberry32, syntheticCountry } from '../../src/engine/synthetic';
import { expectEqualsBrute } from './helpers';

const withParams = (patch: Partial<ModelParams>): ModelParams => ({ ...structuredClone(DEFAULT_PARAMS), ...patch });

describe('CoverageEngine equals brute force exactly', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const includePlanned of [false, true]) {
      it(`seed ${seed}, includePlanned ${includePlanned}`, () => {
        const { demand, hromadas, facilities } = syntheticCountry({ seed, demand: 1500, facilities: 20 + seed * 37, plannedShare: 0.3 });
        const params = withParams({ includePlanned });
        const engine = new CoverageEngine(demand, hromadas, facilities, params);
        expectEqualsBrute(engine, demand, facilities, params);
      });
    }
  }

  it('clustered facilities and demand in a small box (many near-ties)', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 11, demand: 2000, facilities: 300, bbox: [30, 50, 30.3, 50.2] });
    const engine = new CoverageEngine(demand, hromadas, facilities);
    expectEqualsBrute(engine, demand, facilities, DEFAULT_PARAMS);
  });

  it('non-default detour, speed and turnouts', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 12, demand: 1500, facilities: 150 });
    const params = withParams({
      detour: { urban: 1.4, rural: 1.1 },
      speedKmh: { urban: 25, rural: 80 },
      turnoutMin: { ...DEFAULT_PARAMS.turnoutMin, volunteer_fire_brigade: 12, security_center: 0 },
    });
    const engine = new CoverageEngine(demand, hromadas, facilities, params);
    expectEqualsBrute(engine, demand, facilities, params);
  });

  it('distance mode ranks by km and covers within coverageKm', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 13, demand: 1500, facilities: 120 });
    const params = withParams({ coverageMode: 'distance', coverageKm: 15 });
    const engine = new CoverageEngine(demand, hromadas, facilities, params);
    expectEqualsBrute(engine, demand, facilities, params);
    const c = engine.coverage('fire');
    const km = engine.rankingMetric('fire');
    for (let i = 0; i < demand.count; i++) expect(c.covered[i]).toBe(km[i]! <= 15 ? 1 : 0);
  });

  for (const matrixFallback of ['model', 'unreachable'] as const) {
    it(`matrix overrides listed pairs (fallback ${matrixFallback})`, () => {
      const { demand, hromadas, facilities } = syntheticCountry({ seed: 14, demand: 800, facilities: 60 });
      const rnd = mulberry32(99);
      const entries: [string, string, number][] = [];
      for (let k = 0; k < 3000; k++) {
        const f = facilities[Math.floor(rnd() * facilities.length)]!;
        const d = Math.floor(rnd() * demand.count);
        entries.push([f.id, demand.ids[d]!, Math.round(rnd() * 60)]);
      }
      const matrix = travelMatrix(entries);
      const params = withParams({ matrixFallback });
      const engine = new CoverageEngine(demand, hromadas, facilities, params, matrix);
      expectEqualsBrute(engine, demand, facilities, params, matrix);
    });
  }
});

function tinyDemand(points: { lon: number; lat: number; urban?: number; pop?: number; kind?: number; area?: number }[]): DemandTable {
  const n = points.length;
  return {
    count: n,
    ids: points.map((_, i) => `d${i}`),
    names: points.map((_, i) => `P${i}`),
    lon: Float64Array.from(points, (p) => p.lon),
    lat: Float64Array.from(points, (p) => p.lat),
    population: Float64Array.from(points, (p) => p.pop ?? 100),
    urban: Uint8Array.from(points, (p) => p.urban ?? 0),
    kind: Uint8Array.from(points, (p) => p.kind ?? 0),
    derivation: new Uint8Array(n),
    hromada: new Int32Array(n),
    areaKm2: Float64Array.from(points, (p) => p.area ?? 0),
    place: new Uint8Array(n),
    city: new Int32Array(n).fill(-1),
    cities: [],
  };
}

function oneHromada(): ReturnType<typeof syntheticCountry>['hromadas'] {
  const h = syntheticCountry({ hromadas: 1, demand: 1, facilities: 0 }).hromadas;
  return h;
}

const fac = (id: string, type: Facility['type'], lon: number, lat: number, status: Facility['status'] = 'opened'): Facility => ({
  id,
  name: id,
  type,
  status,
  lon,
  lat,
  hromadaCode: null,
  source: 'test',
  sourceUrl: '',
  placement: 'user',
  note: '',
});

describe('hand-computed cases', () => {
  it('a state unit ~10 km north of a rural point: 1 + 10 × 1.3 minutes', () => {
    const demand = tinyDemand([{ lon: 30, lat: 50 }]);
    const lat = 50 + 10 / 111.19508; // ≈ 10 km north
    const f = fac('a', 'state_fire_unit', 30, lat);
    const engine = new CoverageEngine(demand, oneHromada(), [f]);
    const d = haversineKm(30, 50, 30, lat);
    expect(d).toBeCloseTo(10, 4);
    expect(engine.coverage('fire').minutes[0]).toBe(1 + d * 1.3);
    expect(engine.coverage('fire').minutes[0]).toBeCloseTo(14, 3);
    expect(engine.coverage('fire').covered[0]).toBe(1);
    expect(engine.coverage('police').nearest[0]).toBe(-1);
  });

  it('turnout beats distance: a nearer volunteer brigade loses to a farther state unit', () => {
    const demand = tinyDemand([{ lon: 30, lat: 50 }]);
    const vol = fac('vol', 'volunteer_fire_brigade', 30, 50 + 1 / 111.19508); // 5 + 1.3 = 6.3
    const st = fac('st', 'state_fire_unit', 30, 50 + 3 / 111.19508); // 1 + 3.9 = 4.9
    const engine = new CoverageEngine(demand, oneHromada(), [vol, st]);
    const c = engine.coverage('fire');
    expect(c.nearest[0]).toBe(1);
    expect(c.backup[0]).toBe(0);
    expect(c.minutes[0]).toBeCloseTo(4.9, 3);
    expect(c.backupMinutes[0]).toBeCloseTo(6.3, 3);
  });

  it('urban norm 10 min: a city 5 km from a local department (2 + 9 = 11 min) is not covered', () => {
    const demand = tinyDemand([{ lon: 30, lat: 50, urban: 1 }]);
    const engine = new CoverageEngine(demand, oneHromada(), [fac('l', 'local_fire_department', 30, 50 + 5 / 111.19508)]);
    expect(engine.coverage('fire').minutes[0]).toBeCloseTo(11, 3);
    expect(engine.coverage('fire').covered[0]).toBe(0);
  });

  it('a security center serves both fire and police', () => {
    const demand = tinyDemand([{ lon: 30, lat: 50 }]);
    const engine = new CoverageEngine(demand, oneHromada(), [fac('sc', 'security_center', 30.01, 50)]);
    expect(engine.coverage('fire').nearest[0]).toBe(0);
    expect(engine.coverage('police').nearest[0]).toBe(0);
  });
});

describe('edge cases', () => {
  it('no facilities of a service: every unit uncovered with Infinity and -1', () => {
    const { demand, hromadas } = syntheticCountry({ seed: 3, demand: 300, facilities: 0 });
    const engine = new CoverageEngine(demand, hromadas, [fac('p', 'police_station', 30, 50)]);
    const c = engine.coverage('fire');
    for (let i = 0; i < demand.count; i++) {
      expect(c.nearest[i]).toBe(-1);
      expect(c.backup[i]).toBe(-1);
      expect(c.minutes[i]).toBe(Infinity);
      expect(c.backupMinutes[i]).toBe(Infinity);
      expect(c.covered[i]).toBe(0);
    }
    expect(engine.totals('fire').coveredPopulation).toBe(0);
    expect(engine.activeCount('fire')).toBe(0);
    expect(engine.activeCount('police')).toBe(1);
    expect(engine.coverage('police').backup[0]).toBe(-1);
  });

  it('no demand and no facilities does not throw', () => {
    const engine = new CoverageEngine(tinyDemand([]), oneHromada(), []);
    expect(engine.totals('fire').population).toBe(0);
  });

  it('duplicate facilities at one point: nearest is the lower slot, backup the other, same minutes', () => {
    const { demand, hromadas } = syntheticCountry({ seed: 4, demand: 200, facilities: 0 });
    const f = [fac('a', 'state_fire_unit', 30, 49), fac('b', 'state_fire_unit', 30, 49)];
    const engine = new CoverageEngine(demand, hromadas, f);
    const c = engine.coverage('fire');
    for (let i = 0; i < demand.count; i++) {
      expect(c.nearest[i]).toBe(0);
      expect(c.backup[i]).toBe(1);
      expect(c.backupMinutes[i]).toBe(c.minutes[i]);
    }
  });

  it('a facility outside every hromada (and outside Ukraine) still serves nearby units', () => {
    const demand = tinyDemand([{ lon: 22.2, lat: 48.5 }]);
    const engine = new CoverageEngine(demand, oneHromada(), [fac('x', 'state_fire_unit', 22.0, 48.5)]);
    expect(engine.coverage('fire').nearest[0]).toBe(0);
    expect(engine.coverage('fire').minutes[0]).toBeCloseTo(1 + haversineKm(22.2, 48.5, 22, 48.5) * 1.3, 9);
  });

  it('planned facilities are excluded unless includePlanned', () => {
    const demand = tinyDemand([{ lon: 30, lat: 50 }]);
    const f = [fac('p', 'state_fire_unit', 30, 50.01, 'planned')];
    const engine = new CoverageEngine(demand, oneHromada(), f);
    expect(engine.coverage('fire').nearest[0]).toBe(-1);
    engine.setParams({ ...DEFAULT_PARAMS, includePlanned: true });
    expect(engine.coverage('fire').nearest[0]).toBe(0);
  });

  it('a matrix with unknown ids throws a MatrixError naming them', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 5, demand: 50, facilities: 5 });
    const matrix = travelMatrix([
      ['nope-1', demand.ids[0]!, 3],
      [facilities[0]!.id, 'no-such-settlement', 4],
    ]);
    expect(() => new CoverageEngine(demand, hromadas, facilities, DEFAULT_PARAMS, matrix)).toThrow(MatrixError);
    try {
      new CoverageEngine(demand, hromadas, facilities, DEFAULT_PARAMS, matrix);
    } catch (e) {
      expect((e as MatrixError).message).toContain('"nope-1"');
      expect((e as MatrixError).message).toContain('"no-such-settlement"');
      expect((e as MatrixError).unknownFacilityIds).toEqual(['nope-1']);
    }
  });

  it('a matrix with a negative value throws', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 5, demand: 50, facilities: 5 });
    const matrix = travelMatrix([[facilities[0]!.id, demand.ids[0]!, -3]]);
    expect(() => new CoverageEngine(demand, hromadas, facilities, DEFAULT_PARAMS, matrix)).toThrow(/finite number/);
  });

  it('duplicate facility ids and unknown types are rejected', () => {
    const demand = tinyDemand([{ lon: 30, lat: 50 }]);
    expect(() => new CoverageEngine(demand, oneHromada(), [fac('a', 'state_fire_unit', 30, 50), fac('a', 'state_fire_unit', 30, 50)])).toThrow(/Duplicate facility id "a"/);
    expect(() => new CoverageEngine(demand, oneHromada(), [fac('b', 'tank' as Facility['type'], 30, 50)])).toThrow(/unknown type "tank"/);
  });

  it('prevents input mutation', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 6, demand: 100, facilities: 10 });
    const before = JSON.stringify(facilities);
    const lon = demand.lon.slice();
    const engine = new CoverageEngine(demand, hromadas, facilities);
    engine.moveFacility(facilities[0]!.id, 31, 49);
    engine.removeFacility(facilities[1]!.id);
    expect(JSON.stringify(facilities)).toBe(before);
    expect(demand.lon).toEqual(lon);
  });
});

describe('statistics', () => {
  it('per-hromada stats match a naive recomputation from the brute force', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 21, demand: 3000, facilities: 80, hromadas: 12 });
    const engine = new CoverageEngine(demand, hromadas, facilities);
    const brute = bruteForceCoverage(demand, facilities, DEFAULT_PARAMS);
    for (const service of ['fire', 'police'] as const) {
      const s = engine.stats(service);
      for (let h = 0; h < hromadas.count; h++) {
        const units: number[] = [];
        for (let i = 0; i < demand.count; i++) if (demand.hromada[i] === h) units.push(i);
        const pop = units.reduce((a, i) => a + demand.population[i]!, 0);
        const cov = units.reduce((a, i) => a + (brute[service].covered[i] ? demand.population[i]! : 0), 0);
        expect(s.population[h]).toBeCloseTo(pop, 6);
        expect(s.coveredPopulation[h]).toBeCloseTo(cov, 6);
        const outside = units.filter((i) => !brute[service].covered[i] && demand.kind[i] === 0).length;
        expect(s.settlementsOutside[h]).toBe(outside);
        const area = units.reduce((a, i) => a + (brute[service].covered[i] ? 0 : demand.areaKm2[i]!), 0);
        expect(s.areaOutsideKm2[h]).toBeCloseTo(area, 6);
        const weighted = units.filter((i) => demand.population[i]! > 0).map((i) => [brute[service].minutes[i]!, demand.population[i]!] as const);
        weighted.sort((a, b) => a[0] - b[0]);
        const q = (p: number) => {
          let c = 0;
          for (const [m, w] of weighted) if ((c += w) >= p * pop) return m;
          return NaN;
        };
        expect(s.medianMin[h]).toBe(q(0.5));
        expect(s.p90Min[h]).toBe(q(0.9));
        expect(s.maxMin[h]).toBe(Math.max(...weighted.map((x) => x[0])));
      }
      const t = engine.totals(service);
      expect(t.population).toBeCloseTo(demand.population.reduce((a, b) => a + b, 0), 4);
      const ob = engine.oblastTotals(service);
      expect(ob.reduce((a, o) => a + o.population, 0) + engine.outsideStats(service).population[0]!).toBeCloseTo(t.population, 4);
      const served = engine.servedPopulation(service);
      expect(served.reduce((a, b) => a + b, 0)).toBeCloseTo(
        Array.from({ length: demand.count }, (_, i) => (brute[service].nearest[i]! >= 0 ? demand.population[i]! : 0)).reduce((a, b) => a + b, 0),
        4,
      );
    }
  });

  it('weighted quantile on a hand case', async () => {
    const { weightedQuantile, sortPairs } = await import('../../src/engine');
    const v = Float64Array.of(3, 1, 2, Infinity);
    const w = Float64Array.of(1, 1, 2, 4);
    sortPairs(v, w, 0, 4);
    expect(Array.from(v)).toEqual([1, 2, 3, Infinity]);
    expect(Array.from(w)).toEqual([1, 2, 1, 4]);
    expect(weightedQuantile(v, w, 4, 0.5)).toBe(3); // 1+2+1 = 4 of 8 reaches 50 % at 3
    expect(weightedQuantile(v, w, 4, 0.9)).toBe(Infinity);
  });
});

describe('weightedSelect', () => {
  it('equals sort + cumulative scan on random inputs with ties and Infinity', async () => {
    const { weightedQuantile, weightedSelect, sortPairs } = await import('../../src/engine');
    const rnd = mulberry32(5);
    for (let t = 0; t < 500; t++) {
      const n = 1 + Math.floor(rnd() * 300);
      const v = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? Infinity : Math.floor(rnd() * 40) / 2));
      const w = Float64Array.from({ length: n }, () => Math.floor(rnd() * 1000));
      for (const q of [0.5, 0.9, 1]) {
        const sv = v.slice();
        const sw = w.slice();
        sortPairs(sv, sw, 0, n);
        expect(weightedSelect(v.slice(), w.slice(), n, q)).toBe(weightedQuantile(sv, sw, n, q));
      }
    }
  });
});

describe('input validation', () => {
  it('rejects demand with non-finite coordinates, naming the unit', () => {
    const { demand, hromadas } = syntheticCountry({ seed: 1, demand: 10, facilities: 0 });
    demand.lat[3] = NaN;
    expect(() => new CoverageEngine(demand, hromadas, [])).toThrow(/Demand unit 3 \("syn-c3"\): coordinates/);
  });
});
