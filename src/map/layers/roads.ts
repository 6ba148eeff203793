/**
 * The road network coloured by minutes from the nearest unit (an isochrone view of the road search): the graph's
 * edges with their shape points as one deck.gl PathLayer over binary attributes (positions and per-vertex colours
 * as typed arrays straight from the worker, no per-path objects), so 100,000+ edges stay light.
 */
import type { LayerData } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
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

/** The layer's data object per colouring (kept identical between renders, so deck.gl does not reload it). */
type Binary = LayerData<unknown> & { startIndices: Uint32Array };
const binaryData = new WeakMap<Uint8Array, Binary>();

function toBinary({ paths, colors }: RoadsLayerData): Binary {
  return {
    length: paths.pathCount,
    startIndices: paths.startIndices,
    attributes: {
      getPath: { value: paths.positions, size: 2 },
      getColor: { value: colors, size: 4 },
    },
  };
}

/**
 * The roads layer, or null when no graph is drawn. Toggled by `visible` (created once switched on, then hidden).
 * @example roadsLayer({ paths, colors, version: 3 }, true)
 */
export function roadsLayer(data: RoadsLayerData | null | undefined, visible: boolean): PathLayer | null {
  if (!data) return null;
  let binary = binaryData.get(data.colors);
  if (!binary) binaryData.set(data.colors, (binary = toBinary(data)));
  return new PathLayer({
    id: 'roads',
    visible,
    data: binary,
    // binary data: open paths, no normalisation pass over the vertices
    _pathType: 'open',
    widthUnits: 'pixels',
    getWidth: 2,
    widthMinPixels: 1,
    capRounded: false,
    jointRounded: false,
    pickable: false,
    updateTriggers: { getColor: data.version },
  });
}
