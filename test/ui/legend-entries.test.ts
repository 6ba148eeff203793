import { describe, expect, it } from 'vitest';
import type { Facility, FacilityType } from '../../src/engine/types';
import { facilitiesPresent, legendFacilities, missingOwnTypes, ownTypes } from '../../src/ui/legend-entries';

function fac(type: FacilityType, extra: Partial<Facility> = {}): Facility {
  return { id: `${type}-${Math.random()}`, name: type, type, status: 'opened', lon: 30, lat: 50, hromadaCode: null, source: 'x', sourceUrl: '', placement: 'settlement', note: '', ...extra };
}

describe('legend lists only the facility types in the data', () => {
  const data = [fac('security_center'), fac('state_fire_unit'), fac('local_fire_department'), fac('state_fire_unit', { placement: 'illustrative', source: 'illustrative' })];
  const present = facilitiesPresent(data);
  it('own types per service', () => {
    expect(ownTypes('fire')).toEqual(['state_fire_unit', 'local_fire_department', 'volunteer_fire_brigade']);
    expect(ownTypes('police')).toEqual(['police_station', 'police_officer_station']);
  });
  it('police today: only Security Centers; both police types named as missing', () => {
    expect(legendFacilities('police', true, present).map((e) => e.labelKey)).toEqual(['type_security_center']);
    expect(missingOwnTypes('police', present)).toEqual(['police_station', 'police_officer_station']);
  });
  it('fire: the types present, assumed units when shown, volunteers named as missing', () => {
    expect(legendFacilities('fire', true, present).map((e) => e.labelKey)).toEqual(['type_state_fire_unit', 'type_local_fire_department', 'type_security_center', 'illustrativeUnit']);
    expect(missingOwnTypes('fire', present)).toEqual(['volunteer_fire_brigade']);
    expect(legendFacilities('fire', false, facilitiesPresent([...data, fac('security_center', { status: 'planned' })])).map((e) => e.labelKey)).toContain('plannedCenter');
  });
  it('an imported police station appears', () => {
    const p = facilitiesPresent([...data, fac('police_station', { source: 'user:stations.csv', placement: 'user' })]);
    expect(legendFacilities('police', false, p).map((e) => e.type)).toEqual(['police_station', 'security_center']);
    expect(missingOwnTypes('police', p)).toEqual(['police_officer_station']);
  });
});
