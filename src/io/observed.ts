/**
 * A user's file of observed trips (CSV or XLSX) → model-check pairs (src/engine/calibrate.ts), one of two shapes:
 * - trips: `from` and `to` as coordinates (`from_lon, from_lat, to_lon, to_lat`) or as ids (`from_id`, `to_id`: a
 *   facility id or a settlement's KATOTTG code), and `minutes` (or `seconds`); the time is driving only;
 * - dispatch records: `unit_id` (a facility id), the incident point (`incident_lon, incident_lat` or `lon, lat`),
 *   `dispatch_time` and `arrival_time` (ISO 8601 or `dd.mm.yyyy hh:mm`); the time includes the unit type's turnout.
 * Optional `group` (e.g. oblast; default the oblast of the destination settlement) and `class` (urban/rural, 1/0;
 * default the destination settlement's class, else rural, counted). Rows are rejected one by one with the reason
 * (src/io/messages.ts); a file without the columns is a file error. Never throws.
 */
import type { CheckPair } from '../engine/calibrate';
import type { DemandTable, Facility, FacilityType, HromadaTable, ModelParams } from '../engine/types';
import { isParsed, openInput } from './binary';
import { emptyImportContext } from './context';
import { readCsv } from './csv';
import {
  classOf,
  mapColumns,
  missingColumns,
  OBSERVED_ALIASES,
  OBSERVED_FIELDS,
  type ObservedField,
} from './observed-columns';
import { parseDispatchTime } from './observed-time';
import { checkLonLat } from './place';
import { prepareText } from './read';
import { guard, isFileError } from './result';
import { normalizeCode, parseNumber } from './text';
import type { ImportContext, ImportInput, ImportResult, RowIssue, RowIssueCode } from './types';

export { OBSERVED_ALIASES, OBSERVED_FIELDS, type ObservedField } from './observed-columns';

/** A facility or a place an id in the file can name. */
export interface ObservedPlace {
  lon: number;
  lat: number;
  /** Class of a settlement (1 city/smt); undefined for a facility. */
  urban?: 0 | 1;
  /** Group (oblast) of the point, '' when unknown. */
  group: string;
  /** Facility type, for a facility. */
  type?: FacilityType;
}

export interface ObservedLookup {
  /** Facilities by id. */
  facilities: ReadonlyMap<string, ObservedPlace>;
  /** Settlements by KATOTTG code. */
  places: ReadonlyMap<string, ObservedPlace>;
  /** For checking coordinates (border, swapped lat/lon); default: Ukraine's bounding box only. */
  ctx?: ImportContext;
}

/** One accepted trip: a check pair, where it came from, and the unit type whose turnout its time includes. */
export interface ObservedTrip extends CheckPair {
  row: number;
  shape: 'trip' | 'dispatch';
  /** Dispatch records: the unit's type (its turnout is part of the observed time); null for plain trips. */
  turnoutType: FacilityType | null;
  /** No class given and the destination is not a known settlement: rural assumed. */
  classAssumed: boolean;
}

export interface ObservedImport extends ImportResult<ObservedTrip> {
  /** 'trip' or 'dispatch', from the columns; null on a file error. */
  shape: 'trip' | 'dispatch' | null;
}

/**
 * The lookup from the loaded data: facility points by id, settlement points (and cities of 50,000+) by KATOTTG code,
 * with their class and oblast.
 */
export function observedLookup(
  facilities: readonly Facility[],
  demand: DemandTable,
  hromadas: HromadaTable,
  ctx?: ImportContext,
): ObservedLookup {
  const oblastOf = (h: number): string => (h >= 0 ? (hromadas.oblasts[h] ?? '') : '');
  const hromadaOf = new Map(hromadas.codes.map((c, i) => [c, i]));
  const f = new Map<string, ObservedPlace>();
  for (const x of facilities)
    f.set(x.id, {
      lon: x.lon,
      lat: x.lat,
      type: x.type,
      group: oblastOf(x.hromadaCode ? (hromadaOf.get(x.hromadaCode) ?? -1) : -1),
    });
  const p = new Map<string, ObservedPlace>();
  for (let i = 0; i < demand.count; i++) {
    if (demand.kind[i] !== 0) continue;
    p.set(demand.ids[i]!, {
      lon: demand.lon[i]!,
      lat: demand.lat[i]!,
      urban: demand.urban[i] ? 1 : 0,
      group: oblastOf(demand.hromada[i]!),
    });
  }
  for (const c of demand.cities) p.set(c.id, { lon: c.lon, lat: c.lat, urban: 1, group: oblastOf(c.hromada) });
  return ctx ? { facilities: f, places: p, ctx } : { facilities: f, places: p };
}

/** Check pairs of accepted trips under `params`: a dispatch record's turnout is that of its unit's type. */
export function observedPairs(trips: readonly ObservedTrip[], params: ModelParams): CheckPair[] {
  return trips.map((t) => ({ ...t, turnoutMin: t.turnoutType ? params.turnoutMin[t.turnoutType] : 0 }));
}

interface Rec {
  row: number;
  raw: Record<string, string>;
  v: Partial<Record<ObservedField, string>>;
}

function issue(rec: Rec, code: RowIssueCode, detail: string, extra: Partial<RowIssue> = {}): RowIssue {
  return { row: rec.row, code, detail, raw: rec.raw, ...extra };
}

/**
 * Import observed trips or dispatch records.
 * @example importObserved('from_lon,from_lat,to_lon,to_lat,minutes\n30.5,50.4,31.3,51.5,95', 't.csv', lookup).rows.length // 1
 */
export function importObserved(input: ImportInput, fileName: string, lookup: ObservedLookup): ObservedImport {
  let shape: ObservedImport['shape'] = null;
  const res = guard<ObservedTrip>(fileName, null, () => {
    const result: ImportResult<ObservedTrip> = {
      fileName,
      kind: null,
      fileError: null,
      rows: [],
      rejected: [],
      flagged: [],
      detected: {},
    };
    const fail = (code: 'no_usable_columns' | 'not_csv_or_geojson' | 'empty', detail: string) => ({
      ...result,
      fileError: { code, detail },
    });
    const opened = openInput(input, fileName);
    if (isFileError(opened)) return { ...result, fileError: opened };
    let headers: string[];
    let table: { row: number; cells: string[] }[];
    if (isParsed(opened)) {
      result.detected.format = opened.format;
      if (opened.parsed !== 'table')
        return fail(
          'not_csv_or_geojson',
          `${fileName}: observed trips must be a table (CSV or XLSX), not ${opened.format}`,
        );
      result.detected.sheet = opened.sheet;
      result.detected.sheets = opened.sheets;
      headers = opened.headers;
      table = opened.records;
    } else {
      const prep = prepareText(opened, fileName);
      if ('code' in prep) return { ...result, fileError: prep };
      result.detected.encoding = prep.encoding;
      result.detected.format = prep.format;
      if (prep.format !== 'csv')
        return fail('not_csv_or_geojson', `${fileName}: observed trips must be a table (CSV or XLSX), not GeoJSON`);
      const csv = readCsv(prep.text);
      result.detected.delimiter = csv.delimiter;
      headers = csv.headers;
      table = csv.records;
    }
    const { index, unmapped } = mapColumns(headers);
    result.detected.columns = Object.fromEntries(Object.entries(index).map(([f, i]) => [f, headers[i] ?? '']));
    result.detected.unmappedColumns = unmapped;
    const has = (f: ObservedField): boolean => index[f] !== undefined;
    const missing = missingColumns(has);
    if (missing) {
      const accepted = OBSERVED_FIELDS.map((f) => `${f} (${OBSERVED_ALIASES[f].slice(1, 3).join(', ')})`).join('; ');
      return fail(
        'no_usable_columns',
        `${fileName}: ${missing}; found columns ${JSON.stringify(headers)}; accepted: ${accepted}`,
      );
    }
    if (table.length === 0) return fail('empty', `${fileName} has a header but no data rows`);
    shape = has('dispatch_time') ? 'dispatch' : 'trip';
    const ctx = lookup.ctx ?? emptyImportContext();
    const keys = headers.map((h, i) => (h === '' ? `column_${i + 1}` : h));
    result.detected.dataRows = table.length;
    for (const { row, cells } of table) {
      const raw: Record<string, string> = {};
      keys.forEach((k, i) => (raw[k] = cells[i] ?? ''));
      const v: Rec['v'] = {};
      for (const [f, i] of Object.entries(index) as [ObservedField, number][]) v[f] = (cells[i] ?? '').trim();
      const out = readRow({ row, raw, v }, shape, lookup, ctx);
      if ('code' in out) result.rejected.push(out);
      else result.rows.push(out);
    }
    return result;
  });
  return { ...res, shape: res.fileError ? null : shape };
}

type End = { lon: number; lat: number; place: ObservedPlace | null } | RowIssue;

/** One end of a trip: its coordinates when both cells are filled, else its id. */
function endOf(rec: Rec, which: 'from' | 'to', lookup: ObservedLookup, ctx: ImportContext, facilityOnly: boolean): End {
  const lonRaw = rec.v[`${which}_lon`] ?? '';
  const latRaw = rec.v[`${which}_lat`] ?? '';
  const id = rec.v[`${which}_id`] ?? '';
  if (lonRaw !== '' || latRaw !== '') {
    const lon = parseNumber(lonRaw);
    const lat = parseNumber(latRaw);
    if (lonRaw === '' || latRaw === '') {
      const field = lonRaw === '' ? `${which}_lon` : `${which}_lat`;
      return issue(rec, 'missing_coordinates', `${field} is empty`, { field });
    }
    if (Number.isNaN(lon) || Number.isNaN(lat)) {
      const field = Number.isNaN(lon) ? `${which}_lon` : `${which}_lat`;
      return issue(
        rec,
        'non_numeric_coordinates',
        `${field} "${Number.isNaN(lon) ? lonRaw : latRaw}" is not a number`,
        { field, value: Number.isNaN(lon) ? lonRaw : latRaw },
      );
    }
    const c = checkLonLat(lon, lat, ctx, {});
    if ('code' in c) return issue(rec, c.code, `${which}: ${c.detail}`, { ...c, field: which });
    return { lon: c.lon, lat: c.lat, place: null };
  }
  if (id === '') {
    const field = `${which}_id`;
    return issue(rec, 'missing_field', `${which} has neither coordinates nor an id`, { field });
  }
  const f = lookup.facilities.get(id);
  const code = normalizeCode(id);
  const p = facilityOnly ? undefined : (lookup.places.get(code) ?? lookup.places.get(id));
  const hit = which === 'from' ? (f ?? p) : (p ?? f);
  if (!hit) {
    return facilityOnly || which === 'from'
      ? issue(
          rec,
          'unknown_facility_id',
          `${which} "${id}" is not a loaded facility${facilityOnly ? '' : ' nor a settlement KATOTTG code'}`,
          { field: `${which}_id`, value: id },
        )
      : issue(rec, 'unknown_settlement', `${which} "${id}" is not a settlement KATOTTG code nor a loaded facility`, {
          field: `${which}_id`,
          value: id,
        });
  }
  if (!Number.isFinite(hit.lon) || !Number.isFinite(hit.lat)) {
    return issue(rec, 'missing_coordinates', `${which} "${id}" has no coordinates in the loaded data`, {
      field: `${which}_id`,
    });
  }
  return { lon: hit.lon, lat: hit.lat, place: hit };
}

function readRow(
  rec: Rec,
  shape: 'trip' | 'dispatch',
  lookup: ObservedLookup,
  ctx: ImportContext,
): ObservedTrip | RowIssue {
  const v = rec.v;
  let minutes: number;
  if (shape === 'dispatch') {
    const dRaw = v.dispatch_time ?? '';
    const aRaw = v.arrival_time ?? '';
    for (const [field, s] of [
      ['dispatch_time', dRaw],
      ['arrival_time', aRaw],
    ] as const) {
      if (s === '') return issue(rec, 'missing_field', `${field} is empty`, { field });
    }
    const d = parseDispatchTime(dRaw);
    const a = parseDispatchTime(aRaw);
    if (!d || !a) {
      const field = !d ? 'dispatch_time' : 'arrival_time';
      return issue(
        rec,
        'bad_date',
        `${field} "${!d ? dRaw : aRaw}" is not a date-time (YYYY-MM-DDThh:mm or dd.mm.yyyy hh:mm)`,
        { field, value: !d ? dRaw : aRaw },
      );
    }
    if (d.hasDate !== a.hasDate)
      return issue(rec, 'bad_date', `one of the times has a date and the other has not ("${dRaw}", "${aRaw}")`, {
        field: 'arrival_time',
        value: aRaw,
      });
    if (a.ms < d.ms)
      return issue(rec, 'bad_date', `arrival "${aRaw}" is before dispatch "${dRaw}"`, {
        field: 'arrival_time',
        value: aRaw,
        candidates: [dRaw],
      });
    minutes = (a.ms - d.ms) / 60000;
    if (minutes === 0)
      return issue(rec, 'time_not_positive', `arrival "${aRaw}" is the dispatch time`, {
        field: 'arrival_time',
        value: aRaw,
      });
  } else {
    const inSeconds = v.minutes === undefined;
    const field = inSeconds ? 'seconds' : 'minutes';
    const tRaw = (inSeconds ? v.seconds : v.minutes) ?? '';
    if (tRaw === '') return issue(rec, 'missing_field', `${field} is empty`, { field });
    const t = parseNumber(tRaw);
    if (Number.isNaN(t))
      return issue(rec, 'minutes_not_a_number', `${field} "${tRaw}" is not a number`, { field, value: tRaw });
    if (t < 0) return issue(rec, 'negative_value', `${field} ${t} is below zero`, { field, value: tRaw });
    if (t === 0) return issue(rec, 'time_not_positive', `${field} is 0`, { field, value: tRaw });
    minutes = inSeconds ? t / 60 : t;
  }
  const from = endOf(rec, 'from', lookup, ctx, shape === 'dispatch');
  if ('code' in from) return from;
  const to = endOf(rec, 'to', lookup, ctx, false);
  if ('code' in to) return to;
  let urban: 0 | 1 = 0;
  let classAssumed = false;
  const classRaw = v.class ?? '';
  if (classRaw !== '') {
    const c = classOf(classRaw);
    if (c === null)
      return issue(rec, 'unknown_type', `class "${classRaw}" is not urban or rural (1 or 0)`, {
        field: 'class',
        value: classRaw,
        candidates: ['urban', 'rural', '1', '0'],
      });
    urban = c;
  } else if (to.place?.urban !== undefined) urban = to.place.urban;
  else classAssumed = true;
  const fromId = v.from_id ?? '';
  const turnoutType = shape === 'dispatch' ? (from.place?.type ?? null) : null;
  return {
    row: rec.row,
    shape,
    fromLon: from.lon,
    fromLat: from.lat,
    toLon: to.lon,
    toLat: to.lat,
    observedMin: minutes,
    urban,
    group: v.group || to.place?.group || from.place?.group || '',
    label: [fromId, v.to_id ?? ''].filter((s) => s !== '').join(' → '),
    turnoutMin: 0,
    turnoutType,
    classAssumed,
  };
}
