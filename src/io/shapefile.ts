/**
 * Zipped ESRI shapefiles → GeoJSON features in WGS84. The .shp and .dbf are parsed by shpjs (parseShp, parseDbf);
 * the .prj (WKT) is read by proj4, which converts every coordinate to WGS84 longitude/latitude, or the file is
 * rejected naming the coordinate system. The .dbf text encoding comes from the .cpg, else the .dbf's language
 * driver byte, else it is detected (valid UTF-8, otherwise Windows-1251, as Ukrainian GIS files usually are).
 * Feature numbers (the row numbers of messages) are the shapefile's record numbers. Never throws.
 */
import type { Feature, Geometry, Position } from 'geojson';
import proj4, { type Converter } from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import { isFileError } from './result';
import type { FileError, ParsedFeatures } from './types';
import { unzip } from './zip';

/**
 * The UCS-2000 (УСК-2000) datum shift to WGS84, EPSG:5840 "UCS-2000 to WGS 84 (2)" (geocentric translations, 1 m),
 * added when a .prj names the datum without TOWGS84 (ESRI's .prj files never carry it; without it points land
 * about 100 m off).
 */
const UCS2000_TOWGS84 = 'TOWGS84[24,-121,-76,0,0,0,0]';

/** The name of the coordinate system a WKT defines (`PROJCS["name", …]`), or its first 60 characters. */
export function crsName(wkt: string): string {
  const m = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|BOUNDCRS|COMPD_CS|COMPOUNDCRS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  return m?.[1] ?? wkt.trim().slice(0, 60);
}

/** A WKT's datum, with the UCS-2000 shift added when missing. */
function withDatumShift(wkt: string): string {
  if (/TOWGS84/i.test(wkt)) return wkt;
  if (!/DATUM\s*\[\s*"(D_)?(Ukraine_2000|UCS[-_ ]?2000)/i.test(wkt)) return wkt;
  return wkt.replace(/(SPHEROID\s*\[[^\]]*\])/i, `$1,${UCS2000_TOWGS84}`);
}

const isWgs84 = (wkt: string): boolean =>
  /^\s*GEOGCS\s*\[\s*"(GCS_)?WGS[ _]?(19)?84"/i.test(wkt) && !/PROJCS/i.test(wkt);

type Convert = (p: Position) => Position;

/** proj4 converters by .prj text (parsing a WKT costs more than converting a small layer), and the WKTs it refused. */
const converters = new Map<string, Converter>();
const failures = new Map<string, string>();

const unreadable = (fileName: string, name: string, why: string): FileError => ({
  code: 'unknown_crs',
  detail: `${fileName}: the coordinate system "${name}" of the .prj cannot be converted to WGS84 (${why}); export the layer in WGS84 (EPSG:4326)`,
});

/** A converter from the .prj's coordinate system to WGS84, or the file error naming it. */
export function converterFor(wkt: string, fileName: string): Convert | null | FileError {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  if (text === '' || isWgs84(text)) return null;
  const name = crsName(text);
  const failed = failures.get(text);
  if (failed !== undefined) return unreadable(fileName, name, failed);
  try {
    let t = converters.get(text);
    if (!t) {
      t = proj4(withDatumShift(text), 'EPSG:4326');
      if (converters.size > 50) converters.clear();
      if (failures.size > 50) failures.clear();
      converters.set(text, t);
    }
    const conv = t;
    return (p) => {
      const [x, y] = conv.forward([p[0] as number, p[1] as number]);
      return [x, y];
    };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    failures.set(text, why);
    return unreadable(fileName, name, why);
  }
}

function mapCoords(g: Geometry, f: Convert): Geometry {
  const ring = (r: Position[]): Position[] => r.map(f);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: ring(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: ring(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(ring) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapCoords(x, f)) };
  }
}

/** The encoding a .cpg names, as a TextDecoder label; null when it names none we know. */
export function cpgEncoding(cpg: string): string | null {
  const s = cpg.replace(/^\uFEFF/, '').trim().toLowerCase();
  if (s === '') return null;
  if (/^utf[-_ ]?8$/.test(s)) return 'utf-8';
  const num = /(\d{3,5})/.exec(s)?.[1];
  if (num === '1251' || num === '866' || num === '1252' || num === '20866') {
    return { '1251': 'windows-1251', '866': 'ibm866', '1252': 'windows-1252', '20866': 'koi8-r' }[num];
  }
  if (/koi8[-_]?u/.test(s)) return 'koi8-u';
  try {
    new TextDecoder(s);
    return s;
  } catch {
    return null;
  }
}

/**
 * The .dbf text encoding: the .cpg's, else the language driver byte (0xC9 Windows-1251, 0x26/0x65 cp866, 0x57 ANSI
 * is no answer), else valid UTF-8, else Windows-1251.
 */
export function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined): string {
  if (cpg) {
    const named = cpgEncoding(new TextDecoder('latin1').decode(cpg));
    if (named) return named;
  }
  const ldid = dbf[29];
  if (ldid === 0xc9) return 'windows-1251';
  if (ldid === 0x26 || ldid === 0x65) return 'ibm866';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(32));
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

function cleanAttrs(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    if (v instanceof Date) out[k] = Number.isNaN(v.getTime()) ? '' : `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
    else if (typeof v === 'number' && !Number.isFinite(v)) out[k] = '';
    else if (typeof v === 'string') out[k] = v.replace(/\0/g, '').trim();
    else out[k] = v;
  }
  return out;
}

const finite = (g: Geometry): boolean => {
  const c = JSON.stringify(g);
  return !/null|NaN|Infinity/.test(c);
};

/**
 * Read a zipped shapefile (the first layer when the archive holds several) into WGS84 features.
 * @example readShapefileZip(bytes, 'units.zip') // { parsed: 'features', format: 'shapefile', features: […], crs: 'UCS-2000 / …' }
 */
export function readShapefileZip(bytes: Uint8Array, fileName: string): ParsedFeatures | FileError {
  const files = unzip(bytes, fileName, (n) => /\.(shp|dbf|prj|cpg)$/.test(n));
  if (isFileError(files)) return files;
  const byBase = new Map<string, Record<string, Uint8Array>>();
  for (const [name, data] of Object.entries(files)) {
    const m = /^(.*)\.(shp|dbf|prj|cpg)$/i.exec(name);
    if (!m) continue;
    const base = (m[1] ?? '').toLowerCase();
    const entry = byBase.get(base) ?? {};
    entry[(m[2] ?? '').toLowerCase()] = data;
    byBase.set(base, entry);
  }
  const layers = [...byBase.entries()].filter(([, e]) => e.shp).sort(([a], [b]) => a.localeCompare(b));
  const first = layers[0];
  if (!first) {
    return {
      code: 'no_layer',
      detail: `${fileName}: the ZIP archive holds no .shp file; put the layer's .shp, .shx, .dbf, .prj (and .cpg) in it`,
    };
  }
  const [base, layer] = first;
  let convert: Convert | null = null;
  let crs: string | undefined;
  if (layer.prj) {
    const wkt = new TextDecoder('utf-8').decode(layer.prj);
    const c = converterFor(wkt, fileName);
    if (c !== null && typeof c === 'object') return c;
    convert = c;
    crs = crsName(wkt);
  }
  let geoms: (Geometry | null)[];
  try {
    geoms = parseShp(layer.shp as Uint8Array);
  } catch (e) {
    return { code: 'damaged_file', detail: `${fileName}: ${base}.shp cannot be read (${e instanceof Error ? e.message : String(e)})` };
  }
  let attrs: Record<string, unknown>[] = [];
  let encoding: string | undefined;
  if (layer.dbf) {
    encoding = dbfEncoding(layer.dbf, layer.cpg);
    try {
      attrs = parseDbf(layer.dbf, encoding);
    } catch (e) {
      return { code: 'damaged_file', detail: `${fileName}: ${base}.dbf cannot be read (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  const n = Math.max(geoms.length, attrs.length);
  if (n === 0) return { code: 'empty', detail: `${fileName}: the shapefile ${base} has no records` };
  const features: Feature<Geometry | null>[] = [];
  let converted = 0;
  let failed = 0;
  for (let i = 0; i < n; i++) {
    let g = geoms[i] ?? null;
    if (g && convert) {
      try {
        g = mapCoords(g, convert);
        if (finite(g)) converted++;
        else failed++;
      } catch {
        failed++;
      }
    }
    features.push({ type: 'Feature', geometry: g, properties: cleanAttrs(attrs[i] ?? {}) });
  }
  if (convert && converted === 0 && failed > 0) {
    return {
      code: 'unknown_crs',
      detail: `${fileName}: no coordinate could be converted from "${crs ?? ''}" to WGS84; export the layer in WGS84 (EPSG:4326)`,
    };
  }
  return {
    parsed: 'features',
    format: 'shapefile',
    features,
    ...(encoding ? { encoding } : {}),
    ...(crs ? { crs } : {}),
  };
}
