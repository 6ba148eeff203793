/**
 * The road model's parameters in the page: a deep copy with defaults filled (ModelParams.roads may be missing in an
 * older scenario or link), and their short keys in the URL hash (read and written by src/state/url.ts):
 * `tm=road` the travel model, `rs_CLASS` a class speed (km/h), `rbu` the built-up factor, `rof` the off-road speed,
 * `rsn` the snap distance (km). Only values that differ from the defaults are written.
 */
import { ROAD_CLASSES } from '../engine/roads/speeds';
import { DEFAULT_PARAMS, type ModelParams } from '../engine/types';
import { PARAM_RANGE, paramProblem, type ParamRule } from './param-check';

type Roads = ModelParams['roads'];

/** `p` with its own copy of the road parameters (defaults where missing), safe to mutate. */
export function withRoads(p: ModelParams): ModelParams & { roads: Roads } {
  const r = p.roads ?? DEFAULT_PARAMS.roads;
  return {
    ...p,
    travelModel: p.travelModel ?? DEFAULT_PARAMS.travelModel,
    roads: { ...r, speeds: { ...r.speeds, kmh: { ...DEFAULT_PARAMS.roads.speeds.kmh, ...r.speeds.kmh } } },
  };
}

/** Hash keys of the numeric road parameters: [key, rule, getter, setter]. */
const KEYS: [string, ParamRule, (r: Roads) => number, (r: Roads, v: number) => void][] = [
  ['rbu', 'share', (r) => r.speeds.builtUpFactor, (r, v) => (r.speeds = { ...r.speeds, builtUpFactor: v })],
  ['rof', 'speed', (r) => r.offRoadKmh, (r, v) => (r.offRoadKmh = v)],
  ['rsn', 'km', (r) => r.snapMaxKm, (r, v) => (r.snapMaxKm = v)],
  ...ROAD_CLASSES.map((c): [string, ParamRule, (r: Roads) => number, (r: Roads, v: number) => void] => [
    `rs_${c}`,
    'speed',
    (r) => r.speeds.kmh[c],
    (r, v) => (r.speeds = { ...r.speeds, kmh: { ...r.speeds.kmh, [c]: v } }),
  ]),
];

/** The hash parts of the road parameters that differ from the defaults. */
export function encodeRoadsHash(params: ModelParams): string[] {
  const p = withRoads(params);
  const parts: string[] = [];
  if (p.travelModel !== DEFAULT_PARAMS.travelModel) parts.push(`tm=${p.travelModel}`);
  for (const [key, , get] of KEYS) {
    const v = get(p.roads);
    if (v !== get(DEFAULT_PARAMS.roads)) parts.push(`${key}=${Number(v.toFixed(3))}`);
  }
  return parts;
}

/**
 * Reads the road parameters of a hash onto `params` (mutated: its `roads` replaced by a copy). A value the controls
 * would refuse is ignored with a console warning. @returns whether anything was read
 */
export function decodeRoadsHash(q: URLSearchParams, params: ModelParams): boolean {
  let changed = false;
  const tm = q.get('tm');
  if (tm === 'road' || tm === 'straight') {
    params.travelModel = tm;
    changed = true;
  }
  const p = withRoads(params);
  for (const [key, rule, , set] of KEYS) {
    const raw = q.get(key);
    if (raw === null) continue;
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (paramProblem(rule, v) === null && v > 0) {
      set(p.roads, v);
      changed = true;
    } else console.warn(`Link parameter ${key}=${raw} ignored: expected ${PARAM_RANGE[rule]}.`);
  }
  if (changed) params.roads = p.roads;
  return changed;
}
