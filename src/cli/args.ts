/**
 * Command-line parsing shared by `npm run coverage` and `npm run plan`: repeatable `--name value` / `--name=value`
 * options, boolean flags, and `--param name=value` onto ModelParams.
 */
import { FACILITY_TYPES, SERVICES, type FacilityType, type ModelParams, type Service } from '../engine/types';
import { PARAM_RANGE, paramProblem, type ParamRule } from '../state/param-check';

/** A user input problem: the CLI prints the message and exits with status 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ParsedArgs {
  /** Values of each option in order (flags get 'true'). */
  options: Map<string, string[]>;
  /** Arguments not starting with `--`. */
  positional: string[];
}

/**
 * Parses argv against known option names.
 * @param spec `values`: options taking a value (repeatable); `flags`: boolean options
 * @throws CliError on an unknown option or a missing value
 * @example parseArgs(['--facilities', 'a.csv', '--include-planned'], { values: ['facilities'], flags: ['include-planned'] })
 */
export function parseArgs(argv: readonly string[], spec: { values: readonly string[]; flags: readonly string[] }): ParsedArgs {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  const push = (k: string, v: string) => options.set(k, [...(options.get(k) ?? []), v]);
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (spec.flags.includes(name)) {
      push(name, eq > 0 ? a.slice(eq + 1) : 'true');
    } else if (spec.values.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++k];
      if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new CliError(`--${name} needs a value.`);
      push(name, v);
    } else {
      throw new CliError(`Unknown option --${name}. Known: ${[...spec.values, ...spec.flags].map((x) => `--${x}`).join(', ')}.`);
    }
  }
  return { options, positional };
}

/** Last value of an option, or the default. */
export function lastOf(args: ParsedArgs, name: string, fallback: string): string;
export function lastOf(args: ParsedArgs, name: string): string | undefined;
export function lastOf(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args.options.get(name);
  return v && v.length > 0 ? v[v.length - 1] : fallback;
}

/** `--service fire|police|all` → services (default all). */
export function parseServices(value: string | undefined): Service[] {
  if (value === undefined || value === 'all') return [...SERVICES];
  if ((SERVICES as readonly string[]).includes(value)) return [value as Service];
  throw new CliError(`--service "${value}": expected fire, police or all.`);
}

export const PARAM_NAMES =
  'detour.urban, detour.rural, speed.urban, speed.rural, turnout.<type>, norm.fire.urban, norm.fire.rural, ' +
  'norm.police.urban, norm.police.rural, mode=time|distance (alias coverage), km (alias coverage.km), ' +
  'fallback=model|unreachable (alias matrixFallback), planned=true|false, assumed=true|false (count assumed units), ' +
  'second.fire.urban, second.fire.rural, second.police.urban, second.police.rural (second-unit norm, min), ' +
  'availability.<type> (0..1), cost.<type> (million UAH, or unknown), reach.fire, reach.police (reach cap, min), ' +
  'travel=straight|road (alias travelModel; road needs --roads), road.speed.<highway class> (km/h), road.builtup (0..1], ' +
  'road.offroad (km/h), road.snap (km)';

/**
 * `--availability Q`: every facility type gets availability Q, a share from 0 to 1 (e.g. with a matrix input, whose
 * facilities carry no type-specific figure). Mutates params.
 * @throws CliError naming the option
 */
export function applyAvailabilityAll(params: ModelParams, raw: string): void {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (paramProblem('share', v)) throw new CliError(`--availability: "${raw}" is refused: expected ${PARAM_RANGE.share} (e.g. 0.85: free and staffed 85 % of the time).`);
  for (const t of FACILITY_TYPES) params.availability[t] = v;
}

/**
 * Applies one `--param name=value` to params (mutates).
 * @throws CliError naming the parameter and the problem
 * @example applyParam(p, 'norm.fire.rural=15'); applyParam(p, 'turnout.volunteer_fire_brigade=7'); applyParam(p, 'mode=distance')
 * @example applyParam(p, 'second.fire.urban=20'); applyParam(p, 'availability.volunteer_fire_brigade=0.3'); applyParam(p, 'cost.local_fire_department=4.1')
 */
export function applyParam(params: ModelParams, spec: string): void {
  const m = /^\s*([\w.]+)\s*=\s*(.+?)\s*$/.exec(spec);
  if (!m) throw new CliError(`--param "${spec}": expected name=value (${PARAM_NAMES}).`);
  const key = m[1]!;
  const raw = m[2]!;
  // A value the page would refuse too (src/state/param-check.ts): a speed of 0, a detour below 1, a norm of 0, …
  const ruled = (rule: ParamRule): number => {
    const v = raw === '' ? NaN : Number(raw);
    const problem = paramProblem(rule, v);
    if (problem) throw new CliError(`--param ${key}: "${raw}" is ${problem === 'number' ? 'not a number' : 'refused'}: expected ${PARAM_RANGE[rule]}.`);
    return v;
  };
  const parts = key.split('.');
  const [a, b, c] = parts;
  if (a === 'detour' && (b === 'urban' || b === 'rural') && parts.length === 2) params.detour[b] = ruled('detour');
  else if (a === 'speed' && (b === 'urban' || b === 'rural') && parts.length === 2) params.speedKmh[b] = ruled('speed');
  else if (a === 'turnout' && parts.length === 2) {
    if (!(FACILITY_TYPES as readonly string[]).includes(b ?? ''))
      throw new CliError(`--param ${key}: unknown facility type "${b}" (${FACILITY_TYPES.join(', ')}).`);
    params.turnoutMin[b as FacilityType] = ruled('turnout');
  } else if (a === 'norm' && (b === 'fire' || b === 'police') && (c === 'urban' || c === 'rural') && parts.length === 3)
    params.normMin[b][c] = ruled('norm');
  else if (key === 'mode' || key === 'coverage' || key === 'coverageMode') {
    if (raw !== 'time' && raw !== 'distance') throw new CliError(`--param ${key}: "${raw}" is not time or distance.`);
    params.coverageMode = raw;
  } else if (key === 'km' || key === 'coverage.km' || key === 'coverageKm') params.coverageKm = ruled('km');
  else if (key === 'fallback' || key === 'matrixFallback') {
    if (raw !== 'model' && raw !== 'unreachable') throw new CliError(`--param ${key}: "${raw}" is not model or unreachable.`);
    params.matrixFallback = raw;
  } else if (a === 'second' && (b === 'fire' || b === 'police') && (c === 'urban' || c === 'rural') && parts.length === 3)
    params.secondNormMin[b][c] = ruled('norm');
  else if ((a === 'norm' || a === 'second') && parts.length !== 3)
    throw new CliError(`--param ${key}: expected ${a}.fire|police.urban|rural=minutes (e.g. ${a}.fire.rural=${a === 'norm' ? 20 : 30}).`);
  else if ((a === 'availability' || a === 'cost') && parts.length === 2) {
    if (!(FACILITY_TYPES as readonly string[]).includes(b ?? ''))
      throw new CliError(`--param ${key}: unknown facility type "${b}" (${FACILITY_TYPES.join(', ')}).`);
    if (a === 'availability') params.availability[b as FacilityType] = ruled('share');
    else params.costMUah[b as FacilityType] = raw === 'unknown' || raw === 'null' ? null : ruled('cost');
  } else if (a === 'reach' && (b === 'fire' || b === 'police') && parts.length === 2) params.reachCapMin[b] = ruled('reachCap');
  else if (key === 'assumed' || key === 'countAssumed') {
    if (raw !== 'true' && raw !== 'false') throw new CliError(`--param ${key}: "${raw}" is not true or false.`);
    params.countAssumed = raw === 'true';
  } else if (key === 'travel' || key === 'travelModel') {
    if (raw !== 'straight' && raw !== 'road') throw new CliError(`--param ${key}: "${raw}" is not straight or road.`);
    params.travelModel = raw;
  } else if (a === 'road' && parts.length === 2 && (b === 'offroad' || b === 'snap' || b === 'builtup')) {
    if (b === 'offroad') params.roads.offRoadKmh = ruled('speed');
    else if (b === 'snap') params.roads.snapMaxKm = ruled('km');
    else if (ruled('share') > 0) params.roads = { ...params.roads, speeds: { ...params.roads.speeds, builtUpFactor: Number(raw) } };
    else throw new CliError(`--param ${key}: "${raw}" is refused: expected a factor above 0, up to 1.`);
  } else if (a === 'road' && b === 'speed' && parts.length === 3) {
    if (!(c! in params.roads.speeds.kmh)) throw new CliError(`--param ${key}: unknown highway class "${c}" (${Object.keys(params.roads.speeds.kmh).join(', ')}).`);
    params.roads = { ...params.roads, speeds: { ...params.roads.speeds, kmh: { ...params.roads.speeds.kmh, [c!]: ruled('speed') } } };
  } else if (key === 'planned' || key === 'includePlanned') {
    if (raw !== 'true' && raw !== 'false') throw new CliError(`--param ${key}: "${raw}" is not true or false.`);
    params.includePlanned = raw === 'true';
  } else throw new CliError(`--param ${key}: unknown name (${PARAM_NAMES}).`);
}
