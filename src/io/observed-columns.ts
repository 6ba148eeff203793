/**
 * The columns of an observed-trips file (src/io/observed.ts): accepted headers in Ukrainian and English, which shape
 * the columns make (trips or dispatch records) and what is missing, and the urban/rural class values. Pure.
 */
import { normalizeHeader } from './aliases';

/** Canonical columns of an observed-trips file. */
export const OBSERVED_FIELDS = [
  'from_lon',
  'from_lat',
  'to_lon',
  'to_lat',
  'from_id',
  'to_id',
  'minutes',
  'seconds',
  'dispatch_time',
  'arrival_time',
  'group',
  'class',
] as const;
export type ObservedField = (typeof OBSERVED_FIELDS)[number];

/** Accepted headers (normalized as normalizeHeader does), Ukrainian and English. */
export const OBSERVED_ALIASES: Readonly<Record<ObservedField, readonly string[]>> = {
  from_lon: ['from_lon', 'from_lng', 'from_longitude', 'origin_lon', 'lon_from', 'звідки_довгота'],
  from_lat: ['from_lat', 'from_latitude', 'origin_lat', 'lat_from', 'звідки_широта'],
  to_lon: [
    'to_lon',
    'to_lng',
    'to_longitude',
    'dest_lon',
    'destination_lon',
    'incident_lon',
    'incident_lng',
    'lon',
    'lng',
    'longitude',
    'довгота',
    'куди_довгота',
  ],
  to_lat: [
    'to_lat',
    'to_latitude',
    'dest_lat',
    'destination_lat',
    'incident_lat',
    'lat',
    'latitude',
    'широта',
    'куди_широта',
  ],
  from_id: [
    'from_id',
    'from',
    'origin',
    'origin_id',
    'unit_id',
    'unit',
    'facility_id',
    'звідки',
    'підрозділ',
    'id_підрозділу',
  ],
  to_id: [
    'to_id',
    'to',
    'destination',
    'destination_id',
    'dest_id',
    'demand_id',
    'katottg',
    'куди',
    'катоттг',
    'код_катоттг',
  ],
  minutes: [
    'minutes',
    'min',
    'time_min',
    'travel_time',
    'travel_minutes',
    'duration_min',
    'хвилини',
    'хв',
    'час_хв',
    'час',
  ],
  seconds: ['seconds', 'sec', 'duration', 'duration_s', 'travel_seconds', 'секунди'],
  dispatch_time: [
    'dispatch_time',
    'dispatched',
    'dispatched_at',
    'dispatch',
    'time_dispatched',
    'час_виїзду',
    'час_направлення',
    'виїзд',
  ],
  arrival_time: [
    'arrival_time',
    'arrived',
    'arrived_at',
    'arrival',
    'on_scene',
    'time_arrived',
    'час_прибуття',
    'прибуття',
  ],
  group: ['group', 'oblast', 'region', 'група', 'область'],
  class: ['class', 'urban', 'клас', 'місто_село'],
};

/** 1 urban, 0 rural, null when the value is neither. */
export function classOf(raw: string): 0 | 1 | null {
  const s = raw.trim().toLowerCase();
  if (/^(1|u|urban|city|town|місто|міська|міський|смт|так|true)$/.test(s)) return 1;
  if (/^(0|r|rural|village|село|сільська|сільський|селище|ні|false)$/.test(s)) return 0;
  return null;
}

/** Header → field, first match wins; the unmapped headers. */
export function mapColumns(headers: readonly string[]): {
  index: Partial<Record<ObservedField, number>>;
  unmapped: string[];
} {
  const index: Partial<Record<ObservedField, number>> = {};
  const unmapped: string[] = [];
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    const field = OBSERVED_FIELDS.find((f) => index[f] === undefined && OBSERVED_ALIASES[f].includes(n));
    if (field) index[field] = i;
    else unmapped.push(h);
  });
  return { index, unmapped };
}

/** What the columns are missing, or null. */
export function missingColumns(has: (f: ObservedField) => boolean): string | null {
  const dispatch = has('dispatch_time') || has('arrival_time');
  const from = has('from_id') || (has('from_lon') && has('from_lat'));
  const to = has('to_id') || (has('to_lon') && has('to_lat'));
  if (dispatch) {
    if (!(has('dispatch_time') && has('arrival_time')))
      return 'dispatch records need both dispatch_time and arrival_time columns';
    if (!has('from_id')) return 'dispatch records need a unit_id column (the facility id)';
    if (!(has('to_lon') && has('to_lat')) && !has('to_id'))
      return 'dispatch records need the incident point: incident_lon and incident_lat (or a settlement code)';
    return null;
  }
  if (!from) return 'trips need from_lon and from_lat, or from_id (a facility id or KATOTTG code)';
  if (!to) return 'trips need to_lon and to_lat, or to_id (a KATOTTG code or facility id)';
  if (!has('minutes') && !has('seconds'))
    return 'trips need a minutes (or seconds) column; dispatch records need dispatch_time and arrival_time';
  return null;
}
