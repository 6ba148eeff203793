import type { FacilityType, ModelParams } from './types';

/** Mean Earth radius used by @turf/distance (km). */
export const EARTH_RADIUS_KM = 6371.0088;
/** Degrees → radians. */
export const RAD = Math.PI / 180;

/**
 * Great-circle distance in km from the squared chord between two unit vectors (see {@link unitVector}).
 * This is the haversine formula written with hav(θ) = chord² / 4, so `d = 2R·asin(chord / 2)`; it agrees with
 * `@turf/distance` (units 'kilometers') to about 1e-12 relative. The engine, its brute-force oracle and
 * {@link haversineKm} all go through this one function, so their results are bit-identical.
 * @param chord2 squared chord length on the unit sphere (0…4)
 */
export function chordToKm(chord2: number): number {
  const h = Math.sqrt(chord2) / 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(h < 1 ? h : 1);
}

/**
 * Unit vector of a lon/lat point (degrees): `[cos φ cos λ, cos φ sin λ, sin φ]`, written into `out` at `offset`.
 * Engine tables store these so a distance costs three subtractions, a square root and an asin.
 */
export function unitVector(lon: number, lat: number, out: Float64Array, offset: number): void {
  const c = Math.cos(lat * RAD);
  out[offset] = c * Math.cos(lon * RAD);
  out[offset + 1] = c * Math.sin(lon * RAD);
  out[offset + 2] = Math.sin(lat * RAD);
}

/**
 * Great-circle distance in km between two lon/lat points (haversine, R = 6371.0088 km),
 * the same formula and radius as `@turf/distance` with units 'kilometers' (agrees to ~1e-12 relative;
 * computed through {@link chordToKm}, bit-identical to what the coverage engine uses).
 * @example haversineKm(30.5238, 50.45466, 24.0297, 49.8397) // ≈ 468 km (Kyiv → Lviv)
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const c1 = Math.cos(lat1 * RAD);
  const c2 = Math.cos(lat2 * RAD);
  const dx = c1 * Math.cos(lon1 * RAD) - c2 * Math.cos(lon2 * RAD);
  const dy = c1 * Math.sin(lon1 * RAD) - c2 * Math.sin(lon2 * RAD);
  const dz = Math.sin(lat1 * RAD) - Math.sin(lat2 * RAD);
  return chordToKm(dx * dx + dy * dy + dz * dz);
}

/** Minutes per straight-line km for an urban (1) or rural (0) demand unit: 60 × detour / speed. */
export function minutesPerKm(params: ModelParams, urban: number): number {
  return urban ? (60 * params.detour.urban) / params.speedKmh.urban : (60 * params.detour.rural) / params.speedKmh.rural;
}

/**
 * Modelled response time, minutes: turnout(type) + 60 × d × detour / speed.
 * @param distanceKm straight-line (haversine) distance, km
 * @param urban 1 for a city/smt demand unit, 0 for rural
 * @example responseMinutes(DEFAULT_PARAMS, 'state_fire_unit', 10, 0) // 1 + 10 × 1.3 = 14
 */
export function responseMinutes(params: ModelParams, type: FacilityType, distanceKm: number, urban: number): number {
  return params.turnoutMin[type] + distanceKm * minutesPerKm(params, urban);
}
