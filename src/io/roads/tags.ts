/**
 * From OSM way tags to the graph's edge attributes: drivable class, direction, maxspeed (km/h) and the built-up flag.
 *
 * Rules (planning assumptions, see docs/road-graph.md):
 * - drivable: `highway` is one of ROAD_CLASSES (src/engine/roads/speeds.ts); `access` is not read (fire engines use
 *   private and service roads to reach a call).
 * - direction: `oneway` = yes/1/true → forward, -1/reverse → backward, reversible/alternating → the way is skipped,
 *   no/false/0 → both; otherwise implied oneway for `junction` = roundabout/circular and for motorways.
 * - maxspeed: {@link parseMaxspeed}; several values ("50;70") → the lowest.
 * - built-up: `maxspeed`, `zone:maxspeed`, `source:maxspeed` or `maxspeed:type` names an urban zone (UA:urban,
 *   or any country's `XX:urban`), or the class is living_street or residential.
 */
import { ROAD_FLAG_BUILT_UP, ROAD_FLAG_EXPLICIT_SPEED } from '../../engine/roads/graph';
import { roadClassIndex } from '../../engine/roads/speeds';
import type { OsmTags } from './osm';

export const ONEWAY_NO = 0;
export const ONEWAY_FORWARD = 1;
export const ONEWAY_BACKWARD = -1;
/** The way is skipped (reversible: its direction changes through the day). */
export const ONEWAY_SKIP = 2;

/** Ukraine's implicit limits (Правила дорожнього руху, п. 12.4–12.6; OSM wiki "Default speed limits"). */
const IMPLICIT_KMH: Readonly<Record<string, number>> = {
  urban: 50,
  rural: 90,
  trunk: 110,
  motorway: 130,
  living_street: 20,
  walk: 5,
};

const MPH = 1.609344;

export interface Maxspeed {
  /** km/h rounded, 1…255; 0 when none, unknown or not a limit ("none", "signals", "variable"). */
  readonly kmh: number;
  /** The value names an urban zone (XX:urban). */
  readonly urban: boolean;
}

const NONE: Maxspeed = { kmh: 0, urban: false };

/** Parses one OSM `maxspeed` value: "50", "50 mph", "30 knots", "UA:urban", "50;70", "walk", "none". */
export function parseMaxspeed(value: string | undefined): Maxspeed {
  if (value === undefined) return NONE;
  let best = 0;
  let urban = false;
  for (const raw of value.split(';')) {
    const v = raw.trim().toLowerCase();
    let kmh: number;
    const num = /^(\d+(?:\.\d+)?)\s*(mph|knots|km\/h|kmh|kph)?$/.exec(v);
    if (num) {
      const x = Number(num[1]);
      kmh = num[2] === 'mph' ? x * MPH : num[2] === 'knots' ? x * 1.852 : x;
    } else {
      const zone = /^[a-z]{2}(?:-[a-z0-9]+)?:([a-z_]+)$/.exec(v);
      const name = zone ? zone[1]! : v;
      if (name === 'urban' || name === 'zone30' || name === 'zone20') urban = true;
      kmh = IMPLICIT_KMH[name] ?? 0;
    }
    if (kmh > 0) {
      const k = Math.min(255, Math.max(1, Math.round(kmh)));
      best = best === 0 ? k : Math.min(best, k);
    }
  }
  return best === 0 && !urban ? NONE : { kmh: best, urban };
}

const isUrbanZone = (v: string | undefined): boolean =>
  v !== undefined && /(^|;)\s*[a-z]{2}(?:-[a-z0-9]+)?:urban\s*($|;)/i.test(v);

export function parseOneway(tags: OsmTags, cls: string): number {
  const o = tags['oneway']?.trim().toLowerCase();
  if (o === 'yes' || o === '1' || o === 'true') return ONEWAY_FORWARD;
  if (o === '-1' || o === 'reverse') return ONEWAY_BACKWARD;
  if (o === 'reversible' || o === 'alternating') return ONEWAY_SKIP;
  if (o === 'no' || o === '0' || o === 'false') return ONEWAY_NO;
  const j = tags['junction'];
  if (j === 'roundabout' || j === 'circular') return ONEWAY_FORWARD;
  if (cls === 'motorway') return ONEWAY_FORWARD;
  return ONEWAY_NO;
}

export interface WayAttrs {
  readonly cls: number;
  readonly maxspeed: number;
  readonly flags: number;
  readonly oneway: number;
}

/**
 * Edge attributes of a way, or null when it is not drivable. `explicitSpeed`: read a `speed_kmh` property (GeoJSON
 * input), which overrides the class speed: stored as maxspeed with ROAD_FLAG_EXPLICIT_SPEED (1…255 km/h).
 */
export function wayAttrs(tags: OsmTags, explicitSpeed = false): WayAttrs | null {
  const hw = tags['highway'];
  let cls = hw === undefined ? -1 : roadClassIndex(hw);
  let flags = 0;
  let maxspeed = 0;
  const sp = explicitSpeed ? Number(tags['speed_kmh']) : NaN;
  if (Number.isFinite(sp) && sp > 0) {
    if (cls < 0) cls = roadClassIndex('road');
    maxspeed = Math.min(255, Math.max(1, Math.round(sp)));
    flags |= ROAD_FLAG_EXPLICIT_SPEED;
  }
  if (cls < 0) return null;
  const clsName = hw ?? 'road';
  const ms = parseMaxspeed(tags['maxspeed']);
  if (!(flags & ROAD_FLAG_EXPLICIT_SPEED)) maxspeed = ms.kmh;
  if (
    ms.urban ||
    isUrbanZone(tags['zone:maxspeed']) ||
    isUrbanZone(tags['source:maxspeed']) ||
    isUrbanZone(tags['maxspeed:type']) ||
    clsName === 'living_street' ||
    clsName === 'residential'
  )
    flags |= ROAD_FLAG_BUILT_UP;
  return { cls, maxspeed, flags, oneway: parseOneway(tags, clsName) };
}

/** Cheap pre-filter for readers: the way may be drivable (its refs are worth decoding). */
export function maybeDrivable(tags: OsmTags, explicitSpeed = false): boolean {
  const hw = tags['highway'];
  return (hw !== undefined && roadClassIndex(hw) >= 0) || (explicitSpeed && tags['speed_kmh'] !== undefined);
}
