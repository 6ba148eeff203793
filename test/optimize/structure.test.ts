import { describe, expect, it } from 'vitest';
import { buildStructureFromEntries, buildStructureFromPoints, transpose } from '../../src/engine/optimize';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { modelMinutes, rng } from './helpers';

function pairsOf(s: ReturnType<typeof buildStructureFromPoints>): Map<string, number> {
  const m = new Map<string, number>();
  for (let j = 0; j < s.candidateCount; j++) {
    let last = -1;
    for (let k = s.offsets[j]!; k < s.offsets[j + 1]!; k++) {
      expect(s.demand[k]!).toBeGreaterThan(last); // ascending within a row
      last = s.demand[k]!;
      m.set(`${j}:${s.demand[k]}`, s.cost[k]!);
    }
  }
  return m;
}

describe('coverage structure from points', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equals a brute-force all-pairs computation (seed ${seed})`, () => {
      const r = rng(seed);
      const nD = 300 + Math.floor(r() * 400);
      const nC = 40 + Math.floor(r() * 60);
      // Spread over most of Ukraine's latitudes so the projection's distortion is exercised.
      const spreadLat = seed % 2 ? 8 : 0.8;
      const spreadLon = seed % 2 ? 18 : 1.5;
      const pt = () => [22.5 + r() * spreadLon, 44.5 + r() * spreadLat] as const;
      const dLon = new Float64Array(nD);
      const dLat = new Float64Array(nD);
      const urban = new Uint8Array(nD);
      for (let i = 0; i < nD; i++) {
        const [x, y] = pt();
        dLon[i] = x;
        dLat[i] = y;
        urban[i] = r() < 0.2 ? 1 : 0;
      }
      const cLon = new Float64Array(nC);
      const cLat = new Float64Array(nC);
      for (let j = 0; j < nC; j++) {
        const [x, y] = pt();
        cLon[j] = x;
        cLat[j] = y;
      }
      const scale = seed % 2 ? 6 : 1; // large norms when points are sparse
      const maxCost = Float64Array.from(urban, (u) => (u ? 10 : 20) * scale);
      const params = DEFAULT_PARAMS;
      const s = buildStructureFromPoints({
        demand: { count: nD, lon: dLon, lat: dLat, urban },
        candidates: { count: nC, lon: cLon, lat: cLat },
        params,
        type: 'local_fire_department',
        maxCost,
      });
      const got = pairsOf(s);
      const want = new Map<string, number>();
      for (let j = 0; j < nC; j++) {
        for (let i = 0; i < nD; i++) {
          const m = modelMinutes(
            params,
            params.turnoutMin.local_fire_department,
            cLon[j]!,
            cLat[j]!,
            dLon[i]!,
            dLat[i]!,
            urban[i]!,
          );
          if (m <= maxCost[i]!) want.set(`${j}:${i}`, m);
        }
      }
      expect(want.size).toBeGreaterThan(0);
      expect(got).toEqual(want);
    });
  }

  it('distance mode keeps pairs within km', () => {
    const r = rng(9);
    const n = 200;
    const lon = Float64Array.from({ length: n }, () => 30 + r());
    const lat = Float64Array.from({ length: n }, () => 49 + r() * 0.6);
    const urban = new Uint8Array(n);
    const s = buildStructureFromPoints({
      demand: { count: n, lon, lat, urban },
      candidates: { count: 20, lon: lon.subarray(0, 20), lat: lat.subarray(0, 20) },
      params: DEFAULT_PARAMS,
      type: 'state_fire_unit',
      maxCost: 12,
      metric: 'distance',
    });
    let count = 0;
    for (let j = 0; j < 20; j++)
      for (let i = 0; i < n; i++)
        if (
          modelMinutes(
            { ...DEFAULT_PARAMS, detour: { urban: 1, rural: 1 }, speedKmh: { urban: 60, rural: 60 } },
            0,
            lon[j]!,
            lat[j]!,
            lon[i]!,
            lat[i]!,
            0,
          ) <= 12
        )
          count++;
    expect(s.demand.length).toBe(count);
  });

  it('does not freeze on no demand or no candidates', () => {
    const empty = { count: 0, lon: new Float64Array(0), lat: new Float64Array(0), urban: new Uint8Array(0) };
    const s = buildStructureFromPoints({
      demand: empty,
      candidates: { count: 3, lon: [30, 31, 32], lat: [49, 49, 49] },
      params: DEFAULT_PARAMS,
      type: 'local_fire_department',
      maxCost: 20,
    });
    expect(Array.from(s.offsets)).toEqual([0, 0, 0, 0]);
    const s2 = buildStructureFromPoints({
      demand: { count: 1, lon: [30], lat: [49], urban: [0] },
      candidates: { count: 0, lon: [], lat: [] },
      params: DEFAULT_PARAMS,
      type: 'local_fire_department',
      maxCost: 20,
    });
    expect(s2.demand.length).toBe(0);
  });
});

describe('coverage structure from matrix entries', () => {
  it('keeps pairs within the radius, smallest duplicate, and transposes', () => {
    const s = buildStructureFromEntries(
      2,
      3,
      [
        { facility: 0, demand: 2, cost: 5 },
        { facility: 0, demand: 0, cost: 3 },
        { facility: 0, demand: 2, cost: 4 },
        { facility: 1, demand: 1, cost: 11 },
        { facility: 1, demand: 0, cost: 10 },
      ],
      10,
    );
    expect(Array.from(s.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(s.demand)).toEqual([0, 2, 0]);
    expect(Array.from(s.cost)).toEqual([3, 4, 10]);
    const t = transpose(s);
    expect(Array.from(t.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(t.candidate)).toEqual([0, 1, 0]);
    expect(Array.from(t.cost)).toEqual([3, 10, 4]);
  });
  it('throws on out-of-range ids', () => {
    expect(() => buildStructureFromEntries(1, 1, [{ facility: 1, demand: 0, cost: 1 }], 5)).toThrow(
      /candidate 1 out of range/,
    );
  });
});
