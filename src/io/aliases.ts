/**
 * Header, facility type, status and settlement category aliases in Ukrainian and English.
 * Matching is case-, whitespace-, underscore- and apostrophe-insensitive (see `normalizeHeader`).
 */
import { FACILITY_TYPES, type FacilityStatus, type FacilityType, type SettlementCategory } from '../engine/types';
import type { FileKind } from './types';

/** Canonical fields the importers read. */
export type Field =
  | 'id'
  | 'name'
  | 'type'
  | 'status'
  | 'lat'
  | 'lon'
  | 'katottg'
  | 'population'
  | 'hromada'
  | 'oblast'
  | 'raion'
  | 'category'
  | 'settlement'
  | 'note'
  | 'url'
  | 'facility_id'
  | 'demand_id'
  | 'minutes'
  | 'seconds'
  | 'start_date'
  | 'end_date';

/** Accepted header spellings per field (already normalized). */
export const HEADER_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  id: [
    'id',
    'ідентифікатор',
    'ід',
    '№',
    'no',
    'n',
    'nr',
    'номер',
    '№_зп',
    '№_з/п',
    'fid',
    'uid',
    'код_обєкта',
    'facility_id',
  ],
  name: ['name', 'назва', 'найменування', 'title', 'назва_підрозділу', 'назва_обєкта', 'name_uk', 'name_ua'],
  type: ['type', 'тип', 'вид', 'facility_type', 'тип_підрозділу', 'тип_обєкта', 'kind'],
  status: [
    'status',
    'статус',
    'стан',
    'territory_status',
    'статус_території',
    'статус_громади',
    'тип_території',
    'категорія_території',
    'розділ',
    'section',
  ],
  lat: ['lat', 'latitude', 'широта', 'y', 'lat_wgs84', 'lat_dd', 'шир'],
  lon: ['lon', 'lng', 'long', 'longitude', 'довгота', 'x', 'lon_wgs84', 'lon_dd', 'довг'],
  katottg: ['katottg', 'код', 'код_катоттг', 'катоттг', 'code', 'katottg_code', 'код_нп', 'settlement_code'],
  population: [
    'population',
    'населення',
    'кількість_населення',
    'чисельність',
    'чисельність_населення',
    'pop',
    'жителів',
    'кількість_жителів',
    'people',
  ],
  hromada: [
    'hromada',
    'громада',
    'тг',
    'отг',
    'територіальна_громада',
    'hromada_code',
    'код_громади',
    'community',
    'назва_територіальної_громади',
    'назва_громади',
    'hromada_name',
  ],
  oblast: ['oblast', 'область', 'region', 'регіон'],
  raion: ['raion', 'район', 'district'],
  category: ['category', 'категорія', 'тип_нп', 'settlement_type', 'тип_населеного_пункту', 'категорія_нп'],
  settlement: ['settlement', 'населений_пункт', 'нп', 'locality', 'place', 'місто/село', 'адреса_нп'],
  note: ['note', 'примітка', 'коментар', 'comment', 'notes', 'опис', 'description'],
  url: ['url', 'source_url', 'посилання', 'джерело', 'link', 'website'],
  facility_id: [
    'facility_id',
    'facility',
    'from',
    'from_id',
    'origin',
    'origin_id',
    'source_id',
    'id_підрозділу',
    'підрозділ',
    'id_обєкта',
  ],
  demand_id: [
    'demand_id',
    'demand',
    'to',
    'to_id',
    'destination',
    'destination_id',
    'target_id',
    'settlement_id',
    'id_нп',
    'пункт',
  ],
  minutes: [
    'minutes',
    'min',
    'mins',
    'time',
    'time_min',
    'travel_time',
    'duration_min',
    'хвилини',
    'хв',
    'час',
    'час_доїзду',
    'час_хв',
  ],
  seconds: ['seconds', 'sec', 'duration', 'duration_s', 'duration_sec', 'секунди', 'сек', 'час_с'],
  // Territory list: the official list's long headers («Дата початку бойових дій / тимчасової окупації»,
  // «Дата виникнення можливості бойових дій», «Дата завершення …») are matched by their opening words in mapHeaders.
  start_date: ['start_date', 'start', 'since', 'from_date', 'date_from', 'дата_початку', 'початок', 'дата_виникнення'],
  end_date: ['end_date', 'end', 'until', 'to_date', 'date_to', 'дата_завершення', 'завершення', 'дата_закінчення'],
};

/** Fields each kind of file reads, in priority order when one header could mean two things. */
export const FIELDS_OF: Readonly<Record<FileKind, readonly Field[]>> = {
  facilities: [
    'id',
    'name',
    'type',
    'status',
    'lat',
    'lon',
    'katottg',
    'settlement',
    'hromada',
    'oblast',
    'raion',
    'note',
    'url',
  ],
  settlements: ['id', 'name', 'category', 'lat', 'lon', 'katottg', 'population', 'hromada', 'oblast', 'raion', 'type'],
  boundaries: ['katottg', 'id', 'name', 'oblast', 'raion'],
  matrix: ['facility_id', 'demand_id', 'minutes', 'seconds'],
  territory: ['katottg', 'status', 'start_date', 'end_date', 'hromada', 'name', 'oblast', 'raion', 'note'],
};

/** Opening words of the official list's date headers (normalized), for the territory kind. */
const DATE_HEADER_PREFIXES: readonly (readonly [string, Field])[] = [
  ['дата_початку', 'start_date'],
  ['дата_виникнення', 'start_date'],
  ['start_date', 'start_date'],
  ['дата_завершення', 'end_date'],
  ['дата_закінчення', 'end_date'],
  ['дата_припинення', 'end_date'],
  ['end_date', 'end_date'],
];

/**
 * Normalize a header or property name: BOM and quotes removed, lower case, spaces/dashes/dots → `_`,
 * apostrophes removed.
 * @example normalizeHeader(' Код КАТОТТГ ') // 'код_катоттг'
 */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase()
    .replace(/[’ʼ'`´]/g, '')
    .replace(/[\s\-.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const ALIAS_TO_FIELD = new Map<string, Field[]>();
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]) {
  for (const a of aliases) {
    const list = ALIAS_TO_FIELD.get(a) ?? [];
    list.push(field);
    ALIAS_TO_FIELD.set(a, list);
  }
}

function candidatesOf(header: string): Field[] {
  const n = normalizeHeader(header);
  const direct = ALIAS_TO_FIELD.get(n);
  if (direct) return direct;
  // `Широта (lat)`, `lat, °`, `Населення, осіб`
  const m = /^([^(,]*?)_*[(,](.*?)\)?$/.exec(n);
  if (m) {
    const outside = normalizeHeader(m[1] ?? '');
    const inside = normalizeHeader(m[2] ?? '');
    return ALIAS_TO_FIELD.get(outside) ?? ALIAS_TO_FIELD.get(inside) ?? [];
  }
  return [];
}

/**
 * Map headers to canonical fields for a file kind. The first header matching a field wins.
 * @returns field → column index, and the headers left unmapped.
 */
export function mapHeaders(
  headers: readonly string[],
  kind: FileKind,
): { index: Partial<Record<Field, number>>; unmapped: string[] } {
  const wanted = FIELDS_OF[kind];
  const index: Partial<Record<Field, number>> = {};
  const unmapped: string[] = [];
  headers.forEach((h, i) => {
    let field = candidatesOf(h).find((f) => wanted.includes(f) && index[f] === undefined);
    if (!field && kind === 'territory') {
      const n = normalizeHeader(h);
      field = DATE_HEADER_PREFIXES.find(([p, f]) => n.startsWith(p) && index[f] === undefined)?.[1];
    }
    if (field) index[field] = i;
    else unmapped.push(h);
  });
  // Settlements: a `type` column holds the category when there is no category column.
  if (kind === 'settlements' && index.category === undefined && index.type !== undefined) {
    index.category = index.type;
    delete index.type;
  }
  // Boundaries: `id` is the code when there is no code column.
  if (kind === 'boundaries' && index.katottg === undefined && index.id !== undefined) {
    index.katottg = index.id;
    delete index.id;
  }
  // Matrix: `id` is never a matrix column; a bare `facility_id` header in facilities is the id.
  if (kind === 'facilities' && index.id === undefined) {
    const fi = headers.findIndex((h) => normalizeHeader(h) === 'facility_id');
    if (fi >= 0) index.id = fi;
  }
  return { index, unmapped };
}

/** A header row (or a feature's property names) mapped onto a kind's fields. */
export interface HeaderMap {
  /** Field → column index. */
  index: Partial<Record<Field, number>>;
  /** Field → the header as written in the file. */
  columns: Partial<Record<Field, string>>;
  /** Headers mapped to no field. */
  unmapped: string[];
}

/**
 * The one place a header row meets the aliases: {@link mapHeaders} plus the header each field was read from. Used
 * by the table and feature readers (src/io/read.ts), detection (src/io/detect.ts) and the plan CLI's tables.
 * @example headerMap(['Назва', 'Широта', 'lon'], 'facilities').columns // { name: 'Назва', lat: 'Широта', lon: 'lon' }
 */
export function headerMap(headers: readonly string[], kind: FileKind): HeaderMap {
  const { index, unmapped } = mapHeaders(headers, kind);
  const columns: Partial<Record<Field, string>> = {};
  for (const [f, i] of Object.entries(index) as [Field, number][]) columns[f] = headers[i] ?? '';
  return { index, columns, unmapped };
}

/** A header row's field → column index per kind, mapped once per kind asked (detection tries several kinds). */
export function headerIndexes(headers: readonly string[]): (kind: FileKind) => Partial<Record<Field, number>> {
  const byKind = new Map<FileKind, Partial<Record<Field, number>>>();
  return (kind) => {
    let index = byKind.get(kind);
    if (!index) byKind.set(kind, (index = mapHeaders(headers, kind).index));
    return index;
  };
}

/** Every header a kind recognizes, for messages. */
export function acceptedHeaders(kind: FileKind): string[] {
  return FIELDS_OF[kind].map((f) => `${f} (${HEADER_ALIASES[f].slice(0, 4).join('/')})`);
}

function normValue(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’ʼ'`´"«»]/g, '')
    .replace(/[\s\-_.]+/g, ' ')
    .trim();
}

const TYPE_ALIASES: readonly [string, FacilityType][] = [
  ['state fire unit', 'state_fire_unit'],
  ['дпрч', 'state_fire_unit'],
  ['дпрп', 'state_fire_unit'],
  ['сдпч', 'state_fire_unit'],
  ['дпрз', 'state_fire_unit'],
  ['державна пожежна', 'state_fire_unit'],
  ['державна пожежно рятувальна', 'state_fire_unit'],
  ['державна', 'state_fire_unit'],
  ['дснс', 'state_fire_unit'],
  ['state', 'state_fire_unit'],
  ['local fire department', 'local_fire_department'],
  ['мпо', 'local_fire_department'],
  ['мпк', 'local_fire_department'],
  ['місцева пожежна', 'local_fire_department'],
  ['місцева', 'local_fire_department'],
  ['local', 'local_fire_department'],
  ['volunteer fire brigade', 'volunteer_fire_brigade'],
  ['дпк', 'volunteer_fire_brigade'],
  ['дпд', 'volunteer_fire_brigade'],
  ['дпо', 'volunteer_fire_brigade'],
  ['добровільна', 'volunteer_fire_brigade'],
  ['volunteer', 'volunteer_fire_brigade'],
  ['security center', 'security_center'],
  ['security centre', 'security_center'],
  ['цбг', 'security_center'],
  ['центр безпеки', 'security_center'],
  ['police station', 'police_station'],
  ['відділ поліції', 'police_station'],
  ['відділення поліції', 'police_station'],
  ['вп', 'police_station'],
  ['police officer station', 'police_officer_station'],
  ['поліцейська станція', 'police_officer_station'],
  ['станція поліції', 'police_officer_station'],
  ['доп', 'police_officer_station'],
  ['офіцер громади', 'police_officer_station'],
  ['поліцейський офіцер громади', 'police_officer_station'],
  ['community police officer', 'police_officer_station'],
];

/**
 * Facility type from a code or a Ukrainian/English name. Exact codes first, then the alias that opens
 * the value (`ДПРЧ-12 м. Суми` → state_fire_unit). Returns null when nothing matches.
 * @example facilityTypeOf('Місцева пожежна команда') // 'local_fire_department'
 */
export function facilityTypeOf(raw: string): FacilityType | null {
  const hit = typeMemo.get(raw);
  if (hit !== undefined) return hit;
  const t = facilityTypeUncached(raw);
  if (typeMemo.size > 10000) typeMemo.clear();
  typeMemo.set(raw, t);
  return t;
}

const typeMemo = new Map<string, FacilityType | null>();

function facilityTypeUncached(raw: string): FacilityType | null {
  const v = normValue(raw);
  if (v === '') return null;
  const code = v.replace(/ /g, '_');
  if ((FACILITY_TYPES as readonly string[]).includes(code)) return code as FacilityType;
  for (const [alias, type] of TYPE_ALIASES) if (v === alias) return type;
  for (const [alias, type] of TYPE_ALIASES) if (v.startsWith(alias + ' ') || v.startsWith(alias + '-')) return type;
  // `Відділення поліції №2`, `Добровільна пожежна команда`
  for (const [alias, type] of TYPE_ALIASES) if (alias.length >= 5 && v.includes(alias)) return type;
  return null;
}

/** Accepted type spellings, for the `unknown_type` message. */
export const ACCEPTED_TYPES: readonly string[] = [
  'state_fire_unit (ДПРЧ, ДПРП, державна пожежна)',
  'local_fire_department (МПО, місцева пожежна охорона)',
  'volunteer_fire_brigade (ДПК, ДПД, добровільна пожежна)',
  'security_center (ЦБГ, центр безпеки)',
  'police_station (відділ/відділення поліції)',
  'police_officer_station (поліцейська станція, ДОП)',
];

const STATUS_ALIASES: Readonly<Record<string, FacilityStatus>> = {
  opened: 'opened',
  open: 'opened',
  active: 'opened',
  existing: 'opened',
  operating: 'opened',
  діючий: 'opened',
  діюча: 'opened',
  діюче: 'opened',
  відкрито: 'opened',
  відкритий: 'opened',
  відкрита: 'opened',
  працює: 'opened',
  існуючий: 'opened',
  planned: 'planned',
  plan: 'planned',
  proposed: 'planned',
  плановий: 'planned',
  планова: 'planned',
  запланований: 'planned',
  запланована: 'planned',
  запланово: 'planned',
  планується: 'planned',
  проєкт: 'planned',
  проект: 'planned',
};

/** Facility status; '' → opened. Returns null for anything not recognized. */
export function facilityStatusOf(raw: string): FacilityStatus | null {
  if (raw === '') return 'opened';
  const direct = STATUS_ALIASES[raw];
  if (direct) return direct;
  const v = normValue(raw);
  if (v === '') return 'opened';
  return STATUS_ALIASES[v] ?? null;
}

export const ACCEPTED_STATUSES: readonly string[] = [
  'opened (open, діючий, відкрито)',
  'planned (плановий, запланований)',
];

const CATEGORY_ALIASES: Readonly<Record<string, SettlementCategory>> = {
  city: 'city',
  town: 'city',
  місто: 'city',
  м: 'city',
  smt: 'smt',
  смт: 'smt',
  'urban type settlement': 'smt',
  'селище міського типу': 'smt',
  selyshche: 'selyshche',
  селище: 'selyshche',
  'с ще': 'selyshche',
  сщ: 'selyshche',
  settlement: 'selyshche',
  village: 'village',
  село: 'village',
  с: 'village',
  special_status_city: 'special_status_city',
  'special status city': 'special_status_city',
  'місто зі спеціальним статусом': 'special_status_city',
  'місто з особливим статусом': 'special_status_city',
};

/** Settlement category; '' → village (flag-free default of the CLI). Null for anything not recognized. */
export function categoryOf(raw: string): SettlementCategory | null {
  const v = normValue(raw);
  if (v === '') return 'village';
  return CATEGORY_ALIASES[v] ?? CATEGORY_ALIASES[v.replace(/ /g, '_')] ?? null;
}

export const ACCEPTED_CATEGORIES: readonly string[] = [
  'city (місто, м.)',
  'smt (смт)',
  'selyshche (селище)',
  'village (село, с.)',
  'special_status_city',
];
