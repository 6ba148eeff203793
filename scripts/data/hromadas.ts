/**
 * The hromada table: 1,469 hromadas of hromadas_population_2022.csv plus Kyiv city, each joined to its own
 * polygon of hromady.geojson, sorted by KATOTTG code (feature order = hromada index).
 */
import { join } from 'node:path';
import { area as turfArea } from '@turf/turf';
import { transliterate } from '../../src/i18n/translit';
import { num, readCsv, req } from './csv';
import { PolygonIndex, readGeoJson, round, roundGeometry, type Area } from './geo';
import type { TerritoryStatus } from '../../src/engine/types';

/**
 * English oblast names as Ukraine's government writes them (KMU 2010 romanization of the short name). KSE's
 * `oblast_name_en` is inconsistent and misspelt in places ("Vonyn", "Driproptrovska", "Donetks", "Cherkassy"), so
 * these names are used instead (docs/data-format.md).
 */
export const OBLAST_EN: Readonly<Record<string, string>> = {
  Вінницька: 'Vinnytsia',
  Волинська: 'Volyn',
  Дніпропетровська: 'Dnipropetrovsk',
  Донецька: 'Donetsk',
  Житомирська: 'Zhytomyr',
  Закарпатська: 'Zakarpattia',
  Запорізька: 'Zaporizhzhia',
  'Івано-Франківська': 'Ivano-Frankivsk',
  Київська: 'Kyiv',
  Кіровоградська: 'Kirovohrad',
  Луганська: 'Luhansk',
  Львівська: 'Lviv',
  Миколаївська: 'Mykolaiv',
  Одеська: 'Odesa',
  Полтавська: 'Poltava',
  Рівненська: 'Rivne',
  Сумська: 'Sumy',
  Тернопільська: 'Ternopil',
  Харківська: 'Kharkiv',
  Херсонська: 'Kherson',
  Хмельницька: 'Khmelnytskyi',
  Черкаська: 'Cherkasy',
  Чернівецька: 'Chernivtsi',
  Чернігівська: 'Chernihiv',
};

export const KYIV_CODE = 'UA80000000000093317';
export const CRIMEA_POLYGON_ID = 1111;
export const SEVASTOPOL_POLYGON_ID = 176;
export const KYIV_POLYGON_ID = 1419;

export interface Hromada {
  code: string;
  name: string;
  name_en: string;
  full_name: string;
  type: string;
  raion: string;
  oblast: string;
  oblast_en: string;
  center_lon: number;
  center_lat: number;
  area_km2: number;
  n_settlements: number;
  pop_total: number;
  pop_urban: number;
  pop_rural: number;
  occupied_before_2022: 0 | 1;
  /** Territory status by the built-in list (KSE coding of the 2022 lists, edition of 23.11.2022); see territoryStatus. */
  status: TerritoryStatus;
  polygon_id: number;
  /** KATOTTG code of the centre settlement ('' for Kyiv). Not written to the GeoJSON. */
  center_katottg: string;
}

export interface HromadaData {
  hromadas: Hromada[];
  /** Geometry for each hromada, same order, coordinates as in the source (1e-4). */
  geometries: Area[];
  /** Crimea and Sevastopol polygons, for no_data.geojson and to exclude points. */
  noData: { polygonId: number; name: string; geometry: Area }[];
  /** Rows whose polygon was reassigned by centre point (the Sumy Mykolaivska case). */
  reassigned: { code: string; name: string; from: number; to: number; method: string }[];
  /** Index of hromada polygons, same order as `hromadas`. */
  index: PolygonIndex;
}

const FILE = 'hromadas_population_2022.csv';
export const WAR_STATUS_FILE = 'hromada_war_status_2022.csv';

/** The built-in territory list: what it is and the date of the edition its status reflects (manifest.json → territory). */
export const TERRITORY_LIST = {
  list: 'KSE coding of the official 2022 lists (Ministry for Reintegration)',
  date: '2022-11-23',
  file: WAR_STATUS_FILE,
} as const;

/**
 * Status of one hromada row of hromada_war_status_2022.csv, as of the last 2022 edition of the list (23.11.2022):
 * occupied_before_2022 = 1 → occupied_before_2022; status_sept_2022 'occupied' with deoccupied_nov_2022 = 1 or a
 * deoccupation_wave_2022 of September-October or November (after the September coding) → deoccupied; 'occupied' → occupied; 'deoccupied' → deoccupied; 'not occupied, in the war zone' → hostilities;
 * 'not occupied' with war_zone_23_11_2022 = 1 → hostilities; else none.
 */
export function territoryStatus(r: Readonly<Record<string, string>>): TerritoryStatus {
  const st = r['status_sept_2022'];
  if (r['occupied_before_2022'] === '1') return 'occupied_before_2022';
  if (st === 'occupied') {
    const wave = r['deoccupation_wave_2022'];
    return r['deoccupied_nov_2022'] === '1' || wave === 'November' || wave === 'September-October' ? 'deoccupied' : 'occupied';
  }
  if (st === 'deoccupied') return 'deoccupied';
  if (st === 'not occupied, in the war zone') return 'hostilities';
  if (st === 'not occupied') return r['war_zone_23_11_2022'] === '1' ? 'hostilities' : 'none';
  throw new Error(`${WAR_STATUS_FILE}: ${r['hromada_code']}: unknown status_sept_2022 ${JSON.stringify(st)}`);
}

/** Build the hromada table; `settlementCount` = KATOTTG settlements per hromada code (for n_settlements). */
export function buildHromadas(dataDir: string, settlementCount: ReadonlyMap<string, number>): HromadaData {
  const rows = readCsv(join(dataDir, FILE));
  const statusOf = new Map<string, TerritoryStatus>();
  for (const r of readCsv(join(dataDir, WAR_STATUS_FILE))) statusOf.set(req(r, 'hromada_code', WAR_STATUS_FILE), territoryStatus(r));
  const polys = readGeoJson(join(dataDir, 'hromady.geojson'));
  const byId = new Map<number, Area>();
  const allIds: number[] = [];
  for (const f of polys.features) {
    const id = f.properties?.['id'];
    if (typeof id !== 'number') throw new Error(`hromady.geojson: feature without numeric id`);
    byId.set(id, roundGeometry(f.geometry, 4));
    allIds.push(id);
  }
  const allIndex = new PolygonIndex(allIds.map((id) => byId.get(id)!));

  // Oblast English names: some rows have NA; take them from other rows of the same oblast.
  const oblastEn = new Map<string, string>();
  for (const r of rows)
    if (r['oblast_name_en'] && r['oblast_name_en'] !== 'NA') oblastEn.set(r['oblast_name']!, r['oblast_name_en']);

  // Polygons used by more than one row: each of those rows may take the shared polygon or a polygon no row uses.
  // First by which candidate contains the row's centre; if that does not tell the rows apart (the two
  // Mykolaivska hromadas of Sumy oblast have the same centre point in the source), by the full name.
  const useCount = new Map<number, number>();
  for (const r of rows) {
    const pid = Number(req(r, 'polygon_id', FILE));
    useCount.set(pid, (useCount.get(pid) ?? 0) + 1);
  }
  const reserved = new Set([CRIMEA_POLYGON_ID, SEVASTOPOL_POLYGON_ID, KYIV_POLYGON_ID]);
  const unused = allIds.filter((id) => !useCount.has(id) && !reserved.has(id));
  const nameOf = new Map(
    polys.features.map((f) => [f.properties?.['id'] as number, String(f.properties?.['hromada'] ?? '')]),
  );
  const regionOf = new Map(
    polys.features.map((f) => [f.properties?.['id'] as number, String(f.properties?.['region'] ?? '')]),
  );
  const reassigned: HromadaData['reassigned'] = [];
  const chosen = new Map<string, number>();
  for (const [pid, n] of useCount) {
    if (n < 2) continue;
    const group = rows.filter((r) => Number(r['polygon_id']) === pid);
    const cands = [pid, ...unused];
    const byCentre = group.map((r) => {
      const hits = allIndex
        .containing(Number(r['center_lon']), Number(r['center_lat']))
        .map((i) => allIds[i]!)
        .filter((id) => cands.includes(id));
      return hits.length === 1 ? hits[0]! : -1;
    });
    const distinct = byCentre.every((x) => x >= 0) && new Set(byCentre).size === group.length;
    group.forEach((r, k) => {
      let to = distinct ? byCentre[k]! : -1;
      let method = 'centre point';
      if (to < 0) {
        const named = cands.filter(
          (id) => nameOf.get(id) === r['hromada_full_name'] && regionOf.get(id)!.startsWith(r['oblast_name']!),
        );
        if (named.length !== 1)
          throw new Error(
            `${FILE}: ${r['hromada_code']} shares polygon ${pid}; neither its centre nor its name picks one polygon`,
          );
        to = named[0]!;
        method = 'full name (centre points identical)';
      }
      chosen.set(r['hromada_code']!, to);
      reassigned.push({ code: r['hromada_code']!, name: r['hromada_full_name']!, from: pid, to, method });
    });
  }
  const status = (code: string): TerritoryStatus => {
    const st = statusOf.get(code);
    if (st === undefined) throw new Error(`${WAR_STATUS_FILE}: no row for hromada ${code}`);
    return st;
  };
  const hromadas: Hromada[] = rows.map((r) => {
    const code = req(r, 'hromada_code', FILE);
    const polygonId = chosen.get(code) ?? Number(req(r, 'polygon_id', FILE));
    const lon = Number(req(r, 'center_lon', FILE));
    const lat = Number(req(r, 'center_lat', FILE));
    const geom = byId.get(polygonId);
    if (!geom) throw new Error(`${FILE}: ${code} refers to polygon_id ${polygonId}, not in hromady.geojson`);
    const popTotal = Number(req(r, 'pop_total_2022', FILE));
    const popUrban = Number(req(r, 'pop_urban_2022', FILE));
    const popRural = Number(req(r, 'pop_rural_2022', FILE));
    if (popUrban + popRural !== popTotal) throw new Error(`${FILE}: ${code} urban + rural != total`);
    const name = req(r, 'hromada_name', FILE);
    const oblast = req(r, 'oblast_name', FILE);
    return {
      code,
      name,
      name_en: transliterate(name),
      full_name: req(r, 'hromada_full_name', FILE),
      type: req(r, 'type', FILE),
      raion: req(r, 'raion_name', FILE),
      oblast,
      oblast_en: OBLAST_EN[oblast] ?? oblastEn.get(oblast) ?? transliterate(oblast),
      center_lon: round(lon, 5),
      center_lat: round(lat, 5),
      area_km2: num(r['area_km2']) ?? round(turfArea(geom) / 1e6, 1),
      n_settlements: settlementCount.get(code) ?? 0,
      pop_total: popTotal,
      pop_urban: popUrban,
      pop_rural: popRural,
      occupied_before_2022: r['occupied_before_2022'] === '1' ? 1 : 0,
      status: status(code),
      polygon_id: polygonId,
      center_katottg: r['center_katottg'] ?? '',
    };
  });

  // Kyiv city.
  const [k] = readCsv(join(dataDir, 'kyiv_population_2022.csv'));
  if (!k) throw new Error('kyiv_population_2022.csv: no row');
  const kyivPolygon = Number(req(k, 'polygon_id', 'kyiv_population_2022.csv'));
  const kyivGeom = byId.get(kyivPolygon);
  if (!kyivGeom) throw new Error(`kyiv_population_2022.csv: polygon ${kyivPolygon} not found`);
  hromadas.push({
    code: req(k, 'katottg', 'kyiv_population_2022.csv'),
    name: 'Київ',
    name_en: transliterate('Київ'),
    full_name: 'місто Київ',
    type: 'столиця',
    raion: '',
    oblast: 'Київ',
    oblast_en: 'Kyiv City',
    center_lon: round(Number(req(k, 'center_lon', 'kyiv')), 5),
    center_lat: round(Number(req(k, 'center_lat', 'kyiv')), 5),
    area_km2: round(turfArea(kyivGeom) / 1e6, 1),
    n_settlements: 1,
    pop_total: Number(req(k, 'pop_total_2022', 'kyiv')),
    pop_urban: Number(req(k, 'pop_urban_2022', 'kyiv')),
    pop_rural: Number(req(k, 'pop_rural_2022', 'kyiv')),
    occupied_before_2022: 0,
    status: 'none',
    polygon_id: kyivPolygon,
    center_katottg: '',
  });

  hromadas.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = new Set(hromadas.map((h) => h.code));
  if (codes.size !== hromadas.length) throw new Error(`${FILE}: duplicate hromada codes`);
  const pids = new Set(hromadas.map((h) => h.polygon_id));
  if (pids.size !== hromadas.length)
    throw new Error(`${FILE}: two hromadas still share a polygon after the centre-point fix`);

  const geometries = hromadas.map((h) => byId.get(h.polygon_id)!);
  const noData = [CRIMEA_POLYGON_ID, SEVASTOPOL_POLYGON_ID].map((id) => {
    const f = polys.features.find((x) => x.properties?.['id'] === id);
    if (!f) throw new Error(`hromady.geojson: polygon ${id} (Crimea/Sevastopol) missing`);
    const name = id === CRIMEA_POLYGON_ID ? 'Автономна Республіка Крим' : 'Севастополь';
    return { polygonId: id, name, geometry: byId.get(id)! };
  });
  for (const nd of noData)
    if (pids.has(nd.polygonId)) throw new Error(`polygon ${nd.polygonId} is both a hromada and no-data`);
  return { hromadas, geometries, noData, reassigned, index: new PolygonIndex(geometries) };
}
