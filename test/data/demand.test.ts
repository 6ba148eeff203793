/** buildDemand on small inline fixtures: each splitting rule with exact expected numbers. */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import {
  applyOsmCoords,
  buildDemand,
  CITY_FOOTPRINT_DENSITY_PER_KM2,
  MAX_UNIT_POPULATION,
  type Settlement,
} from '../../scripts/data/demand';
import { getResolution } from 'h3-js';
import { booleanPointInPolygon, distance } from '@turf/turf';
import type { Hromada } from '../../scripts/data/hromadas';

/** A lon/lat square polygon of side `d` degrees with its SW corner at (lon, lat). */
function square(lon: number, lat: number, d: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
      ],
    ],
  };
}

function hromada(code: string, popUrban: number, popRural: number, extra: Partial<Hromada> = {}): Hromada {
  return {
    code,
    name: code,
    name_en: code,
    full_name: code,
    type: 'міська',
    raion: '',
    oblast: '',
    oblast_en: '',
    center_lon: 30.05,
    center_lat: 50.05,
    area_km2: 1,
    n_settlements: 0,
    pop_total: popUrban + popRural,
    pop_urban: popUrban,
    pop_rural: popRural,
    occupied_before_2022: 0,
    status: 'none',
    polygon_id: 0,
    center_katottg: '',
    ...extra,
  };
}

function s(
  katottg: string,
  category: Settlement['category'],
  hromadaCode: string,
  o: Partial<Settlement> = {},
): Settlement {
  return {
    katottg,
    name: katottg,
    category,
    hromadaCode,
    pop2022: null,
    popGeonames: null,
    lon: null,
    lat: null,
    place: o.lon != null ? 'geonames' : null,
    ...o,
  };
}

const A = 'UA00000000000000001';
const geomA = square(30, 50, 0.1); // ≈ 79 km², ≈ 15 res-7 cells

function unitsOf(d: ReturnType<typeof buildDemand>['demand']) {
  return d.id.map((id, i) => ({ id, pop: d.population[i], kind: d.kind[i], der: d.derivation[i], urban: d.urban[i] }));
}

describe('buildDemand', () => {
  it('keeps official city populations, shares rural population by weight among all villages, and spreads the unlocated share', () => {
    const settlements = [
      s('UA1', 'city', A, { pop2022: 5000, lon: 30.05, lat: 50.05 }),
      // rural 1000 over 4 villages; weights: 600 (GeoNames), 250, 250, 250 (= 1000 / 4) → 444.4, 185.2 ×3
      s('UA2', 'village', A, { popGeonames: 600, lon: 30.02, lat: 50.02 }),
      s('UA3', 'village', A, { lon: 30.08, lat: 50.08 }),
      s('UA4', 'village', A),
      s('UA5', 'selyshche', A),
    ];
    const { demand, unlocated, cases } = buildDemand([hromada(A, 5000, 1000)], [geomA], settlements);
    const u = unitsOf(demand);
    expect(u.filter((x) => x.kind === 'settlement')).toEqual([
      { id: 'UA1', pop: 5000, kind: 'settlement', der: 'official', urban: 1 },
      { id: 'UA2', pop: 445, kind: 'settlement', der: 'estimated_share', urban: 0 },
      { id: 'UA3', pop: 185, kind: 'settlement', der: 'estimated_share', urban: 0 },
    ]);
    const cells = u.filter((x) => x.kind === 'cell');
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.every((c) => c.der === 'spread' && c.urban === 0)).toBe(true);
    expect(cells.reduce((a, c) => a + c.pop!, 0)).toBe(370); // UA4 + UA5 = 185 + 185
    expect(demand.population.reduce((a, b) => a + b, 0)).toBe(6000);
    expect(unlocated[A]).toEqual([
      ['UA4', 'UA4', 'village'],
      ['UA5', 'UA5', 'selyshche'],
    ]);
    expect(cases.urban_official_unlocated).toBe(0);
  });

  it('sends an unlocated official city and the urban residual to the right places', () => {
    const settlements = [
      s('UA1', 'city', A, { pop2022: 3000, lon: 30.05, lat: 50.05 }),
      s('UA2', 'smt', A, { pop2022: 400 }), // official but unlocated → spread
      s('UA3', 'smt', A, { popGeonames: 900, lon: 30.02, lat: 50.02 }), // no 2022 figure → gets the residual
    ];
    // pop_urban 4000: residual 4000 - 3400 = 600 goes to UA3
    const { demand, cases } = buildDemand([hromada(A, 4000, 0)], [geomA], settlements);
    const u = unitsOf(demand);
    expect(u.find((x) => x.id === 'UA3')).toEqual({
      id: 'UA3',
      pop: 600,
      kind: 'settlement',
      der: 'estimated_share',
      urban: 1,
    });
    expect(u.filter((x) => x.kind === 'cell').reduce((a, c) => a + c.pop!, 0)).toBe(400);
    expect(cases.urban_official_unlocated).toBe(1);
    expect(cases.urban_official_unlocated_population).toBe(400);
    expect(cases.urban_sum_below_pop_urban).toBe(1);
    expect(cases.urban_estimated).toBe(1);
  });

  it('puts a residual with no city to take it into the cells, and scales down official figures above pop_urban', () => {
    const r1 = buildDemand(
      [hromada(A, 5100, 0)],
      [geomA],
      [s('UA1', 'city', A, { pop2022: 5000, lon: 30.05, lat: 50.05 })],
    );
    expect(r1.cases.urban_residual_to_spread_population).toBe(100);
    expect(
      unitsOf(r1.demand)
        .filter((x) => x.kind === 'cell')
        .reduce((a, c) => a + c.pop!, 0),
    ).toBe(100);
    const r2 = buildDemand(
      [hromada(A, 900, 0)],
      [geomA],
      [
        s('UA1', 'city', A, { pop2022: 600, lon: 30.05, lat: 50.05 }),
        s('UA2', 'smt', A, { pop2022: 400, lon: 30.02, lat: 50.02 }),
      ],
    );
    expect(r2.cases.urban_sum_above_pop_urban).toBe(1);
    expect(r2.demand.population).toEqual([540, 360]);
    expect(r2.demand.kind).toEqual(['settlement', 'settlement']); // nothing to spread → no cells
  });

  it('goes to a finer H3 resolution for a hromada too small to hold a res-7 cell centre', () => {
    const B = 'UA00000000000000002';
    const tiny = square(30.5, 50.5, 0.004); // ≈ 0.13 km²
    const { demand, cases } = buildDemand([hromada(B, 0, 50)], [tiny], [s('UA9', 'village', B)]);
    expect(cases.finer_resolution_hromadas.length).toBe(1);
    expect(cases.finer_resolution_hromadas[0]!.resolution).toBeGreaterThan(7);
    expect(demand.kind.every((k) => k === 'cell')).toBe(true);
    expect(demand.population.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it('gives a cell in two overlapping polygons to the lower hromada index only', () => {
    const B = 'UA00000000000000002';
    const { demand, cases } = buildDemand(
      [hromada(A, 0, 100), hromada(B, 0, 100)],
      [geomA, square(30.05, 50, 0.1)],
      [s('UA1', 'village', A), s('UA2', 'village', B)],
    );
    expect(cases.cells_in_two_polygons).toBeGreaterThan(0);
    expect(new Set(demand.id).size).toBe(demand.id.length);
    const sum = (h: number) => demand.population.filter((_p, i) => demand.hromada[i] === h).reduce((a, b) => a + b, 0);
    expect([sum(0), sum(1)]).toEqual([100, 100]);
  });

  it('drops a point copied from a settlement of another hromada when it lies outside its own polygon', () => {
    const B = 'UA00000000000000002';
    const geomB = square(30.1, 50, 0.1);
    const { demand, cases, unlocated } = buildDemand(
      [hromada(A, 100, 0), hromada(B, 0, 50)],
      [geomA, geomB],
      [
        s('UA1', 'smt', A, { pop2022: 100, lon: 30.05, lat: 50.05 }),
        s('UA2', 'village', B, { lon: 30.05, lat: 50.05 }),
      ],
    );
    expect(cases.point_copied_from_other_hromada).toEqual(['UA2']);
    expect(demand.id).not.toContain('UA2');
    expect(unlocated[B]).toEqual([['UA2', 'UA2', 'village']]);
  });

  it('spreads a city of 50,000+ holding ≥ 90 % of its hromada over the hromada polygon as res-8 cells', () => {
    const settlements = [
      s('UA1', 'city', A, { pop2022: 95_000, lon: 30.05, lat: 50.05, name: 'Місто' }),
      s('UA2', 'village', A, { lon: 30.02, lat: 50.02 }),
      s('UA3', 'village', A),
    ];
    const { demand, cases } = buildDemand([hromada(A, 95_000, 5_000)], [geomA], settlements);
    expect(demand.version).toBe(2);
    expect(demand.id).not.toContain('UA1');
    expect(demand.cities).toHaveLength(1);
    const c = demand.cities[0]!;
    expect([c.id, c.name, c.footprint, c.radiusKm, c.population, c.hromada]).toEqual([
      'UA1',
      'Місто',
      'hromada_polygon',
      0,
      95_000,
      0,
    ]);
    const idx = demand.id.map((_x, i) => i).filter((i) => demand.city[i] === 0);
    expect(idx).toHaveLength(c.cells);
    expect(c.cells).toBeGreaterThan(80); // ≈ 79 km² of res-8 cells (≈ 0.74 km² each)
    for (const i of idx) {
      expect([demand.kind[i], demand.category[i], demand.urban[i], demand.name[i], demand.place[i], demand.derivation[i]]).toEqual(
        ['cell', 'cell', 1, 'Місто', 'h3_cell', 'city_polygon'],
      );
      expect(getResolution(demand.id[i]!)).toBe(8);
      expect(booleanPointInPolygon([demand.lon[i]!, demand.lat[i]!], geomA)).toBe(true);
    }
    expect(idx.reduce((a, i) => a + demand.population[i]!, 0)).toBe(95_000);
    expect(demand.population.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(Math.max(...demand.population)).toBeLessThanOrEqual(MAX_UNIT_POPULATION);
    // order: located settlements, then res-7 spread cells, then the city's cells (H3 index order)
    const kinds = demand.id.map((id, i) => (demand.kind[i] === 'settlement' ? 0 : demand.city[i]! < 0 ? 1 : 2));
    expect([...kinds].sort()).toEqual(kinds);
    const cityIds = idx.map((i) => demand.id[i]!);
    expect([...cityIds].sort()).toEqual(cityIds);
    expect(demand.place[0]).toBe('geonames');
    expect(demand.city[0]).toBe(-1);
    expect(cases.city_finer_resolution).toEqual([]);
  });

  it('spreads a city of 50,000+ in a larger hromada over an assumed disk (population / density), clipped to the hromada', () => {
    const big = square(30, 50, 0.3); // ≈ 700 km²
    const pop = 60_000;
    const settlements = [
      s('UA1', 'city', A, { pop2022: pop, lon: 30.01, lat: 50.15 }), // near the west edge: the disk is clipped
      s('UA2', 'village', A),
    ];
    const { demand } = buildDemand([hromada(A, pop, 40_000)], [big], settlements);
    const c = demand.cities[0]!;
    expect(c.footprint).toBe('assumed_disk');
    expect(c.radiusKm).toBeCloseTo(Math.sqrt(pop / CITY_FOOTPRINT_DENSITY_PER_KM2 / Math.PI), 3);
    const idx = demand.id.map((_x, i) => i).filter((i) => demand.city[i] === 0);
    expect(idx).toHaveLength(c.cells);
    const full = pop / CITY_FOOTPRINT_DENSITY_PER_KM2; // 20 km² unclipped
    expect(c.areaKm2).toBeLessThan(full * 0.85);
    expect(c.areaKm2).toBeGreaterThan(full * 0.3);
    for (const i of idx) {
      expect(demand.derivation[i]).toBe('city_footprint');
      expect(distance([c.lon, c.lat], [demand.lon[i]!, demand.lat[i]!], { units: 'kilometers' })).toBeLessThanOrEqual(
        c.radiusKm + 1e-3,
      );
      expect(booleanPointInPolygon([demand.lon[i]!, demand.lat[i]!], big)).toBe(true);
    }
    expect(idx.reduce((a, i) => a + demand.population[i]!, 0)).toBe(pop);
    expect(demand.population.reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it('keeps a city under 50,000 as one official point', () => {
    const { demand } = buildDemand(
      [hromada(A, 49_999, 0)],
      [geomA],
      [s('UA1', 'city', A, { pop2022: 49_999, lon: 30.05, lat: 50.05 })],
    );
    expect([demand.id, demand.derivation, demand.cities]).toEqual([['UA1'], ['official'], []]);
  });
});

describe('applyOsmCoords', () => {
  it('gives settlements without a point their OSM point and place, and rejects rows that do not fit', () => {
    const base = [s('UA1', 'village', A), s('UA2', 'village', A, { lon: 30.1, lat: 50.1 })];
    const r = applyOsmCoords(base, [{ katottg: 'UA1', hromadaCode: A, lon: 30.2, lat: 50.2, place: 'osm_boundary_point' }]);
    expect(r.settlements[0]).toMatchObject({ lon: 30.2, lat: 50.2, place: 'osm_boundary_point' });
    expect(r.settlements[1]).toBe(base[1]);
    expect(r.applied).toEqual({ osm_boundary_point: 1 });
    const row = { katottg: 'UA2', hromadaCode: A, lon: 30.2, lat: 50.2, place: 'osm_place_node' as const };
    expect(() => applyOsmCoords(base, [row])).toThrow(/already has a point/);
    expect(() => applyOsmCoords(base, [{ ...row, katottg: 'UA9' }])).toThrow(/not in settlements_katottg/);
    expect(() => applyOsmCoords(base, [{ ...row, katottg: 'UA1', hromadaCode: 'UA0' }])).toThrow(/has hromada/);
  });
});
