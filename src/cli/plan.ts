/**
 * `npm run plan -- [options]`: where should new stations go? Runs the optimizer (src/engine/optimize) on the embedded
 * data (or user files) and writes DIR/sites.csv, DIR/curve.csv, DIR/summary.json and DIR/sites.geojson.
 *
 *   --objective coverage|min-facilities|p-median|backup-coverage|expected-coverage|closures|relocate|budget
 *                            (default coverage; docs/planner.md says what each assumes)
 *   --new N                  new facilities (coverage, p-median, backup-coverage, expected-coverage; default 5)
 *   --budget B               budget: money for new units, million UAH; --cost TYPE=M (repeatable) sets a type's cost
 *                            (same as --param cost.TYPE=M); --types TYPE,… the types to choose from (default every
 *                            type of the service with a cost); matrix input: --candidate-costs FILE (id,cost)
 *   --move K                 relocate: move up to K existing units of --type in the scope (matrix: --movable ID,…)
 *   --availability Q         expected-coverage with --matrix: every facility's availability (points: the type's
 *                            --param availability.TYPE=q, defaults in ModelParams)
 *   --radius2 R              backup-coverage with --matrix: the second-unit threshold (default --radius)
 *   closures: ranks existing units of --type (default every type of the service) standing in the scope; writes
 *            closures.csv and closures.geojson
 *   --target-share S         min-facilities: share of the scope's population within the norm, 0..1 (default: all reachable)
 *   --type TYPE              type of the new facilities (default local_fire_department)
 *   --service fire|police    (default: the type's first service)
 *   --scope country|oblast:NAME|raion:NAME|hromada:KATOTTG[,KATOTTG…]   (default country)
 *   --candidates settlements|cells|FILE   FILE: CSV id,name,lat,lon[,hromada_code] or GeoJSON points
 *   --method heuristic|exact  --time-limit SECONDS  --local-search-ms MS  --reach COST (p-median structure reach)
 *   --include-occupied       plan for occupied territory too (default: occupied hromadas of the territory list in use
 *                            are left out of the demand optimised and of the candidate sites)
 *   --territory FILE         territory-status list CSV (katottg,status[,start_date,end_date]; the shape of the official
 *                            list, order No. 376) instead of the built-in 2022 list; --territory-date DATE its date
 *   --out-dir DIR            (default out/plan)
 *   data: --facilities FILE (repeatable, CSV id,name,type,status,lat,lon or GeoJSON; default the embedded facilities)
 *         --include-planned  --param name=value (repeatable: detour.urban=1.2, speed.rural=60,
 *         turnout.local_fire_department=2, norm.fire.rural=20, coverage=distance, coverage.km=10)
 *   matrix made elsewhere: --matrix FILE (long CSV facility_id,demand_id,cost in any unit) --demand FILE (id,weight)
 *         --radius R (coverage threshold in the matrix's unit) --fixed ID,… (facilities that stay open)
 *         --unit LABEL; every matrix facility not fixed is a candidate.
 * Bad input exits with status 2 and a message naming the file and row.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { loadEmbedded } from './load-embedded';
import { applyParam as applySharedParam, CliError } from './args';
import { applyTerritoryFile, builtinTerritory, territoryLine, type TerritoryInfo } from './territory';
import { registerBinaryReaders } from '../io/binary-readers';
import { DEFAULT_GEO_DIR } from './load-embedded';
import { polygonIndex } from '../io/context';
import { CoverageEngine } from '../engine/coverage';
import {
  closuresFor,
  closuresResult,
  countProblem,
  ObjectiveInputError,
  writeClosures,
  writeMoves,
  type PointsContext,
} from './plan-objectives';
import { bestMinutes } from '../engine/norms';
import {
  buildMatrixProblem,
  buildPointsProblem,
  dropOccupied,
  isCountObjective,
  optimize,
  parseScope,
  selectScope,
  toPlannedFacilities,
  sitesGeoJSON,
  type CandidatePoints,
  type ClosureRow,
  type MatrixRow,
  type PlanObjective,
  type PlanProblem,
  type PlanResult,
} from '../engine/optimize';
import {
  DEFAULT_PARAMS,
  FACILITY_TYPES,
  SERVICES_OF,
  type DemandTable,
  type Facility,
  type FacilityType,
  type HromadaTable,
  type ModelParams,
  type Service,
} from '../engine/types';

// A territory list (--territory) may be an XLSX workbook too (src/io reads it into rows).
registerBinaryReaders();

/** A user input problem: exit 2 with this message. */
export class InputError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Embedded data

export interface Embedded {
  demand: DemandTable;
  hromadas: HromadaTable;
  facilities: Facility[];
}

interface GeoFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: number[] } | null;
}

/** Loads public/geo through the shared Node loader (src/cli/load-embedded.ts). */
export function loadEmbeddedData(): Embedded & { hromadaAt: (lon: number, lat: number) => string | null } {
  const { demand, hromadas, facilities, polygons } = loadEmbedded();
  let pip: ((lon: number, lat: number) => number) | null = null;
  const hromadaAt = (lon: number, lat: number): string | null => {
    pip ??= polygonIndex(polygons.map((geom, owner) => ({ geom, owner })));
    const h = pip(lon, lat);
    return h >= 0 ? (hromadas.codes[h] ?? null) : null;
  };
  return { demand, hromadas, facilities, hromadaAt };
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}.`);
  }
}

function featureToFacility(f: GeoFeature, k: number, file: string, source: string): Facility {
  const p = f.properties;
  const coords = f.geometry?.coordinates;
  if (!coords || f.geometry?.type !== 'Point') throw new InputError(`${file}: feature ${k + 1} is not a Point.`);
  return makeFacility(
    {
      id: String(p.id ?? `${basename(file)}-${k + 1}`),
      name: String(p.name ?? ''),
      type: String(p.type ?? ''),
      status: String(p.status ?? 'opened'),
      lon: String(coords[0]),
      lat: String(coords[1]),
      hromada_code: p.hromada_code === undefined || p.hromada_code === null ? '' : String(p.hromada_code),
      source: String(p.source ?? source),
      source_url: String(p.source_url ?? ''),
      placement: String(p.placement ?? 'user'),
      note: String(p.note ?? ''),
    },
    `${file}: feature ${k + 1}`,
  );
}

function makeFacility(r: Record<string, string>, where: string): Facility {
  const type = r.type as FacilityType;
  if (!(FACILITY_TYPES as readonly string[]).includes(type)) {
    throw new InputError(`${where}: unknown type "${r.type}" (expected one of ${FACILITY_TYPES.join(', ')}).`);
  }
  const lon = Number(r.lon);
  const lat = Number(r.lat);
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    throw new InputError(`${where}: lat/lon "${r.lat}", "${r.lon}" are not numbers.`);
  const status = r.status === 'planned' ? 'planned' : 'opened';
  const placement =
    (['settlement', 'hromada_centre', 'illustrative', 'user'] as const).find((x) => x === r.placement) ?? 'user';
  return {
    id: r.id ?? '',
    name: r.name ?? '',
    type,
    status,
    lon,
    lat,
    hromadaCode: r.hromada_code ? r.hromada_code : null,
    source: r.source ?? 'user',
    sourceUrl: r.source_url ?? '',
    placement,
    note: r.note ?? '',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** Parses a CSV with a header row; keys lower-cased and trimmed. */
export function readCsv(file: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as Error).message}).`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const r = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  if (r.errors.length > 0) {
    const e = r.errors[0]!;
    throw new InputError(`${file}: row ${(e.row ?? 0) + 2}: ${e.message}.`);
  }
  return r.data;
}

function need(row: Record<string, string>, names: string[], file: string, rowNo: number): string {
  for (const n of names) {
    const v = row[n];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  throw new InputError(`${file}: row ${rowNo}: missing ${names[0]}.`);
}

/** Reads a long matrix CSV: facility_id, demand_id, cost (also `minutes`, `distance`, `time`). */
export function readMatrixCsv(file: string): MatrixRow[] {
  const rows = readCsv(file);
  return rows.map((r, k) => {
    const rowNo = k + 2;
    const cost = Number(need(r, ['cost', 'minutes', 'time', 'distance', 'km'], file, rowNo));
    if (!Number.isFinite(cost) || cost < 0)
      throw new InputError(`${file}: row ${rowNo}: cost "${r.cost ?? r.minutes}" is not a number ≥ 0.`);
    return {
      facilityId: need(r, ['facility_id', 'facility', 'from'], file, rowNo),
      demandId: need(r, ['demand_id', 'demand', 'to'], file, rowNo),
      cost,
    };
  });
}

/** Reads id,weight (also population) with an optional name. */
export function readWeightsCsv(file: string): { id: string; weight: number; name?: string }[] {
  return readCsv(file).map((r, k) => {
    const rowNo = k + 2;
    const w = Number(need(r, ['weight', 'population', 'pop'], file, rowNo));
    if (!Number.isFinite(w) || w < 0) throw new InputError(`${file}: row ${rowNo}: weight is not a number ≥ 0.`);
    return { id: need(r, ['id', 'demand_id'], file, rowNo), weight: w, name: r.name };
  });
}

function readFacilitiesFile(file: string): Facility[] {
  if (/\.(geo)?json$/i.test(file)) {
    const g = readJson<{ features?: GeoFeature[] }>(file);
    if (!Array.isArray(g.features)) throw new InputError(`${file}: not a GeoJSON FeatureCollection.`);
    return g.features.map((f, k) => featureToFacility(f, k, file, `user:${basename(file)}`));
  }
  return readCsv(file).map((r, k) =>
    makeFacility({ ...r, source: `user:${basename(file)}`, placement: 'user' }, `${file}: row ${k + 2}`),
  );
}

function readCandidatesFile(file: string): CandidatePoints {
  const out: CandidatePoints = { ids: [], names: [], lon: [], lat: [], hromadaCodes: [] };
  const lon: number[] = [];
  const lat: number[] = [];
  const push = (id: string, name: string, x: number, y: number, code: string | null, where: string): void => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputError(`${where}: lat/lon are not numbers.`);
    out.ids.push(id);
    out.names.push(name);
    lon.push(x);
    lat.push(y);
    out.hromadaCodes!.push(code);
  };
  if (/\.(geo)?json$/i.test(file)) {
    const g = readJson<{ features?: GeoFeature[] }>(file);
    (g.features ?? []).forEach((f, k) => {
      const c = f.geometry?.coordinates ?? [];
      push(
        String(f.properties.id ?? `c${k + 1}`),
        String(f.properties.name ?? ''),
        Number(c[0]),
        Number(c[1]),
        (f.properties.hromada_code as string) ?? null,
        `${file}: feature ${k + 1}`,
      );
    });
  } else {
    readCsv(file).forEach((r, k) => {
      const where = `${file}: row ${k + 2}`;
      push(
        need(r, ['id'], file, k + 2),
        r.name ?? '',
        Number(need(r, ['lon', 'lng', 'longitude', 'x'], file, k + 2)),
        Number(need(r, ['lat', 'latitude', 'y'], file, k + 2)),
        r.hromada_code || null,
        where,
      );
    });
  }
  out.lon = lon;
  out.lat = lat;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters and current best cost

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
 * mode, straight-line km in distance mode; Infinity where none is reachable.
 */
export function currentBest(
  data: Embedded,
  facilities: Facility[],
  params: ModelParams,
  service: Service,
): { current: Float64Array; via: string } {
  const engine = new CoverageEngine(data.demand, data.hromadas, facilities, params);
  return { current: bestMinutes(engine, service), via: 'CoverageEngine' };
}

// ---------------------------------------------------------------------------------------------------------------
// Arguments

export interface PlanArgs {
  objective: PlanObjective;
  /** --type given explicitly. */
  typeGiven?: boolean;
  budget?: number;
  costs: string[];
  types?: FacilityType[];
  candidateCosts?: string;
  move?: number;
  movable: string[];
  availability?: number;
  radius2?: number;
  newFacilities: number;
  targetShare?: number;
  type: FacilityType;
  service?: Service;
  scope: string;
  candidates: string;
  method: 'heuristic' | 'exact';
  timeLimitSec?: number;
  localSearchMs?: number;
  reach?: number;
  outDir: string;
  facilities: string[];
  includePlanned: boolean;
  params: string[];
  matrix?: string;
  demand?: string;
  radius?: number;
  fixed: string[];
  unit?: string;
  /** Plan for occupied territory too (default false). */
  includeOccupied: boolean;
  /** Territory-status list file replacing the built-in list, and its date. */
  territory?: string;
  territoryDate?: string;
}

const OBJECTIVES = [
  'coverage',
  'min-facilities',
  'p-median',
  'backup-coverage',
  'expected-coverage',
  'closures',
  'relocate',
  'budget',
] as const satisfies readonly PlanObjective[];

/** Options that belong to one objective or one input mode, checked together. */
function checkObjectiveArgs(a: PlanArgs): void {
  const o = a.objective;
  const only = (flag: string, given: boolean, ok: boolean, what: string): void => {
    if (given && !ok) throw new InputError(`${flag} applies to ${what} only.`);
  };
  only('--budget', a.budget !== undefined, o === 'budget', '--objective budget');
  only('--cost', a.costs.length > 0, o === 'budget', '--objective budget');
  only('--types', a.types !== undefined, o === 'budget', '--objective budget');
  only('--candidate-costs', a.candidateCosts !== undefined, o === 'budget' && !!a.matrix, '--objective budget with --matrix');
  only('--move', a.move !== undefined, o === 'relocate', '--objective relocate');
  only('--movable', a.movable.length > 0, o === 'relocate' && !!a.matrix, '--objective relocate with --matrix');
  only('--availability', a.availability !== undefined, o === 'expected-coverage' && !!a.matrix, '--objective expected-coverage with --matrix (points: --param availability.TYPE=q)');
  only('--radius2', a.radius2 !== undefined, o === 'backup-coverage' && !!a.matrix, '--objective backup-coverage with --matrix');
  if (o === 'budget' && a.budget === undefined) throw new InputError('--objective budget needs --budget B (million UAH).');
  if (o === 'budget' && a.matrix && !a.candidateCosts) throw new InputError('--objective budget with --matrix needs --candidate-costs FILE (id,cost).');
  if (o === 'relocate' && a.move === undefined) throw new InputError('--objective relocate needs --move K.');
  if (o === 'relocate' && a.matrix && a.movable.length === 0) throw new InputError('--objective relocate with --matrix needs --movable ID,… (the units that may move).');
  if (o === 'expected-coverage' && a.matrix && a.availability === undefined) throw new InputError('--objective expected-coverage with --matrix needs --availability Q.');
  if (o === 'closures' && a.matrix) throw new InputError('--objective closures ranks the embedded data\'s units; it does not take --matrix.');
  if (o === 'closures' && a.method === 'exact') throw new InputError('--objective closures is exact already; drop --method exact.');
  for (const c of a.costs) {
    if (!/^\s*[\w]+\s*=\s*[\d.]+\s*$/.test(c)) throw new InputError(`--cost "${c}": expected TYPE=MILLION_UAH (e.g. security_center=2.65).`);
  }
}

/** Parses the command line (throws InputError with the offending option). */
export function parsePlanArgs(argv: string[]): PlanArgs {
  const a: PlanArgs = {
    objective: 'coverage',
    newFacilities: 5,
    type: 'local_fire_department',
    scope: 'country',
    candidates: 'settlements',
    method: 'heuristic',
    outDir: 'out/plan',
    facilities: [],
    includePlanned: false,
    params: [],
    fixed: [],
    includeOccupied: false,
    costs: [],
    movable: [],
  };
  const num = (name: string, v: string | undefined): number => {
    const x = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(x))
      throw new InputError(`${name}: "${v ?? ''}" is not a number.`);
    return x;
  };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const val = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++k];
      if (v === undefined) throw new InputError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--objective': {
        const v = val();
        if (!(OBJECTIVES as readonly string[]).includes(v)) {
          throw new InputError(`--objective "${v}": expected ${OBJECTIVES.join(', ')}.`);
        }
        a.objective = v as PlanObjective;
        break;
      }
      case '--budget':
        a.budget = num(name, val());
        if (a.budget < 0) throw new InputError('--budget must be a number ≥ 0 (million UAH).');
        break;
      case '--cost':
        a.costs.push(val());
        break;
      case '--types': {
        const list = val()
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        for (const t of list) {
          if (!(FACILITY_TYPES as readonly string[]).includes(t))
            throw new InputError(`--types "${t}": expected one of ${FACILITY_TYPES.join(', ')}.`);
        }
        a.types = list as FacilityType[];
        break;
      }
      case '--candidate-costs':
        a.candidateCosts = val();
        break;
      case '--move':
        a.move = num(name, val());
        if (a.move < 0 || !Number.isInteger(a.move)) throw new InputError('--move must be a whole number ≥ 0.');
        break;
      case '--movable':
        a.movable.push(
          ...val()
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        );
        break;
      case '--availability':
        a.availability = num(name, val());
        if (!(a.availability > 0 && a.availability <= 1)) throw new InputError('--availability must be within (0, 1].');
        break;
      case '--radius2':
        a.radius2 = num(name, val());
        break;
      case '--new':
        a.newFacilities = num(name, val());
        if (a.newFacilities < 0 || !Number.isInteger(a.newFacilities))
          throw new InputError(`--new must be a whole number ≥ 0.`);
        break;
      case '--target-share':
        a.targetShare = num(name, val());
        if (a.targetShare > 1 && a.targetShare <= 100) a.targetShare /= 100;
        if (!(a.targetShare >= 0 && a.targetShare <= 1)) throw new InputError(`--target-share must be within 0..1.`);
        break;
      case '--type': {
        const v = val();
        if (!(FACILITY_TYPES as readonly string[]).includes(v))
          throw new InputError(`--type "${v}": expected one of ${FACILITY_TYPES.join(', ')}.`);
        a.type = v as FacilityType;
        a.typeGiven = true;
        break;
      }
      case '--service': {
        const v = val();
        if (v !== 'fire' && v !== 'police') throw new InputError(`--service "${v}": expected fire or police.`);
        a.service = v;
        break;
      }
      case '--scope':
        a.scope = val();
        break;
      case '--candidates':
        a.candidates = val();
        break;
      case '--method': {
        const v = val();
        if (v !== 'heuristic' && v !== 'exact') throw new InputError(`--method "${v}": expected heuristic or exact.`);
        a.method = v;
        break;
      }
      case '--time-limit':
        a.timeLimitSec = num(name, val());
        break;
      case '--local-search-ms':
        a.localSearchMs = num(name, val());
        break;
      case '--reach':
        a.reach = num(name, val());
        break;
      case '--out-dir':
        a.outDir = val();
        break;
      case '--facilities':
        a.facilities.push(val());
        break;
      case '--include-planned':
        a.includePlanned = true;
        break;
      case '--param':
        a.params.push(val());
        break;
      case '--matrix':
        a.matrix = val();
        break;
      case '--demand':
        a.demand = val();
        break;
      case '--radius':
        a.radius = num(name, val());
        break;
      case '--fixed':
        a.fixed.push(
          ...val()
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case '--unit':
        a.unit = val();
        break;
      case '--include-occupied':
        a.includeOccupied = true;
        break;
      case '--territory':
        a.territory = val();
        break;
      case '--territory-date':
        a.territoryDate = val();
        break;
      case '--help':
      case '-h':
        throw new InputError('help');
      default:
        throw new InputError(`Unknown option ${arg}.`);
    }
  }
  if (a.matrix && a.radius === undefined)
    throw new InputError('--matrix needs --radius (the coverage threshold in the matrix unit).');
  if (!a.matrix && (a.radius !== undefined || a.fixed.length > 0)) {
    throw new InputError('--radius and --fixed apply to --matrix input only.');
  }
  if (a.matrix && (a.territory || a.includeOccupied)) {
    throw new InputError('--territory and --include-occupied apply to the embedded data, not to --matrix input.');
  }
  if (a.territoryDate !== undefined && !a.territory) {
    throw new InputError('--territory-date applies to a list given with --territory.');
  }
  checkObjectiveArgs(a);
  return a;
}

// ---------------------------------------------------------------------------------------------------------------
// Run

export interface PlanRun {
  problem: PlanProblem;
  result: PlanResult;
  /** Inputs that make proposals illustrative (estimated population, illustrative facilities, cell centres). */
  estimatedInputs: string[];
  type: FacilityType;
  currentVia: string;
  /** The territory-status list in use (null for matrix input). */
  territory: TerritoryInfo | null;
  /** Whether occupied territory was planned for. */
  includeOccupied: boolean;
  /** closures: the ranking. */
  closures?: ClosureRow[];
}

/** Builds the problem from arguments and runs the optimizer. */
export async function runPlan(a: PlanArgs, log: (s: string) => void = () => {}): Promise<PlanRun> {
  const estimatedInputs: string[] = [];
  let problem: PlanProblem;
  let currentVia = 'matrix (fixed facilities)';
  let territory: TerritoryInfo | null = null;
  let availability = a.availability;
  if (a.matrix) {
    const rows = readMatrixCsv(a.matrix);
    const demand = a.demand ? readWeightsCsv(a.demand) : undefined;
    try {
      problem = buildMatrixProblem({
        rows,
        demand,
        radius: a.radius!,
        fixed: a.fixed,
        objective: a.objective,
        unit: a.unit,
        radius2: a.radius2,
        availability: a.availability,
      });
    } catch (e) {
      throw new InputError(`${a.matrix}: ${(e as Error).message}`);
    }
    const at = new Map(problem.candidates.ids.map((id, k) => [id, k]));
    if (a.candidateCosts) {
      const cost = new Float64Array(problem.candidates.count).fill(NaN);
      readCsv(a.candidateCosts).forEach((r, k) => {
        const id = need(r, ['id', 'facility_id'], a.candidateCosts!, k + 2);
        const c = Number(need(r, ['cost', 'cost_muah'], a.candidateCosts!, k + 2));
        if (!(c > 0) || !Number.isFinite(c)) throw new InputError(`${a.candidateCosts}: row ${k + 2}: cost is not a number > 0.`);
        const j = at.get(id);
        if (j === undefined) throw new InputError(`${a.candidateCosts}: row ${k + 2}: ${id} is not a candidate in the matrix.`);
        cost[j] = c;
      });
      const missing = problem.candidates.ids.filter((_, j) => Number.isNaN(cost[j]!));
      if (missing.length > 0) throw new InputError(`${a.candidateCosts}: no cost for candidate ${missing.slice(0, 5).join(', ')}.`);
      problem.candidates.cost = cost;
    }
    if (a.movable.length > 0) {
      const ex = new Uint8Array(problem.candidates.count);
      for (const id of a.movable) {
        const j = at.get(id);
        if (j === undefined) throw new InputError(`--movable ${id}: not a matrix facility outside --fixed.`);
        ex[j] = 1;
      }
      problem.candidates.existing = ex;
    }
  } else {
    if (a.demand)
      throw new InputError('--demand (id,weight) applies to --matrix input; points mode uses the embedded demand.');
    const params: ModelParams = structuredClone(DEFAULT_PARAMS);
    for (const p of a.params) applyParam(params, p);
    params.includePlanned = a.includePlanned;
    const service = a.service ?? SERVICES_OF[a.type][0]!;
    const data = loadEmbeddedData();
    log(
      `data: ${data.demand.count} demand units, ${data.hromadas.count} hromadas, ${data.facilities.length} embedded facilities`,
    );
    territory = builtinTerritory(data.hromadas, DEFAULT_GEO_DIR);
    if (a.territory) {
      try {
        const t = applyTerritoryFile(a.territory, data.hromadas, data.demand, { date: a.territoryDate });
        data.hromadas = t.hromadas;
        territory = t.info;
        for (const m of t.messages) log(m);
      } catch (e) {
        if (e instanceof CliError) throw new InputError(e.message);
        throw e;
      }
    }
    log(territoryLine(territory));
    const facilities = a.facilities.length > 0 ? a.facilities.flatMap(readFacilitiesFile) : data.facilities;
    const active = facilities.filter(
      (f) => SERVICES_OF[f.type].includes(service) && (f.status === 'opened' || a.includePlanned),
    );
    const illustrative = active.filter((f) => f.placement === 'illustrative' || f.source === 'illustrative').length;
    if (illustrative > 0) {
      estimatedInputs.push(
        `${illustrative} of ${active.length} existing ${service} facilities are illustrative (assumed, not sourced)`,
      );
    }
    let scope: Int32Array;
    try {
      scope = selectScope(data.demand, data.hromadas, parseScope(a.scope));
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    const planned = a.includeOccupied ? scope : dropOccupied(data.demand, data.hromadas, scope).scope;
    let est = 0;
    for (const i of planned) if (data.demand.derivation[i] !== 0) est += data.demand.population[i]!;
    if (est > 0)
      estimatedInputs.push(
        `population of ${Math.round(est)} people in the scope is estimated (share or spread), not counted`,
      );
    const maxNorm =
      params.coverageMode === 'distance'
        ? params.coverageKm
        : Math.max(params.normMin[service].urban, params.normMin[service].rural);
    const reach = a.reach ?? 2 * maxNorm;
    const cur = currentBest(data, facilities, params, service);
    currentVia = cur.via;
    let candidates: 'settlements' | 'cells' | CandidatePoints;
    if (a.candidates === 'settlements' || a.candidates === 'cells') candidates = a.candidates;
    else {
      candidates = readCandidatesFile(a.candidates);
      // Hromada by point-in-polygon where the file gives none.
      const codes = candidates.hromadaCodes!;
      for (let k = 0; k < codes.length; k++) {
        codes[k] ??= data.hromadaAt(candidates.lon[k]!, candidates.lat[k]!);
      }
    }
    if (a.candidates === 'cells') estimatedInputs.push('candidate sites are cell centres (estimated locations)');
    for (const c of a.costs) applyParam(params, `cost.${c.trim()}`);
    const ctx: PointsContext = {
      demand: data.demand,
      hromadas: data.hromadas,
      facilities,
      params,
      service,
      scope,
      candidates,
      includeOccupied: a.includeOccupied,
      reach,
    };
    const oa = { objective: a.objective, type: a.type, typeGiven: a.typeGiven ?? false, types: a.types };
    try {
      if (a.objective === 'closures') {
        const t = performance.now();
        const c = closuresFor(oa, ctx);
        log(`closures: ${c.rows.length} units ranked`);
        const result = closuresResult(c.rows, c.notes, c.total, performance.now() - t);
        const empty = buildPointsProblem({ ...ctx, candidates: { ids: [], names: [], lon: [], lat: [] }, current: cur.current, type: a.type, objective: 'coverage' });
        return { problem: empty, result, estimatedInputs, type: a.type, currentVia, territory, includeOccupied: a.includeOccupied, closures: c.rows };
      }
      problem = isCountObjective(a.objective)
        ? countProblem(oa, ctx, log)
        : buildPointsProblem({
            demand: data.demand,
            hromadas: data.hromadas,
            scope,
            current: cur.current,
            params,
            service,
            type: a.type,
            candidates,
            objective: a.objective,
            reach,
            includeOccupied: a.includeOccupied,
          });
    } catch (e) {
      if (e instanceof ObjectiveInputError) throw new InputError(e.message);
      throw e;
    }
    availability = params.availability[a.type];
    log(
      `scope ${a.scope}: ${problem.demand.count} demand units, ${problem.candidates.count} candidates, ${problem.structure.demand.length} pairs`,
    );
  }
  const result = await optimize(
    problem,
    {
      objective: a.objective,
      newFacilities: a.newFacilities,
      targetShare: a.targetShare,
      method: a.method,
      timeLimitSec: a.timeLimitSec,
      localSearchMs: a.localSearchMs,
      availability,
      budget: a.budget,
      moveCount: a.move,
    },
    {
      onProgress: (p) => {
        if (p.phase === 'milp' && p.gap !== undefined)
          log(`milp: incumbent ${p.incumbent}, bound ${p.bound}, gap ${p.gap}`);
        else if (p.phase !== 'milp') log(`phase: ${p.phase}`);
      },
    },
  );
  return { problem, result, estimatedInputs, type: a.type, currentVia, territory, includeOccupied: a.includeOccupied };
}

const csvCell = (v: unknown): string => {
  const s =
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? Number.isFinite(v)
          ? String(Math.round(v * 1e6) / 1e6)
          : ''
        : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (cells: unknown[]): string => cells.map(csvCell).join(',');

/** Writes sites.csv, curve.csv, summary.json and sites.geojson; returns the summary object. */
export function writeOutputs(run: PlanRun, outDir: string, args?: PlanArgs): Record<string, unknown> {
  const { result, problem } = run;
  mkdirSync(outDir, { recursive: true });
  const illustrative = run.estimatedInputs.length > 0;
  const siteNote = (estimated: boolean, share: number): string => {
    const parts: string[] = [];
    if (estimated) parts.push('estimated location or mostly estimated population');
    else if (share > 0) parts.push(`${(share * 100).toFixed(1)}% of what it adds is estimated population`);
    if (illustrative) parts.push('inputs partly estimated/illustrative, see summary.json');
    return parts.length > 0 ? `illustrative: ${parts.join('; ')}` : '';
  };
  const sites = [
    csvLine([
      'rank',
      'id',
      'name',
      'hromada_code',
      'type',
      'lon',
      'lat',
      'marginal',
      'cumulative_covered',
      'cumulative_share',
      'cumulative_mean_cost',
      'estimated',
      'estimated_share',
      'note',
      ...(result.objective === 'budget' ? ['cost_muah', 'people_per_muah'] : []),
      ...(result.objective === 'relocate' ? ['moved_from_id', 'moved_from_name'] : []),
    ]),
    ...result.sites.map((s) =>
      csvLine([
        s.rank,
        s.id,
        s.name,
        s.hromadaCode ?? '',
        s.type ?? '',
        s.lon,
        s.lat,
        s.marginal,
        s.cumulativeCovered,
        s.cumulativeShare,
        s.cumulativeMeanCost,
        s.estimated || illustrative ? 1 : 0,
        s.estimatedShare,
        siteNote(s.estimated, s.estimatedShare),
        ...(result.objective === 'budget' ? [s.cost, s.perCost] : []),
        ...(result.objective === 'relocate' ? [s.movedFrom?.id ?? '', s.movedFrom?.name ?? ''] : []),
      ]),
    ),
  ];
  writeFileSync(join(outDir, 'sites.csv'), sites.join('\n') + '\n');
  const spent = result.objective === 'budget';
  const curve = [
    csvLine(['k', 'covered', 'share', 'mean_cost', ...(spent ? ['spent'] : [])]),
    ...result.curve.map((c) => csvLine([c.k, c.covered, c.share, c.meanCost, ...(spent ? [c.spent] : [])])),
  ];
  writeFileSync(join(outDir, 'curve.csv'), curve.join('\n') + '\n');
  writeFileSync(join(outDir, 'sites.geojson'), JSON.stringify(sitesGeoJSON(result)) + '\n');
  if (result.objective === 'relocate') writeMoves(result, outDir);
  if (run.closures) writeClosures(run.closures, outDir);
  const summary = {
    objective: result.objective,
    measure: result.measure ?? 'population within the norm',
    assumptions: result.assumptions ?? [],
    budget: result.budget ?? null,
    moves: result.moves ? result.moves.length : null,
    coveredOnce: result.coveredOnce ?? null,
    closures: run.closures
      ? { ranked: run.closures.length, top: run.closures.slice(0, 20).map((r) => ({ id: r.id, name: r.name, type: r.type, loss: r.loss, expectedLoss: r.expectedLoss })) }
      : null,
    method: result.method,
    status: result.status,
    objectiveValue: result.objectiveValue,
    bound: result.bound,
    gap: result.gap,
    improvement: result.improvement,
    newFacilities: result.sites.length,
    newFacilityIds: result.sites.map((s) => s.id),
    coveredWeight: result.scope.coveredAfter,
    coveredWeightBefore: result.scope.coveredBefore,
    totalWeight: result.scope.weight,
    coveredShare: result.scope.weight > 0 ? result.scope.coveredAfter / result.scope.weight : 1,
    coveredDemandPoints: result.scope.coveredCountAfter,
    uncoveredDemandPoints: result.scope.uncoveredCountAfter,
    weightedMeanCost: result.scope.meanCostAfter,
    weightedMeanCostBefore: result.scope.meanCostBefore,
    unit: problem.unit,
    unreachable: {
      count: result.unreachable.length,
      weight: result.unreachableWeight,
      largest: result.unreachable.slice(0, 100),
    },
    targetShare: result.targetShare ?? null,
    reduced: result.reduced,
    timeMs: Math.round(result.timeMs * 10) / 10,
    illustrative,
    estimatedInputs: run.estimatedInputs,
    currentCostFrom: run.currentVia,
    territory: run.territory
      ? {
          list: run.territory.list,
          date: run.territory.date,
          source: run.territory.source,
          file: run.territory.file ?? null,
          counts: run.territory.counts,
          rejectedRows: run.territory.rejected ?? 0,
          occupiedIncluded: run.includeOccupied,
          occupiedExcluded: problem.occupiedExcluded ?? null,
        }
      : null,
    notes: [
      ...result.notes,
      ...(illustrative
        ? [
            'Proposed sites rest on estimated or illustrative inputs: treat them as illustrative, not as a siting decision.',
          ]
        : []),
    ],
    plannedFacilities: toPlannedFacilities(result, run.type).length,
    args: args ?? null,
  };
  writeFileSync(
    join(outDir, 'summary.json'),
    JSON.stringify(summary, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n',
  );
  return summary;
}

const USAGE = readFileSync(fileURLToPath(import.meta.url), 'utf8')
  .split('*/')[0]!
  .replace(/^\/\*\*\n/, '')
  .replace(/^ \* ?/gm, '');

async function main(argv: string[]): Promise<number> {
  try {
    const args = parsePlanArgs(argv);
    const t0 = performance.now();
    const run = await runPlan(args, (s) => process.stderr.write(`plan: ${s}\n`));
    const summary = writeOutputs(run, args.outDir, args);
    const r = run.result;
    const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
    if (run.closures) {
      process.stdout.write(
        `closures: ${run.closures.length} units ranked in ${r.timeMs.toFixed(0)} ms; largest loss ` +
          run.closures
            .slice(0, 5)
            .map((c) => `${c.name || c.id} ${Math.round(c.loss)}`)
            .join(', ') +
          `\nwrote ${join(args.outDir, 'closures.csv')}, closures.geojson, summary.json\n`,
      );
    } else {
      const what = r.measure ?? 'within the norm';
      const extra =
        r.objective === 'budget' && r.budget
          ? `; spent ${r.budget.spent.toFixed(2)} of ${r.budget.budget}`
          : r.objective === 'relocate'
            ? `; ${r.moves?.length ?? 0} moves (moves.csv)`
            : '';
      process.stdout.write(
        `${r.objective} (${r.method}, ${r.status}): ${r.sites.length} ${r.objective === 'relocate' ? 'destinations' : 'new sites'}; ${what} ${Math.round(r.scope.coveredBefore)} → ${Math.round(r.scope.coveredAfter)} ` +
          `(${pct(Number(summary.coveredShare))})` +
          (Number.isFinite(r.scope.meanCostBefore) ? `; mean ${r.scope.meanCostBefore.toFixed(2)} → ${r.scope.meanCostAfter.toFixed(2)} ${run.problem.unit}` : '') +
          `${extra}; gap ${r.gap === null ? 'n/a (heuristic)' : pct(r.gap)}; optimizer ${r.timeMs.toFixed(0)} ms, total ${(performance.now() - t0).toFixed(0)} ms\n` +
          `wrote ${join(args.outDir, 'sites.csv')}, curve.csv, summary.json\n`,
      );
    }
    for (const n of summary.notes as string[]) process.stdout.write(`note: ${n}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      if (e.message === 'help') {
        process.stdout.write(USAGE);
        return 0;
      }
      process.stderr.write(`plan: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`plan: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
