import type { FacilityType, ModelParams } from './types';

/** Mean Earth radius used by @turf/distance (km). */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/**
 * Great-circle distance in km between two lon/lat points (haversine, R = 6371.0088 km),
 * the same formula and radius as `@turf/distance` with units 'kilometers'.
 * @example haversineKm(30.5238, 50.45466, 24.0297, 49.8397) // ≈ 468 km (Kyiv → Lviv)
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a =
    Math.sin(dLat / 2) * Math.sin(dLat / 2) +
    Math.sin(dLon / 2) * Math.sin(dLon / 2) * Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_KM;
}

/** Minutes per straight-line km for an urban (1) or rural (0) demand unit: 60 × detour / speed. */
export function minutesPerKm(params: ModelParams, urban: number): number {
  return urban ? (60 * params.detour.urban) / params.speedKmh.urban : (60 * params.detour.rural) / params.speedKmh.rural;
}

/**
 * Modelled response time, minutes: turnout(type) + 60 × d × detour / speed.
 * @param distanceKm straight-line (haversine) distance, km
 * @param urban 1 for a city/smt demand unit, 0 for rural
 */
export function responseMinutes(params: ModelParams, type: FacilityType, distanceKm: number, urban: number): number {
  return params.turnoutMin[type] + distanceKm * minutesPerKm(params, urban);
}
