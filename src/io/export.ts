/**
 * Pure string builders for downloads: CSV (UTF-8 with BOM so Excel opens Cyrillic), facilities as CSV and GeoJSON
 * with attribution and estimated/illustrative marks, and the rejected-rows CSV.
 */
import type { Facility } from '../engine/types';
import type { ImportResult } from './types';

export type CsvColumn<T> = (keyof T & string) | { key: string; header?: string; value?: (row: T) => unknown };

export interface CsvOptions {
  /** Prefix U+FEFF so Excel reads UTF-8. Default true. */
  bom?: boolean;
  /** Default ','. */
  delimiter?: string;
  /** Line end; default '\r\n' (RFC 4180). */
  eol?: string;
  /** Lines written after the rows as `# text` comments (attribution, notes). Our importers skip them. */
  comments?: readonly string[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v) ?? '';
}

/**
 * Quote one CSV field (RFC 4180). Text opening with `=`, `+`, `@`, tab or CR, or `-` not followed by a digit,
 * gets a leading `'` so spreadsheets do not run it as a formula (CSV injection).
 */
export function csvField(v: unknown, delimiter = ','): string {
  let s = cellText(v);
  if (typeof v === 'string' && /^([=+@\t\r]|-(?![\d.]))/.test(s)) s = `'${s}`;
  if (s.includes('"') || s.includes(delimiter) || s.includes('\n') || s.includes('\r') || /^\s|\s$/.test(s)) {
    return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}

/**
 * Rows → CSV text. Columns are keys of the rows, or `{ key, header, value }`.
 * @example toCsv([{ id: 'a', name: 'Суми' }], ['id', 'name']) // '\uFEFFid,name\r\na,Суми\r\n'
 */
export function toCsv<T extends object>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  opts: CsvOptions = {},
): string {
  const d = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\r\n';
  const cols = columns.map((c) => (typeof c === 'string' ? { key: c, header: c, value: undefined } : c));
  const lines: string[] = [cols.map((c) => csvField(c.header ?? c.key, d)).join(d)];
  for (const row of rows) {
    lines.push(cols.map((c) => csvField(c.value ? c.value(row) : (row as Record<string, unknown>)[c.key], d)).join(d));
  }
  for (const c of opts.comments ?? []) lines.push(csvField(`# ${c.replace(/[\r\n]+/g, ' ')}`, d));
  return (opts.bom === false ? '' : '\uFEFF') + lines.join(eol) + eol;
}

/** True when a facility's point or existence is assumed or estimated rather than taken from a source. */
export function isEstimated(f: Facility): boolean {
  return f.placement !== 'user';
}

const FACILITY_COLUMNS: CsvColumn<Facility>[] = [
  'id',
  'name',
  'type',
  'status',
  { key: 'lat' },
  { key: 'lon' },
  { key: 'hromada_code', value: (f) => f.hromadaCode ?? '' },
  'placement',
  { key: 'illustrative', value: (f) => f.placement === 'illustrative' },
  { key: 'estimated_location', value: (f) => f.placement === 'settlement' || f.placement === 'hromada_centre' },
  'source',
  { key: 'source_url', value: (f) => f.sourceUrl },
  'note',
];

export interface ExportMeta {
  /** Attribution lines of the data sources (public/geo/attribution.json). */
  attribution: readonly string[];
  /** ISO time of the export; default now. */
  generatedAt?: string;
}

const PLACEMENT_NOTE =
  'placement: settlement = point of the settlement, not the station address; hromada_centre = centre of the hromada; illustrative = assumed unit, not from a source';

/**
 * Facilities → CSV (UTF-8 BOM) with the columns the importers read back, `illustrative` and `estimated_location`
 * marks, and `#` comment lines carrying the attribution.
 */
export function facilitiesToCsv(facilities: readonly Facility[], meta: ExportMeta): string {
  return toCsv(facilities, FACILITY_COLUMNS, {
    comments: [
      `Покриття громад / Hromada Coverage export ${meta.generatedAt ?? new Date().toISOString()}`,
      PLACEMENT_NOTE,
      ...meta.attribution.map((a) => `Source: ${a}`),
    ],
  });
}

/**
 * Facilities → GeoJSON FeatureCollection text. Each feature carries `placement`, `illustrative` and
 * `estimated_location`; the collection carries `attribution` and `generated_at` foreign members.
 */
export function facilitiesToGeoJson(facilities: readonly Facility[], meta: ExportMeta): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    generated_at: meta.generatedAt ?? new Date().toISOString(),
    attribution: meta.attribution,
    note: PLACEMENT_NOTE,
    features: facilities.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
      properties: {
        id: f.id,
        name: f.name,
        type: f.type,
        status: f.status,
        hromada_code: f.hromadaCode,
        source: f.source,
        source_url: f.sourceUrl,
        placement: f.placement,
        illustrative: f.placement === 'illustrative',
        estimated_location: f.placement === 'settlement' || f.placement === 'hromada_centre',
        note: f.note,
      },
    })),
  });
}

/**
 * The downloadable rejected-rows CSV: `row, code, field, detail`, then the original columns (union, file order).
 * @example rejectedRowsCsv(importFacilities(bytes, 'f.csv', ctx))
 */
export function rejectedRowsCsv(result: Pick<ImportResult<unknown>, 'rejected'>, opts: CsvOptions = {}): string {
  const originals: string[] = [];
  const seen = new Set<string>();
  for (const r of result.rejected) {
    for (const k of Object.keys(r.raw)) {
      if (!seen.has(k)) {
        seen.add(k);
        originals.push(k);
      }
    }
  }
  const fixed = ['row', 'reason', 'field', 'detail'];
  const rows = result.rejected.map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of originals) o[`in:${k}`] = r.raw[k] ?? '';
    o.row = r.row;
    o.reason = r.code;
    o.field = r.field ?? '';
    o.detail = r.detail;
    return o;
  });
  const cols: CsvColumn<Record<string, unknown>>[] = [
    ...fixed,
    ...originals.map((k) => ({ key: `in:${k}`, header: fixed.includes(k) ? `original_${k}` : k })),
  ];
  return toCsv(rows, cols, opts);
}
