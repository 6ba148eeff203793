import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GEO_DIR, loadEmbedded } from '../../src/cli/load-embedded';
import { EmbeddedDataError, parseEmbedded } from '../../src/io/embedded';
import { DEMAND_KINDS, DERIVATIONS } from '../../src/engine/types';

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
      version: 1,
      h3Resolution: 7,
      hromadaCodes: ['UA05020010000053508', 'UA05020030000031457'],
      id: ['UA05020010010058853', '871e1a4e4ffffff'],
      name: ['Агрономічне', ''],
      category: ['village', 'cell'],
      hromada: [0, 1],
      lon: [30.02, 30.05],
      lat: [50.02, 50.05],
      population: [100, 10],
      urban: [0, 0],
      kind: ['settlement', 'cell'],
      derivation: ['estimated_share', 'spread'],
      areaKm2: [0, 5.1234],
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
    expect(demand.count).toBe(2);
    expect(demand.ids).toEqual(['UA05020010010058853', '871e1a4e4ffffff']);
    expect(Array.from(demand.kind)).toEqual([DEMAND_KINDS.indexOf('settlement'), DEMAND_KINDS.indexOf('cell')]);
    expect(Array.from(demand.derivation)).toEqual([
      DERIVATIONS.indexOf('estimated_share'),
      DERIVATIONS.indexOf('spread'),
    ]);
    expect(Array.from(demand.hromada)).toEqual([0, 1]);
    expect(demand.hromada).toBeInstanceOf(Int32Array);
    expect(Array.from(demand.areaKm2)).toEqual([0, 5.1234]);
    expect(Array.from(demand.population)).toEqual([100, 10]);
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
      ['short column', (f) => f.demand.population.pop(), /^demand\.json: population: has 1 entries, expected 2/],
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
    expect(e.hromadas.popTotal.reduce((a, b) => a + b, 0)).toBe(41_167_335);
    expect(e.facilities.every((f) => f.source.length > 0)).toBe(true);
  });
});
