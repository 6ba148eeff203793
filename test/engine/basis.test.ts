/**
 * The basis of every figure: assumed-unit, reached and estimated population, the range over spread cells, the
 * "count assumed units" switch, and totals split between controlled and occupied territory — each checked against a
 * brute-force pass over the per-unit results.
 */
import { describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine/coverage';
import { syntheticCountry } from '../../src/engine/synthetic';
import { DEFAULT_PARAMS, OCCUPIED_FROM, SERVICES, type Facility, type ModelParams } from '../../src/engine/types';

function data(seed: number) {
  const d = syntheticCountry({ seed, demand: 1500, facilities: 40, hromadas: 24 });
  // half the facilities sourced, half assumed
  const facilities: Facility[] = d.facilities.map((f, k) => (k % 2 ? f : { ...f, placement: 'settlement', source: 'fire_units' }));
  // a few hromadas occupied
  for (let h = 0; h < d.hromadas.count; h += 5) d.hromadas.status[h] = OCCUPIED_FROM + (h % 2);
  d.hromadas.status[1] = 1; // hostilities: controlled
  return { ...d, facilities };
}

describe('basis statistics', () => {
  it('per hromada equal a brute-force pass over the units', () => {
    const { demand, hromadas, facilities } = data(3);
    const params: ModelParams = { ...DEFAULT_PARAMS, reachCapMin: { fire: 45, police: 30 } };
    const e = new CoverageEngine(demand, hromadas, facilities, params);
    for (const s of SERVICES) {
      const c = e.coverage(s);
      const st = e.stats(s);
      for (let h = 0; h < hromadas.count; h++) {
        let assumed = 0;
        let reached = 0;
        let estimated = 0;
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = 0; i < demand.count; i++) {
          if (demand.hromada[i] !== h) continue;
          const p = demand.population[i]!;
          const f = e.facility(c.nearest[i]!);
          if (c.nearest[i]! >= 0 && f?.placement === 'illustrative' && c.minutes[i]! <= params.reachCapMin[s]) assumed += p;
          if (c.minutes[i]! <= params.reachCapMin[s]) reached += p;
          if (demand.derivation[i] !== 0 && demand.derivation[i] !== 3) estimated += p;
          if (demand.derivation[i] === 2) {
            lo = Math.min(lo, c.minutes[i]!);
            hi = Math.max(hi, c.minutes[i]!);
          }
        }
        expect(st.assumedPopulation[h], `${s} h${h} assumed`).toBe(assumed);
        expect(st.reachedPopulation[h], `${s} h${h} reached`).toBe(reached);
        expect(st.estimatedPopulation[h], `${s} h${h} estimated`).toBe(estimated);
        if (hi === -Infinity) {
          expect(st.spreadMinMin[h]).toBeNaN();
          expect(st.spreadMaxMin[h]).toBeNaN();
        } else {
          expect(st.spreadMinMin[h]).toBe(lo);
          expect(st.spreadMaxMin[h]).toBe(hi);
        }
      }
    }
  });

  it('"count assumed units" off equals an engine built without the assumed facilities', () => {
    const { demand, hromadas, facilities } = data(5);
    const e = new CoverageEngine(demand, hromadas, facilities);
    const before = e.totals('fire');
    e.setParams({ ...DEFAULT_PARAMS, countAssumed: false });
    const sourced = new CoverageEngine(demand, hromadas, facilities.filter((f) => f.placement !== 'illustrative'));
    for (const s of SERVICES) {
      expect(Array.from(e.coverage(s).minutes)).toEqual(Array.from(sourced.coverage(s).minutes));
      expect(e.totals(s).coveredPopulation).toBe(sourced.totals(s).coveredPopulation);
      expect(e.totals(s).assumedPopulation).toBe(0);
    }
    expect(before.assumedPopulation).toBeGreaterThan(0);
    expect(e.totals('fire').coveredPopulation).toBeLessThanOrEqual(before.coveredPopulation);
    // and back on
    e.setParams(DEFAULT_PARAMS);
    expect(e.totals('fire')).toEqual(before);
  });

  it('totals cover controlled territory; occupied hromadas are reported beside, never mixed in', () => {
    const { demand, hromadas, facilities } = data(7);
    const e = new CoverageEngine(demand, hromadas, facilities);
    for (const s of SERVICES) {
      const st = e.stats(s);
      let ctl = 0;
      let ctlCov = 0;
      let occ = 0;
      let occCov = 0;
      for (let h = 0; h < hromadas.count; h++) {
        if (hromadas.status[h]! >= OCCUPIED_FROM) {
          occ += st.population[h]!;
          occCov += st.coveredPopulation[h]!;
        } else {
          ctl += st.population[h]!;
          ctlCov += st.coveredPopulation[h]!;
        }
      }
      const outside = e.outsideStats(s);
      expect(e.totals(s).population).toBe(ctl + outside.population[0]!);
      expect(e.totals(s).coveredPopulation).toBe(ctlCov + outside.coveredPopulation[0]!);
      expect(e.occupiedTotals(s).population).toBe(occ);
      expect(e.occupiedTotals(s).coveredPopulation).toBe(occCov);
      const ob = e.oblastTotals(s);
      expect(ob.reduce((a, o) => a + o.population, 0)).toBe(ctl);
      expect(ob.reduce((a, o) => a + o.occupied.population, 0)).toBe(occ);
    }
    // a new list moves the split without touching per-unit results
    const minutes = e.coverage('fire').minutes.slice();
    const all = e.totals('fire').population + e.occupiedTotals('fire').population;
    e.setTerritory(new Uint8Array(hromadas.count));
    expect(e.occupiedTotals('fire').population).toBe(0);
    expect(e.totals('fire').population).toBe(all);
    expect(Array.from(e.coverage('fire').minutes)).toEqual(Array.from(minutes));
    expect(() => e.setTerritory(new Uint8Array(2))).toThrow(/expected 2[0-9]/);
  });
});

describe('a city of 50,000+ among the settlements beyond the norm', () => {
  it('counts once per hromada when any of its people are beyond the norm', () => {
    const { demand, hromadas, facilities } = data(9);
    const h = 3;
    const cells = [...Array(demand.count).keys()].filter((i) => demand.hromada[i] === h && demand.kind[i] === 1);
    demand.cities.push({ id: 'C', name: 'Місто', category: 'city', lon: 30, lat: 50, population: 0, hromada: h, footprint: 'hromada_polygon', radiusKm: 0, cells: cells.length, areaKm2: 1 });
    for (const i of cells) {
      demand.city[i] = 0;
      demand.population[i] = 1000;
    }
    const e = new CoverageEngine(demand, hromadas, facilities);
    const c = e.coverage('fire');
    let points = 0;
    let cityBeyond = false;
    for (let i = 0; i < demand.count; i++) {
      if (demand.hromada[i] !== h || c.covered[i]) continue;
      if (demand.kind[i] === 0) points++;
      else if (demand.city[i] === 0) cityBeyond = true;
    }
    expect(cityBeyond).toBe(true);
    expect(e.stats('fire').settlementsOutside[h]).toBe(points + 1);
  });
});
