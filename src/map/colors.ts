/**
 * Colour scales of the map and legend. Colour-blind-safe sequential scales from d3-scale-chromatic:
 * cividis for the share of people within the norm (dark blue = gap, pale yellow = covered) and viridis for
 * response time (yellow = fast, dark purple = slow), plus the Okabe–Ito palette for facility types.
 */
import { interpolateCividis, interpolateViridis } from 'd3-scale-chromatic';
import type { FacilityType } from '../engine/types';

export type RGBA = [number, number, number, number];

/** Parses `#rrggbb` or `rgb(r, g, b)` as returned by d3-scale-chromatic. */
export function parseColor(s: string, alpha = 255): RGBA {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(s);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16), alpha];
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(s);
  if (rgb) return [Math.round(+rgb[1]!), Math.round(+rgb[2]!), Math.round(+rgb[3]!), alpha];
  throw new Error(`Unrecognised colour "${s}"`);
}

export function toCss(c: RGBA): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(3)})`;
}

const LUT_SIZE = 256;
function makeLut(interp: (t: number) => string): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const c = parseColor(interp(i / (LUT_SIZE - 1)));
    lut[i * 3] = c[0];
    lut[i * 3 + 1] = c[1];
    lut[i * 3 + 2] = c[2];
  }
  return lut;
}
const CIVIDIS = makeLut(interpolateCividis);
const VIRIDIS = makeLut(interpolateViridis);

function lookup(lut: Uint8Array, t: number, alpha: number, out: RGBA = [0, 0, 0, 0]): RGBA {
  const k = Math.max(0, Math.min(LUT_SIZE - 1, Math.round(t * (LUT_SIZE - 1)))) * 3;
  out[0] = lut[k]!;
  out[1] = lut[k + 1]!;
  out[2] = lut[k + 2]!;
  out[3] = alpha;
  return out;
}

/** Hromadas with no data (NaN share). */
export const NO_DATA_COLOR: RGBA = [200, 200, 200, 160];

/**
 * Choropleth colour for the share of population within the norm (0…1): cividis, 0 = dark blue, 1 = pale yellow.
 * @example shareColor(1) // ≈ [255, 234, 70, 200]
 */
export function shareColor(share: number, alpha = 200): RGBA {
  if (!Number.isFinite(share)) return [...NO_DATA_COLOR];
  return lookup(CIVIDIS, share, alpha);
}

/**
 * Response-time colour: viridis reversed over 0 … 2 × norm minutes (yellow = fast, dark purple = slow).
 * Times beyond the norm fall in the dark half of the scale and get a stronger alpha so they stand out.
 * Unreachable (Infinity) is the darkest colour.
 */
export function minutesColor(minutes: number, norm: number, alphaWithin = 150, alphaBeyond = 235): RGBA {
  const max = 2 * norm;
  const t = Number.isFinite(minutes) ? Math.min(1, Math.max(0, minutes / max)) : 1;
  return lookup(VIRIDIS, 1 - t, minutes > norm ? alphaBeyond : alphaWithin);
}

/** Writes minutesColor for every unit into a flat RGBA array (for deck.gl binary attributes). */
export function fillMinutesColors(
  out: Uint8Array,
  minutes: Float64Array,
  indices: ArrayLike<number>,
  normOf: (i: number) => number,
  alphaWithin = 150,
  alphaBeyond = 235,
): Uint8Array {
  const c: RGBA = [0, 0, 0, 0];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const m = minutes[i]!;
    const norm = normOf(i);
    const max = 2 * norm;
    const t = Number.isFinite(m) ? Math.min(1, Math.max(0, m / max)) : 1;
    lookup(VIRIDIS, 1 - t, m > norm ? alphaBeyond : alphaWithin, c);
    out[k * 4] = c[0];
    out[k * 4 + 1] = c[1];
    out[k * 4 + 2] = c[2];
    out[k * 4 + 3] = c[3];
  }
  return out;
}

/** CSS gradient stops of a scale, for the legend. */
export function gradientCss(kind: 'share' | 'minutes', steps = 10): string {
  const stops: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const c = kind === 'share' ? lookup(CIVIDIS, t, 255) : lookup(VIRIDIS, 1 - t, 255);
    stops.push(`${toCss(c)} ${(t * 100).toFixed(0)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** Okabe–Ito colours per facility type (distinguishable with the common colour-vision deficiencies). */
export const FACILITY_COLORS: Record<FacilityType, RGBA> = {
  state_fire_unit: [213, 94, 0, 255], // vermillion
  local_fire_department: [230, 159, 0, 255], // orange
  volunteer_fire_brigade: [204, 121, 167, 255], // reddish purple
  security_center: [0, 114, 178, 255], // blue
  police_station: [86, 180, 233, 255], // sky blue
  police_officer_station: [0, 158, 115, 255], // bluish green
};

/** Symbol shape per facility type: the shape, not only the colour, tells types apart. */
export type Shape = 'circle' | 'square' | 'triangle' | 'star' | 'diamond' | 'pentagon';
export const FACILITY_SHAPES: Record<FacilityType, Shape> = {
  state_fire_unit: 'circle',
  local_fire_department: 'square',
  volunteer_fire_brigade: 'triangle',
  security_center: 'star',
  police_station: 'diamond',
  police_officer_station: 'pentagon',
};

/** A categorical colour for first-due areas (facility index → one of 8 Okabe–Ito hues). */
const CATEGORICAL: RGBA[] = [
  [230, 159, 0, 255],
  [86, 180, 233, 255],
  [0, 158, 115, 255],
  [240, 228, 66, 255],
  [0, 114, 178, 255],
  [213, 94, 0, 255],
  [204, 121, 167, 255],
  [120, 120, 120, 255],
];
export function categoricalColor(i: number, alpha = 255): RGBA {
  if (i < 0) return [60, 60, 60, alpha];
  const c = CATEGORICAL[((i * 2654435761) >>> 0) % CATEGORICAL.length]!;
  return [c[0], c[1], c[2], alpha];
}
