import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GEO_DIR, loadEmbedded } from '../../src/cli/load-embedded';
import { EmbeddedDataError, parseEmbedded, parseTerritoryMeta } from '../../src/io/embedded';
import { DEMAND_KINDS, DERIVATIONS, PLACE_SOURCES, TERRITORY_STATUSES } from '../../src/engine/types';

const sq = {
  type: 'Polygon',
  coordinates: [
    [
      [30, 50],
      [30.1, 50],
      [30.1, 50.1],
      [30, 50.1],
      [30, 50],
    ],
  ],
};
const hromadaProps = (code: string) => ({
  code,
  name: 'Агрономічна',
  name_en: 'Ahronomichna',
  full_name: 'Агрономічна сільська громада',
  type: 'сільська',
  raion: 'Вінницький',
  oblast: 'Вінницька',
  oblast_en: 'Vinnytsia',
  center_lon: 30.05,
  center_lat: 50.05,
  area_km2: 86.1,
  n_settlements: 2,
  pop_total: 110,
  pop_urban: 0,
  pop_rural: 110,
  occupied_before_2022: 0,
  status: 'none',
  polygon_id: 569,
});

function fixture() {
  return {
    hromadas: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: hromadaProps('UA05020010000053508'), geometry: sq },
        {
          type: 'Feature',
          properties: hromadaProps('UA05020030000031457'),
          geometry: { type: 'MultiPolygon', coordinates: [sq.coordinates] },
        },
      ],
    },
    demand: {
      version: 2,
      h3Resolution: 7,
      cityH3Resolution: 8,
      hromadaCodes: ['UA05020010000053508', 'UA05020030000031457'],
      id: ['UA05020010010058853', '871e1a4e4ffffff', '881e1a4e41fffff', '881e1a4e43fffff'],
      name: ['Агрономічне', '', 'Місто', 'Місто'],
      category: ['village', 'cell', 'cell', 'cell'],
      hromada: [0, 1, 1, 1],
      lon: [30.02, 30.05, 30.051, 30.052],
      lat: [50.02, 50.05, 50.051, 50.052],
      population: [100, 10, 30_000, 30_000],
      urban: [0, 0, 1, 1],
      kind: ['settlement', 'cell', 'cell', 'cell'],
      derivation: ['estimated_share', 'spread', 'city_footprint', 'city_footprint'],
      areaKm2: [0, 5.1234, 0.7, 0.7],
      place: ['osm_place_node', 'h3_cell', 'h3_cell', 'h3_cell'],
      city: [-1, -1, 0, 0],
      cities: [
        {
          id: 'UA05020030010063857',
          name: 'Місто',
          category: 'city',
          lon: 30.05,
          lat: 50.05,
          population: 60_000,
          hromada: 1,
          footprint: 'assumed_disk',
          radiusKm: 2.523,
          cells: 2,
          areaKm2: 1.4,
        },
      ],
    },
    facilities: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            id: 'fu-1',
            name: 'ДПРЧ №4',
            type: 'state_fire_unit',
            status: 'opened',
            hromada_code: 'UA05020010000053508',
            source: 'fire_units',
            source_url: 'https://example.org/a',
            placement: 'settlement',
            note: 'n',
          },
          geometry: { type: 'Point', coordinates: [30.02, 50.02] },
        },
        {
          type: 'Feature',
          properties: {
            id: 'ill-1',
            name: 'Умовний ДПРЧ (X)',
            type: 'state_fire_unit',
            status: 'opened',
            hromada_code: null,
            source: 'illustrative',
            source_url: '',
            placement: 'illustrative',
            note: 'Assumed',
          },
          geometry: { type: 'Point', coordinates: [31, 51] },
        },
      ],
    },
  };
}

describe('parseEmbedded', () => {
  it('turns the three files into engine tables, field by field', () => {
    const { hromadas, demand, facilities } = parseEmbedded(fixture());
    expect(hromadas.count).toBe(2);
    expect(hromadas.codes).toEqual(['UA05020010000053508', 'UA05020030000031457']);
    expect([hromadas.namesEn[0], hromadas.types[0], hromadas.oblastsEn[1]]).toEqual([
      'Ahronomichna',
      'сільська',
      'Vinnytsia',
    ]);
    expect(Array.from(hromadas.popRural)).toEqual([110, 110]);
    expect(hromadas.centerLon).toBeInstanceOf(Float64Array);
    expect(Array.from(hromadas.status)).toEqual([0, 0]);
    expect(demand.count).toBe(4);
    expect(demand.ids).toEqual(['UA05020010010058853', '871e1a4e4ffffff', '881e1a4e41fffff', '881e1a4e43fffff']);
    expect(Array.from(demand.kind).map((k) => DEMAND_KINDS[k])).toEqual(['settlement', 'cell', 'cell', 'cell']);
    expect(Array.from(demand.derivation).map((k) => DERIVATIONS[k])).toEqual([
      'estimated_share',
      'spread',
      'city_footprint',
      'city_footprint',
    ]);
    expect(Array.from(demand.place).map((k) => PLACE_SOURCES[k])).toEqual(['osm_place_node', 'h3_cell', 'h3_cell', 'h3_cell']);
    expect(Array.from(demand.city)).toEqual([-1, -1, 0, 0]);
    expect(demand.city).toBeInstanceOf(Int32Array);
    expect(demand.cities).toEqual([fixture().demand.cities[0]]);
    expect(Array.from(demand.hromada)).toEqual([0, 1, 1, 1]);
    expect(demand.hromada).toBeInstanceOf(Int32Array);
    expect(Array.from(demand.areaKm2)).toEqual([0, 5.1234, 0.7, 0.7]);
    expect(Array.from(demand.population)).toEqual([100, 10, 30_000, 30_000]);
    expect(facilities).toEqual([
      {
        id: 'fu-1',
        name: 'ДПРЧ №4',
        type: 'state_fire_unit',
        status: 'opened',
        lon: 30.02,
        lat: 50.02,
        hromadaCode: 'UA05020010000053508',
        source: 'fire_units',
        sourceUrl: 'https://example.org/a',
        placement: 'settlement',
        note: 'n',
      },
      {
        id: 'ill-1',
        name: 'Умовний ДПРЧ (X)',
        type: 'state_fire_unit',
        status: 'opened',
        lon: 31,
        lat: 51,
        hromadaCode: null,
        source: 'illustrative',
        sourceUrl: '',
        placement: 'illustrative',
        note: 'Assumed',
      },
    ]);
  });

  it('throws an EmbeddedDataError naming the file and field on malformed data', () => {
    const cases: [string, (f: ReturnType<typeof fixture>) => void, RegExp][] = [
      ['short column', (f) => f.demand.population.pop(), /^demand\.json: population: has 3 entries, expected 4/],
      ['version 1', (f) => ((f.demand as { version: number }).version = 1), /^demand\.json: version: expected 2, got 1/],
      ['bad place', (f) => (f.demand.place[0] = 'gps'), /^demand\.json: place\[0\]: expected one of kse_hromada_centre\//],
      ['missing place column', (f) => delete (f.demand as Partial<typeof f.demand>).place, /^demand\.json: place: not an array/],
      ['city out of range', (f) => (f.demand.city[2] = 1), /^demand\.json: city\[2\]: index 1 out of range/],
      ['city cell without city', (f) => (f.demand.city[3] = -1), /^demand\.json: city\[3\]: a city cell without a city index/],
      ['city index on a village', (f) => (f.demand.city[0] = 0), /^demand\.json: city\[0\]: a city index on a unit/],
      ['city population mismatch', (f) => (f.demand.cities[0]!.population = 1), /^demand\.json: cities\[0\]: population 1 in 2 cells/],
      ['bad footprint', (f) => (f.demand.cities[0]!.footprint = 'square'), /^demand\.json: cities\[0\]\.footprint: expected one of/],
      ['city in another hromada', (f) => (f.demand.cities[0]!.hromada = 0), /^demand\.json: city\[2\]: cell in hromada 1, city 0 in 0/],
      ['cities missing', (f) => delete (f.demand as Partial<typeof f.demand>).cities, /^demand\.json: cities: not an array/],
      [
        'unknown territory status',
        (f) => ((f.hromadas.features[1]!.properties as { status: string }).status = 'frozen'),
        /^hromadas\.geojson: features\[1\]\.properties\.status: expected one of none\/hostilities/,
      ],
      ['bad kind', (f) => (f.demand.kind[1] = 'hexagon'), /^demand\.json: kind\[1\]: expected one of settlement\/cell/],
      ['index out of range', (f) => (f.demand.hromada[0] = 5), /^demand\.json: hromada\[0\]: index 5 out of range/],
      ['codes out of order', (f) => f.demand.hromadaCodes.reverse(), /^demand\.json: hromadaCodes: does not match/],
      ['duplicate id', (f) => (f.demand.id[1] = f.demand.id[0]!), /^demand\.json: id\[1\]: duplicate id/],
      [
        'missing population',
        (f) => delete (f.hromadas.features[1]!.properties as Partial<ReturnType<typeof hromadaProps>>).pop_total,
        /^hromadas\.geojson: features\[1\]\.properties\.pop_total: expected a finite number/,
      ],
      [
        'not a FeatureCollection',
        (f) => ((f.hromadas as { type: string }).type = 'Feature'),
        /^hromadas\.geojson: type: not a FeatureCollection/,
      ],
      [
        'unknown facility type',
        (f) => (f.facilities.features[0]!.properties.type = 'castle'),
        /^facilities\.geojson: features\[0\]\.properties\.type: unknown type castle/,
      ],
      [
        'point missing',
        (f) => ((f.facilities.features[1] as { geometry: unknown }).geometry = null),
        /^facilities\.geojson: features\[1\]\.geometry: expected a Point/,
      ],
    ];
    for (const [what, mutate, msg] of cases) {
      const f = fixture();
      mutate(f);
      let err: unknown;
      try {
        parseEmbedded(f);
      } catch (e) {
        err = e;
      }
      expect(err, what).toBeInstanceOf(EmbeddedDataError);
      expect((err as Error).message, what).toMatch(msg);
    }
  });
});

describe('parseTerritoryMeta', () => {
  it('reads the built-in list and its date from manifest.json, and rejects a bad one', () => {
    const m = JSON.parse(readFileSync(join(DEFAULT_GEO_DIR, 'manifest.json'), 'utf8')) as unknown;
    expect(parseTerritoryMeta(m)).toEqual({
      list: 'KSE coding of the official 2022 lists (Ministry for Reintegration)',
      date: '2022-11-23',
    });
    expect(() => parseTerritoryMeta({ territory: { list: 'x', date: '23.11.2022' } })).toThrow(EmbeddedDataError);
    expect(() => parseTerritoryMeta({})).toThrow(/manifest\.json: territory: missing/);
  });

  it('treats a hromada without a status (added by an imported boundary file) as none', () => {
    const f = fixture();
    delete (f.hromadas.features[0]!.properties as Partial<ReturnType<typeof hromadaProps>>).status;
    (f.hromadas.features[1]!.properties as { status: string }).status = 'occupied';
    expect(Array.from(parseEmbedded(f).hromadas.status).map((k) => TERRITORY_STATUSES[k])).toEqual(['none', 'occupied']);
  });
});

describe('loadEmbedded (committed public/geo)', () => {
  it('round-trips the files: tables match the JSON they came from', () => {
    const e = loadEmbedded();
    const dj = JSON.parse(readFileSync(join(DEFAULT_GEO_DIR, 'demand.json'), 'utf8')) as {
      id: string[];
      population: number[];
      kind: string[];
      derivation: string[];
    };
    expect(e.hromadas.count).toBe(1470);
    expect(e.polygons).toHaveLength(1470);
    expect(e.demand.count).toBe(dj.id.length);
    const i = dj.id.length - 1;
    expect([
      e.demand.ids[i],
      e.demand.population[i],
      DEMAND_KINDS[e.demand.kind[i]!],
      DERIVATIONS[e.demand.derivation[i]!],
    ]).toEqual([dj.id[i], dj.population[i], dj.kind[i], dj.derivation[i]]);
    expect(e.demand.population.reduce((a, b) => a + b, 0)).toBe(41_167_335);
    const dj2 = JSON.parse(readFileSync(join(DEFAULT_GEO_DIR, 'demand.json'), 'utf8')) as {
      place: string[];
      city: number[];
      cities: unknown[];
    };
    expect(Array.from(e.demand.place, (k) => PLACE_SOURCES[k])).toEqual(dj2.place);
    expect(Array.from(e.demand.city)).toEqual(dj2.city);
    expect(e.demand.cities).toEqual(dj2.cities);
    const hj = JSON.parse(readFileSync(join(DEFAULT_GEO_DIR, 'hromadas.geojson'), 'utf8')) as {
      features: { properties: { status: string } }[];
    };
    expect(Array.from(e.hromadas.status, (k) => TERRITORY_STATUSES[k])).toEqual(hj.features.map((f) => f.properties.status));
    expect(e.hromadas.popTotal.reduce((a, b) => a + b, 0)).toBe(41_167_335);
    expect(e.facilities.every((f) => f.source.length > 0)).toBe(true);
  });
});
