/**
 * The facility symbols and the names on the MapLibre map (built by src/map/layers/facility-symbols.ts and labels.ts):
 * adds their images, sources and layers the first time, replaces a source's data only when its object changes, shows
 * and hides layers only when that changes anything, and picks the facility under the pointer.
 */
import type { GeoJSONSource, LayerSpecification, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { PickingInfo } from '@deck.gl/core';
import { iconMapping } from './icons';
import { FACILITY_IMAGE_PREFIX, FACILITY_IMAGE_RATIO, FACILITY_SYMBOL_LAYERS, facilitySymbolLayerSpec, type FacilitySymbolSet } from './layers/facility-symbols';
import type { PickedFacilityLayer } from './layers/facilities';
import { CITY_NAMES_SOURCE, cityNameLayerSpecs, CITY_NAME_TIERS, PLACE_NAMES_SOURCE, placeNamesLayerSpec, type NameSymbols } from './layers/labels';

/** Everything MapSymbols draws, as built from the app's state. */
export interface SymbolsState {
  facilities: readonly FacilitySymbolSet[];
  names: NameSymbols;
}

function setVisibility(m: MlMap, id: string, visible: boolean): void {
  const want = visible ? 'visible' : 'none';
  if (((m.getLayoutProperty(id, 'visibility') as string | undefined) ?? 'visible') !== want) m.setLayoutProperty(id, 'visibility', want);
}

export class MapSymbols {
  private readonly sent = new Map<string, FeatureCollection>();
  private sets: readonly FacilitySymbolSet[] = [];

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
    for (const f of s.facilities) {
      this.source(f.id, f.geo);
      this.layer(facilitySymbolLayerSpec(f.id, f.visible), f.visible);
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
    const ids = FACILITY_SYMBOL_LAYERS.filter((id) => this.map.getLayer(id));
    if (!(x >= 0 && y >= 0) || ids.length === 0) return null;
    const hits = this.map.queryRenderedFeatures(
      [
        [x - radius, y - radius],
        [x + radius, y + radius],
      ],
      { layers: ids },
    );
    for (const id of [...FACILITY_SYMBOL_LAYERS].reverse()) {
      const hit = hits.find((f) => f.layer.id === id && typeof f.id === 'number');
      const set = this.sets.find((f) => f.id === id);
      const facility = hit && set ? set.facilities[hit.id as number] : undefined;
      if (!facility || !set) continue;
      const layer: PickedFacilityLayer = { id, props: { data: { facilities: set.facilities } } };
      return { picked: true, index: hit!.id as number, object: facility, layer: layer as unknown as PickingInfo['layer'] };
    }
    return null;
  }
}

