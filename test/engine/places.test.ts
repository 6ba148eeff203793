import { describe, expect, it } from 'vitest';
import { cityIndex, hromadaPlaces } from '../../src/engine/places';
import { syntheticCountry } from '../../src/engine/synthetic';
import { CoverageEngine } from '../../src/engine/coverage';
import { weightedQuantile, sortPairs } from '../../src/engine/stats';

describe('places: a city spread over cells is one row', () => {
  it('city rows aggregate their cells; points are one row each', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 11, demand: 800, facilities: 30, hromadas: 6 });
    // make the cells of hromada 2 a city
    const h = 2;
    const cells = [...Array(demand.count).keys()].filter((i) => demand.hromada[i] === h && demand.kind[i] === 1);
    expect(cells.length).toBeGreaterThan(3);
    demand.cities.push({ id: 'CITY', name: 'Місто', category: 'city', lon: 30, lat: 50, population: 0, hromada: h, footprint: 'hromada_polygon', radiusKm: 0, cells: cells.length, areaKm2: 1 });
    for (const i of cells) {
      demand.city[i] = 0;
      demand.derivation[i] = 4;
      demand.urban[i] = 1;
    }
    const e = new CoverageEngine(demand, hromadas, facilities);
    const cov = e.coverage('fire');
    const rows = hromadaPlaces(demand, cityIndex(demand), cov, h, e.unitsOf(h));
    const points = [...Array(demand.count).keys()].filter((i) => demand.hromada[i] === h && demand.kind[i] === 0);
    expect(rows.filter((r) => r.unit >= 0).map((r) => r.unit)).toEqual(points);
    const city = rows.find((r) => r.city === 0)!;
    expect(city.units).toBe(cells.length);
    const pop = cells.reduce((a, i) => a + demand.population[i]!, 0);
    const covPop = cells.reduce((a, i) => a + (cov.covered[i] ? demand.population[i]! : 0), 0);
    expect(city.population).toBe(pop);
    expect(city.coveredPopulation).toBe(covPop);
    const withPeople = cells.filter((i) => demand.population[i]! > 0);
    const v = Float64Array.from(withPeople, (i) => cov.minutes[i]!);
    const w = Float64Array.from(withPeople, (i) => demand.population[i]!);
    sortPairs(v, w, 0, v.length);
    expect(city.minutes).toBe(weightedQuantile(v, w, v.length, 0.5));
    expect(city.p90).toBe(weightedQuantile(v, w, v.length, 0.9));
    expect(city.max).toBe(Math.max(...withPeople.map((i) => cov.minutes[i]!)));
    // same rows without the unit list
    expect(hromadaPlaces(demand, cityIndex(demand), cov, h)).toEqual(rows);
  });
});
