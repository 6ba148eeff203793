/**
 * Distance from a point to the nearest edge of a set of polygons (the simplified state border), for the "near the
 * border" tolerance: a real border town can fall a kilometre or two outside simplified outlines. Edges sit in a
 * Flatbush index of their bounding boxes, so a query reads only the edges within the search radius — never a scan.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';

/** Mean km per degree of latitude (R = 6371.0088 km). */
const KM_PER_DEG = (Math.PI / 180) * 6371.0088;

/**
 * Builds `distanceKm(lon, lat, maxKm)`: the distance in km from the point to the nearest polygon edge, or Infinity
 * when no edge is within `maxKm`. Distances use a local equirectangular plane at the point's latitude (error well
 * under 1 % within tens of km).
 * @example const d = edgeDistanceIndex([border])(30.707, 51.882, 5); // ≈ 1.4 (Радуль, on the Dnipro)
 */
export function edgeDistanceIndex(areas: readonly (Polygon | MultiPolygon)[]): (lon: number, lat: number, maxKm: number) => number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const g of areas) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys)
      for (const ring of poly)
        for (let k = 0; k + 1 < ring.length; k++) {
          const a = ring[k]!;
          const b = ring[k + 1]!;
          xs.push(a[0]!, b[0]!);
          ys.push(a[1]!, b[1]!);
        }
  }
  const n = xs.length / 2;
  if (n === 0) return () => Infinity;
  const index = new Flatbush(n);
  for (let s = 0; s < n; s++) {
    const x0 = xs[2 * s]!;
    const x1 = xs[2 * s + 1]!;
    const y0 = ys[2 * s]!;
    const y1 = ys[2 * s + 1]!;
    index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
  }
  index.finish();
  return (lon, lat, maxKm) => {
    const kx = KM_PER_DEG * Math.cos((lat * Math.PI) / 180);
    const ky = KM_PER_DEG;
    const dLon = maxKm / kx;
    const dLat = maxKm / ky;
    let best = Infinity;
    for (const s of index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const ax = (xs[2 * s]! - lon) * kx;
      const ay = (ys[2 * s]! - lat) * ky;
      const bx = (xs[2 * s + 1]! - lon) * kx;
      const by = (ys[2 * s + 1]! - lat) * ky;
      const ex = bx - ax;
      const ey = by - ay;
      const len2 = ex * ex + ey * ey;
      const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * ex + ay * ey) / len2)) : 0;
      const px = ax + t * ex;
      const py = ay + t * ey;
      const d = Math.sqrt(px * px + py * py);
      if (d < best) best = d;
    }
    return best <= maxKm ? best : Infinity;
  };
}
