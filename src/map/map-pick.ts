/**
 * What lies under a pixel of the map among its MapLibre layers (the settlement circles, the hromada choropleth), as
 * the PickingInfo the app's handlers read (the shape deck.gl reports). Part of MapView (map-view.ts), which first asks
 * the facility symbols and the deck.gl overlay.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { PickingInfo } from '@deck.gl/core';
import { CHOROPLETH_LAYER } from './style';
import { SETTLEMENTS_LAYER } from './settlements-style';

/** Nothing picked at pixel x, y; `coordinate` is the pointer's lon/lat. */
export function noneInfo(x: number, y: number, lon: number, lat: number): PickingInfo {
  return { x, y, index: -1, picked: false, layer: null, object: undefined, coordinate: [lon, lat] } as unknown as PickingInfo;
}

/** Index of the hromada drawn at pixel x, y by the MapLibre choropleth (its feature id), or null. */
export function hromadaAt(map: MlMap, x: number, y: number): number | null {
  if (!(x >= 0 && y >= 0) || !map.getLayer(CHOROPLETH_LAYER)) return null;
  const f = map.queryRenderedFeatures([x, y], { layers: [CHOROPLETH_LAYER] })[0];
  return f && typeof f.id === 'number' ? f.id : null;
}

/** Position k (MapData.settlements) of the settlement circle within 4 px of pixel x, y, or null. */
export function settlementAt(map: MlMap, x: number, y: number): number | null {
  if (!(x >= 0 && y >= 0) || !map.getLayer(SETTLEMENTS_LAYER)) return null;
  const r = 4;
  const f = map.queryRenderedFeatures(
    [
      [x - r, y - r],
      [x + r, y + r],
    ],
    { layers: [SETTLEMENTS_LAYER] },
  );
  // The one drawn on top (smallest, drawn last) first.
  const top = f[0];
  return top && typeof top.id === 'number' ? top.id : null;
}

/** A PickingInfo for settlement k as the app's handlers read it (as the deck.gl layer reported it): index k. */
export function settlementInfo(base: PickingInfo, k: number): PickingInfo {
  return { ...base, picked: true, index: k, object: k, layer: { id: SETTLEMENTS_LAYER } } as unknown as PickingInfo;
}

/** A PickingInfo for hromada `id` as the app's handlers read it: layer id `hromadas`, object `{id}`. */
export function hromadaInfo(base: PickingInfo, id: number): PickingInfo {
  return { ...base, picked: true, index: id, object: { id }, layer: { id: 'hromadas' } } as unknown as PickingInfo;
}
