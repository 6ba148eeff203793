/** A city of 50,000+ is many cells: its cell centres are candidate sites in `settlements` mode (not estimated). */
import { describe, expect, it } from 'vitest';
import { buildPointsProblem } from '../../src/engine/optimize';
import { syntheticCountry } from '../../src/engine/synthetic';
import { DEFAULT_PARAMS } from '../../src/engine/types';

describe('city cells as candidate sites', () => {
  it('settlements mode offers located settlements and city cells; cells mode the other cells', () => {
    const { demand, hromadas } = syntheticCountry({ seed: 4, demand: 600, facilities: 10, hromadas: 6 });
    const cells = [...Array(demand.count).keys()].filter((i) => demand.kind[i] === 1 && demand.hromada[i] === 1);
    const cityCells = cells.slice(0, 5);
    demand.cities.push({ id: 'C', name: 'Місто', category: 'city', lon: 30, lat: 50, population: 0, hromada: 1, footprint: 'hromada_polygon', radiusKm: 0, cells: 5, areaKm2: 1 });
    for (const i of cityCells) demand.city[i] = 0;
    const base = { demand, hromadas, current: new Float64Array(demand.count).fill(Infinity), params: DEFAULT_PARAMS, service: 'fire' as const, type: 'local_fire_department' as const, objective: 'coverage' as const };
    const s = buildPointsProblem({ ...base, candidates: 'settlements' });
    const points = [...Array(demand.count).keys()].filter((i) => demand.kind[i] === 0).map((i) => demand.ids[i]);
    expect(new Set(s.candidates.ids)).toEqual(new Set([...points, ...cityCells.map((i) => demand.ids[i])]));
    const k = s.candidates.ids.indexOf(demand.ids[cityCells[0]!]!);
    expect(s.candidates.estimated?.[k]).toBe(0);
    const c = buildPointsProblem({ ...base, candidates: 'cells' });
    expect(c.candidates.ids).toContain(demand.ids[cells[6]!]);
  });
});
