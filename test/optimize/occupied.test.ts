/** The planner leaves occupied territory out by default (buildPointsProblem includeOccupied), and says so in notes. */
import { describe, expect, it } from 'vitest';
import { buildPointsProblem, dropOccupied, optimize, selectScope } from '../../src/engine/optimize';
import { DEFAULT_PARAMS, TERRITORY_STATUSES } from '../../src/engine/types';
import { randomDemandTable, rng } from './helpers';

const OCCUPIED = TERRITORY_STATUSES.indexOf('occupied');
const HOSTILITIES = TERRITORY_STATUSES.indexOf('hostilities');

function tables(status: number) {
  const t = randomDemandTable(7, 120, 200);
  t.hromadas.status = Uint8Array.from([status, 0]); // West (UA01) occupied or not, East (UA02) controlled
  return t;
}

function current(n: number): Float64Array {
  const r = rng(3);
  return Float64Array.from({ length: n }, () => (r() < 0.2 ? Infinity : 15 + r() * 30));
}

describe('occupied territory in the planner', () => {
  for (const candidates of ['settlements', 'cells'] as const) {
    it(`by default an occupied hromada's units are neither demand nor ${candidates} candidates`, async () => {
      const { demand, hromadas } = tables(OCCUPIED);
      const scope = selectScope(demand, hromadas, { kind: 'country' });
      const input = {
        demand,
        hromadas,
        scope,
        current: current(demand.count),
        params: DEFAULT_PARAMS,
        service: 'fire' as const,
        type: 'local_fire_department' as const,
        objective: 'coverage' as const,
        candidates,
      };
      const p = buildPointsProblem(input);
      const west = new Set(Array.from(scope).filter((i) => demand.hromada[i] === 0).map((i) => demand.ids[i]));
      const westPeople = Array.from(scope)
        .filter((i) => demand.hromada[i] === 0)
        .reduce((s, i) => s + demand.population[i]!, 0);
      expect(west.size).toBeGreaterThan(0);
      expect(p.demand.ids.some((id) => west.has(id))).toBe(false);
      expect(p.demand.count).toBe(scope.length - west.size);
      expect(p.candidates.count).toBeGreaterThan(0);
      expect(p.candidates.hromadaCodes.every((c) => c === 'UA02')).toBe(true);
      expect(p.occupiedExcluded).toEqual({ units: west.size, people: westPeople, hromadas: 1, candidates: 0 });
      const r = await optimize(p, { objective: 'coverage', newFacilities: 4 });
      expect(r.sites.every((s) => s.hromadaCode === 'UA02')).toBe(true);
      expect(r.notes[0]).toBe(
        `Occupied territory left out (territory list in use): ${west.size} demand units, ${Math.round(westPeople)} people in 1 occupied hromadas are not in the demand optimised, and no site is proposed there. Plan with includeOccupied (--include-occupied) to include them.`,
      );

      // includeOccupied: everything is back.
      const q = buildPointsProblem({ ...input, includeOccupied: true });
      expect(q.demand.count).toBe(scope.length);
      expect(q.candidates.hromadaCodes.some((c) => c === 'UA01')).toBe(true);
      expect(q.occupiedExcluded).toBeNull();
      expect(q.notes?.[0]).toMatch(/^Occupied territory included on request: \d+ demand units/);
    });
  }

  it('hostilities and none are planned for as usual; a table without status plans for all', () => {
    const { demand, hromadas } = tables(HOSTILITIES);
    const scope = selectScope(demand, hromadas, { kind: 'country' });
    expect(dropOccupied(demand, hromadas, scope).scope).toBe(scope);
    const { status: _ignored, ...noStatus } = hromadas;
    const d = dropOccupied(demand, noStatus as typeof hromadas, scope);
    expect(d.excluded.units).toBe(0);
  });

  it('explicit candidate points in an occupied hromada are dropped and counted', () => {
    const { demand, hromadas } = tables(OCCUPIED);
    const p = buildPointsProblem({
      demand,
      hromadas,
      current: current(demand.count),
      params: DEFAULT_PARAMS,
      service: 'fire',
      type: 'state_fire_unit',
      objective: 'p-median',
      candidates: {
        ids: ['a', 'b', 'c'],
        names: ['A', 'B', 'C'],
        lon: [29.8, 30.2, 30.1],
        lat: [49, 49, 49.1],
        hromadaCodes: ['ua01', 'UA02', null],
        estimated: [0, 1, 0],
      },
    });
    expect(p.candidates.ids).toEqual(['b', 'c']);
    expect(p.candidates.hromadaCodes).toEqual(['UA02', null]);
    expect(Array.from(p.candidates.estimated!)).toEqual([1, 0]);
    expect(p.structure.candidateCount).toBe(2);
    expect(p.occupiedExcluded?.candidates).toBe(1);
    expect(p.notes?.[0]).toContain('(1 candidate points dropped)');
  });
});
