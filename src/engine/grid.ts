/**
 * A uniform lon/lat grid over points (CSR layout: `start[cell]…start[cell + 1]` indexes `items`), and the
 * conservative great-circle lower bounds the coverage search prunes with.
 *
 * Lower bounds come from the haversine identity `a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)`, with
 * `cos φ1 cos φ2 ≥ C = cos²(max |φ|)` over all points involved. They assume the data does not straddle the
 * antimeridian (true for Ukraine).
 */
import { EARTH_RADIUS_KM, RAD } from './travel';

export interface Grid {
  /** South-west corner of cell (0, 0), degrees. */
  lon0: number;
  lat0: number;
  /** Cell size, degrees. */
  hLon: number;
  hLat: number;
  nx: number;
  ny: number;
  /** Cell c holds items[start[c] … start[c + 1]); length nx·ny + 1. Items are ascending within a cell. */
  start: Int32Array;
  items: Int32Array;
}

const KM_PER_DEG = EARTH_RADIUS_KM * RAD;
const MAX_CELLS = 1 << 20;

/**
 * Bins the listed points into square-ish cells of about `cellKm` km (fewer if that would exceed 2^20 cells).
 * @param ids indices into lon/lat to include
 * @param cellKm cell side, km; or, when `perCell` is given, the minimum side and the size is chosen so the
 *   bounding box holds about `perCell` points per cell on average
 */
export function buildGrid(lon: Float64Array, lat: Float64Array, ids: Int32Array, cellKm: number, perCell?: number): Grid {
  const n = ids.length;
  if (n === 0) return { lon0: 0, lat0: 0, hLon: 1, hLat: 1, nx: 0, ny: 0, start: new Int32Array(1), items: ids };
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = ids[k]!;
    const x = lon[i]!;
    const y = lat[i]!;
    if (x < minLon) minLon = x;
    if (x > maxLon) maxLon = x;
    if (y < minLat) minLat = y;
    if (y > maxLat) maxLat = y;
  }
  const cosMid = Math.max(0.05, Math.cos(((minLat + maxLat) / 2) * RAD));
  if (perCell !== undefined) {
    const areaKm2 = (maxLat - minLat) * KM_PER_DEG * (maxLon - minLon) * KM_PER_DEG * cosMid;
    cellKm = Math.max(cellKm, Math.sqrt((areaKm2 * perCell) / n));
  }
  let hLat = cellKm / KM_PER_DEG;
  let hLon = hLat / cosMid;
  let nx = Math.floor((maxLon - minLon) / hLon) + 1;
  let ny = Math.floor((maxLat - minLat) / hLat) + 1;
  while (nx * ny > MAX_CELLS) {
    hLat *= 2;
    hLon *= 2;
    nx = Math.floor((maxLon - minLon) / hLon) + 1;
    ny = Math.floor((maxLat - minLat) / hLat) + 1;
  }
  const cellOf = new Int32Array(n);
  const start = new Int32Array(nx * ny + 1);
  for (let k = 0; k < n; k++) {
    const i = ids[k]!;
    const cx = Math.min(nx - 1, Math.floor((lon[i]! - minLon) / hLon));
    const cy = Math.min(ny - 1, Math.floor((lat[i]! - minLat) / hLat));
    const c = cy * nx + cx;
    cellOf[k] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(n);
  // ids are visited in the given order, so items stay ascending within a cell when ids are ascending
  for (let k = 0; k < n; k++) items[fill[cellOf[k]!]!++] = ids[k]!;
  return { lon0: minLon, lat0: minLat, hLon, hLat, nx, ny, start, items };
}

/** `C` of the bounds: cos²(max |lat|) over the given latitudes (degrees). */
export function cosSquaredBound(maxAbsLat: number): number {
  const c = Math.cos(Math.min(90, maxAbsLat) * RAD);
  return c * c;
}

/**
 * Lower bound, km, on the great-circle distance between two points whose latitudes differ by at least `dLatDeg`
 * and longitudes by at least `dLonDeg` (degrees, ≥ 0), given `C = cos²(max |lat|)` of both points.
 */
export function lowerBoundKm(dLatDeg: number, dLonDeg: number, c: number): number {
  const sLat = Math.sin((dLatDeg * RAD) / 2);
  const sLon = Math.sin((Math.min(180, dLonDeg) * RAD) / 2);
  const a = sLat * sLat + c * sLon * sLon;
  const h = Math.sqrt(a);
  return 2 * EARTH_RADIUS_KM * Math.asin(h < 1 ? h : 1);
}

/** Relative slack applied to lower bounds so rounding can never prune an exact tie. */
export const BOUND_SLACK = 1 - 1e-9;
