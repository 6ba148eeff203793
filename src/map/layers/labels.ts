/**
 * Names on the map, drawn by MapLibre as text symbols (not a deck.gl TextLayer, whose first frame compiled its shaders
 * for about a second in software WebGL): the glyphs are drawn in the page from the system's sans-serif (the style has
 * no glyphs URL, so MapLibre renders every glyph locally with TinySDF; nothing is fetched). City names (10,000 people
 * or more) thin out by zoom and give way to each other (MapLibre's collision: fewer names at country zoom); every
 * other located settlement is named from zoom 10, beside its circle, only in the tiles in view. Pure: sources and
 * layer specs are built here; MapSymbols (src/map/map-symbols.ts) applies them. (The ring of a place flown to is a
 * deck.gl layer: highlight.ts.)
 */
import type { ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Lang } from '../../i18n';
import { settlementRadiusM, type MapData, type PlaceNames } from '../map-data';
import { SETTLEMENT_MAX_PX, SETTLEMENT_MIN_PX } from '../settlements-style';
import { placeName } from '../../i18n/place-name';

/** Smallest population named at `zoom`: cities over 150,000 at country zoom, over 40,000 from 6.5, 10,000 from 8. */
export function labelMinPopulation(zoom: number): number {
  return zoom >= 8 ? 10_000 : zoom >= 6.5 ? 40_000 : 150_000;
}

/** Zoom from which every located settlement is named (only those in view: PLACE_NAMES_MIN_ZOOM). */
export const PLACE_NAMES_MIN_ZOOM = 10;

/**
 * How far right of its point a settlement name starts at `zoom`, pixels: the radius of its circle on the map
 * (settlements-style.ts: area ∝ population, clamped to 1.8–18 px) plus 3 px.
 */
export function nameOffsetPx(population: number, lat: number, zoom: number): number {
  const metresPerPx = (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
  return Math.min(SETTLEMENT_MAX_PX, Math.max(SETTLEMENT_MIN_PX, settlementRadiusM(population) / metresPerPx)) + 3;
}

/** Source ids: the city names (10,000 people or more) and the other located settlements' names. */
export const CITY_NAMES_SOURCE = 'hc-city-names';
export const PLACE_NAMES_SOURCE = 'hc-place-names';
/** Layer id of the settlement names from PLACE_NAMES_MIN_ZOOM. */
export const PLACE_NAMES_LAYER = 'place-names';

/** The city-name layers: each draws the names from its zoom on (labelMinPopulation's steps), biggest placed first. */
export const CITY_NAME_TIERS = [
  { id: 'labels', minzoom: 0, min: labelMinPopulation(0), max: Infinity },
  { id: 'labels-40k', minzoom: 6.5, min: labelMinPopulation(6.5), max: labelMinPopulation(0) },
  { id: 'labels-10k', minzoom: 8, min: labelMinPopulation(8), max: labelMinPopulation(6.5) },
] as const;

/** All name layer ids, bottom to top. */
export const NAME_LAYERS: readonly string[] = [...CITY_NAME_TIERS.map((t) => t.id), PLACE_NAMES_LAYER];

export interface CityNameProps {
  /** The name in the interface's script (placeName). */
  n: string;
  pop: number;
}
export interface PlaceNameProps {
  n: string;
  /** Radius of the settlement's circle at zoom 0, pixels (as settlementsGeoJson's r0). */
  r0: number;
}

const cityMemo = new WeakMap<PlaceNames, Map<Lang, FeatureCollection<Point, CityNameProps>>>();
const placeMemo = new WeakMap<PlaceNames, Map<Lang, FeatureCollection<Point, PlaceNameProps>>>();

function memoised<P>(memo: WeakMap<PlaceNames, Map<Lang, P>>, places: PlaceNames, lang: Lang, make: () => P): P {
  let m = memo.get(places);
  if (!m) memo.set(places, (m = new Map()));
  let v = m.get(lang);
  if (!v) m.set(lang, (v = make()));
  return v;
}

const point = (lon: number, lat: number): Point => ({ type: 'Point', coordinates: [lon, lat] });

/** The city names (labelIndices: places of 10,000 people or more), id = position in `places`; one object per language. */
export function cityNamesGeo(data: Pick<MapData, 'places' | 'labelIndices'>, lang: Lang): FeatureCollection<Point, CityNameProps> {
  const p = data.places;
  return memoised(cityMemo, p, lang, () => ({
    type: 'FeatureCollection',
    features: data.labelIndices.map((k) => ({ type: 'Feature', id: k, properties: { n: placeName(p.names[k]!, lang), pop: p.population[k]! }, geometry: point(p.lon[k]!, p.lat[k]!) })),
  }));
}

/** The names of the other located places (under 10,000 people), id = position in `places`; one object per language. */
export function placeNamesGeo(places: PlaceNames, lang: Lang): FeatureCollection<Point, PlaceNameProps> {
  return memoised(placeMemo, places, lang, () => {
    const features: FeatureCollection<Point, PlaceNameProps>['features'] = [];
    for (let k = 0; k < places.length; k++) {
      const pop = places.population[k]!;
      if (pop >= labelMinPopulation(PLACE_NAMES_MIN_ZOOM)) continue; // a city name
      const lat = places.lat[k]!;
      const r0 = settlementRadiusM(pop) / ((40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / 512);
      features.push({ type: 'Feature', id: k, properties: { n: placeName(places.names[k]!, lang), r0 }, geometry: point(places.lon[k]!, lat) });
    }
    return { type: 'FeatureCollection', features };
  });
}

const HALO = 'rgba(255,255,255,0.9)';

/** The city-name layers (CITY_NAME_TIERS) over CITY_NAMES_SOURCE. */
export function cityNameLayerSpecs(visible: boolean): SymbolLayerSpecification[] {
  return CITY_NAME_TIERS.map((t) => ({
    id: t.id,
    type: 'symbol',
    source: CITY_NAMES_SOURCE,
    minzoom: t.minzoom,
    filter: (t.max === Infinity ? ['>=', ['get', 'pop'], t.min] : ['all', ['>=', ['get', 'pop'], t.min], ['<', ['get', 'pop'], t.max]]) as ExpressionSpecification,
    layout: {
      visibility: visible ? 'visible' : 'none',
      'text-field': ['get', 'n'],
      // No font of that name: MapLibre draws the glyphs locally in the sans-serif fallback, at weight 600.
      'text-font': ['Sans Semibold'],
      'text-size': ['case', ['>', ['get', 'pop'], 500_000], 14, 12],
      'text-offset': [0, -1],
      'text-max-width': 40,
      'text-padding': 1,
      'symbol-sort-key': ['-', ['get', 'pop']],
    },
    paint: { 'text-color': '#191919', 'text-halo-color': HALO, 'text-halo-width': 1.5 },
  }));
}

/**
 * The settlement names from PLACE_NAMES_MIN_ZOOM, right of their circles: the offset is the circle's radius
 * (nameOffsetPx) in ems of the 11-px text, per whole zoom (MapLibre interpolates between).
 */
export function placeNamesLayerSpec(visible: boolean): SymbolLayerSpecification {
  const size = 11;
  const stops: (number | ExpressionSpecification)[] = [];
  for (let z = PLACE_NAMES_MIN_ZOOM; z <= 14; z++)
    stops.push(z, ['/', ['+', ['max', SETTLEMENT_MIN_PX, ['min', SETTLEMENT_MAX_PX, ['*', ['get', 'r0'], 2 ** z]]], 3], size]);
  return {
    id: PLACE_NAMES_LAYER,
    type: 'symbol',
    source: PLACE_NAMES_SOURCE,
    minzoom: PLACE_NAMES_MIN_ZOOM,
    layout: {
      visibility: visible ? 'visible' : 'none',
      'text-field': ['get', 'n'],
      'text-font': ['Sans Medium'],
      'text-size': size,
      'text-variable-anchor': ['left'],
      'text-radial-offset': ['interpolate', ['exponential', 2], ['zoom'], ...stops] as ExpressionSpecification,
      'text-max-width': 40,
      'text-padding': 1,
    },
    paint: { 'text-color': '#2d2d2d', 'text-halo-color': 'rgba(255,255,255,0.86)', 'text-halo-width': 1.5 },
  };
}

/** What the name layers show: the data in the interface's script; the settlement names' only once zoomed in that far. */
export interface NameSymbols {
  visible: boolean;
  cities: FeatureCollection<Point, CityNameProps>;
  /** null below PLACE_NAMES_MIN_ZOOM (the source is made when first needed). */
  places: FeatureCollection<Point, PlaceNameProps> | null;
}

export function nameSymbols(data: Pick<MapData, 'places' | 'labelIndices'>, visible: boolean, lang: Lang, zoom: number): NameSymbols {
  return { visible, cities: cityNamesGeo(data, lang), places: zoom >= PLACE_NAMES_MIN_ZOOM ? placeNamesGeo(data.places, lang) : null };
}
