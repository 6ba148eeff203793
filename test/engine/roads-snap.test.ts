import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/engine';
import { mulberry32 } from '../../src/engine/synthetic';
import { NodeSnapper, offRoadMinutes } from '../../src/engine/roads/snap';
import { randomGraph } from './roads-helpers';

describe('snapping to the road graph', () => {
  it('finds the nearest node within the max distance, as a brute-force scan does; farther points are off the graph', () => {
    const rnd = mulberry32(3);
    const g = randomGraph(rnd, 400, 10); // nodes in [30, 30.5] × [50, 50.3]
    const snapper = new NodeSnapper(g);
    for (let k = 0; k < 500; k++) {
      const lon = 29.9 + rnd() * 0.7;
      const lat = 49.95 + rnd() * 0.4;
      const maxKm = k % 2 ? 2 : 0.5;
      let best = -1;
      let km = Infinity;
      for (let v = 0; v < g.nodeCount; v++) {
        const d = haversineKm(lon, lat, g.lon[v]!, g.lat[v]!);
        if (d < km) {
          km = d;
          best = v;
        }
      }
      const s = snapper.nearest(lon, lat, maxKm);
      if (km <= maxKm) expect(s).toEqual({ node: best, km });
      else expect(s).toEqual({ node: -1, km: Infinity });
    }
  });

  it('gives the off-road leg in minutes at the stated speed', () => {
    expect(offRoadMinutes(1.5, 15)).toBe(6);
  });

  it('does not fail on an empty graph', () => {
    const g = randomGraph(mulberry32(1), 0, 0);
    expect(new NodeSnapper(g).nearest(30, 50, 2)).toEqual({ node: -1, km: Infinity });
  });
});
