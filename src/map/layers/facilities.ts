import { IconLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import { SERVICES_OF, type Facility, type Service } from '../../engine/types';
import { iconKey, iconMapping, type IconDef } from '../icons';
import type { LayerInput } from './types';

/** Real facilities serving `service`; planned ones are drawn (hollow) even when not counted. */
export function facilitiesFor(facilities: readonly Facility[], service: Service, illustrative: boolean): Facility[] {
  return facilities.filter((f) => SERVICES_OF[f.type].includes(service) && (f.source === 'illustrative') === illustrative);
}

/** Hollow symbols: illustrative units and planned Security Centers; solid: real, opened. */
export function facilityIcon(f: Facility): string {
  return iconKey(f.type, f.source === 'illustrative' || f.status === 'planned' ? 'hollow' : 'solid');
}

/** Symbol size in pixels. */
export function facilitySize(f: Facility, illustrative: boolean): number {
  return f.type === 'security_center' ? 20 : illustrative ? 13 : 16;
}

const MAPPING = iconMapping();

/**
 * A facility layer's data as deck.gl binary attributes (typed arrays filled in one pass, so deck.gl runs no
 * per-facility accessors: with 100,000 facilities those took a few hundred ms of one animation frame), and the
 * facilities themselves, for picking (`pickedFacility`).
 */
export interface FacilityData {
  length: number;
  facilities: readonly Facility[];
  attributes: {
    getPosition: { value: Float64Array; size: 2 };
    getSize: { value: Float32Array; size: 1 };
    /** IconLayer's packed icon attribute: offset x, y, atlas frame x, y, width, height, mask (its getIcon transform). */
    instanceIconDefs: { value: Float32Array; size: 7 };
  };
}

/** The IconLayer `instanceIconDefs` row of an atlas entry (as IconLayer.getInstanceIconDef). */
function iconDef(d: IconDef): number[] {
  return [0, d.height / 2 - d.anchorY, d.x, d.y, d.width, d.height, d.mask ? 1 : 0];
}

/** Binary layer data for `list` (pure; tests check it against the accessors it replaces). */
export function facilityData(list: readonly Facility[], illustrative: boolean): FacilityData {
  const n = list.length;
  const position = new Float64Array(n * 2);
  const size = new Float32Array(n);
  const icon = new Float32Array(n * 7);
  const defs = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const f = list[i]!;
    position[2 * i] = f.lon;
    position[2 * i + 1] = f.lat;
    size[i] = facilitySize(f, illustrative);
    const key = facilityIcon(f);
    let def = defs.get(key);
    if (!def) defs.set(key, (def = iconDef(MAPPING[key]!)));
    icon.set(def, 7 * i);
  }
  return {
    length: n,
    facilities: list,
    attributes: { getPosition: { value: position, size: 2 }, getSize: { value: size, size: 1 }, instanceIconDefs: { value: icon, size: 7 } },
  };
}

const memo = new WeakMap<readonly Facility[], Map<string, FacilityData>>();
function cached(facilities: readonly Facility[], service: Service, illustrative: boolean): FacilityData {
  let m = memo.get(facilities);
  if (!m) memo.set(facilities, (m = new Map()));
  const key = `${service}:${illustrative}`;
  let v = m.get(key);
  if (!v) m.set(key, (v = facilityData(facilitiesFor(facilities, service, illustrative), illustrative)));
  return v;
}

/** The facility under the pointer of a facility layer's picking info (binary data has no `info.object`). */
export function pickedFacility(info: Pick<PickingInfo, 'index' | 'layer'>): Facility | undefined {
  if (info.index < 0 || !info.layer?.id.startsWith('facilities')) return undefined;
  return (info.layer.props.data as Partial<FacilityData> | undefined)?.facilities?.[info.index];
}

/** Facilities by type (shape + colour). Real ones on top of illustrative ones. */
export function facilityLayers(input: LayerInput): IconLayer<FacilityData>[] {
  const make = (illustrative: boolean) =>
    new IconLayer<FacilityData>({
      id: illustrative ? 'facilities-illustrative' : 'facilities',
      data: cached(input.facilities ?? input.data.facilities, input.service, illustrative),
      visible: input.layers.facilities && (!illustrative || input.layers.illustrative) && !!input.iconAtlas,
      pickable: true,
      iconAtlas: input.iconAtlas as string,
      iconMapping: MAPPING,
      sizeUnits: 'pixels',
      sizeScale: 1,
      alphaCutoff: 0.05,
    });
  return [make(true), make(false)];
}
