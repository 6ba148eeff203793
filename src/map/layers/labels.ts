import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { settlementRadiusM, type MapData, type PlaceNames } from '../map-data';
import { SETTLEMENT_MAX_PX, SETTLEMENT_MIN_PX } from '../settlements-style';
import type { LayerInput, MapBounds, PlaceHighlight } from './types';
import { placeName } from '../../i18n/place-name';

/** Smallest population named at `zoom`: cities over 150,000 at country zoom, over 40,000 from 6.5, 10,000 from 8. */
export function labelMinPopulation(zoom: number): number {
  return zoom >= 8 ? 10_000 : zoom >= 6.5 ? 40_000 : 150_000;
}

/** Zoom from which every located settlement is named (only those in view: PLACE_NAMES_MIN_ZOOM). */
export const PLACE_NAMES_MIN_ZOOM = 10;

const shown = new WeakMap<readonly number[], Map<number, number[]>>();
const characters = new WeakMap<PlaceNames, string>();

type LabelData = Pick<MapData, 'labelIndices' | 'places'>;

/**
 * The labels drawn at a threshold: the prefix of `labelIndices` (positions in `places`, biggest first) at or over
 * `minPop`, the same array for the same threshold. Only these go to the text layer: every glyph of a label hidden by
 * size 0 would still cost vertex work in each frame (about 85 ms at the country view in software WebGL, for ~30 names
 * shown of ~360).
 */
export function labelsShown(data: LabelData, minPop: number): number[] {
  let byPop = shown.get(data.labelIndices);
  if (!byPop) shown.set(data.labelIndices, (byPop = new Map()));
  let list = byPop.get(minPop);
  if (!list) {
    const n = data.labelIndices.findIndex((k) => data.places.population[k]! < minPop);
    list = n < 0 ? [...data.labelIndices] : data.labelIndices.slice(0, n);
    byPop.set(minPop, list);
  }
  return list;
}

/**
 * Every character of every place name, in Ukrainian and in Latin script (one font atlas for all zooms, both text
 * layers and both languages).
 */
function placeCharacters(places: PlaceNames): string {
  let s = characters.get(places);
  if (s === undefined) {
    s = [...new Set(places.names.flatMap((n) => [...n, ...placeName(n, 'en')]))].sort().join('');
    characters.set(places, s);
  }
  return s;
}

/**
 * The bounds names are drawn for: the view grown by half its size on each side and snapped outward to a grid of
 * `step` degrees, so panning within it keeps the same bounds (and the same label array).
 */
export function snapBounds(b: MapBounds, step = 0.25): MapBounds {
  const dx = (b.east - b.west) / 2;
  const dy = (b.north - b.south) / 2;
  return {
    west: Math.floor((b.west - dx) / step) * step,
    south: Math.floor((b.south - dy) / step) * step,
    east: Math.ceil((b.east + dx) / step) * step,
    north: Math.ceil((b.north + dy) / step) * step,
  };
}

let lastNames: { places: PlaceNames; key: string; list: number[] } | null = null;

/**
 * Positions in `places` of the names drawn from PLACE_NAMES_MIN_ZOOM: every place in `bounds` (snapped, see
 * snapBounds) that is not already a city name, biggest first; none below that zoom or without bounds. The same
 * array while the snapped bounds stay the same.
 */
export function placeNamesShown(data: LabelData, zoom: number, bounds: MapBounds | null | undefined): number[] {
  if (zoom < PLACE_NAMES_MIN_ZOOM || !bounds) return EMPTY;
  const b = snapBounds(bounds);
  const key = `${b.west},${b.south},${b.east},${b.north}`;
  if (lastNames && lastNames.places === data.places && lastNames.key === key) return lastNames.list;
  const p = data.places;
  const list: number[] = [];
  for (let k = 0; k < p.length; k++) {
    if (p.population[k]! >= 10_000) continue; // drawn by the city-name layer
    const lon = p.lon[k]!;
    const lat = p.lat[k]!;
    if (lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north) list.push(k);
  }
  lastNames = { places: data.places, key, list };
  return list;
}
const EMPTY: number[] = [];

/**
 * How far right of its point a settlement name starts at `zoom`, pixels: the radius of its circle on the map
 * (settlements-style.ts: area ∝ population, clamped to 1.8–18 px) plus 3 px.
 */
export function nameOffsetPx(population: number, lat: number, zoom: number): number {
  const metresPerPx = (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
  return Math.min(SETTLEMENT_MAX_PX, Math.max(SETTLEMENT_MIN_PX, settlementRadiusM(population) / metresPerPx)) + 3;
}

const FONT = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';

/**
 * Names of the largest settlements, drawn by deck.gl from a font atlas built locally (no glyph requests); in Latin
 * script in the English interface.
 */
export function labelsLayer(input: LayerInput, zoom: number): TextLayer<number> {
  const { places } = input.data;
  const lang = input.lang ?? 'uk';
  return new TextLayer<number>({
    id: 'labels',
    data: labelsShown(input.data, labelMinPopulation(zoom)),
    visible: input.layers.labels,
    getPosition: (k) => [places.lon[k]!, places.lat[k]!],
    getText: (k) => placeName(places.names[k]!, lang),
    updateTriggers: { getText: lang },
    getSize: (k) => (places.population[k]! > 500_000 ? 14 : 12),
    getColor: [25, 25, 25, 255],
    getPixelOffset: [0, -12],
    fontFamily: FONT,
    fontWeight: 600,
    characterSet: placeCharacters(places),
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    sizeUnits: 'pixels',
    pickable: false,
  });
}

/**
 * Names of every located settlement in view from zoom 10 (Ukrainian names, as in the data, or in Latin script in the
 * English interface), smaller and lighter than the city names; the same font atlas.
 */
export function placeNamesLayer(input: LayerInput, zoom: number): TextLayer<number> {
  const { places } = input.data;
  const lang = input.lang ?? 'uk';
  const data = placeNamesShown(input.data, zoom, input.bounds);
  return new TextLayer<number>({
    id: 'place-names',
    data,
    visible: input.layers.labels && data.length > 0,
    getPosition: (k) => [places.lon[k]!, places.lat[k]!],
    getText: (k) => placeName(places.names[k]!, lang),
    getSize: 11,
    getColor: [45, 45, 45, 255],
    // beside the settlement's circle (right of it), not over it
    getTextAnchor: 'start',
    getAlignmentBaseline: 'center',
    getPixelOffset: (k) => [nameOffsetPx(places.population[k]!, places.lat[k]!, zoom), 0],
    updateTriggers: { getPixelOffset: zoom, getText: lang },
    fontFamily: FONT,
    fontWeight: 500,
    characterSet: placeCharacters(places),
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 220],
    sizeUnits: 'pixels',
    pickable: false,
  });
}

/** Ring around the place the map flew to (a settlement or a city's point); hidden when there is none. */
export function highlightLayer(highlight: PlaceHighlight | null | undefined): ScatterplotLayer<PlaceHighlight> {
  const data = highlight ? [highlight] : [];
  return new ScatterplotLayer<PlaceHighlight>({
    id: 'place-highlight',
    data,
    visible: data.length > 0,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: 14,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getPosition: (p) => [p.lon, p.lat],
    getLineColor: [200, 16, 46, 255],
  });
}

/** Key of the snapped bounds (equal keys: the same settlement names). */
export function boundsKey(b: MapBounds | null | undefined): string {
  if (!b) return '';
  const s = snapBounds(b);
  return `${s.west},${s.south},${s.east},${s.north}`;
}
