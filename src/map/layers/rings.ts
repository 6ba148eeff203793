import { GeoJsonLayer } from '@deck.gl/layers';
import { circle } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Facility } from '../../engine/types';
import { FACILITY_COLORS } from '../colors';
import { activeFacilities } from '../../state/coverage-source';
import type { LayerInput } from './types';

/** Straight-line circles of `km` around each facility (Turf, 48 steps). */
export function ringFeatures(facilities: readonly Facility[], km: number): FeatureCollection<Polygon, { type: string }> {
  const features: Feature<Polygon, { type: string }>[] = facilities.map((f) =>
    circle([f.lon, f.lat], km, { steps: 48, units: 'kilometers', properties: { type: f.type } }),
  );
  return { type: 'FeatureCollection', features };
}

const memo = new Map<string, FeatureCollection<Polygon, { type: string }>>();

export function ringsLayer(input: LayerInput): GeoJsonLayer {
  const visible = input.layers.rings && !!input.result;
  let data: FeatureCollection<Polygon, { type: string }> = { type: 'FeatureCollection', features: [] };
  if (visible && input.result) {
    const key = `${input.service}:${input.ringKm}:${input.resultVersion}`;
    let fc = memo.get(key);
    if (!fc) {
      memo.clear();
      const active = activeFacilities(input.result.facilities, input.service, input.result.params);
      memo.set(key, (fc = ringFeatures(active, input.ringKm)));
    }
    data = fc;
  }
  return new GeoJsonLayer({
    id: 'rings',
    data,
    visible,
    filled: false,
    stroked: true,
    pickable: false,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.2,
    getLineColor: (f: Feature) => {
      const c = FACILITY_COLORS[(f.properties as { type: keyof typeof FACILITY_COLORS }).type];
      return [c[0], c[1], c[2], 200];
    },
  });
}
