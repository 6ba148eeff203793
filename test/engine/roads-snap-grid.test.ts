import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/engine';
import { mulberry32 } from '../../src/engine/synthetic';
import { NodeSnapper } from '../../src/engine/roads/snap';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { graphFrom } from './roads-helpers';

/** Brute force: nearest node within maxKm, ties to the lower id. */
function brute(lon: Float64Array, lat: Float64Array, x: number, y: number, maxKm: number) {
  let node = -1;
  let km = Infinity;
  for (let v = 0; v < lon.length; v++) {
    const d = haversineKm(x, y, lon[v]!, lat[v]!);
    if (d < km) {
      km = d;
      node = v;
    }
  }
  return km <= maxKm ? { node, km } : { node: -1, km: Infinity };
}

describe('snapping grid', () => {
  it('gives ties to the lower node id (nodes sharing a position, in any id order)', () => {
    const lon = [30.2, 30.1, 30.1, 30.3, 30.1];
    const lat = [50.1, 50.2, 50.2, 50.0, 50.2];
    const g = graphFrom(lon, lat, []);
    const s = new NodeSnapper(g);
    expect(s.nearest(30.1, 50.2, 2).node).toBe(1);
    expect(s.nearest(30.1001, 50.2001, 2)).toEqual(brute(g.lon, g.lat, 30.1001, 50.2001, 2));
  });

  it('equals a brute-force scan on a synthetic road graph (dense and sparse parts, points outside its box)', () => {
    const g = syntheticRoads({ seed: 4, nx: 40, ny: 30, bbox: [30, 50, 30.6, 50.4] });
    const s = new NodeSnapper(g);
    const rnd = mulberry32(11);
    for (let k = 0; k < 400; k++) {
      const x = 29.95 + rnd() * 0.7;
      const y = 49.97 + rnd() * 0.46;
      const maxKm = [0.2, 1, 2, 5][k % 4]!;
      expect(s.nearest(x, y, maxKm)).toEqual(brute(g.lon, g.lat, x, y, maxKm));
    }
  });
});
