import { STATS_FIELDS } from '../../src/engine/stats';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { CoverageEngine, DEFAULT_PARAMS, FACILITY_TYPES, travelMatrix, type Facility, type ModelParams } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { expectEqualsBrute, expectExtrasEqualBrute } from './helpers';

type Op =
  | { kind: 'add'; lon: number; lat: number; type: number; planned: boolean }
  | { kind: 'move'; pick: number; lon: number; lat: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'retype'; pick: number; type: number; planned: boolean }
  | { kind: 'rehome'; pick: number; hromada: number };

const BOX = [29.5, 49.5, 31.5, 50.8] as const;
const lonArb = fc.double({ min: BOX[0] - 0.3, max: BOX[2] + 0.3, noNaN: true });
const latArb = fc.double({ min: BOX[1] - 0.3, max: BOX[3] + 0.3, noNaN: true });
const typeArb = fc.integer({ min: 0, max: FACILITY_TYPES.length - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), lon: lonArb, lat: latArb, type: typeArb, planned: fc.boolean() }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), lon: lonArb, lat: latArb }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), type: typeArb, planned: fc.boolean() }),
  fc.record({ kind: fc.constant('rehome' as const), pick: fc.nat(), hromada: fc.integer({ min: -2, max: 8 }) }),
);

/** A hromada code for facility tests: -1 null, -2 a code not in the table, else the k-th code (mod count). */
const codeOf = (codes: readonly string[], k: number): string | null => (k === -1 ? null : k === -2 ? 'UA-NOT-A-HROMADA' : codes[k % codes.length]!);

function run(ops: Op[], params: ModelParams, withMatrix: boolean): void {
  const country = syntheticCountry({ seed: 31, demand: 600, facilities: 25, hromadas: 6, bbox: [...BOX] });
  const { demand, hromadas } = country;
  // facilities stand in hromadas (some unknown), so help across borders is exercised
  const facilities = country.facilities.map((f, k) => ({ ...f, hromadaCode: codeOf(hromadas.codes, (k % 9) - 2) }));
  const matrix = withMatrix
    ? travelMatrix(facilities.slice(0, 10).flatMap((f, k) => demand.ids.slice(k * 20, k * 20 + 40).map((d, j) => [f.id, d, (j * 7) % 40] as const)))
    : null;
  const engine = new CoverageEngine(demand, hromadas, facilities, params, matrix);
  let next = 0;
  for (const op of ops) {
    const live = engine.liveFacilities();
    if (op.kind === 'add') {
      const f: Facility = {
        id: `new-${next++}`,
        name: 'new',
        type: FACILITY_TYPES[op.type]!,
        status: op.planned ? 'planned' : 'opened',
        lon: op.lon,
        lat: op.lat,
        hromadaCode: codeOf(hromadas.codes, op.type - 1),
        source: 'user:map',
        sourceUrl: '',
        placement: 'user',
        note: '',
      };
      const r = engine.addFacility(f);
      expect(engine.facility(r.slot)?.id).toBe(f.id);
    } else if (live.length > 0) {
      const target = live[op.pick % live.length]!;
      if (op.kind === 'move') engine.moveFacility(target.id, op.lon, op.lat);
      else if (op.kind === 'remove') engine.removeFacility(target.id);
      else if (op.kind === 'rehome') engine.updateFacility(target.id, { hromadaCode: codeOf(hromadas.codes, op.hromada) });
      else engine.updateFacility(target.id, { type: FACILITY_TYPES[op.type]!, status: op.planned ? 'planned' : 'opened' });
    }
  }
  const slots = Array.from({ length: engine.slotCount }, (_, s) => engine.facility(s));
  expectEqualsBrute(engine, demand, slots, params, matrix);
  expectExtrasEqualBrute(engine, slots, params, matrix);
  // statistics of the incremental engine equal a fresh engine over the live facilities
  const liveIds = new Set(engine.liveFacilities().map((f) => f.id));
  const liveMatrix = matrix && { minutes: new Map([...matrix.minutes].filter(([k]) => liveIds.has(k.split('\u0000')[0]!))) };
  const fresh = new CoverageEngine(demand, hromadas, engine.liveFacilities(), params, liveMatrix);
  for (const service of ['fire', 'police'] as const) {
    const a = engine.stats(service);
    const b = fresh.stats(service);
    for (const key of STATS_FIELDS)
      expect(Array.from(a[key]), `${service} ${key}`).toEqual(Array.from(b[key]));
    const ca = engine.coverage(service);
    const cb = fresh.coverage(service);
    for (let i = 0; i < demand.count; i++) {
      expect(engine.facility(ca.nearest[i]!)?.id ?? null).toBe(fresh.facility(cb.nearest[i]!)?.id ?? null);
      expect(ca.minutes[i]).toBe(cb.minutes[i]);
    }
    expect(Array.from(engine.missProbability(service)), `${service} missProb`).toEqual(Array.from(fresh.missProbability(service)));
    expect(Array.from(engine.secondCovered(service)), `${service} second`).toEqual(Array.from(fresh.secondCovered(service)));
    expect(engine.totals(service)).toEqual(fresh.totals(service));
  }
}

describe('incremental edits equal a full recompute', () => {
  it('random add / move / remove / retype sequences (time mode)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => run(ops, DEFAULT_PARAMS, false)),
      { numRuns: 40, seed: 42 },
    );
  });

  it('with planned facilities included', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 20 }), (ops) => run(ops, { ...DEFAULT_PARAMS, includePlanned: true }, false)),
      { numRuns: 20, seed: 7 },
    );
  });

  it('in distance mode', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 20 }), (ops) =>
        run(ops, { ...DEFAULT_PARAMS, coverageMode: 'distance', coverageKm: 12 }, false),
      ),
      { numRuns: 20, seed: 8 },
    );
  });

  for (const matrixFallback of ['model', 'unreachable'] as const) {
    it(`with a matrix (fallback ${matrixFallback})`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 20 }), (ops) => run(ops, { ...DEFAULT_PARAMS, matrixFallback }, true)),
        { numRuns: 20, seed: 9 },
      );
    });
  }

  it('reports the touched demand units and hromadas', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 5, demand: 2000, facilities: 40, hromadas: 20 });
    const engine = new CoverageEngine(demand, hromadas, facilities);
    const before = engine.coverage('fire').minutes.slice();
    const f = facilities.find((x) => x.type === 'state_fire_unit' && x.status === 'opened')!;
    const r = engine.removeFacility(f.id);
    const after = engine.coverage('fire').minutes;
    const changed = new Set(r.demand);
    for (let i = 0; i < demand.count; i++) if (before[i] !== after[i]) expect(changed.has(i)).toBe(true);
    for (const i of r.demand) if (demand.hromada[i]! >= 0) expect(Array.from(r.hromadas)).toContain(demand.hromada[i]);
    expect(r.demand.length).toBeLessThan(demand.count);
  });

  it('setParams with only norms changed refreshes covered flags', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 6, demand: 500, facilities: 30 });
    const engine = new CoverageEngine(demand, hromadas, facilities);
    const params = structuredClone(DEFAULT_PARAMS);
    params.normMin.fire.rural = 5;
    engine.setParams(params);
    expectEqualsBrute(engine, demand, facilities, params);
  });

  it('setParams with the same parameters (a copy, keys in another order) redoes nothing and keeps the results', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 6, demand: 500, facilities: 30 });
    const params = structuredClone(DEFAULT_PARAMS);
    params.normMin.fire.rural = 15;
    const engine = new CoverageEngine(demand, hromadas, facilities, params);
    const minutes = engine.coverage('fire').minutes;
    const spies = [vi.spyOn(engine, 'compute'), vi.spyOn(engine as unknown as { refreshCovered: () => void }, 'refreshCovered')];
    // the page's first computation: the same values in a fresh object whose top-level keys come in reverse order
    engine.setParams(Object.fromEntries(Object.entries(structuredClone(params)).reverse()) as unknown as ModelParams);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(engine.coverage('fire').minutes).toBe(minutes);
    expectEqualsBrute(engine, demand, facilities, params);
    // any change still recomputes
    engine.setParams({ ...params, normMin: { ...params.normMin, fire: { ...params.normMin.fire, rural: 5 } } });
    expect(spies[1]).toHaveBeenCalled();
  });
});
