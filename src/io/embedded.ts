/**
 * Parsing of the bundled data in public/geo (written by scripts/data/build.ts, described in docs/data-format.md)
 * into engine structures. Pure: no fetch, no fs. The embedded files are ours, so malformed data is a bug, not a
 * user error: it throws an `EmbeddedDataError` naming the file and the field.
 */
import {
  DEMAND_KINDS,
  DERIVATIONS,
  FACILITY_TYPES,
  PLACE_SOURCES,
  SETTLEMENT_CATEGORIES,
  TERRITORY_STATUSES,
  type CityFootprint,
  type DemandTable,
  type Facility,
  type FacilityPlacement,
  type FacilityStatus,
  type FacilityType,
  type HromadaTable,
} from '../engine/types';

/** File names in public/geo. */
export const EMBEDDED_FILES = {
  hromadas: 'hromadas.geojson',
  demand: 'demand.json',
  facilities: 'facilities.geojson',
  oblasts: 'oblasts.geojson',
  raions: 'raions.geojson',
  border: 'border.geojson',
  noData: 'no_data.geojson',
  attribution: 'attribution.json',
  manifest: 'manifest.json',
  /** Loaded on demand (community panel), not at start. */
  unlocated: 'unlocated.json',
} as const;

/** Thrown on malformed embedded data; `file` and `field` say where. */
export class EmbeddedDataError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'EmbeddedDataError';
  }
}

export interface EmbeddedInput {
  /** hromadas.geojson, parsed JSON. */
  hromadas: unknown;
  /** demand.json, parsed JSON. */
  demand: unknown;
  /** facilities.geojson, parsed JSON. */
  facilities: unknown;
}

export interface Embedded {
  hromadas: HromadaTable;
  demand: DemandTable;
  facilities: Facility[];
}

/** Settlements without coordinates of one hromada: [katottg, name, category]. unlocated.json maps hromada code → these. */
export type UnlocatedFile = Record<string, [string, string, string][]>;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function features(file: string, fc: unknown): Obj[] {
  if (!isObj(fc) || fc['type'] !== 'FeatureCollection')
    throw new EmbeddedDataError(file, 'type', 'not a FeatureCollection');
  const fs = fc['features'];
  if (!Array.isArray(fs)) throw new EmbeddedDataError(file, 'features', 'not an array');
  return fs.map((f, i) => {
    if (!isObj(f) || !isObj(f['properties'])) throw new EmbeddedDataError(file, `features[${i}].properties`, 'missing');
    return f;
  });
}

function str(file: string, where: string, o: Obj, key: string): string {
  const v = o[key];
  if (typeof v !== 'string')
    throw new EmbeddedDataError(file, `${where}.${key}`, `expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function numField(file: string, where: string, o: Obj, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new EmbeddedDataError(file, `${where}.${key}`, `expected a finite number, got ${JSON.stringify(v)}`);
  return v;
}

/** hromadas.geojson → HromadaTable (feature order = hromada index). */
export function parseHromadas(fc: unknown, file: string = EMBEDDED_FILES.hromadas): HromadaTable {
  const fs = features(file, fc);
  const n = fs.length;
  const t: HromadaTable = {
    count: n,
    codes: [],
    names: [],
    namesEn: [],
    types: [],
    raions: [],
    oblasts: [],
    oblastsEn: [],
    centerLon: new Float64Array(n),
    centerLat: new Float64Array(n),
    areaKm2: new Float64Array(n),
    popTotal: new Float64Array(n),
    popUrban: new Float64Array(n),
    popRural: new Float64Array(n),
    status: new Uint8Array(n),
  };
  const seen = new Set<string>();
  fs.forEach((f, i) => {
    const p = f['properties'] as Obj;
    const w = `features[${i}].properties`;
    const code = str(file, w, p, 'code');
    if (seen.has(code)) throw new EmbeddedDataError(file, `${w}.code`, `duplicate code ${code}`);
    seen.add(code);
    const g = f['geometry'];
    if (!isObj(g) || (g['type'] !== 'Polygon' && g['type'] !== 'MultiPolygon') || !Array.isArray(g['coordinates']))
      throw new EmbeddedDataError(file, `features[${i}].geometry`, 'expected a Polygon or MultiPolygon');
    t.codes.push(code);
    t.names.push(str(file, w, p, 'name'));
    t.namesEn.push(str(file, w, p, 'name_en'));
    t.types.push(str(file, w, p, 'type'));
    t.raions.push(str(file, w, p, 'raion'));
    t.oblasts.push(str(file, w, p, 'oblast'));
    t.oblastsEn.push(str(file, w, p, 'oblast_en'));
    t.centerLon[i] = numField(file, w, p, 'center_lon');
    t.centerLat[i] = numField(file, w, p, 'center_lat');
    t.areaKm2[i] = numField(file, w, p, 'area_km2');
    t.popTotal[i] = numField(file, w, p, 'pop_total');
    t.popUrban[i] = numField(file, w, p, 'pop_urban');
    t.popRural[i] = numField(file, w, p, 'pop_rural');
    // `status` (TERRITORY_STATUSES): always written by `npm run data`; absent (a hromada added by an imported
    // boundary file) means 'none'. An unknown value is rejected.
    const st = p['status'];
    if (st !== undefined) {
      const k = (TERRITORY_STATUSES as readonly unknown[]).indexOf(st);
      if (k < 0)
        throw new EmbeddedDataError(
          file,
          `${w}.status`,
          `expected one of ${TERRITORY_STATUSES.join('/')}, got ${JSON.stringify(st)}`,
        );
      t.status[i] = k;
    }
  });
  return t;
}

/** The built-in territory list named in manifest.json → territory (what it is and the date of its edition). */
export interface TerritoryMeta {
  list: string;
  /** ISO date (YYYY-MM-DD) of the list edition the statuses come from. */
  date: string;
}

/** manifest.json → the built-in territory list's name and date (`territory.list`, `territory.date`). */
export function parseTerritoryMeta(manifest: unknown, file: string = EMBEDDED_FILES.manifest): TerritoryMeta {
  if (!isObj(manifest)) throw new EmbeddedDataError(file, '(root)', 'not an object');
  const t = manifest['territory'];
  if (!isObj(t)) throw new EmbeddedDataError(file, 'territory', 'missing');
  const list = str(file, 'territory', t, 'list');
  const date = str(file, 'territory', t, 'date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new EmbeddedDataError(file, 'territory.date', `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return { list, date };
}

/** A column: an array, or a typed array (demand.json's numbers as src/io/column-binary.ts decodes them). */
function column(file: string, d: Obj, key: string, n: number): ArrayLike<unknown> {
  const v = d[key];
  const isTyped = ArrayBuffer.isView(v) && !(v instanceof DataView);
  if (!Array.isArray(v) && !isTyped) throw new EmbeddedDataError(file, key, 'not an array');
  const len = (v as ArrayLike<unknown>).length;
  if (len !== n) throw new EmbeddedDataError(file, key, `has ${len} entries, expected ${n} (length of "id")`);
  return v as ArrayLike<unknown>;
}

function codeColumn<T extends string>(file: string, d: Obj, key: string, n: number, allowed: readonly T[]): Uint8Array {
  const out = new Uint8Array(n);
  const col = column(file, d, key, n);
  for (let i = 0; i < n; i++) {
    const v = col[i];
    const k = allowed.indexOf(v as T);
    if (k < 0)
      throw new EmbeddedDataError(
        file,
        `${key}[${i}]`,
        `expected one of ${allowed.join('/')}, got ${JSON.stringify(v)}`,
      );
    out[i] = k;
  }
  return out;
}

function numberColumn(file: string, d: Obj, key: string, n: number): Float64Array {
  const out = new Float64Array(n);
  const col = column(file, d, key, n);
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new EmbeddedDataError(file, `${key}[${i}]`, `expected a finite number, got ${JSON.stringify(v)}`);
    out[i] = v;
  }
  return out;
}

function stringColumn(file: string, d: Obj, key: string, n: number): string[] {
  const col = column(file, d, key, n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (typeof v !== 'string')
      throw new EmbeddedDataError(file, `${key}[${i}]`, `expected a string, got ${JSON.stringify(v)}`);
    out[i] = v;
  }
  return out;
}

/**
 * demand.json → DemandTable. `hromadaCodes` in the file must equal the hromada table's codes in order, so that the
 * `hromada` column indexes the HromadaTable.
 */
export function parseDemand(
  json: unknown,
  hromadaCodes: readonly string[],
  file: string = EMBEDDED_FILES.demand,
): DemandTable {
  if (!isObj(json)) throw new EmbeddedDataError(file, '(root)', 'not an object');
  if (json['version'] !== 2)
    throw new EmbeddedDataError(file, 'version', `expected 2, got ${JSON.stringify(json['version'])}`);
  const codes = json['hromadaCodes'];
  if (!Array.isArray(codes) || codes.length !== hromadaCodes.length || codes.some((c, i) => c !== hromadaCodes[i]))
    throw new EmbeddedDataError(
      file,
      'hromadaCodes',
      `does not match the ${hromadaCodes.length} codes of hromadas.geojson in order`,
    );
  const idCol = json['id'];
  if (!Array.isArray(idCol)) throw new EmbeddedDataError(file, 'id', 'not an array');
  const n = idCol.length;
  const ids = stringColumn(file, json, 'id', n);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new EmbeddedDataError(file, `id[${i}]`, `duplicate id ${id}`);
    seen.add(id);
  });
  const hromada = new Int32Array(n);
  numberColumn(file, json, 'hromada', n).forEach((h, i) => {
    if (!Number.isInteger(h) || h < -1 || h >= hromadaCodes.length)
      throw new EmbeddedDataError(file, `hromada[${i}]`, `index ${h} out of range`);
    hromada[i] = h;
  });
  const urban = new Uint8Array(n);
  numberColumn(file, json, 'urban', n).forEach((u, i) => {
    if (u !== 0 && u !== 1) throw new EmbeddedDataError(file, `urban[${i}]`, `expected 0 or 1, got ${u}`);
    urban[i] = u;
  });
  const population = numberColumn(file, json, 'population', n);
  population.forEach((p, i) => {
    if (p < 0) throw new EmbeddedDataError(file, `population[${i}]`, `negative (${p})`);
  });
  stringColumn(file, json, 'category', n);
  const kind = codeColumn(file, json, 'kind', n, DEMAND_KINDS);
  const derivation = codeColumn(file, json, 'derivation', n, DERIVATIONS);
  const place = codeColumn(file, json, 'place', n, PLACE_SOURCES);
  const cities = parseCities(file, json['cities'], hromadaCodes.length);
  const city = new Int32Array(n);
  const cityPop = new Float64Array(cities.length);
  const cityCells = new Int32Array(cities.length);
  const cityDerivations = [DERIVATIONS.indexOf('city_polygon'), DERIVATIONS.indexOf('city_footprint')];
  numberColumn(file, json, 'city', n).forEach((c, i) => {
    if (!Number.isInteger(c) || c < -1 || c >= cities.length)
      throw new EmbeddedDataError(file, `city[${i}]`, `index ${c} out of range (${cities.length} cities)`);
    const isCityCell = cityDerivations.includes(derivation[i]!);
    if ((c >= 0) !== isCityCell)
      throw new EmbeddedDataError(
        file,
        `city[${i}]`,
        c >= 0 ? 'a city index on a unit that is not a city cell' : 'a city cell without a city index',
      );
    if (c >= 0) {
      if (hromada[i] !== cities[c]!.hromada)
        throw new EmbeddedDataError(file, `city[${i}]`, `cell in hromada ${hromada[i]}, city ${c} in ${cities[c]!.hromada}`);
      cityPop[c]! += population[i]!;
      cityCells[c]!++;
    }
    city[i] = c;
  });
  cities.forEach((c, k) => {
    if (cityPop[k] !== c.population || cityCells[k] !== c.cells)
      throw new EmbeddedDataError(
        file,
        `cities[${k}]`,
        `population ${c.population} in ${c.cells} cells, the cells hold ${cityPop[k]} in ${cityCells[k]}`,
      );
  });
  return {
    count: n,
    ids,
    names: stringColumn(file, json, 'name', n),
    lon: numberColumn(file, json, 'lon', n),
    lat: numberColumn(file, json, 'lat', n),
    population,
    urban,
    kind,
    derivation,
    hromada,
    areaKm2: numberColumn(file, json, 'areaKm2', n),
    place,
    city,
    cities,
  };
}

const FOOTPRINTS: readonly CityFootprint['footprint'][] = ['hromada_polygon', 'assumed_disk'];

/** demand.json → `cities`: the cities of 50,000+ spread as cells. */
function parseCities(file: string, v: unknown, hromadaCount: number): CityFootprint[] {
  if (!Array.isArray(v)) throw new EmbeddedDataError(file, 'cities', 'not an array');
  const seen = new Set<string>();
  return v.map((c, k): CityFootprint => {
    const w = `cities[${k}]`;
    if (!isObj(c)) throw new EmbeddedDataError(file, w, 'not an object');
    const id = str(file, w, c, 'id');
    if (seen.has(id)) throw new EmbeddedDataError(file, `${w}.id`, `duplicate id ${id}`);
    seen.add(id);
    const category = str(file, w, c, 'category');
    if (!(SETTLEMENT_CATEGORIES as readonly string[]).includes(category))
      throw new EmbeddedDataError(file, `${w}.category`, `unknown category ${category}`);
    const footprint = str(file, w, c, 'footprint');
    if (!(FOOTPRINTS as readonly string[]).includes(footprint))
      throw new EmbeddedDataError(file, `${w}.footprint`, `expected one of ${FOOTPRINTS.join('/')}, got ${footprint}`);
    const hromada = numField(file, w, c, 'hromada');
    if (!Number.isInteger(hromada) || hromada < 0 || hromada >= hromadaCount)
      throw new EmbeddedDataError(file, `${w}.hromada`, `index ${hromada} out of range`);
    const population = numField(file, w, c, 'population');
    const cells = numField(file, w, c, 'cells');
    const radiusKm = numField(file, w, c, 'radiusKm');
    const areaKm2 = numField(file, w, c, 'areaKm2');
    if (population < 0 || !Number.isInteger(cells) || cells < 1 || radiusKm < 0 || areaKm2 < 0)
      throw new EmbeddedDataError(file, w, 'negative population, radius or area, or no cell');
    return {
      id,
      name: str(file, w, c, 'name'),
      category: category as CityFootprint['category'],
      lon: numField(file, w, c, 'lon'),
      lat: numField(file, w, c, 'lat'),
      population,
      hromada,
      footprint: footprint as CityFootprint['footprint'],
      radiusKm,
      cells,
      areaKm2,
    };
  });
}

const STATUSES: readonly FacilityStatus[] = ['opened', 'planned'];
const PLACEMENTS: readonly FacilityPlacement[] = ['settlement', 'hromada_centre', 'illustrative', 'user'];

/** facilities.geojson → Facility[] (file order). */
export function parseFacilities(fc: unknown, file: string = EMBEDDED_FILES.facilities): Facility[] {
  const seen = new Set<string>();
  return features(file, fc).map((f, i) => {
    const p = f['properties'] as Obj;
    const w = `features[${i}].properties`;
    const g = f['geometry'];
    const c = isObj(g) && g['type'] === 'Point' ? g['coordinates'] : undefined;
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number')
      throw new EmbeddedDataError(file, `features[${i}].geometry`, 'expected a Point with [lon, lat]');
    const id = str(file, w, p, 'id');
    if (seen.has(id)) throw new EmbeddedDataError(file, `${w}.id`, `duplicate id ${id}`);
    seen.add(id);
    const type = str(file, w, p, 'type');
    if (!(FACILITY_TYPES as readonly string[]).includes(type))
      throw new EmbeddedDataError(file, `${w}.type`, `unknown type ${type}`);
    const status = str(file, w, p, 'status');
    if (!(STATUSES as readonly string[]).includes(status))
      throw new EmbeddedDataError(file, `${w}.status`, `unknown status ${status}`);
    const placement = str(file, w, p, 'placement');
    if (!(PLACEMENTS as readonly string[]).includes(placement))
      throw new EmbeddedDataError(file, `${w}.placement`, `unknown placement ${placement}`);
    const hc = p['hromada_code'];
    if (hc !== null && typeof hc !== 'string')
      throw new EmbeddedDataError(file, `${w}.hromada_code`, 'expected a string or null');
    return {
      id,
      name: str(file, w, p, 'name'),
      type: type as FacilityType,
      status: status as FacilityStatus,
      lon: c[0],
      lat: c[1],
      hromadaCode: hc,
      source: str(file, w, p, 'source'),
      sourceUrl: str(file, w, p, 'source_url'),
      placement: placement as FacilityPlacement,
      note: str(file, w, p, 'note'),
    };
  });
}

/**
 * Parse the three start-up files into engine structures.
 * @example const { hromadas, demand, facilities } = parseEmbedded({ hromadas: hj, demand: dj, facilities: fj });
 */
export function parseEmbedded(input: EmbeddedInput): Embedded {
  const hromadas = parseHromadas(input.hromadas);
  const demand = parseDemand(input.demand, hromadas.codes);
  const facilities = parseFacilities(input.facilities);
  return { hromadas, demand, facilities };
}
