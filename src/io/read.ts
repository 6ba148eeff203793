/**
 * File bytes/text → records of canonical fields, for CSV, GeoJSON and the formats read first into rows (XLSX) or
 * features (shapefile, KML/KMZ; see ./binary.ts) alike. Handles size, emptiness, binary files, encodings,
 * delimiters, header aliases and GeoJSON structure. Never throws.
 */
import type { Feature, Geometry } from 'geojson';
import { acceptedHeaders, headerMap, type Field } from './aliases';
import { isParsed, openInput } from './binary';
import { isFileError as isOpenError } from './result';
import { readCsv, type CsvTable } from './csv';
import { decodeBytes, looksBinary, MAX_FILE_BYTES } from './text';
import type { FileError, FileKind, ImportInput, ImportResult, ParsedTable, RowIssue } from './types';

/** One input row with its fields mapped. */
export interface InRecord {
  row: number;
  raw: Record<string, string>;
  values: Partial<Record<Field, string>>;
  /** GeoJSON only: the feature's geometry (undefined for CSV). */
  geometry?: Geometry | null;
}

export type Detected = ImportResult<unknown>['detected'];

export interface ReadOutcome {
  fileError: FileError | null;
  records: InRecord[];
  /** Rows rejected while reading (wrong geometry, wrong field count). */
  rejected: RowIssue[];
  detected: Detected;
}

export interface PreparedText {
  text: string;
  encoding: string;
  format: 'csv' | 'geojson';
  /** Parsed JSON when format is geojson. */
  json?: unknown;
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function extOf(fileName: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName.trim());
  return m ? (m[1] ?? '').toLowerCase() : '';
}

/** Decode and classify a file as CSV or GeoJSON, or say what is wrong with it. */
export function prepareText(input: Uint8Array | string, fileName: string): PreparedText | FileError {
  let text: string;
  let encoding: string;
  if (typeof input === 'string') {
    if (input.length > MAX_FILE_BYTES) return { code: 'too_large', detail: `${fileName} is over 100 MB` };
    text = input.replace(/^\uFEFF/, '');
    encoding = 'text';
  } else {
    if (input.byteLength > MAX_FILE_BYTES) {
      return {
        code: 'too_large',
        detail: `${fileName} is ${(input.byteLength / 1048576).toFixed(1)} MB; the limit is 100 MB`,
      };
    }
    if (input.byteLength === 0) return { code: 'empty', detail: `${fileName} is empty (0 bytes)` };
    const binary = looksBinary(input);
    if (binary && input[0] === 0xd0 && input[1] === 0xcf) {
      return {
        code: 'xlsx_not_supported',
        detail: `${fileName} is an old Excel .xls (or a password-protected) workbook; save it as .xlsx or CSV`,
      };
    }
    if (binary) return { code: 'not_csv_or_geojson', detail: `${fileName} is ${binary}, not CSV or GeoJSON text` };
    const dec = decodeBytes(input);
    text = dec.text;
    encoding = dec.encoding;
  }
  const trimmed = text.trimStart();
  if (trimmed.trim() === '') return { code: 'empty', detail: `${fileName} has no content` };
  const ext = extOf(fileName);
  const first = trimmed[0];
  if (first === '{' || first === '[' || ext === 'geojson' || ext === 'json') {
    try {
      return { text, encoding, format: 'geojson', json: JSON.parse(trimmed) as unknown };
    } catch (e) {
      return { code: 'invalid_json', detail: `${fileName}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (first === '<') {
    return { code: 'not_csv_or_geojson', detail: `${fileName} looks like XML/HTML (KML, GPX?), not CSV or GeoJSON` };
  }
  if (['shp', 'shx', 'dbf', 'prj'].includes(ext)) {
    return {
      code: 'not_csv_or_geojson',
      detail: `${fileName}: a shapefile is read as one .zip holding its .shp, .shx, .dbf, .prj (and .cpg); zip them and import the .zip`,
    };
  }
  if (['xls', 'ods'].includes(ext)) {
    return { code: 'xlsx_not_supported', detail: `${fileName}: .${ext} workbooks are not read; save as .xlsx or CSV` };
  }
  if (['kml', 'kmz', 'gpx', 'xlsx', 'pdf', 'docx', 'zip'].includes(ext)) {
    return { code: 'not_csv_or_geojson', detail: `${fileName}: .${ext} file not recognised; save as CSV, XLSX or GeoJSON` };
  }
  return { text, encoding, format: 'csv' };
}

function isFileError(x: PreparedText | FileError): x is FileError {
  return 'code' in x;
}

/** Stringify a GeoJSON property value for `raw` and field mapping. */
export function propString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** GeoJSON root → features, or a file error. */
export function featuresOf(json: unknown, fileName: string): unknown[] | FileError {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { code: 'not_csv_or_geojson', detail: `${fileName}: JSON but not GeoJSON (no "type": "FeatureCollection")` };
  }
  const o = json as Record<string, unknown>;
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features)) {
      return { code: 'not_csv_or_geojson', detail: `${fileName}: FeatureCollection without a "features" array` };
    }
    return o.features as unknown[];
  }
  if (o.type === 'Feature') return [o];
  if (typeof o.type === 'string' && GEOMETRY_TYPES.has(o.type))
    return [{ type: 'Feature', geometry: o, properties: {} }];
  return { code: 'not_csv_or_geojson', detail: `${fileName}: JSON but not GeoJSON (type ${JSON.stringify(o.type)})` };
}

function hasRequired(kind: FileKind, have: Partial<Record<Field, unknown>>, geojson: boolean): string | null {
  const has = (f: Field): boolean => have[f] !== undefined;
  switch (kind) {
    case 'facilities':
      if (geojson) return null;
      if ((has('lat') && has('lon')) || has('katottg') || has('settlement') || has('hromada')) return null;
      return 'needs lat and lon columns, or a KATOTTG code, settlement or hromada column';
    case 'settlements':
      if (!geojson && !((has('lat') && has('lon')) || has('katottg') || has('name'))) {
        return 'needs lat and lon columns, or a KATOTTG code or name column';
      }
      if (!has('population')) return 'needs a population column';
      return null;
    case 'matrix':
      if (has('facility_id') && has('demand_id') && (has('minutes') || has('seconds'))) return null;
      return 'needs facility_id, demand_id and minutes columns';
    case 'boundaries':
      return null;
    case 'territory':
      if (has('katottg') || has('hromada')) return null;
      return 'needs a KATOTTG code column (Код КАТОТТГ / katottg)';
  }
}

/**
 * Read a file into records for one kind. For GeoJSON, features whose geometry is not a Point (facilities,
 * settlements) are rejected with `wrong_geometry`; a file of only such features is a `wrong_geometry_type` error.
 */
export function readRecords(input: ImportInput, fileName: string, kind: FileKind): ReadOutcome {
  const detected: Detected = {};
  const fail = (fileError: FileError): ReadOutcome => ({ fileError, records: [], rejected: [], detected });
  const opened = openInput(input, fileName);
  if (isOpenError(opened)) return fail(opened);
  if (isParsed(opened)) {
    detected.format = opened.format;
    if (opened.parsed === 'table') {
      detected.sheet = opened.sheet;
      detected.sheets = opened.sheets;
      if (kind === 'boundaries') {
        return fail({
          code: 'not_csv_or_geojson',
          detail: `${fileName}: boundaries must be polygons (GeoJSON, a zipped shapefile or KML), not a table`,
        });
      }
      return readTableRecords(opened, fileName, kind, detected);
    }
    if (opened.encoding) detected.encoding = opened.encoding;
    if (opened.crs) detected.crs = opened.crs;
    if (kind === 'matrix' || kind === 'territory') {
      return fail({
        code: 'not_csv_or_geojson',
        detail: `${fileName}: a ${kind === 'matrix' ? 'travel-time matrix' : 'territory-status list'} must be a table (CSV or XLSX), not ${opened.format === 'shapefile' ? 'a shapefile' : 'KML'}`,
      });
    }
    if (opened.features.length === 0) return fail({ code: 'empty', detail: `${fileName} has no features` });
    return readFeatureRecords(opened.features, fileName, kind, detected);
  }
  const prep = prepareText(opened, fileName);
  if (isFileError(prep)) return fail(prep);
  detected.encoding = prep.encoding;
  detected.format = prep.format;
  if (prep.format === 'csv') {
    if (kind === 'boundaries') {
      return fail({
        code: 'not_csv_or_geojson',
        detail: `${fileName}: boundaries must be polygons (GeoJSON, a zipped shapefile or KML), not CSV`,
      });
    }
    const table = readCsv(prep.text);
    detected.delimiter = table.delimiter;
    return readTableRecords(table, fileName, kind, detected);
  }
  if (kind === 'matrix') {
    return fail({
      code: 'not_csv_or_geojson',
      detail: `${fileName}: a travel-time matrix must be CSV (facility_id,demand_id,minutes)`,
    });
  }
  if (kind === 'territory') {
    return fail({
      code: 'not_csv_or_geojson',
      detail: `${fileName}: a territory-status list must be CSV (katottg,status,start_date,end_date)`,
    });
  }
  const feats = featuresOf(prep.json, fileName);
  if (!Array.isArray(feats)) return fail(feats);
  if (feats.length === 0) return fail({ code: 'empty', detail: `${fileName}: the FeatureCollection has no features` });
  return readFeatureRecords(feats, fileName, kind, detected);
}

/**
 * The start every row importer shares: the file read into records for `kind`, and the result those rows go into
 * (its file error, the rows rejected while reading, and how the file was read already filled in).
 */
export function readForImport<T>(
  input: ImportInput,
  fileName: string,
  kind: FileKind,
): { records: InRecord[]; result: ImportResult<T> } {
  const read = readRecords(input, fileName, kind);
  return {
    records: read.records,
    result: {
      fileName,
      kind,
      fileError: read.fileError,
      rows: [],
      rejected: read.rejected,
      flagged: [],
      detected: read.detected,
    },
  };
}

function rawOf(cells: readonly string[], keys: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < cells.length; i++) raw[keys[i] ?? `extra_${i + 1 - keys.length}`] = cells[i] ?? '';
  return raw;
}

/** A CSV record whose `raw` object is built only when asked (rejected or flagged rows), to spare 100k objects. */
class CsvRecord implements InRecord {
  private rawCache: Record<string, string> | null = null;
  constructor(
    readonly row: number,
    private readonly cells: readonly string[],
    private readonly keys: readonly string[],
    readonly values: Partial<Record<Field, string>>,
  ) {}
  get raw(): Record<string, string> {
    this.rawCache ??= rawOf(this.cells, this.keys);
    return this.rawCache;
  }
}

/**
 * Header + records (CSV or an XLSX sheet) → records. A CSV row with more filled fields than the header is rejected
 * (unquoted decimal commas?); in a sheet, cells beyond the header are kept in `raw` as `column_N`.
 */
function readTableRecords(table: CsvTable | ParsedTable, fileName: string, kind: FileKind, detected: Detected): ReadOutcome {
  const sheet = 'parsed' in table;
  detected.blankRows = table.blankRows;
  detected.commentRows = table.commentRows;
  const { headers } = table;
  const { index, columns, unmapped } = headerMap(headers, kind);
  detected.columns = columns;
  detected.unmappedColumns = unmapped;
  const missing = hasRequired(kind, index, false);
  if (missing) {
    return {
      fileError: {
        code: table.records.length === 0 && headers.every((h) => h === '') ? 'empty' : 'no_usable_columns',
        detail: `${fileName}: ${kind} file ${missing}; found columns ${JSON.stringify(headers)}; accepted: ${acceptedHeaders(kind).join(', ')}`,
      },
      records: [],
      rejected: [],
      detected,
    };
  }
  const keys = headers.map((h, i) => (h === '' ? `column_${i + 1}` : h));
  const entries = Object.entries(index) as [Field, number][];
  const records: InRecord[] = [];
  const rejected: RowIssue[] = [];
  for (const { row, cells } of table.records) {
    let lastFilled = cells.length - 1;
    while (lastFilled >= 0 && (cells[lastFilled] ?? '').trim() === '') lastFilled--;
    if (lastFilled >= headers.length && !sheet) {
      rejected.push({
        row,
        code: 'wrong_field_count',
        detail: `row has ${lastFilled + 1} fields but the header has ${headers.length}${
          'delimiter' in table && table.delimiter === ',' ? '; unquoted decimal commas? Quote such values or use semicolons' : ''
        }`,
        raw: rawOf(cells, keys),
        value: String(lastFilled + 1),
        candidates: [String(headers.length)],
      });
      continue;
    }
    const values: Partial<Record<Field, string>> = {};
    for (const [f, i] of entries) values[f] = (cells[i] ?? '').trim();
    records.push(new CsvRecord(row, cells, keys, values));
  }
  detected.dataRows = records.length + rejected.length;
  if (detected.dataRows === 0) {
    const skipped = table.blankRows + table.commentRows;
    return {
      fileError: {
        code: 'empty',
        detail: `${fileName} has a header but no data rows${skipped > 0 ? ` (${skipped} blank or # comment rows)` : ''}`,
      },
      records,
      rejected,
      detected,
    };
  }
  return { fileError: null, records, rejected, detected };
}

function readFeatureRecords(feats: unknown[], fileName: string, kind: FileKind, detected: Detected): ReadOutcome {
  // Property names are mapped per feature (features may name them differently), cached by key set.
  const cache = new Map<string, (readonly [Field, string])[]>();
  const columns: Record<string, string> = {};
  const unmappedAll = new Set<string>();
  const allKeys = new Set<string>();
  const fieldKeysOf = (props: Record<string, unknown>): (readonly [Field, string])[] => {
    const keys = Object.keys(props);
    const sig = keys.join('\u0001');
    let fk = cache.get(sig);
    if (!fk) {
      const mapped = headerMap(keys, kind);
      fk = Object.entries(mapped.columns) as [Field, string][];
      for (const [f, k] of fk) columns[f] ??= k;
      for (const u of mapped.unmapped) unmappedAll.add(u);
      for (const k of keys) allKeys.add(k);
      cache.set(sig, fk);
    }
    return fk;
  };
  const propsOf = (f: unknown): Record<string, unknown> => {
    const p = (f as Partial<Feature> | null)?.properties;
    return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
  };
  for (const f of feats) fieldKeysOf(propsOf(f));
  detected.columns = columns;
  detected.unmappedColumns = [...unmappedAll].filter((k) => !Object.values(columns).includes(k));
  const missing = hasRequired(kind, columns as Partial<Record<Field, unknown>>, true);
  if (missing) {
    return {
      fileError: {
        code: 'no_usable_columns',
        detail: `${fileName}: ${kind} features ${missing.replace('column', 'property')}; found properties ${JSON.stringify([...allKeys])}`,
      },
      records: [],
      rejected: [],
      detected,
    };
  }
  const wantPoint = kind === 'facilities' || kind === 'settlements';
  const records: InRecord[] = [];
  const rejected: RowIssue[] = [];
  const wrongTypes = new Map<string, number>();
  feats.forEach((f, i) => {
    const row = i + 1;
    const feature = f as Partial<Feature> | null;
    const props = propsOf(feature);
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) raw[k] = propString(v);
    const geometry = feature && typeof feature === 'object' ? feature.geometry : undefined;
    if (geometry && typeof geometry === 'object' && 'coordinates' in geometry) {
      const c = propString(geometry.coordinates);
      raw.geometry = c.length > 200 ? `${geometry.type} (${c.length} characters)` : c;
    }
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
      rejected.push({ row, code: 'wrong_geometry', detail: `feature ${row} is not a GeoJSON Feature`, raw });
      return;
    }
    const gtype = geometry && typeof geometry === 'object' ? String((geometry as { type?: unknown }).type) : 'null';
    const ok = wantPoint
      ? geometry === null || geometry === undefined || gtype === 'Point'
      : gtype === 'Polygon' || gtype === 'MultiPolygon';
    if (!ok) {
      wrongTypes.set(gtype, (wrongTypes.get(gtype) ?? 0) + 1);
      rejected.push({
        row,
        code: 'wrong_geometry',
        detail: `geometry is ${gtype}; ${kind} need ${wantPoint ? 'Point' : 'Polygon or MultiPolygon'}`,
        raw,
        value: gtype,
        candidates: wantPoint ? ['Point'] : ['Polygon', 'MultiPolygon'],
      });
      return;
    }
    const values: Partial<Record<Field, string>> = {};
    for (const [field, key] of fieldKeysOf(props)) values[field] = propString(props[key]).trim();
    records.push({ row, raw, values, geometry: (geometry ?? null) as Geometry | null });
  });
  detected.dataRows = records.length + rejected.length;
  if (records.length === 0 && wrongTypes.size > 0 && rejected.every((r) => r.code === 'wrong_geometry')) {
    const found = [...wrongTypes].map(([t, n]) => `${n} × ${t}`).join(', ');
    const hint = wantPoint
      ? wrongTypes.has('Polygon') || wrongTypes.has('MultiPolygon')
        ? ' — is this a boundaries file?'
        : ''
      : wrongTypes.has('Point')
        ? ' — is this a facilities or settlements file?'
        : '';
    return {
      fileError: {
        code: 'wrong_geometry_type',
        detail: `${fileName}: ${kind} need ${wantPoint ? 'Point' : 'Polygon/MultiPolygon'} features; found ${found}${hint}`,
      },
      records,
      rejected,
      detected,
    };
  }
  return { fileError: null, records, rejected, detected };
}
