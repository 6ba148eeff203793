/** Basemap outlines: oblasts, raions, the national border, and the no-data areas (Crimea, Sevastopol). */
import { join } from 'node:path';
import { simplify } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { readGeoJson, roundGeometry, type Area } from './geo';
import type { HromadaData } from './hromadas';

/** Raion outlines are simplified with this tolerance (degrees, ≈ 110 m) before rounding to 1e-4. */
export const RAION_SIMPLIFY_TOLERANCE = 0.001;

type Props = Record<string, string | number | boolean>;

function fc(features: Feature<Area, Props>[]): FeatureCollection<Area, Props> {
  return { type: 'FeatureCollection', features };
}

export function buildOutlines(dataDir: string, h: HromadaData) {
  const oblastsIn = readGeoJson(join(dataDir, 'oblasts.geojson'));
  const oblasts = fc(
    oblastsIn.features
      .map((f) => ({
        type: 'Feature' as const,
        properties: { name: String(f.properties?.['region'] ?? '') },
        geometry: roundGeometry(f.geometry, 4),
      }))
      .sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'uk')),
  );
  const raionsIn = readGeoJson(join(dataDir, 'rayony.geojson'));
  const raions = fc(
    raionsIn.features
      .map((f) => {
        const g = simplify(f, { tolerance: RAION_SIMPLIFY_TOLERANCE, highQuality: true, mutate: false }).geometry;
        return {
          type: 'Feature' as const,
          properties: { id: Number(f.properties?.['fid']), name: String(f.properties?.['rayon'] ?? '') },
          geometry: roundGeometry(g, 4),
        };
      })
      .sort((a, b) => a.properties.id - b.properties.id),
  );
  const borderIn = readGeoJson(join(dataDir, 'ukraine_border.geojson'));
  const border = fc(
    borderIn.features.map((f) => ({
      type: 'Feature' as const,
      properties: { name: 'Україна', name_en: 'Ukraine' },
      geometry: roundGeometry(f.geometry, 4),
    })),
  );
  const noData = fc(
    h.noData.map((n) => ({
      type: 'Feature' as const,
      properties: { name: n.name, polygon_id: n.polygonId, no_data: true },
      geometry: n.geometry,
    })),
  );
  return { oblasts, raions, border, noData };
}
