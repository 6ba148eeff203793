/** Proposed sites out of a plan: as planned facilities for the app, and as GeoJSON for export and the map. */
import type { PlanResult } from './types';
import type { Facility, FacilityType } from '../types';

/**
 * "Add as planned facilities": turns proposed sites into Facility objects with status `planned`, source `user:plan`,
 * placement `user` and a note saying the optimizer proposed them (and when inputs were estimated).
 * Ids are `plan-<n>-<candidate id>`; `idPrefix` changes `plan`.
 */
export function toPlannedFacilities(result: PlanResult, type: FacilityType, idPrefix = 'plan'): Facility[] {
  const what =
    result.objective === 'coverage'
      ? 'maximise population within the norm'
      : result.objective === 'min-facilities'
        ? 'fewest sites for the target share'
        : 'minimise population-weighted response time';
  return result.sites
    .filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat))
    .map((s) => ({
      id: `${idPrefix}-${s.rank}-${s.id}`,
      name: s.name || s.id,
      type,
      status: 'planned' as const,
      lon: s.lon,
      lat: s.lat,
      hromadaCode: s.hromadaCode,
      source: 'user:plan',
      sourceUrl: '',
      placement: 'user' as const,
      note:
        `Proposed by the optimizer (${what}, ${result.method}), rank ${s.rank}: adds ${Math.round(s.marginal)}` +
        (result.objective === 'p-median' ? ' person-minutes saved' : ' people within the norm') +
        (s.estimated ? '; rests on estimated inputs (population or location), check on the ground.' : '.'),
    }));
}

/** A GeoJSON FeatureCollection of proposed sites (those with coordinates), for export and the map. */
export interface SitesGeoJSON {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, string | number | boolean | null>;
  }[];
}

/**
 * Proposed sites as GeoJSON points with rank, id, name, hromada code, type, marginal, cumulative share, estimated
 * flag and a `marker-color` (red for estimated, blue otherwise) so any GeoJSON viewer shows them.
 */
export function sitesGeoJSON(result: PlanResult): SitesGeoJSON {
  return {
    type: 'FeatureCollection',
    features: result.sites
      .filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat))
      .map((s) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] as [number, number] },
        properties: {
          rank: s.rank,
          id: s.id,
          name: s.name,
          hromada_code: s.hromadaCode,
          type: s.type,
          marginal: s.marginal,
          cumulative_share: s.cumulativeShare,
          estimated: s.estimated,
          estimated_share: s.estimatedShare,
          objective: result.objective,
          method: result.method,
          'marker-color': s.estimated ? '#d7301f' : '#2166ac',
        },
      })),
  };
}
