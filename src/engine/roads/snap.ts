/**
 * Snapping points to the road graph: the nearest graph node by great-circle distance (a uniform lon/lat grid over the
 * nodes — node ids sorted by cell, read against the graph's own coordinates: ≈ 4 bytes per node — queried with
 * growing boxes that contain the search circle, exact haversine inside), the off-road leg in minutes at a stated
 * speed, and a maximum snap distance beyond which a point is "off the graph" (node -1): such a point keeps the
 * straight-line model. Ties go to the lower node id.
 */
import { haversineKm } from '../travel';
import type { RoadGraph } from './graph';

/** Km per degree of latitude on the engine's sphere (R = 6371.0088 km). */
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;

/** Degrees added around a query box (the grid's cell arithmetic rounds; the margin only adds candidates). */
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

/** Nodes per grid cell on average. */
const PER_CELL = 4;

/** A spatial index over a graph's nodes answering nearest-node queries within a radius. */
export class NodeSnapper {
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly west: number;
  private readonly south: number;
  /** Cells per degree of longitude and latitude. */
  private readonly kx: number;
  private readonly ky: number;
  /** Node ids of cell c: ids[start[c] … start[c + 1] − 1]; cell c = cy × nx + cx. */
  private readonly start: Int32Array;
  private readonly ids: Uint32Array;

  constructor(g: Pick<RoadGraph, 'nodeCount' | 'lon' | 'lat'>) {
    this.lon = g.lon;
    this.lat = g.lat;
    const n = g.nodeCount;
    let west = Infinity;
    let east = -Infinity;
    let south = Infinity;
    let north = -Infinity;
    for (let v = 0; v < n; v++) {
      const x = g.lon[v]!;
      const y = g.lat[v]!;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
    if (n === 0) west = east = south = north = 0;
    const w = Math.max(east - west, 1e-9);
    const h = Math.max(north - south, 1e-9);
    const cells = Math.max(1, Math.ceil(n / PER_CELL));
    const nx = Math.max(1, Math.min(cells, Math.round(Math.sqrt((cells * w) / h))));
    const ny = Math.max(1, Math.ceil(cells / nx));
    this.nx = nx;
    this.ny = ny;
    this.west = west;
    this.south = south;
    this.kx = nx / w;
    this.ky = ny / h;
    const start = new Int32Array(nx * ny + 1);
    for (let v = 0; v < n; v++) start[this.cellOf(g.lon[v]!, g.lat[v]!) + 1]!++;
    for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, nx * ny);
    const ids = new Uint32Array(n);
    for (let v = 0; v < n; v++) ids[fill[this.cellOf(g.lon[v]!, g.lat[v]!)]!++] = v;
    this.start = start;
    this.ids = ids;
  }

  private cx(lon: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((lon - this.west) * this.kx)));
  }

  private cy(lat: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((lat - this.south) * this.ky)));
  }

  private cellOf(lon: number, lat: number): number {
    return this.cy(lat) * this.nx + this.cx(lon);
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
      // every cell the box touches (a superset of the nodes in the box: the best within r is in the box anyway)
      const x0 = this.cx(lon - dLon - MARGIN);
      const x1 = this.cx(lon + dLon + MARGIN);
      const y0 = this.cy(lat - dLat - MARGIN);
      const y1 = this.cy(lat + dLat + MARGIN);
      let best = -1;
      let bestKm = Infinity;
      for (let y = y0; y <= y1; y++)
        for (let c = y * this.nx + x0, end = y * this.nx + x1; c <= end; c++)
          for (let k = this.start[c]!, ke = this.start[c + 1]!; k < ke; k++) {
            const v = this.ids[k]!;
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
