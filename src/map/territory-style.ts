/**
 * Territory status on the map: occupied hromadas hatched over the choropleth, hromadas in the hostilities zone with a
 * thin dashed outline. Drawn by MapLibre from a small GeoJSON source of those hromadas only (a few hundred polygons
 * from the page's own hromada GeoJSON), replaced when the list in use changes; the hatch is an image made here
 * (RGBA pixels, no canvas, nothing fetched). Pure: MapView applies what is built here.
 */
import type { FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { isOccupiedCode, TERRITORY_STATUSES } from '../engine/types';

/** Source id of the territory polygons; layer ids. */
export const TERRITORY_SOURCE = 'territory';
export const OCCUPIED_LAYER = 'territory-occupied';
export const HOSTILITIES_LAYER = 'territory-hostilities';
/** Name of the hatch image (map.addImage). */
export const HATCH_IMAGE = 'hc-hatch';
/** Hatch colours: a grey wash under dark diagonal stripes (also the legend's swatch). */
export const HATCH_WASH: [number, number, number, number] = [120, 120, 120, 120];
export const HATCH_STRIPE: [number, number, number, number] = [40, 40, 40, 215];
export const HOSTILITIES_COLOR = '#b35806';

export type TerritoryMark = 'occupied' | 'hostilities';
export type TerritoryFeature = Feature<Polygon | MultiPolygon, { mark: TerritoryMark; code: string }>;

/** Hromada indices whose status is occupied territory (TERRITORY_STATUSES codes ≥ OCCUPIED_FROM). */
export function occupiedIndices(status: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < status.length; i++) if (isOccupiedCode(status[i]!)) out.push(i);
  return out;
}

const HOSTILITIES = TERRITORY_STATUSES.indexOf('hostilities');

/**
 * The polygons of occupied and hostilities-zone hromadas, feature id = hromada index, `mark` what to draw.
 * Geometries are shared with `hromadaGeo` (not copied).
 */
export function territoryGeoJson(
  hromadaGeo: FeatureCollection<Polygon | MultiPolygon>,
  status: ArrayLike<number>,
): FeatureCollection<Polygon | MultiPolygon, { mark: TerritoryMark; code: string }> {
  const features: TerritoryFeature[] = [];
  hromadaGeo.features.forEach((f, i) => {
    const s = status[i] ?? 0;
    const mark: TerritoryMark | null = isOccupiedCode(s) ? 'occupied' : s === HOSTILITIES ? 'hostilities' : null;
    if (!mark || !f.geometry) return;
    const code = String((f.properties as { code?: unknown } | null)?.code ?? '');
    features.push({ type: 'Feature', id: i, properties: { mark, code }, geometry: f.geometry });
  });
  return { type: 'FeatureCollection', features };
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
export function territoryLayerSpecs(): [FillLayerSpecification, LineLayerSpecification] {
  return [
    {
      id: OCCUPIED_LAYER,
      type: 'fill',
      source: TERRITORY_SOURCE,
      filter: ['==', ['get', 'mark'], 'occupied'],
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-antialias': false },
    },
    {
      id: HOSTILITIES_LAYER,
      type: 'line',
      source: TERRITORY_SOURCE,
      filter: ['==', ['get', 'mark'], 'hostilities'],
      paint: {
        'line-color': HOSTILITIES_COLOR,
        'line-opacity': 0.75,
        'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.6, 10, 1.6],
        'line-dasharray': [2, 1.5],
      },
    },
  ];
}
