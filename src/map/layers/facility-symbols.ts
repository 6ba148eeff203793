/**
 * Facilities drawn by MapLibre as symbols (not a deck.gl IconLayer): the symbols are images added to the map from the
 * runtime-drawn atlas (icons.ts, nothing fetched) and MapLibre's symbol shader is one the basemap has already
 * compiled, where a deck.gl layer's first frame compiled its own shaders for about a second in software WebGL. Pure:
 * the sources' data and the layer specs are built here; MapSymbols (src/map/map-symbols.ts) applies them.
 */
import type { SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Facility } from '../../engine/types';
import { ICON_PX } from '../icons';
import { facilitiesFor, facilityIcon, facilitySize } from './facilities';
import type { LayerInput } from './types';

/** Layer ids, bottom to top (real units over illustrative ones); hover and click report them as the picked layer. */
export const FACILITY_SYMBOL_LAYERS = ['facilities-illustrative', 'facilities'] as const;
export type FacilitySymbolLayer = (typeof FACILITY_SYMBOL_LAYERS)[number];

/** Prefix of the map image of a symbol (`hc-fac:<iconKey>`). */
export const FACILITY_IMAGE_PREFIX = 'hc-fac:';
/** The atlas's images are added at this pixel ratio: a 64-px icon is 16 CSS px at icon-size 1. */
export const FACILITY_IMAGE_RATIO = ICON_PX / 16;

export interface FacilitySymbolProps {
  /** Map image name. */
  icon: string;
  /** icon-size: the symbol's size in pixels (facilitySize) over the image's 16 CSS px. */
  size: number;
}

/** What one facility symbol layer draws: its facilities (feature id k = position in `facilities`) and whether shown. */
export interface FacilitySymbolSet {
  id: FacilitySymbolLayer;
  facilities: readonly Facility[];
  geo: FeatureCollection<Point, FacilitySymbolProps>;
  visible: boolean;
}

/** One Point per facility of `list`, id = its position, with its image and size (pure; tests compare it). */
export function facilitySymbolGeo(list: readonly Facility[], illustrative: boolean): FeatureCollection<Point, FacilitySymbolProps> {
  const features: FeatureCollection<Point, FacilitySymbolProps>['features'] = new Array(list.length);
  // One properties object per (image, size), shared by its features: fewer objects to build, and the structured clone
  // that hands the data to MapLibre's worker writes a shared object once (100,000 imported units have a few kinds).
  const props = new Map<string, FacilitySymbolProps>();
  for (let k = 0; k < list.length; k++) {
    const f = list[k]!;
    const icon = FACILITY_IMAGE_PREFIX + facilityIcon(f);
    const size = facilitySize(f, illustrative) / 16;
    const key = `${icon}|${size}`;
    let p = props.get(key);
    if (!p) props.set(key, (p = { icon, size }));
    features[k] = {
      type: 'Feature',
      id: k,
      properties: p,
      geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
    };
  }
  return { type: 'FeatureCollection', features };
}

const memo = new WeakMap<readonly Facility[], Map<string, { facilities: Facility[]; geo: FeatureCollection<Point, FacilitySymbolProps> }>>();

function cached(facilities: readonly Facility[], service: LayerInput['service'], illustrative: boolean) {
  let m = memo.get(facilities);
  if (!m) memo.set(facilities, (m = new Map()));
  const key = `${service}:${illustrative}`;
  let v = m.get(key);
  if (!v) {
    const list = facilitiesFor(facilities, service, illustrative);
    m.set(key, (v = { facilities: list, geo: facilitySymbolGeo(list, illustrative) }));
  }
  return v;
}

/**
 * The two facility symbol layers of the current service: illustrative units (hollow) beneath the real ones. The same
 * data objects for the same facility list and service, so the map's sources are only replaced when they change.
 */
export function facilitySymbols(input: Pick<LayerInput, 'facilities' | 'data' | 'service' | 'layers'>): FacilitySymbolSet[] {
  const all = input.facilities ?? input.data.facilities;
  return FACILITY_SYMBOL_LAYERS.map((id) => {
    const illustrative = id === 'facilities-illustrative';
    const { facilities, geo } = cached(all, input.service, illustrative);
    return { id, facilities, geo, visible: input.layers.facilities && (!illustrative || input.layers.illustrative) };
  });
}

/**
 * Most symbols one MapLibre source and layer draw: a tile bucket of more breaks MapLibre's symbol buffers (100,000
 * imported units in one country-zoom tile threw "opacityVertexArray.length (= 65536) !== …"), so a larger set is drawn
 * from several sources, each with a slice of the features (their ids stay positions in the whole set).
 */
export const FACILITY_SYMBOLS_PER_LAYER = 15_000;

/** Id of chunk `c` (source and layer) of a facility set: `id` itself for the first, `id~c` after. */
export function facilityChunkId(id: FacilitySymbolLayer, c: number): string {
  return c === 0 ? id : `${id}~${c}`;
}

/** Whether map layer `layerId` draws facility set `id` (its first layer or one of its chunks). */
export function isFacilityLayerOf(layerId: string, id: FacilitySymbolLayer): boolean {
  return layerId === id || layerId.startsWith(`${id}~`);
}

const chunkMemo = new WeakMap<FeatureCollection<Point, FacilitySymbolProps>, FeatureCollection<Point, FacilitySymbolProps>[]>();

/**
 * The set's features in slices of FACILITY_SYMBOLS_PER_LAYER (at least one, maybe empty), the same objects for the same
 * data so the map's sources are only replaced when it changes.
 */
export function facilityChunks(geo: FeatureCollection<Point, FacilitySymbolProps>): FeatureCollection<Point, FacilitySymbolProps>[] {
  let chunks = chunkMemo.get(geo);
  if (!chunks) {
    const n = geo.features.length;
    if (n <= FACILITY_SYMBOLS_PER_LAYER) chunks = [geo];
    else {
      chunks = [];
      for (let lo = 0; lo < n; lo += FACILITY_SYMBOLS_PER_LAYER)
        chunks.push({ type: 'FeatureCollection', features: geo.features.slice(lo, lo + FACILITY_SYMBOLS_PER_LAYER) });
    }
    chunkMemo.set(geo, chunks);
  }
  return chunks;
}

/**
 * The symbol layer of chunk `c` of set `id` (its source has the same id). Every symbol is drawn, overlapping as the
 * data has them (no collision: a unit is never hidden), and none hides a name.
 */
export function facilitySymbolLayerSpec(id: FacilitySymbolLayer, c: number, visible: boolean): SymbolLayerSpecification {
  const chunk = facilityChunkId(id, c);
  return {
    id: chunk,
    type: 'symbol',
    source: chunk,
    layout: {
      visibility: visible ? 'visible' : 'none',
      'icon-image': ['get', 'icon'],
      'icon-size': ['get', 'size'],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'symbol-z-order': 'source',
    },
    paint: {},
  };
}
