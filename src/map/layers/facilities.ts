import { IconLayer } from '@deck.gl/layers';
import { SERVICES_OF, type Facility, type Service } from '../../engine/types';
import { iconKey, iconMapping } from '../icons';
import type { LayerInput } from './types';

/** Real facilities serving `service`; planned ones are drawn (hollow) even when not counted. */
export function facilitiesFor(facilities: readonly Facility[], service: Service, illustrative: boolean): Facility[] {
  return facilities.filter((f) => SERVICES_OF[f.type].includes(service) && (f.source === 'illustrative') === illustrative);
}

/** Hollow symbols: illustrative units and planned Security Centers; solid: real, opened. */
export function facilityIcon(f: Facility): string {
  return iconKey(f.type, f.source === 'illustrative' || f.status === 'planned' ? 'hollow' : 'solid');
}

const memo = new WeakMap<readonly Facility[], Map<string, Facility[]>>();
function cached(facilities: readonly Facility[], service: Service, illustrative: boolean): Facility[] {
  let m = memo.get(facilities);
  if (!m) memo.set(facilities, (m = new Map()));
  const key = `${service}:${illustrative}`;
  let v = m.get(key);
  if (!v) m.set(key, (v = facilitiesFor(facilities, service, illustrative)));
  return v;
}

const MAPPING = iconMapping();

/** Facilities by type (shape + colour). Real ones on top of illustrative ones. */
export function facilityLayers(input: LayerInput): IconLayer<Facility>[] {
  const make = (illustrative: boolean) =>
    new IconLayer<Facility>({
      id: illustrative ? 'facilities-illustrative' : 'facilities',
      data: cached(input.facilities ?? input.data.facilities, input.service, illustrative),
      visible: input.layers.facilities && (!illustrative || input.layers.illustrative) && !!input.iconAtlas,
      pickable: true,
      iconAtlas: input.iconAtlas as string,
      iconMapping: MAPPING,
      getIcon: facilityIcon,
      getPosition: (f) => [f.lon, f.lat],
      getSize: (f) => (f.type === 'security_center' ? 20 : illustrative ? 13 : 16),
      sizeUnits: 'pixels',
      sizeScale: 1,
      alphaCutoff: 0.05,
    });
  return [make(true), make(false)];
}
