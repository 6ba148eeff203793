/**
 * The facility symbols and the names on the MapLibre map (built by src/map/layers/facility-symbols.ts and labels.ts):
 * adds their images, sources and layers the first time, replaces a source's data only when its object changes, shows
 * and hides layers only when that changes anything, and picks the facility under the pointer.
 */
import type { GeoJSONSource, LayerSpecification, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { PickingInfo } from '@deck.gl/core';
import { iconMapping } from './icons';
import {
  FACILITY_IMAGE_PREFIX,
  FACILITY_IMAGE_RATIO,
  FACILITY_SYMBOL_LAYERS,
  facilityChunks,
  facilityChunkId,
  facilitySymbolLayerSpec,
  isFacilityLayerOf,
  type FacilitySymbolSet,
} from './layers/facility-symbols';
import type { PickedFacilityLayer } from './layers/facilities';
import { CITY_NAMES_SOURCE, cityNameLayerSpecs, CITY_NAME_TIERS, PLACE_NAMES_SOURCE, placeNamesLayerSpec, type NameSymbols } from './layers/labels';

/** Everything MapSymbols draws, as built from the app's state. */
export interface SymbolsState {
  facilities: readonly FacilitySymbolSet[];
  names: NameSymbols;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function setVisibility(m: MlMap, id: string, visible: boolean): void {
  const want = visible ? 'visible' : 'none';
  if (((m.getLayoutProperty(id, 'visibility') as string | undefined) ?? 'visible') !== want) m.setLayoutProperty(id, 'visibility', want);
}

export class MapSymbols {
  private readonly sent = new Map<string, FeatureCollection>();
  private sets: readonly FacilitySymbolSet[] = [];
  /** Facility symbol layers on the map (first layers and chunks), in drawing order. */
  private facilityLayers: string[] = [];

  constructor(private readonly map: MlMap) {}

  /** The facility symbols' images from the atlas canvas (icons.ts), once. */
  private addImages(atlas: HTMLCanvasElement): void {
    const ctx = atlas.getContext('2d');
    if (!ctx) return;
    for (const [key, d] of Object.entries(iconMapping())) {
      const name = FACILITY_IMAGE_PREFIX + key;
      if (this.map.hasImage(name)) continue;
      this.map.addImage(name, ctx.getImageData(d.x, d.y, d.width, d.height), { pixelRatio: FACILITY_IMAGE_RATIO });
    }
  }

  /** Adds source `id` with `data`, or replaces its data when it is another object. */
  private source(id: string, data: FeatureCollection): boolean {
    if (this.sent.get(id) === data) return false;
    const src = this.map.getSource<GeoJSONSource>(id);
    if (src) void src.setData(data);
    else this.map.addSource(id, { type: 'geojson', data });
    this.sent.set(id, data);
    return !src;
  }

  private layer(spec: LayerSpecification, visible: boolean, before?: string): void {
    if (!this.map.getLayer(spec.id)) this.map.addLayer(spec, before);
    else setVisibility(this.map, spec.id, visible);
  }

  /**
   * Draws `s` (on top of every MapLibre layer there is when first called: call after the settlement circles exist).
   * @param atlas the facility symbols' canvas (icons.ts drawIconAtlas)
   */
  apply(s: SymbolsState, atlas: HTMLCanvasElement): void {
    this.addImages(atlas);
    this.sets = s.facilities;
    for (let k = 0; k < s.facilities.length; k++) {
      const f = s.facilities[k]!;
      const chunks = facilityChunks(f.geo);
      // a set's extra chunks go beneath the next set's (or the names') layers
      const next = s.facilities[k + 1]?.id ?? CITY_NAME_TIERS[0].id;
      for (let c = 0; c < chunks.length; c++) {
        const id = facilityChunkId(f.id, c);
        this.source(id, chunks[c]!);
        if (!this.map.getLayer(id)) this.facilityLayers.push(id);
        this.layer(facilitySymbolLayerSpec(f.id, c, f.visible), f.visible, this.map.getLayer(id) || !this.map.getLayer(next) ? undefined : next);
      }
      // chunks left from a larger set are emptied; every chunk follows the set's visibility
      for (const id of this.facilityLayers) {
        if (!isFacilityLayerOf(id, f.id)) continue;
        const c = id === f.id ? 0 : Number(id.slice(f.id.length + 1));
        if (c >= chunks.length) this.source(id, EMPTY);
        setVisibility(this.map, id, f.visible);
      }
    }
    const n = s.names;
    this.source(CITY_NAMES_SOURCE, n.cities);
    for (const spec of cityNameLayerSpecs(n.visible)) this.layer(spec, n.visible);
    if (n.places) {
      this.source(PLACE_NAMES_SOURCE, n.places);
      // beneath the city names (added later than they are, on the first zoom that far in)
      this.layer(placeNamesLayerSpec(n.visible), n.visible, CITY_NAME_TIERS[0].id);
    }
  }

  /** How many facility symbols are shown (for tests). */
  shownFacilities(): number {
    return this.sets.reduce((sum, f) => sum + (f.visible ? f.facilities.length : 0), 0);
  }

  /**
   * The facility symbol within `radius` px of pixel x, y (the real one over an illustrative one), as picking info
   * whose layer carries the facilities (pickedFacility reads it); null when there is none.
   */
  pick(x: number, y: number, radius = 4): Pick<PickingInfo, 'picked' | 'index' | 'object' | 'layer'> | null {
    const ids = this.facilityLayers.filter((id) => this.map.getLayer(id));
    if (!(x >= 0 && y >= 0) || ids.length === 0) return null;
    const hits = this.map.queryRenderedFeatures(
      [
        [x - radius, y - radius],
        [x + radius, y + radius],
      ],
      { layers: ids },
    );
    for (const id of [...FACILITY_SYMBOL_LAYERS].reverse()) {
      const hit = hits.find((f) => isFacilityLayerOf(f.layer.id, id) && typeof f.id === 'number');
      const set = this.sets.find((f) => f.id === id);
      const facility = hit && set ? set.facilities[hit.id as number] : undefined;
      if (!facility || !set) continue;
      const layer: PickedFacilityLayer = { id, props: { data: { facilities: set.facilities } } };
      return { picked: true, index: hit!.id as number, object: facility, layer: layer as unknown as PickingInfo['layer'] };
    }
    return null;
  }
}

