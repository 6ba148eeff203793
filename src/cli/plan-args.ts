/**
 * The plan CLI's options: PlanArgs, their parsing and checks, and the usage text (`npm run plan -- --help`).
 */
import { FACILITY_TYPES, type FacilityType, type Service } from '../engine/types';
import type { PlanObjective } from '../engine/optimize';
import { CliError } from './args';
import { EXIT_CODES_TEXT } from './inputs';

/** A user input problem: the plan CLI prints the message and exits with status 2. */
export class InputError extends CliError {}

export const USAGE = `usage: npm run plan -- [options]
Where should new stations go? Runs the optimizer (src/engine/optimize) on the embedded data (or your files) and writes
DIR/sites.csv, DIR/curve.csv, DIR/summary.json and DIR/sites.geojson (and DIR/rejected.csv when input rows were rejected).

  --objective coverage|min-facilities|p-median|backup-coverage|expected-coverage|closures|relocate|budget
                           (default coverage; docs/planner.md says what each assumes)
  --new N                  new facilities (coverage, p-median, backup-coverage, expected-coverage; default 5)
  --budget B               budget: money for new units, million UAH; --cost TYPE=M (repeatable) sets a type's cost
                           (same as --param cost.TYPE=M); --types TYPE,… the types to choose from (default every
                           type of the service with a cost); matrix input: --candidate-costs FILE (id,cost)
  --move K                 relocate: move up to K existing units of --type in the scope (matrix: --movable ID,…)
  --availability Q         expected-coverage with --matrix: every facility's availability (points: the type's
                           --param availability.TYPE=q, defaults in ModelParams)
  --radius2 R              backup-coverage with --matrix: the second-unit threshold (default --radius)
  closures: ranks existing units of --type (default every type of the service) standing in the scope; writes
           closures.csv and closures.geojson
  --target-share S         min-facilities: share of the scope's population within the norm, 0..1 (default: all reachable)
  --type TYPE              type of the new facilities (default local_fire_department)
  --service fire|police    (default: the type's first service)
  --scope country|oblast:NAME|raion:NAME|hromada:KATOTTG[,KATOTTG…]   (default country)
  --candidates settlements|cells|FILE   FILE: points (CSV id,name,lat,lon[,hromada_code], XLSX, GeoJSON, zipped
                           shapefile, KML/KMZ), read by the facilities importer
  --roads GRAPH            road graph (.graph, built by \`npm run roads -- EXTRACT\`): the coverage structure and the
                           current times by road for sites and units within road.snap km of a road node, the
                           straight-line model elsewhere (sets travel=road; every objective, closures too)
  --method heuristic|exact  --time-limit SECONDS  --local-search-ms MS  --reach COST (p-median structure reach)
  --include-occupied       plan for occupied territory too (default: occupied hromadas of the territory list in use
                           are left out of the demand optimised and of the candidate sites)
  --territory FILE         territory-status list CSV (katottg,status[,start_date,end_date]; the shape of the official
                           list, order No. 376) instead of the built-in 2022 list; --territory-date DATE its date
  --out-dir DIR            (default out/plan)
  --strict                 any rejected input row stops the run (exit 2, nothing written)
  data: --facilities FILE (repeatable; CSV id,name,type,status,lat,lon, XLSX, GeoJSON, zipped shapefile or KML/KMZ;
        default the embedded facilities)
        --include-planned  --param name=value (repeatable: detour.urban=1.2, speed.rural=60,
        turnout.local_fire_department=2, norm.fire.rural=20, coverage=distance, coverage.km=10)
  matrix made elsewhere: --matrix FILE (long CSV/XLSX facility_id,demand_id,cost in any unit) --demand FILE
        (id,weight) --radius R (coverage threshold in the matrix's unit; p-median needs none) --fixed ID,…
        (facilities that stay open) --unit LABEL; every matrix facility not fixed is a candidate.
Rows an input file's reader rejects are printed (file, row, reason) and written to DIR/rejected.csv; the valid rows
are used.
${EXIT_CODES_TEXT}
`;

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
  /** Road graph file (--roads): plan by the road network. */
  roads?: string;
  demand?: string;
  radius?: number;
  fixed: string[];
  unit?: string;
  /** Plan for occupied territory too (default false). */
  includeOccupied: boolean;
  /** Territory-status list file replacing the built-in list, and its date. */
  territory?: string;
  territoryDate?: string;
  /** Any rejected input row stops the run (exit 2). */
  strict?: boolean;
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
      case '--roads':
        a.roads = val();
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
      case '--strict':
        a.strict = true;
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
  // p-median minimises the weighted mean cost: it has no threshold, so it needs no --radius.
  if (a.matrix && a.radius === undefined && a.objective !== 'p-median')
    throw new InputError(`--matrix with --objective ${a.objective} needs --radius (the coverage threshold in the matrix unit).`);
  if (!a.matrix && (a.radius !== undefined || a.fixed.length > 0)) {
    throw new InputError('--radius and --fixed apply to --matrix input only.');
  }
  if (a.matrix && (a.territory || a.includeOccupied)) {
    throw new InputError('--territory and --include-occupied apply to the embedded data, not to --matrix input.');
  }
  if (a.roads && a.matrix) throw new InputError('--roads applies to the embedded data; a --matrix already gives the travel costs.');
  if (a.territoryDate !== undefined && !a.territory) {
    throw new InputError('--territory-date applies to a list given with --territory.');
  }
  checkObjectiveArgs(a);
  return a;
}
