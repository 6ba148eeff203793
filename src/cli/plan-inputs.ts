/**
 * The plan CLI's inputs. Facilities and candidate points go through the shared importer (src/io/facilities.ts, as on
 * the page and in the coverage CLI). A matrix made elsewhere (`facility_id,demand_id,cost` in any unit), its demand
 * weights (`id,weight`) and candidate costs (`id,cost`) have no shared importer — src/io/matrix.ts reads minutes — so
 * they are read here, through the shared file opening (CSV or XLSX), header aliases and number parsing, rejecting
 * rows, not files, with the importers' row codes.
 */
import { basename } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { CoverageEngine } from '../engine/coverage';
import { bestMinutes } from '../engine/norms';
import type { RoadGraph } from '../engine/roads/graph';
import type { RoadTravel } from '../engine/roads/model';
import type { CandidatePoints, MatrixRow } from '../engine/optimize';
import type { DemandTable, Facility, FacilityType, HromadaTable, ModelParams, Service } from '../engine/types';
import { headerIndexes, normalizeHeader, type Field } from '../io/aliases';
import { isParsed, openInput } from '../io/binary';
import { isFileError } from '../io/result';
import { polygonIndex } from '../io/context';
import { readCsv } from '../io/csv';
import { importFacilities } from '../io/facilities';
import { prepareText } from '../io/read';
import { parseNumber } from '../io/text';
import type { FileKind, ImportContext, RowIssue, RowIssueCode } from '../io/types';
import { applyParam as applySharedParam, CliError } from './args';
import { attachRoads } from './coverage-roads';
import { keepRows, readInput, type RejectedRows } from './inputs';
import { loadEmbedded } from './load-embedded';
import { InputError } from './plan-args';

export interface Embedded {
  demand: DemandTable;
  hromadas: HromadaTable;
  facilities: Facility[];
}

/** Loads public/geo through the shared Node loader (src/cli/load-embedded.ts). */
export function loadEmbeddedData(): Embedded & {
  hromadaAt: (lon: number, lat: number) => string | null;
  polygons: (Polygon | MultiPolygon)[];
} {
  const { demand, hromadas, facilities, polygons } = loadEmbedded();
  let pip: ((lon: number, lat: number) => number) | null = null;
  const hromadaAt = (lon: number, lat: number): string | null => {
    pip ??= polygonIndex(polygons.map((geom, owner) => ({ geom, owner })));
    const h = pip(lon, lat);
    return h >= 0 ? (hromadas.codes[h] ?? null) : null;
  };
  return { demand, hromadas, facilities, hromadaAt, polygons };
}

/** Applies `--param name=value` through the shared parser (src/cli/args.ts); its errors become InputErrors. */
export function applyParam(params: ModelParams, spec: string): void {
  try {
    applySharedParam(params, spec);
  } catch (e) {
    if (e instanceof CliError) throw new InputError(e.message);
    throw e;
  }
}

/**
 * Current best cost per demand unit from the facilities that stay, by the engine's CoverageEngine: minutes in time
 * mode, straight-line km in distance mode; Infinity where none is reachable. With `roads` (a .graph file) the graph
 * is attached to that engine: `road` is its road model when in use (for buildPointsProblem) and `roadNote` says
 * which travel model timed the run.
 */
export function currentBest(
  data: Embedded,
  facilities: Facility[],
  params: ModelParams,
  service: Service,
  roads?: { path: string; log: (s: string) => void },
): { current: Float64Array; via: string; road?: RoadTravel | null; roadNote?: string; graph?: RoadGraph | null } {
  const engine = new CoverageEngine(data.demand, data.hromadas, facilities, params);
  if (!roads) return { current: bestMinutes(engine, service), via: 'CoverageEngine' };
  const roadNote = attachRoads(engine, roads.path, roads.log);
  return { current: bestMinutes(engine, service), via: 'CoverageEngine (road network)', road: engine.roadModel(), roadNote, graph: engine.roadGraph };
}

/** Candidate sites from a points file, read by the facilities importer (type = --type; hromada by point-in-polygon). */
export function readCandidatesFile(
  path: string,
  type: FacilityType,
  ctx: ImportContext,
  rejected: RejectedRows,
  log: (s: string) => void,
): CandidatePoints {
  const rows = keepRows(importFacilities(readInput(path), basename(path), ctx, { defaultType: type }), path, rejected, log);
  log(`${path}: ${rows.length} candidate sites`);
  return {
    ids: rows.map((f) => f.id),
    names: rows.map((f) => f.name),
    lon: rows.map((f) => f.lon),
    lat: rows.map((f) => f.lat),
    hromadaCodes: rows.map((f) => f.hromadaCode),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tables without a shared importer

interface TableRow {
  row: number;
  /** Cells of the columns asked for, trimmed. */
  values: Record<string, string>;
  raw: Record<string, string>;
}

/**
 * A CSV or XLSX table through the shared readers, with the columns asked for: each by the shared header aliases of
 * `fields` for `kind`, else by one of `extra` (normalized header names).
 * @throws InputError on a file error or a missing required column
 */
function readTable(
  path: string,
  what: string,
  columns: Record<string, { kind?: FileKind; fields?: readonly Field[]; extra?: readonly string[]; required: boolean }>,
): TableRow[] {
  const name = basename(path);
  const opened = openInput(readInput(path), name);
  if (isFileError(opened)) throw new InputError(`${path}: ${opened.detail}`);
  let headers: string[];
  let records: { row: number; cells: string[] }[];
  if (isParsed(opened)) {
    if (opened.parsed !== 'table') throw new InputError(`${path}: ${what} must be a table (CSV or XLSX), not ${opened.format}.`);
    ({ headers, records } = opened);
  } else {
    const prep = prepareText(opened, name);
    if ('code' in prep) throw new InputError(`${path}: ${prep.detail}`);
    if (prep.format !== 'csv') throw new InputError(`${path}: ${what} must be a table (CSV or XLSX), not GeoJSON.`);
    ({ headers, records } = readCsv(prep.text));
  }
  const at: Record<string, number> = {};
  const indexOf = headerIndexes(headers);
  const missing: string[] = [];
  for (const [key, c] of Object.entries(columns)) {
    const extra = c.extra ?? [];
    let i = headers.findIndex((h) => extra.includes(normalizeHeader(h)));
    if (i < 0 && c.kind) {
      const index = indexOf(c.kind);
      i = (c.fields ?? []).map((f) => index[f]).find((x) => x !== undefined) ?? -1;
    }
    if (i >= 0) at[key] = i;
    else if (c.required) missing.push(key);
  }
  if (missing.length > 0) {
    throw new InputError(`${path}: no usable columns: ${what} needs ${Object.keys(columns).filter((k) => columns[k]!.required).join(', ')} columns; missing ${missing.join(', ')}; found ${JSON.stringify(headers)}.`);
  }
  if (records.length === 0) throw new InputError(`${path}: no data rows.`);
  const keys = headers.map((h, i) => (h === '' ? `column_${i + 1}` : h));
  return records.map(({ row, cells }) => {
    const values: Record<string, string> = {};
    for (const [k, i] of Object.entries(at)) values[k] = (cells[i] ?? '').trim();
    const raw: Record<string, string> = {};
    cells.forEach((c, i) => (raw[keys[i] ?? `extra_${i + 1 - keys.length}`] = c));
    return { row, values, raw };
  });
}

const rowIssue = (r: TableRow, code: RowIssueCode, field: string, detail: string, value?: string): RowIssue => ({
  row: r.row,
  code,
  field,
  detail,
  raw: r.raw,
  ...(value !== undefined ? { value } : {}),
});

/** Empty field, not a number, or below `min` (strictly above it when `above`): a RowIssue, else the number. */
function numberOf(r: TableRow, key: string, code: RowIssueCode, opts: { above?: boolean } = {}): number | RowIssue {
  const v = r.values[key] ?? '';
  if (v === '') return rowIssue(r, 'missing_field', key, `${key} is empty`);
  const x = parseNumber(v);
  if (Number.isNaN(x) || !Number.isFinite(x)) return rowIssue(r, code, key, `${key} "${v}" is not a number`, v);
  if (x < 0 || (opts.above && x === 0)) return rowIssue(r, 'negative_value', key, `${key} ${x} is ${x < 0 ? 'below zero' : 'not above zero'}`, v);
  return x;
}

function idOf(r: TableRow, key: string): string | RowIssue {
  const v = r.values[key] ?? '';
  return v === '' ? rowIssue(r, 'missing_field', key, `${key} is empty`) : v;
}

const isIssue = (x: unknown): x is RowIssue => typeof x === 'object' && x !== null && 'code' in x;

/** Keeps a reader's rows: rejected ones recorded (and printed). @throws InputError when none is usable */
function kept<T>(path: string, rows: T[], issues: RowIssue[], rejected: RejectedRows, log: (s: string) => void): T[] {
  rejected.add(path, issues, log);
  if (rows.length === 0) throw new InputError(`${path}: no usable rows (all ${issues.length} rejected).`);
  return rows;
}

/**
 * Demand weights of a matrix: `id,weight` (also `demand_id`; `population` for weight) with an optional name.
 * A repeated id is a rejected row.
 */
export function readWeightsCsv(
  path: string,
  rejected: RejectedRows,
  log: (s: string) => void = () => {},
): { id: string; weight: number; name?: string }[] {
  const table = readTable(path, 'a demand weights file', {
    id: { kind: 'settlements', fields: ['id'], extra: ['id', 'demand_id'], required: true },
    weight: { kind: 'settlements', fields: ['population'], extra: ['weight', 'вага'], required: true },
    name: { kind: 'settlements', fields: ['name'], required: false },
  });
  const out: { id: string; weight: number; name?: string }[] = [];
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  for (const r of table) {
    const id = idOf(r, 'id');
    const w = isIssue(id) ? id : numberOf(r, 'weight', 'population_not_a_number');
    if (isIssue(id) || isIssue(w)) {
      issues.push(isIssue(id) ? id : (w as RowIssue));
      continue;
    }
    const prev = seen.get(id);
    if (prev !== undefined) {
      issues.push({ ...rowIssue(r, 'duplicate_id', 'id', `id "${id}" is also on row ${prev}`, id), candidates: [String(prev)] });
      continue;
    }
    seen.set(id, r.row);
    out.push({ id, weight: w, ...(r.values.name ? { name: r.values.name } : {}) });
  }
  return kept(path, out, issues, rejected, log);
}

/**
 * A long matrix `facility_id,demand_id,cost` in any unit (the cost column may be named cost, distance, km, or as a
 * travel-time matrix names minutes or seconds — read as they are, in the matrix's unit). Rows with an empty id, a cost
 * that is not a number ≥ 0, a pair listed twice, or (given `demandIds`) a demand id not in the weights file are
 * rejected.
 */
export function readMatrixCsv(
  path: string,
  rejected: RejectedRows,
  log: (s: string) => void = () => {},
  demandIds?: ReadonlySet<string>,
): MatrixRow[] {
  const table = readTable(path, 'a plan matrix', {
    facility_id: { kind: 'matrix', fields: ['facility_id'], required: true },
    demand_id: { kind: 'matrix', fields: ['demand_id'], required: true },
    cost: { extra: ['cost', 'distance', 'km', 'distance_km', 'вартість', 'відстань'], kind: 'matrix', fields: ['minutes', 'seconds'], required: true },
  });
  const out: MatrixRow[] = [];
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  for (const r of table) {
    const f = idOf(r, 'facility_id');
    const d = isIssue(f) ? f : idOf(r, 'demand_id');
    const cost = isIssue(d) ? d : numberOf(r, 'cost', 'minutes_not_a_number');
    if (isIssue(f) || isIssue(d) || isIssue(cost)) {
      issues.push([f, d, cost].find(isIssue)!);
      continue;
    }
    if (demandIds && !demandIds.has(d)) {
      issues.push(rowIssue(r, 'unknown_demand_id', 'demand_id', `demand_id "${d}" is not in the demand file`, d));
      continue;
    }
    const key = `${f}\u0000${d}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      issues.push({ ...rowIssue(r, 'duplicate_id', 'facility_id', `pair ${f} → ${d} is also on row ${prev}`, `${f} → ${d}`), candidates: [String(prev)] });
      continue;
    }
    seen.set(key, r.row);
    out.push({ facilityId: f, demandId: d, cost });
  }
  return kept(path, out, issues, rejected, log);
}

/**
 * Candidate costs (million UAH) of a matrix: `id,cost` (also `facility_id`, `cost_muah`). A cost not above 0, an id
 * listed twice or (given `candidates`) not a candidate of the matrix is a rejected row.
 */
export function readCandidateCosts(
  path: string,
  rejected: RejectedRows,
  log: (s: string) => void = () => {},
  candidates?: ReadonlySet<string>,
): Map<string, number> {
  const table = readTable(path, 'a candidate costs file', {
    id: { kind: 'facilities', fields: ['id'], extra: ['id', 'facility_id'], required: true },
    cost: { extra: ['cost', 'cost_muah', 'вартість'], required: true },
  });
  const out = new Map<string, number>();
  const rows = new Map<string, number>();
  const issues: RowIssue[] = [];
  for (const r of table) {
    const id = idOf(r, 'id');
    const c = isIssue(id) ? id : numberOf(r, 'cost', 'minutes_not_a_number', { above: true });
    if (isIssue(id) || isIssue(c)) {
      issues.push(isIssue(id) ? id : (c as RowIssue));
      continue;
    }
    if (candidates && !candidates.has(id)) {
      issues.push(rowIssue(r, 'unknown_facility_id', 'id', `${id} is not a candidate in the matrix (a matrix facility outside --fixed)`, id));
      continue;
    }
    const prev = rows.get(id);
    if (prev !== undefined) {
      issues.push({ ...rowIssue(r, 'duplicate_id', 'id', `id "${id}" is also on row ${prev}`, id), candidates: [String(prev)] });
      continue;
    }
    rows.set(id, r.row);
    out.set(id, c);
  }
  kept(path, [...out.keys()], issues, rejected, log);
  return out;
}
