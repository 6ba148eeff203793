/**
 * Snapping points to the road graph: the nearest graph node by great-circle distance (a KDBush index over node
 * lon/lat, queried with growing boxes that contain the search circle, exact haversine inside), the off-road leg in
 * minutes at a stated speed, and a maximum snap distance beyond which a point is "off the graph" (node -1): such a
 * point keeps the straight-line model. Ties go to the lower node id.
 */
import KDBush from 'kdbush';
import { haversineKm } from '../travel';
import type { RoadGraph } from './graph';

/** Km per degree of latitude on the engine's sphere (R = 6371.0088 km). */
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;

/** Degrees added around a query box: far above float32 rounding of coordinates (≈ 4e-6° at 40°). */
const MARGIN = 1e-4;

/** Default maximum snap distance, km: points farther from every road node keep the straight-line model. */
export const DEFAULT_SNAP_MAX_KM = 2;
/** Default off-road speed, km/h (walking a hose line or a track a lorry cannot use is slower; a planning assumption). */
export const DEFAULT_OFF_ROAD_KMH = 15;

/** Points snapped to a graph: node index (-1 off the graph) and straight-line km to it. */
export interface Snapped {
  node: Int32Array;
  km: Float64Array;
}

/** A spatial index over a graph's nodes answering nearest-node queries within a radius. */
export class NodeSnapper {
  private readonly index: KDBush;
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;

  constructor(g: Pick<RoadGraph, 'nodeCount' | 'lon' | 'lat'>) {
    this.lon = g.lon;
    this.lat = g.lat;
    // float32 coordinates (half the memory): boxes are widened by MARGIN so rounding never drops a candidate
    const index = new KDBush(Math.max(1, g.nodeCount), 64, Float32Array);
    for (let v = 0; v < g.nodeCount; v++) index.add(g.lon[v]!, g.lat[v]!);
    if (g.nodeCount === 0) index.add(1e9, 1e9); // KDBush needs one item; this one is never within reach
    index.finish();
    this.index = index;
  }

  /**
   * Nearest node to lon/lat within `maxKm` (great-circle), or node -1 and km Infinity.
   * @example snapper.nearest(30.52, 50.45, 2) // { node: 1234, km: 0.31 }
   */
  nearest(lon: number, lat: number, maxKm: number): { node: number; km: number } {
    let r = Math.min(maxKm, 0.3);
    for (;;) {
      const dLat = r / KM_PER_DEG;
      const top = Math.min(89.9, Math.abs(lat) + dLat);
      const dLon = Math.min(180, dLat / Math.cos((top * Math.PI) / 180));
      const ids = this.index.range(lon - dLon - MARGIN, lat - dLat - MARGIN, lon + dLon + MARGIN, lat + dLat + MARGIN);
      let best = -1;
      let bestKm = Infinity;
      for (let k = 0; k < ids.length; k++) {
        const v = ids[k]!;
        if (v >= this.lon.length) continue;
        const km = haversineKm(lon, lat, this.lon[v]!, this.lat[v]!);
        if (km < bestKm || (km === bestKm && v < best)) {
          bestKm = km;
          best = v;
        }
      }
      // the box holds the circle of radius r, so a node within r is the nearest overall
      if (best >= 0 && bestKm <= r) return bestKm <= maxKm ? { node: best, km: bestKm } : { node: -1, km: Infinity };
      if (r >= maxKm) return { node: -1, km: Infinity };
      r = Math.min(maxKm, r * 4);
    }
  }

  /** Snaps many points (e.g. every demand unit). */
  snapAll(lon: Float64Array, lat: Float64Array, maxKm: number): Snapped {
    const n = lon.length;
    const out: Snapped = { node: new Int32Array(n), km: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const s = this.nearest(lon[i]!, lat[i]!, maxKm);
      out.node[i] = s.node;
      out.km[i] = s.km;
    }
    return out;
  }
}

/** Minutes of an off-road leg of `km` at `kmh`. */
export function offRoadMinutes(km: number, kmh: number): number {
  return (60 * km) / kmh;
}
