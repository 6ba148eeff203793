/**
 * Road speeds for fire engines: a planning assumption per OSM highway class, capped by the way's own `maxspeed`,
 * slowed by a factor in built-up areas. Defaults follow the OSRM car profile's class speeds (osrm-backend
 * profiles/car.lua), capped at 90 km/h for a heavy vehicle; they are editable (ModelParams.roads) and calibrated by
 * the model check. Sources and reasoning: docs/road-graph.md.
 */
import type { RoadGraph } from './graph';
import { ROAD_FLAG_BUILT_UP, ROAD_FLAG_EXPLICIT_SPEED } from './graph';

/** Drivable OSM highway classes, in the order of RoadGraph.cls. */
export const ROAD_CLASSES = [
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'track',
  'road',
] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadSpeeds {
  /** Speed of a fire engine per class, km/h, where the way has no lower `maxspeed`. */
  readonly kmh: Readonly<Record<RoadClass, number>>;
  /** Multiplier (0–1] for edges flagged built-up. */
  readonly builtUpFactor: number;
}

export const DEFAULT_ROAD_SPEEDS: RoadSpeeds = {
  kmh: {
    motorway: 90,
    motorway_link: 45,
    trunk: 85,
    trunk_link: 40,
    primary: 65,
    primary_link: 30,
    secondary: 55,
    secondary_link: 25,
    tertiary: 40,
    tertiary_link: 20,
    unclassified: 25,
    residential: 25,
    living_street: 10,
    service: 15,
    track: 5,
    road: 25,
  },
  builtUpFactor: 0.8,
};

/** Index of an OSM `highway` value in ROAD_CLASSES, −1 when it is not drivable. */
export function roadClassIndex(highway: string): number {
  return (ROAD_CLASSES as readonly string[]).indexOf(highway);
}

/**
 * Speed in km/h of one edge under `speeds`: the class speed, capped by maxspeed, times the built-up factor; an
 * explicit speed (ROAD_FLAG_EXPLICIT_SPEED, from a GeoJSON `speed_kmh`) as it is.
 */
export function edgeKmh(cls: number, maxspeed: number, flags: number, speeds: RoadSpeeds): number {
  if (flags & ROAD_FLAG_EXPLICIT_SPEED && maxspeed > 0) return maxspeed;
  let v = speeds.kmh[ROAD_CLASSES[cls] ?? 'road'];
  if (maxspeed > 0 && maxspeed < v) v = maxspeed;
  if (flags & ROAD_FLAG_BUILT_UP) v *= speeds.builtUpFactor;
  return v;
}

/**
 * Travel seconds of every edge of `g` under `speeds` (recomputed whenever the speed table changes).
 * @param out where to write them (length g.edgeCount); default a new array
 */
export function edgeSeconds(g: RoadGraph, speeds: RoadSpeeds, out: Float32Array = new Float32Array(g.edgeCount)): Float32Array {
  for (let e = 0; e < g.edgeCount; e++) out[e] = (3.6 * g.lengthM[e]!) / edgeKmh(g.cls[e]!, g.maxspeed[e]!, g.flags[e]!, speeds);
  return out;
}
