/**
 * The scenario file: parameters, facility edits, imported facilities / demand / matrix / boundaries / territory-status
 * list. JSON, versioned, and
 * re-imported to exactly the same state (non-finite numbers and -0 are encoded so JSON keeps them).
 */
import {
  DEFAULT_PARAMS,
  FACILITY_TYPES,
  SETTLEMENT_CATEGORIES,
  TERRITORY_STATUSES,
  type Facility,
  type FacilityType,
  type ModelParams,
} from '../engine/types';
import type { BoundaryRow, FileError, MatrixRow, SettlementRow } from './types';
import type { TerritoryRow } from './territory';
import { readSlides } from './scenario-slides';

export const SCENARIO_FORMAT = 'hromada-coverage-scenario';
export const SCENARIO_VERSION = 1;

/** One edit of the loaded facilities, in the order made. */
export type FacilityEdit =
  | { op: 'add'; facility: Facility }
  | { op: 'move'; id: string; lon: number; lat: number }
  | { op: 'update'; id: string; changes: Partial<Omit<Facility, 'id'>> }
  | { op: 'remove'; id: string };

/** Facilities imported from one file and how they were merged. */
export interface FacilityImport {
  fileName: string;
  /** `replace`: the embedded facilities of `types` are dropped (where: replaceScope); `add`: kept. */
  mode: 'add' | 'replace';
  types: FacilityType[];
  facilities: Facility[];
  /**
   * Where `replace` drops facilities: `oblasts` only in the oblasts listed in `oblasts` (the default for new imports:
   * those the file's rows stand in), `country` everywhere. Absent (older files): `country`.
   */
  replaceScope?: 'oblasts' | 'country';
  /** KATOTTG oblast codes (`UA07`: the first 4 characters of a hromada code) for replaceScope `oblasts`. */
  oblasts?: string[];
}

/**
 * How imported community boundaries are merged: `update` replaces the polygons of the hromadas the file names (by
 * code) and adds new codes; `replace` makes the file the whole hromada list.
 */
export type BoundaryMode = 'update' | 'replace';

/**
 * The territory-status list in use when it is an imported one (null in Scenario.territory = the built-in 2022 list
 * shipped with the data). Rows keep the status in effect (end dates already applied) and are re-applied by code.
 */
export interface ScenarioTerritory {
  fileName: string;
  /** Name shown for the list. */
  listName: string;
  /** ISO date of the list edition, or null. */
  listDate: string | null;
  rows: TerritoryRow[];
}

/**
 * A slide of the presentation (issue 15 point 4): a saved view. `params` is the link's query as src/state/url.ts
 * writes it (service, changed parameters, layers; no map, selection or edits), `edits` the scenario's facility edits
 * when the slide was made (a snapshot, as a link's `e=`, applied over the scenario's imports).
 */
export interface ScenarioSlide {
  id: string;
  /** The presenter's text, shown as text. */
  caption: string;
  /** Centre (degrees), zoom and bearing (degrees) when saved. */
  view: { lon: number; lat: number; zoom: number; bearing: number };
  /** The area in view when saved, [west, south, east, north]: presenting fits it to the screen. */
  bounds: [number, number, number, number];
  params: string;
  /** The selected hromada's code, or null. */
  hromada: string | null;
  edits: FacilityEdit[];
}

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  name: string;
  /** ISO time. */
  savedAt: string;
  params: ModelParams;
  facilityImports: FacilityImport[];
  facilityEdits: FacilityEdit[];
  /** Imported demand replacing the embedded one, or null. */
  demand: { fileName: string; rows: SettlementRow[] } | null;
  /** Imported travel-time matrix, or null. */
  matrix: { fileName: string; rows: MatrixRow[] } | null;
  /** Imported community boundaries, or null (older files without the field read as null). */
  boundaries: { fileName: string; mode: BoundaryMode; rows: BoundaryRow[] } | null;
  /** Imported territory-status list, or null for the built-in 2022 list (older files without the field read as null). */
  territory: ScenarioTerritory | null;
  /** Data-source attribution lines at save time. */
  attribution: string[];
  /** The presentation's slides (absent in files from before slides: none). */
  slides?: ScenarioSlide[];
  /** Why slides of the file just read were left out (shown by the Slides panel; never written to a file). */
  slideNotes?: string[];
}

/** A new empty scenario with the default parameters. */
export function emptyScenario(name: string, savedAt = new Date().toISOString()): Scenario {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name,
    savedAt,
    params: structuredClone(DEFAULT_PARAMS),
    facilityImports: [],
    facilityEdits: [],
    demand: null,
    matrix: null,
    boundaries: null,
    territory: null,
    attribution: [],
  };
}

const NUM_TAG = '$number';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { [NUM_TAG]: 'NaN' };
    if (value === Infinity) return { [NUM_TAG]: 'Infinity' };
    if (value === -Infinity) return { [NUM_TAG]: '-Infinity' };
    if (Object.is(value, -0)) return { [NUM_TAG]: '-0' };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === NUM_TAG) {
      switch (o[NUM_TAG]) {
        case 'NaN':
          return NaN;
        case 'Infinity':
          return Infinity;
        case '-Infinity':
          return -Infinity;
        case '-0':
          return -0;
      }
    }
  }
  return value;
}

/**
 * Scenario → JSON text (pretty, stable key order as built). `parseScenario(serializeScenario(s))` deep-equals `s`.
 */
export function serializeScenario(s: Scenario): string {
  return JSON.stringify({ ...s, slideNotes: undefined }, replacer, 2);
}

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: FileError };

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';
const isUR = (v: unknown): boolean => isObj(v) && isNum(v.urban) && isNum(v.rural);

function checkParams(p: unknown): string | null {
  if (!isObj(p)) return 'params is not an object';
  if (!isUR(p.detour)) return 'params.detour needs urban and rural numbers';
  if (!isUR(p.speedKmh)) return 'params.speedKmh needs urban and rural numbers';
  if (!isObj(p.turnoutMin) || !FACILITY_TYPES.every((t) => isNum((p.turnoutMin as Record<string, unknown>)[t]))) {
    return `params.turnoutMin needs a number for each of ${FACILITY_TYPES.join(', ')}`;
  }
  if (!isObj(p.normMin) || !isUR(p.normMin.fire) || !isUR(p.normMin.police)) {
    return 'params.normMin needs fire and police, each with urban and rural numbers';
  }
  if (typeof p.includePlanned !== 'boolean') return 'params.includePlanned is not true/false';
  if (p.coverageMode !== 'time' && p.coverageMode !== 'distance') return 'params.coverageMode is not time or distance';
  if (!isNum(p.coverageKm)) return 'params.coverageKm is not a number';
  if (p.matrixFallback !== 'model' && p.matrixFallback !== 'unreachable') {
    return 'params.matrixFallback is not model or unreachable';
  }
  // added later: optional in older files (filled with the defaults on read)
  if (p.countAssumed !== undefined && typeof p.countAssumed !== 'boolean')
    return 'params.countAssumed is not true/false';
  if (
    p.reachCapMin !== undefined &&
    !(isObj(p.reachCapMin) && isNum(p.reachCapMin.fire) && isNum(p.reachCapMin.police))
  )
    return 'params.reachCapMin needs fire and police numbers';
  if (
    p.secondNormMin !== undefined &&
    !(isObj(p.secondNormMin) && isUR(p.secondNormMin.fire) && isUR(p.secondNormMin.police))
  )
    return 'params.secondNormMin needs fire and police, each with urban and rural numbers';
  if (
    p.availability !== undefined &&
    !(
      isObj(p.availability) &&
      FACILITY_TYPES.every((t) => {
        const a = (p.availability as Record<string, unknown>)[t];
        return isNum(a) && a >= 0 && a <= 1;
      })
    )
  )
    return `params.availability needs a number from 0 to 1 for each of ${FACILITY_TYPES.join(', ')}`;
  if (
    p.costMUah !== undefined &&
    !(
      isObj(p.costMUah) &&
      FACILITY_TYPES.every((t) => {
        const c = (p.costMUah as Record<string, unknown>)[t];
        return c === null || (isNum(c) && c >= 0);
      })
    )
  )
    return `params.costMUah needs a number (or null) for each of ${FACILITY_TYPES.join(', ')}`;
  return null;
}

function checkFacility(f: unknown, where: string): string | null {
  if (!isObj(f)) return `${where} is not an object`;
  for (const k of ['id', 'name', 'source', 'sourceUrl', 'note'] as const)
    if (!isStr(f[k])) return `${where}.${k} is not text`;
  if (!(FACILITY_TYPES as readonly unknown[]).includes(f.type))
    return `${where}.type ${JSON.stringify(f.type)} is not known`;
  if (f.status !== 'opened' && f.status !== 'planned') return `${where}.status is not opened or planned`;
  if (!isNum(f.lon) || !isNum(f.lat)) return `${where} needs numeric lon and lat`;
  if (f.hromadaCode !== null && !isStr(f.hromadaCode)) return `${where}.hromadaCode is not text or null`;
  if (!['settlement', 'hromada_centre', 'illustrative', 'user'].includes(f.placement as string)) {
    return `${where}.placement is not known`;
  }
  return null;
}

function checkEdit(e: unknown, where: string): string | null {
  if (!isObj(e)) return `${where} is not an object`;
  switch (e.op) {
    case 'add':
      return checkFacility(e.facility, `${where}.facility`);
    case 'move':
      return isStr(e.id) && isNum(e.lon) && isNum(e.lat) ? null : `${where} needs id, lon, lat`;
    case 'update':
      return isStr(e.id) && isObj(e.changes) ? null : `${where} needs id and changes`;
    case 'remove':
      return isStr(e.id) ? null : `${where} needs id`;
    default:
      return `${where}.op ${JSON.stringify(e.op)} is not add, move, update or remove`;
  }
}

function checkSettlement(r: unknown, where: string): string | null {
  if (!isObj(r)) return `${where} is not an object`;
  if (!isStr(r.id) || !isStr(r.name)) return `${where} needs id and name text`;
  if (!(SETTLEMENT_CATEGORIES as readonly unknown[]).includes(r.category)) return `${where}.category is not known`;
  if (!isNum(r.lon) || !isNum(r.lat) || !isNum(r.population)) return `${where} needs numeric lon, lat, population`;
  if (r.hromadaCode !== null && !isStr(r.hromadaCode)) return `${where}.hromadaCode is not text or null`;
  if (!['user', 'settlement', 'hromada_centre'].includes(r.placement as string))
    return `${where}.placement is not known`;
  return null;
}

const isPosition = (p: unknown): boolean => Array.isArray(p) && p.length >= 2 && isNum(p[0]) && isNum(p[1]);
const isRing = (r: unknown): boolean => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygonCoords = (c: unknown): boolean => Array.isArray(c) && c.length > 0 && c.every(isRing);

function checkBoundary(r: unknown, where: string): string | null {
  if (!isObj(r)) return `${where} is not an object`;
  if (!isStr(r.code) || r.code === '' || !isStr(r.name) || !isStr(r.oblast))
    return `${where} needs code, name and oblast text`;
  const g = r.geometry;
  if (!isObj(g)) return `${where}.geometry is not an object`;
  const ok =
    g.type === 'Polygon'
      ? isPolygonCoords(g.coordinates)
      : g.type === 'MultiPolygon' &&
        Array.isArray(g.coordinates) &&
        g.coordinates.length > 0 &&
        g.coordinates.every(isPolygonCoords);
  if (!ok) return `${where}.geometry is not a valid Polygon or MultiPolygon`;
  if (!Array.isArray(r.bbox) || r.bbox.length !== 4 || !r.bbox.every(isNum)) return `${where}.bbox needs 4 numbers`;
  return null;
}

const isDateOrNull = (v: unknown): boolean => v === null || (isStr(v) && /^\d{4}-\d{2}-\d{2}$/.test(v));

function checkTerritory(t: unknown): string | null {
  if (!isObj(t) || !isStr(t.fileName) || !isStr(t.listName) || !Array.isArray(t.rows)) {
    return 'territory needs fileName, listName and rows';
  }
  if (!isDateOrNull(t.listDate)) return 'territory.listDate is not a YYYY-MM-DD date or null';
  const codes = new Set<string>();
  for (const [i, r] of t.rows.entries()) {
    const where = `territory.rows[${i}]`;
    if (!isObj(r) || !isStr(r.code) || r.code === '' || !isStr(r.name)) return `${where} needs code and name text`;
    for (const k of ['status', 'listed'] as const) {
      if (!(TERRITORY_STATUSES as readonly unknown[]).includes(r[k])) return `${where}.${k} is not a territory status`;
    }
    if (!isDateOrNull(r.start) || !isDateOrNull(r.end)) return `${where} start and end must be YYYY-MM-DD or null`;
    if (codes.has(r.code)) return `${where}.code ${JSON.stringify(r.code)} is repeated`;
    codes.add(r.code);
  }
  return null;
}

function checkScenario(o: unknown): string | null {
  if (!isObj(o)) return 'not a JSON object';
  if (o.format !== SCENARIO_FORMAT) return `"format" is not "${SCENARIO_FORMAT}"`;
  if (o.version !== SCENARIO_VERSION)
    return `version ${JSON.stringify(o.version)} is not supported (expected ${SCENARIO_VERSION})`;
  if (!isStr(o.name) || !isStr(o.savedAt)) return 'name and savedAt must be text';
  const pe = checkParams(o.params);
  if (pe) return pe;
  if (!Array.isArray(o.facilityImports)) return 'facilityImports is not a list';
  for (const [i, imp] of o.facilityImports.entries()) {
    if (!isObj(imp) || !isStr(imp.fileName) || (imp.mode !== 'add' && imp.mode !== 'replace')) {
      return `facilityImports[${i}] needs fileName and mode add/replace`;
    }
    if (!Array.isArray(imp.types) || !imp.types.every((t) => (FACILITY_TYPES as readonly unknown[]).includes(t))) {
      return `facilityImports[${i}].types has an unknown type`;
    }
    if (!Array.isArray(imp.facilities)) return `facilityImports[${i}].facilities is not a list`;
    if (imp.replaceScope !== undefined && imp.replaceScope !== 'oblasts' && imp.replaceScope !== 'country')
      return `facilityImports[${i}].replaceScope is not oblasts or country`;
    if (imp.oblasts !== undefined && !(Array.isArray(imp.oblasts) && imp.oblasts.every(isStr)))
      return `facilityImports[${i}].oblasts is not a list of oblast codes`;
    if (imp.replaceScope === 'oblasts' && imp.oblasts === undefined)
      return `facilityImports[${i}] with replaceScope oblasts needs oblasts`;
    for (const [j, f] of imp.facilities.entries()) {
      const e = checkFacility(f, `facilityImports[${i}].facilities[${j}]`);
      if (e) return e;
    }
  }
  if (!Array.isArray(o.facilityEdits)) return 'facilityEdits is not a list';
  for (const [i, e] of o.facilityEdits.entries()) {
    const err = checkEdit(e, `facilityEdits[${i}]`);
    if (err) return err;
  }
  if (o.demand !== null) {
    if (!isObj(o.demand) || !isStr(o.demand.fileName) || !Array.isArray(o.demand.rows))
      return 'demand needs fileName and rows';
    for (const [i, r] of o.demand.rows.entries()) {
      const e = checkSettlement(r, `demand.rows[${i}]`);
      if (e) return e;
    }
  }
  if (o.matrix !== null) {
    if (!isObj(o.matrix) || !isStr(o.matrix.fileName) || !Array.isArray(o.matrix.rows))
      return 'matrix needs fileName and rows';
    for (const [i, r] of o.matrix.rows.entries()) {
      if (!isObj(r) || !isStr(r.facilityId) || !isStr(r.demandId) || !isNum(r.minutes)) {
        return `matrix.rows[${i}] needs facilityId, demandId and minutes`;
      }
    }
  }
  if (o.boundaries !== null && o.boundaries !== undefined) {
    const b = o.boundaries;
    if (!isObj(b) || !isStr(b.fileName) || !Array.isArray(b.rows)) return 'boundaries needs fileName and rows';
    if (b.mode !== 'update' && b.mode !== 'replace') return 'boundaries.mode is not update or replace';
    const codes = new Set<string>();
    for (const [i, r] of b.rows.entries()) {
      const e = checkBoundary(r, `boundaries.rows[${i}]`);
      if (e) return e;
      const code = (r as { code: string }).code;
      if (codes.has(code)) return `boundaries.rows[${i}].code ${JSON.stringify(code)} is repeated`;
      codes.add(code);
    }
  }
  if (o.territory !== null && o.territory !== undefined) {
    const e = checkTerritory(o.territory);
    if (e) return e;
  }
  if (!Array.isArray(o.attribution) || !o.attribution.every(isStr)) return 'attribution is not a list of text';
  return null;
}

/**
 * JSON text → Scenario, validated. Never throws.
 * @example parseScenario(serializeScenario(s)) // { ok: true, scenario: s' } with s' deep-equal to s
 */
export function parseScenario(text: string): ParseScenarioResult {
  let o: unknown;
  try {
    o = JSON.parse(text.replace(/^\uFEFF/, ''), reviver);
  } catch (e) {
    return { ok: false, error: { code: 'invalid_json', detail: e instanceof Error ? e.message : String(e) } };
  }
  const err = checkScenario(o);
  if (err) return { ok: false, error: { code: 'not_a_scenario', detail: `not a scenario file: ${err}` } };
  const scenario = o as Scenario;
  scenario.params = { ...structuredClone(DEFAULT_PARAMS), ...scenario.params };
  scenario.boundaries ??= null;
  scenario.territory ??= null;
  // Slides are rows: a bad one is left out with a message, the file still loads.
  const raw = (o as { slides?: unknown }).slides;
  const { slides, notes } = readScenarioSlides(raw);
  delete scenario.slides;
  delete scenario.slideNotes;
  if (Array.isArray(raw)) scenario.slides = slides;
  if (notes.length > 0) scenario.slideNotes = notes;
  return { ok: true, scenario };
}

/** A scenario's slides checked one by one (files, the browser's store): those kept and why others were left out. */
export function readScenarioSlides(v: unknown): { slides: ScenarioSlide[]; notes: string[] } {
  return readSlides<ScenarioSlide>(v, checkEdit);
}
