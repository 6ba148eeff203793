/** Small inline fixtures for the importer tests: three square hromadas, four settlements, a cp1251 encoder. */
import type { FeatureCollection } from 'geojson';
import type { DemandTable, HromadaTable } from '../../src/engine/types';
import { buildImportContext, type ImportContextSources } from '../../src/io/context';
import type { ImportContext } from '../../src/io/types';

export const H0 = 'UA59000000000000001';
export const H1 = 'UA18000000000000002';
export const H2 = 'UA51000000000000003';
export const S_VILSHANA = 'UA59000000000000101';
export const S_IVANIVKA_ZH = 'UA18000000000000201';
export const S_IVANIVKA_OD = 'UA51000000000000301';
export const S_UNLOCATED = 'UA59000000000000102';

const squares: [string, number, number][] = [
  [H0, 33, 50],
  [H1, 28, 50],
  [H2, 30, 46],
];

export function hromadaTable(): HromadaTable {
  return {
    count: 3,
    codes: [H0, H1, H2],
    names: ['Тестова', 'Іванівська', 'Іванівська'],
    namesEn: ['Testova', 'Ivanivska', 'Ivanivska'],
    types: ['сільська', 'сільська', 'селищна'],
    raions: ['Сумський', 'Житомирський', 'Одеський'],
    oblasts: ['Сумська', 'Житомирська', 'Одеська'],
    oblastsEn: ['Sumy', 'Zhytomyr', 'Odesa'],
    centerLon: Float64Array.from([33.5, 28.5, 30.5]),
    centerLat: Float64Array.from([50.5, 50.5, 46.5]),
    areaKm2: Float64Array.from([7000, 7000, 7000]),
    popTotal: Float64Array.from([1000, 2000, 3000]),
    popUrban: Float64Array.from([0, 0, 0]),
    popRural: Float64Array.from([1000, 2000, 3000]),
    status: new Uint8Array(3),
  };
}

export function demandTable(): DemandTable {
  return {
    count: 4,
    ids: [S_VILSHANA, S_IVANIVKA_ZH, S_IVANIVKA_OD, '872a1b3ffffffff'],
    names: ['Вільшана', 'Іванівка', 'Іванівка', ''],
    lon: Float64Array.from([33.2, 28.3, 30.3, 33.7]),
    lat: Float64Array.from([50.2, 50.3, 46.3, 50.7]),
    population: Float64Array.from([500, 700, 900, 50]),
    urban: Uint8Array.from([0, 0, 0, 0]),
    kind: Uint8Array.from([0, 0, 0, 1]),
    derivation: Uint8Array.from([0, 0, 0, 2]),
    hromada: Int32Array.from([0, 1, 2, 0]),
    areaKm2: Float64Array.from([0, 0, 0, 5]),
    place: Uint8Array.from([0, 1, 2, 4]),
    city: new Int32Array(4).fill(-1),
    cities: [],
  };
}

export function polygons(): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: squares.map(([code, x, y]) => ({
      type: 'Feature',
      properties: { code },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 1, y],
            [x + 1, y + 1],
            [x, y + 1],
            [x, y],
          ],
        ],
      },
    })),
  };
}

/** Context with hromadas, settlements, polygons and the unlocated list; optionally no polygons. */
export function testContext(extra: Partial<ImportContextSources> = {}): ImportContext {
  return buildImportContext({
    hromadas: hromadaTable(),
    demand: demandTable(),
    polygons: polygons(),
    unlocated: { [H0]: [[S_UNLOCATED, 'Хутір Тестовий', 'village']] },
    facilityIds: ['emb-1', 'emb-2'],
    ...extra,
  });
}

const CP1251_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';

/** Encode text as Windows-1251 bytes (TextEncoder only writes UTF-8). */
export function cp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else {
      const k = CP1251_HIGH.indexOf(text[i] ?? '');
      if (k < 0) throw new Error(`not in windows-1251: ${text[i]}`);
      out[i] = 0x80 + k;
    }
  }
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const utf8Bom = (s: string): Uint8Array => new TextEncoder().encode('\uFEFF' + s);
