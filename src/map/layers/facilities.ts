/**
 * Which facilities the map draws for a service, with which symbol and size (MapLibre symbols: facility-symbols.ts),
 * and the facility a hover or click picked.
 */
import type { PickingInfo } from '@deck.gl/core';
import { SERVICES_OF, type Facility, type Service } from '../../engine/types';
import { iconKey } from '../icons';

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

/** What a picked facility layer carries: the facilities it draws, feature id / index k = position in the list. */
export interface PickedFacilityLayer {
  id: string;
  props: { data: { facilities: readonly Facility[] } };
}

/** The facility under the pointer, from a facility layer's picking info (MapSymbols.pick gives it), or none. */
export function pickedFacility(info: Pick<PickingInfo, 'index' | 'layer'>): Facility | undefined {
  if (info.index < 0 || !info.layer?.id.startsWith('facilities')) return undefined;
  return (info.layer.props.data as Partial<PickedFacilityLayer['props']['data']> | undefined)?.facilities?.[info.index];
}
