/**
 * The roads layer's data and colours by minutes from the nearest unit (no deck.gl here: the page colours the roads
 * in its roads hook and legend without loading the map's deck.gl layers; roads.ts draws them).
 */
import { minutesColor, type RGBA } from '../colors';
import type { RoadPaths } from '../../worker/roads-protocol';
import { roadVertexMinutes } from '../../worker/roads-paths';

/** What the roads layer draws: the paths and the current result's per-vertex colours. */
export interface RoadsLayerData {
  paths: RoadPaths;
  /** RGBA per vertex (roadsColors). */
  colors: Uint8Array;
  /** Changes with every new colouring (the layer's update trigger). */
  version: number;
}

/** Colour of roads no unit reaches within the reach cap. */
export const ROADS_UNREACHED: RGBA = [120, 120, 120, 140];

/**
 * RGBA per vertex from per-node minutes: the response-time scale (yellow = fast … dark purple = slow, over
 * 0 … 2 × `norm`), grey where no unit reaches the road.
 * @param norm minutes (the rural norm of the service: roads mostly run outside towns)
 */
export function roadsColors(paths: RoadPaths, nodeMinutes: Float32Array, norm: number, reachCap: number): Uint8Array {
  const vm = roadVertexMinutes(paths, nodeMinutes);
  const out = new Uint8Array(vm.length * 4);
  for (let k = 0; k < vm.length; k++) {
    const m = vm[k]!;
    const c = Number.isFinite(m) && m <= reachCap ? minutesColor(m, norm, 230, 240) : ROADS_UNREACHED;
    out[4 * k] = c[0];
    out[4 * k + 1] = c[1];
    out[4 * k + 2] = c[2];
    out[4 * k + 3] = c[3];
  }
  return out;
}
