import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { DEMAND_KINDS, type DemandTable, type Facility } from '../../src/engine/types';
import { parseHromadas } from '../../src/io/embedded';
import { emptyScenario } from '../../src/io/scenario';
import type { BoundaryRow } from '../../src/io/types';
import { applyBoundaries, scenarioAreas, type AreaBundle } from '../../src/state/boundaries';
import type { HromadaFeature } from '../../src/state/load-data';

/** A lon/lat rectangle as a Polygon. */
const box = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

const feature = (code: string, name: string, g: Polygon | MultiPolygon, pop: number, cx: number, cy: number): HromadaFeature => ({
  type: 'Feature',
  geometry: g,
  properties: {
    code,
    name,
    name_en: name,
    full_name: `${name} громада`,
    type: 'сільська',
    raion: 'Р',
    oblast: 'Сумська',
    oblast_en: 'Sumy',
    center_lon: cx,
    center_lat: cy,
    area_km2: 1,
    n_settlements: 1,
    pop_total: pop,
    pop_urban: 0,
    pop_rural: pop,
  },
});

interface Unit {
  id: string;
  lon: number;
  lat: number;
  pop: number;
  h: number;
  kind?: 'settlement' | 'cell';
}

function demandOf(units: Unit[]): DemandTable {
  const n = units.length;
  return {
    count: n,
    ids: units.map((u) => u.id),
    names: units.map((u) => u.id),
    lon: Float64Array.from(units, (u) => u.lon),
    lat: Float64Array.from(units, (u) => u.lat),
    population: Float64Array.from(units, (u) => u.pop),
    urban: new Uint8Array(n),
    kind: Uint8Array.from(units, (u) => DEMAND_KINDS.indexOf(u.kind ?? 'settlement')),
    derivation: new Uint8Array(n),
    hromada: Int32Array.from(units, (u) => u.h),
    areaKm2: new Float64Array(n),
    place: new Uint8Array(n),
    city: new Int32Array(n).fill(-1),
    cities: [],
  };
}

const facility = (id: string, lon: number, lat: number, hromadaCode: string | null): Facility => ({
  id,
  name: id,
  type: 'local_fire_department',
  status: 'opened',
  lon,
  lat,
  hromadaCode,
  source: 'fire_units',
  sourceUrl: '',
  placement: 'settlement',
  note: '',
});

/**
 * Two hromadas side by side: A = [33,34]×[50,51], B = [34,35]×[50,51]. Units: a1, a2 in A; b1 in B; `edge`, whose
 * official hromada is A but whose point lies just inside B's polygon (as some real settlement points do).
 */
function fixture(): AreaBundle {
  const features = [feature('A', 'Анна', box(33, 50, 34, 51), 300, 33.5, 50.5), feature('B', 'Берег', box(34, 50, 35, 51), 700, 34.5, 50.5)];
  const hromadaGeo = { type: 'FeatureCollection' as const, features };
  return {
    hromadaGeo,
    hromadas: parseHromadas(hromadaGeo),
    demand: demandOf([
      { id: 'a1', lon: 33.2, lat: 50.5, pop: 100, h: 0 },
      { id: 'a2', lon: 33.9, lat: 50.5, pop: 150, h: 0 },
      { id: 'edge', lon: 34.01, lat: 50.5, pop: 50, h: 0 },
      { id: 'b1', lon: 34.6, lat: 50.5, pop: 600, h: 1, kind: 'cell' },
      { id: 'b2', lon: 34.3, lat: 50.2, pop: 100, h: 1 },
    ]),
    facilities: [facility('fa', 33.9, 50.6, 'A'), facility('fb', 34.6, 50.6, 'B')],
  };
}

const row = (code: string, geometry: Polygon | MultiPolygon, name = '', oblast = ''): BoundaryRow => {
  const xs = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
  return {
    code,
    name,
    oblast,
    geometry,
    bbox: [Math.min(...xs.map((p) => p[0]!)), Math.min(...xs.map((p) => p[1]!)), Math.max(...xs.map((p) => p[0]!)), Math.max(...xs.map((p) => p[1]!))],
  };
};

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('applyBoundaries', () => {
  it('moves nothing when the same boundaries come back (update and replace), even a point across its edge', () => {
    const base = fixture();
    const rows = base.hromadaGeo.features.map((f) => row(f.properties.code, f.geometry));
    for (const mode of ['update', 'replace'] as const) {
      const { bundle, report } = applyBoundaries(base, rows, mode, 'same.geojson');
      expect(Array.from(bundle.demand.hromada)).toEqual(Array.from(base.demand.hromada));
      expect(bundle.hromadas.codes).toEqual(['A', 'B']);
      expect(Array.from(bundle.hromadas.popTotal)).toEqual([300, 700]);
      expect(report).toMatchObject({ replaced: 2, added: 0, dropped: 0, movedUnits: 0, resummed: 0 });
      expect(bundle.facilities).toEqual(base.facilities);
    }
  });

  it('update: a redrawn edge moves the units it crosses and re-sums both hromadas; people are conserved', () => {
    const base = fixture();
    // A now reaches 34.4: a2, edge and b2 (34.3) are inside it; B shrinks to [34.4,35].
    const { bundle, report } = applyBoundaries(base, [row('A', box(33, 50, 34.4, 51)), row('B', box(34.4, 50, 35, 51))], 'update', 'edge.geojson');
    expect(Array.from(bundle.demand.hromada)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(bundle.hromadas.popTotal)).toEqual([400, 600]);
    expect(sum(bundle.hromadas.popTotal)).toBe(sum(base.demand.population));
    expect(report).toMatchObject({ replaced: 2, movedUnits: 1, movedPopulation: 100, resummed: 2, outsideUnits: 0 });
    expect(bundle.hromadaGeo.features[0]!.properties).toMatchObject({ boundary_file: 'edge.geojson', pop_resummed: true });
    expect(bundle.hromadaGeo.features[0]!.properties.area_km2).toBeGreaterThan(base.hromadaGeo.features[0]!.properties.area_km2);
    // The input is not changed.
    expect(Array.from(base.demand.hromada)).toEqual([0, 0, 0, 1, 1]);
  });

  it('update: only the named hromada changes; a neighbour keeps its polygon, units and figures', () => {
    const base = fixture();
    const { bundle, report } = applyBoundaries(base, [row('A', box(33, 50, 33.5, 51))], 'update', 'a.geojson');
    // a2 (33.9) was inside A's built-in polygon, which no longer holds it, and lies in no other polygon: outside.
    // The edge point was (and is) inside B's unchanged polygon, so it keeps its official hromada A.
    expect(Array.from(bundle.demand.hromada)).toEqual([0, -1, 0, 1, 1]);
    expect(report).toMatchObject({ replaced: 1, movedUnits: 0, movedPopulation: 0, outsideUnits: 1, outsidePopulation: 150 });
    expect(bundle.hromadaGeo.features[1]).toStrictEqual(base.hromadaGeo.features[1]);
    expect(bundle.hromadas.popTotal[1]).toBe(700);
    expect(bundle.hromadas.popTotal[0]).toBe(150);
  });

  it('update: a new code carved out of a hromada takes the units inside it and gets a name, centre and area', () => {
    const base = fixture();
    const carve = box(34.5, 50, 35, 51);
    const { bundle, report } = applyBoundaries(base, [row('C', carve, 'Нова', 'Сумська')], 'update', 'new.geojson');
    expect(bundle.hromadas.codes).toEqual(['A', 'B', 'C']);
    expect(Array.from(bundle.demand.hromada)).toEqual([0, 0, 0, 2, 1]);
    expect(Array.from(bundle.hromadas.popTotal)).toEqual([300, 100, 600]);
    expect(report).toMatchObject({ added: 1, replaced: 0, movedUnits: 1, movedPopulation: 600 });
    const p = bundle.hromadaGeo.features[2]!.properties;
    expect(p).toMatchObject({ code: 'C', name: 'Нова', name_en: 'Nova', oblast_en: 'Sumy', boundary_file: 'new.geojson' });
    expect(p.center_lon).toBeGreaterThan(34.5);
    expect(p.area_km2).toBeGreaterThan(2000);
    expect(bundle.facilities.find((f) => f.id === 'fb')!.hromadaCode).toBe('C');
    expect(bundle.facilities.find((f) => f.id === 'fa')!.hromadaCode).toBe('A');
    // A facility imported against the built-in polygons (code B) gets the new code by the same rule.
    const { relocate } = applyBoundaries(base, [row('C', carve, 'Нова', 'Сумська')], 'update', 'new.geojson');
    expect(relocate(facility('imp', 34.8, 50.2, 'B')).hromadaCode).toBe('C');
    const unchanged = facility('imp2', 34.2, 50.2, 'B');
    expect(relocate(unchanged)).toBe(unchanged);
  });

  it('replace: hromadas left out are gone and units in no polygon count as outside', () => {
    const base = fixture();
    const { bundle, report } = applyBoundaries(base, [row('B', box(34, 50, 35, 51))], 'replace', 'b.geojson');
    expect(bundle.hromadas.codes).toEqual(['B']);
    expect(Array.from(bundle.demand.hromada)).toEqual([-1, -1, 0, 0, 0]);
    expect(report).toMatchObject({ dropped: 1, replaced: 1, outsideUnits: 2, outsidePopulation: 250 });
    expect(bundle.hromadas.popTotal[0]).toBe(750);
    expect(bundle.facilities.find((f) => f.id === 'fa')!.hromadaCode).toBeNull();
  });

  it('keeps a centre that is still inside the new polygon and moves one that is not', () => {
    const base = fixture();
    const { bundle } = applyBoundaries(base, [row('A', box(33, 50, 33.4, 51)), row('B', box(34, 50, 34.9, 51))], 'update', 'c.geojson');
    expect(bundle.hromadas.centerLon[1]).toBe(34.5);
    expect(bundle.hromadas.centerLon[0]).toBeLessThan(33.4);
  });
});

describe('scenarioAreas', () => {
  it('is the built-in data itself without imported settlements or boundaries', () => {
    const base = fixture();
    expect(scenarioAreas(base, emptyScenario('')).bundle).toBe(base);
  });
  it('applies imported settlements first, then boundaries to them', () => {
    const base = fixture();
    const s = {
      ...emptyScenario(''),
      demand: { fileName: 's.csv', rows: [{ id: 'x', name: 'X', category: 'village' as const, lon: 34.7, lat: 50.5, population: 9, hromadaCode: 'B', placement: 'user' as const }] },
      boundaries: { fileName: 'c.geojson', mode: 'update' as const, rows: [row('C', box(34.5, 50, 35, 51), 'Нова')] },
    };
    const { bundle, report } = scenarioAreas(base, s);
    expect(bundle.demand.ids).toEqual(['x']);
    expect(Array.from(bundle.demand.hromada)).toEqual([2]);
    expect(bundle.hromadas.popTotal[2]).toBe(9);
    expect(report?.added).toBe(1);
  });
});
