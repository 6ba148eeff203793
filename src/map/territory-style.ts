/**
 * Territory status on the map: occupied hromadas hatched over the choropleth, hromadas in the hostilities zone with a
 * thin dashed outline. Drawn from the choropleth's own polygons (the basemap tiles, or imported boundaries' GeoJSON:
 * HromadaSource), filtered by hromada code, so the hatch meets the colours exactly and MapLibre draws no second
 * source: each source switch redraws the tiles' clipping masks, and a separate GeoJSON source for these few hundred
 * polygons cost about a sixth of every country-view frame in software WebGL. The filters change when the list in use
 * changes; the hatch is an image made here (RGBA pixels, no canvas, nothing fetched). Pure: MapView applies what is
 * built here.
 */
import type { FillLayerSpecification, FilterSpecification, LineLayerSpecification } from 'maplibre-gl';
import { isOccupiedCode, TERRITORY_STATUSES } from '../engine/types';
import { hromadaLayerSource, type HromadaSource } from './style';

/** Layer ids. */
export const OCCUPIED_LAYER = 'territory-occupied';
export const HOSTILITIES_LAYER = 'territory-hostilities';
/** Name of the hatch image (map.addImage). */
export const HATCH_IMAGE = 'hc-hatch';
/** Hatch colours: a grey wash under dark diagonal stripes (also the legend's swatch). */
export const HATCH_WASH: [number, number, number, number] = [120, 120, 120, 120];
export const HATCH_STRIPE: [number, number, number, number] = [40, 40, 40, 215];
export const HOSTILITIES_COLOR = '#b35806';

/** The hromada codes drawn as occupied and as in the hostilities zone. */
export interface TerritoryCodes {
  occupied: string[];
  hostilities: string[];
}

/** Hromada indices whose status is occupied territory (TERRITORY_STATUSES codes ≥ OCCUPIED_FROM). */
export function occupiedIndices(status: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < status.length; i++) if (isOccupiedCode(status[i]!)) out.push(i);
  return out;
}

const HOSTILITIES = TERRITORY_STATUSES.indexOf('hostilities');

/** The codes of the occupied and the hostilities-zone hromadas (`codes` and `status` in HromadaTable order). */
export function territoryCodes(codes: readonly string[], status: ArrayLike<number>): TerritoryCodes {
  const out: TerritoryCodes = { occupied: [], hostilities: [] };
  for (let i = 0; i < status.length; i++) {
    const s = status[i]!;
    const code = codes[i];
    if (code === undefined) continue;
    if (isOccupiedCode(s)) out.occupied.push(code);
    else if (s === HOSTILITIES) out.hostilities.push(code);
  }
  return out;
}

/** The filter that keeps the polygons of `codes` (every hromada polygon carries its `code`). */
export function codeFilter(codes: readonly string[]): FilterSpecification {
  return ['in', ['get', 'code'], ['literal', [...codes]]];
}

/**
 * The hatch: `size`-pixel square tile of a grey wash with a dark diagonal stripe (45°, `size / 4` wide), tiling
 * seamlessly, as RGBA bytes for map.addImage.
 */
export function hatchImage(size = 12): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const w = Math.max(1, Math.round(size / 4));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = (x + y) % size < w ? HATCH_STRIPE : HATCH_WASH;
      data.set(c, (y * size + x) * 4);
    }
  return { width: size, height: size, data };
}

/** The two layers over the choropleth and under the outlines (MapView inserts them before `hromada-lines`). */
export function territoryLayerSpecs(h: HromadaSource, t: TerritoryCodes): [FillLayerSpecification, LineLayerSpecification] {
  const source = hromadaLayerSource(h);
  return [
    {
      id: OCCUPIED_LAYER,
      type: 'fill',
      ...source,
      filter: codeFilter(t.occupied),
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-antialias': false },
    },
    {
      id: HOSTILITIES_LAYER,
      type: 'line',
      ...source,
      filter: codeFilter(t.hostilities),
      paint: {
        'line-color': HOSTILITIES_COLOR,
        'line-opacity': 0.75,
        'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.6, 10, 1.6],
        'line-dasharray': [2, 1.5],
      },
    },
  ];
}
