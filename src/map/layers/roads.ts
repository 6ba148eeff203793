/**
 * The road network coloured by minutes from the nearest unit (an isochrone view of the road search): the graph's
 * edges with their shape points as one deck.gl PathLayer over binary attributes (positions and per-vertex colours
 * as typed arrays straight from the worker, no per-path objects), so 100,000+ edges stay light.
 */
import type { LayerData } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import type { RoadsLayerData } from './roads-colors';

export { ROADS_UNREACHED, roadsColors, type RoadsLayerData } from './roads-colors';

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
