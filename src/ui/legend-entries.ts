/** What the facility part of the legend lists, for the on-screen legend and the saved map image alike. */
import type { FacilityType, Service } from '../engine/types';

export interface LegendFacility {
  type: FacilityType;
  /** Drawn hollow: planned Security Centers, illustrative units. */
  hollow: boolean;
  /** i18n key of the label. */
  labelKey: 'plannedCenter' | 'illustrativeUnit' | `type_${FacilityType}`;
}

/**
 * @param illustrative whether the illustrative-units layer is shown (fire only)
 * @example legendFacilities('police', false).map((e) => e.type) // ['police_station', 'police_officer_station', 'security_center', 'security_center']
 */
export function legendFacilities(service: Service, illustrative: boolean): LegendFacility[] {
  const own: FacilityType[] = service === 'fire' ? ['state_fire_unit', 'local_fire_department', 'volunteer_fire_brigade'] : ['police_station', 'police_officer_station'];
  const out: LegendFacility[] = own.map((type) => ({ type, hollow: false, labelKey: `type_${type}` }));
  out.push({ type: 'security_center', hollow: false, labelKey: 'type_security_center' });
  out.push({ type: 'security_center', hollow: true, labelKey: 'plannedCenter' });
  if (service === 'fire' && illustrative) out.push({ type: 'state_fire_unit', hollow: true, labelKey: 'illustrativeUnit' });
  return out;
}
