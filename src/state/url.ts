/**
 * Shareable state in the URL hash: `#map=zoom/lat/lon&h=<KATOTTG>&s=fire&lang=en&…`.
 * Only values that differ from the defaults are written, so a fresh link stays short.
 * Parameter keys: fu/fr/pu/pr arrival norms, sfu/sfr/spu/spr second-unit norms, su/sr speeds, du/dr detours, km,
 * cf/cp reach caps, t_TYPE turnout, a_TYPE availability (0…1), c_TYPE cost in million UAH (`c_TYPE=-`: unknown).
 */
import { DEFAULT_PARAMS, FACILITY_TYPES, type ModelParams } from '../engine/types';
import { DEFAULT_LAYERS, LAYER_IDS, cloneParams, type AppState, type Area, type LayerId, type MapViewState } from './app-state';
import { PARAM_RANGE, paramProblem, type ParamRule } from './param-check';
import type { FacilityEdit } from '../io/scenario';
import { MAX_HASH_CHARS, decodeEdits, encodeEdits, type LinkOmission } from './link-edits';
import { decodeRoadsHash, encodeRoadsHash } from './roads-params';

/** The scenario's part of a link: its facility edits and what the link cannot carry (imported files). */
export interface LinkScenario {
  edits: readonly FacilityEdit[];
  /** Imported files the scenario uses (they never fit in a URL). */
  omitted: readonly LinkOmission[];
}

/** The rule a numeric hash key's value must pass (src/state/param-check.ts). */
function hashRule(key: string): ParamRule {
  if (key.startsWith('t_')) return 'turnout';
  if (key.startsWith('a_')) return 'share';
  if (key === 'su' || key === 'sr') return 'speed';
  if (key === 'du' || key === 'dr') return 'detour';
  if (key === 'km') return 'km';
  if (key === 'cf' || key === 'cp') return 'reachCap';
  return 'norm';
}

/** Short hash keys for numeric parameters: [key, getter, setter]. */
const NUMERIC: [string, (p: ModelParams) => number, (p: ModelParams, v: number) => void][] = [
  ['fu', (p) => p.normMin.fire.urban, (p, v) => (p.normMin.fire.urban = v)],
  ['fr', (p) => p.normMin.fire.rural, (p, v) => (p.normMin.fire.rural = v)],
  ['pu', (p) => p.normMin.police.urban, (p, v) => (p.normMin.police.urban = v)],
  ['pr', (p) => p.normMin.police.rural, (p, v) => (p.normMin.police.rural = v)],
  ['su', (p) => p.speedKmh.urban, (p, v) => (p.speedKmh.urban = v)],
  ['sr', (p) => p.speedKmh.rural, (p, v) => (p.speedKmh.rural = v)],
  ['du', (p) => p.detour.urban, (p, v) => (p.detour.urban = v)],
  ['dr', (p) => p.detour.rural, (p, v) => (p.detour.rural = v)],
  ['km', (p) => p.coverageKm, (p, v) => (p.coverageKm = v)],
  ['cf', (p) => p.reachCapMin.fire, (p, v) => (p.reachCapMin.fire = v)],
  ['cp', (p) => p.reachCapMin.police, (p, v) => (p.reachCapMin.police = v)],
  ['sfu', (p) => p.secondNormMin.fire.urban, (p, v) => (p.secondNormMin.fire.urban = v)],
  ['sfr', (p) => p.secondNormMin.fire.rural, (p, v) => (p.secondNormMin.fire.rural = v)],
  ['spu', (p) => p.secondNormMin.police.urban, (p, v) => (p.secondNormMin.police.urban = v)],
  ['spr', (p) => p.secondNormMin.police.rural, (p, v) => (p.secondNormMin.police.rural = v)],
  ...FACILITY_TYPES.map(
    (t): [string, (p: ModelParams) => number, (p: ModelParams, v: number) => void] => [
      `t_${t}`,
      (p) => p.turnoutMin[t],
      (p, v) => (p.turnoutMin[t] = v),
    ],
  ),
  ...FACILITY_TYPES.map(
    (t): [string, (p: ModelParams) => number, (p: ModelParams, v: number) => void] => [
      `a_${t}`,
      (p) => p.availability[t],
      (p, v) => (p.availability[t] = v),
    ],
  ),
];

function round(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/**
 * `link`: the scenario's edits go in as `e=` (compressed) while the whole hash stays within MAX_HASH_CHARS; what is
 * left out (edits past the limit, imported files) is named in `x=` (e.g. `x=edits,imports`).
 */
export function encodeHash(state: AppState, view: MapViewState | null, hromadaCode: string | null, link?: LinkScenario): string {
  const parts: string[] = [];
  if (view) parts.push(`map=${round(view.zoom, 2)}/${round(view.lat, 4)}/${round(view.lon, 4)}`);
  if (hromadaCode) parts.push(`h=${encodeURIComponent(hromadaCode)}`);
  if (state.area) parts.push(`area=${encodeArea(state.area)}`);
  parts.push(`s=${state.service}`);
  if (state.lang !== 'uk') parts.push(`lang=${state.lang}`);
  for (const [key, get] of NUMERIC) {
    const v = get(state.params);
    if (v !== get(DEFAULT_PARAMS)) parts.push(`${key}=${round(v, 3)}`);
  }
  for (const t of FACILITY_TYPES) {
    const c = state.params.costMUah[t];
    if (c !== DEFAULT_PARAMS.costMUah[t]) parts.push(`c_${t}=${c === null ? '-' : round(c, 3)}`);
  }
  if (state.params.includePlanned !== DEFAULT_PARAMS.includePlanned) parts.push(`planned=${state.params.includePlanned ? 1 : 0}`);
  if (state.params.coverageMode !== DEFAULT_PARAMS.coverageMode) parts.push(`mode=${state.params.coverageMode}`);
  if (state.params.matrixFallback !== DEFAULT_PARAMS.matrixFallback) parts.push(`fallback=${state.params.matrixFallback}`);
  if (state.params.countAssumed !== DEFAULT_PARAMS.countAssumed) parts.push(`assumed=${state.params.countAssumed ? 1 : 0}`);
  parts.push(...encodeRoadsHash(state.params));
  const on = LAYER_IDS.filter((l) => state.layers[l]);
  if (LAYER_IDS.some((l) => state.layers[l] !== DEFAULT_LAYERS[l])) parts.push(`layers=${on.join(',')}`);
  if (state.ringKm !== 10) parts.push(`ring=${round(state.ringKm, 1)}`);
  if (state.basemap === 'osm') parts.push('osm=1');
  if (link) {
    const omitted = new Set(link.omitted);
    if (link.edits.length > 0) {
      const e = `e=${encodeEdits(link.edits)}`;
      const rest = 1 + parts.join('&').length + 1 + '&x=edits,imports'.length;
      if (rest + e.length <= MAX_HASH_CHARS) parts.push(e);
      else omitted.add('edits');
    }
    if (omitted.size > 0) parts.push(`x=${[...omitted].sort().join(',')}`);
  }
  return '#' + parts.join('&');
}

export interface DecodedHash {
  view: MapViewState | null;
  hromadaCode: string | null;
  patch: Partial<AppState>;
  /** The sender's facility edits (`e=`), or null when the link has none (or they could not be read). */
  edits: FacilityEdit[] | null;
  /** What the sender's link left out (`x=`); empty for a complete link. `x=1`: unspecified. */
  omitted: (LinkOmission | 'other')[];
  /** A link the page wrote (it has the service): `patch.params` is then its whole parameter set. */
  full: boolean;
}

/**
 * Reads a hash written by encodeHash onto `base`; unknown or malformed values are ignored, and a parameter value the
 * controls would refuse (a speed of 0, a detour below 1, …) is ignored with a console warning.
 */
export function decodeHash(hash: string, base: AppState): DecodedHash {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  let view: MapViewState | null = null;
  const m = q.get('map');
  if (m) {
    const [z, lat, lon] = m.split('/').map(Number);
    if ([z, lat, lon].every((x) => x !== undefined && Number.isFinite(x)) && Math.abs(lat!) <= 85 && Math.abs(lon!) <= 180)
      view = { zoom: z!, lat: lat!, lon: lon! };
  }
  const patch: Partial<AppState> = {};
  const s = q.get('s');
  if (s === 'fire' || s === 'police') patch.service = s;
  const lang = q.get('lang');
  if (lang === 'uk' || lang === 'en') patch.lang = lang;
  // A link the page wrote (it always has the service) carries every parameter it changes: read it onto the defaults, so
  // a parameter it does not name is the default, not what the reader had before.
  const full = q.get('s') === 'fire' || q.get('s') === 'police';
  const params = cloneParams(full ? DEFAULT_PARAMS : base.params);
  let paramsChanged = false;
  for (const [key, , set] of NUMERIC) {
    const raw = q.get(key);
    if (raw === null) continue;
    const v = raw.trim() === '' ? NaN : Number(raw);
    const rule = hashRule(key);
    if (paramProblem(rule, v) === null) {
      set(params, v);
      paramsChanged = true;
    } else console.warn(`Link parameter ${key}=${raw} ignored: expected ${PARAM_RANGE[rule]}.`);
  }
  for (const t of FACILITY_TYPES) {
    const raw = q.get(`c_${t}`);
    if (raw === null) continue;
    const v = raw === '-' ? null : raw.trim() === '' ? NaN : Number(raw);
    if (v === null || paramProblem('cost', v) === null) {
      params.costMUah[t] = v;
      paramsChanged = true;
    } else console.warn(`Link parameter c_${t}=${raw} ignored: expected ${PARAM_RANGE.cost} (or - for unknown).`);
  }
  const planned = q.get('planned');
  if (planned === '1' || planned === '0') {
    params.includePlanned = planned === '1';
    paramsChanged = true;
  }
  const assumed = q.get('assumed');
  if (assumed === '1' || assumed === '0') {
    params.countAssumed = assumed === '1';
    paramsChanged = true;
  }
  const fallback = q.get('fallback');
  if (fallback === 'model' || fallback === 'unreachable') {
    params.matrixFallback = fallback;
    paramsChanged = true;
  }
  const mode = q.get('mode');
  if (mode === 'time' || mode === 'distance') {
    params.coverageMode = mode;
    paramsChanged = true;
  }
  if (decodeRoadsHash(q, params)) paramsChanged = true;
  if (paramsChanged || full) patch.params = params;
  const layers = q.get('layers');
  if (layers !== null) {
    const on = new Set(layers.split(','));
    patch.layers = Object.fromEntries(LAYER_IDS.map((l) => [l, on.has(l)])) as Record<LayerId, boolean>;
  }
  const ring = Number(q.get('ring'));
  if (q.has('ring') && Number.isFinite(ring) && ring > 0) patch.ringKm = ring;
  if (q.get('osm') === '1') patch.basemap = 'osm';
  const area = decodeArea(q.get('area'));
  // A full link without `area=` shows the country.
  if (area) patch.area = area;
  else if (full) patch.area = null;
  const e = q.get('e');
  const edits = e === null ? null : decodeEdits(e);
  const x = q.get('x');
  const omitted: DecodedHash['omitted'] = [];
  if (x !== null) {
    for (const w of x.split(',')) if (w === 'edits' || w === 'imports') omitted.push(w);
    if (omitted.length === 0) omitted.push('other');
  }
  const h = q.get('h');
  // KATOTTG or an imported boundary's own code (letters, digits, . _ -); the page looks it up among the hromadas.
  return { view, hromadaCode: h && /^[\p{L}\p{N}._-]{1,64}$/u.test(h) ? h : null, patch, edits, omitted, full };
}

/** `area=` value: the oblast name, or `oblast/raion` (each URI-encoded). */
export function encodeArea(a: Area): string {
  return a.kind === 'oblast' ? encodeURIComponent(a.oblast) : `${encodeURIComponent(a.oblast)}/${encodeURIComponent(a.raion)}`;
}

/** Reads an `area=` value (already URI-decoded by URLSearchParams); null when absent or not a plausible name. */
export function decodeArea(raw: string | null): Area | null {
  if (raw === null) return null;
  const parts = raw.split('/');
  const ok = (s: string | undefined): s is string => s !== undefined && /^[\p{L}\p{M}' ’ʼ.-]{1,60}$/u.test(s);
  if (parts.length === 1 && ok(parts[0])) return { kind: 'oblast', oblast: parts[0] };
  if (parts.length === 2 && ok(parts[0]) && ok(parts[1])) return { kind: 'raion', oblast: parts[0], raion: parts[1] };
  return null;
}
