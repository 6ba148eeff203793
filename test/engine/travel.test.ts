import { describe, expect, it } from 'vitest';
import { distance, point } from '@turf/turf';
import { DEFAULT_PARAMS, haversineKm, minutesPerKm, responseMinutes } from '../../src/engine';
import { mulberry32 } from '../../src/engine/synthetic';

describe('travel formula', () => {
  it('haversineKm agrees with @turf/distance (the oracle) to 1e-9 relative', () => {
    const rnd = mulberry32(7);
    for (let k = 0; k < 2000; k++) {
      const a = [22 + rnd() * 18, 44 + rnd() * 8] as const;
      const b = k % 3 === 0 ? ([a[0] + rnd() * 0.01, a[1] + rnd() * 0.01] as const) : ([22 + rnd() * 18, 44 + rnd() * 8] as const);
      const t = distance(point([a[0], a[1]]), point([b[0], b[1]]), { units: 'kilometers' });
      const h = haversineKm(a[0], a[1], b[0], b[1]);
      expect(Math.abs(h - t)).toBeLessThanOrEqual(1e-9 * Math.max(1, t));
    }
  });

  it('a state fire unit 10 km from a rural point: 1 + 60×10×1.3/60 = 14 min', () => {
    expect(responseMinutes(DEFAULT_PARAMS, 'state_fire_unit', 10, 0)).toBeCloseTo(14, 12);
  });

  it('a local fire department 10 km from a city: 2 + 60×10×1.2/40 = 20 min', () => {
    expect(responseMinutes(DEFAULT_PARAMS, 'local_fire_department', 10, 1)).toBeCloseTo(20, 12);
  });

  it('a volunteer brigade 6 km from a village: 5 + 60×6×1.3/60 = 12.8 min', () => {
    expect(responseMinutes(DEFAULT_PARAMS, 'volunteer_fire_brigade', 6, 0)).toBeCloseTo(12.8, 12);
  });

  it('minutes per km: urban 1.8, rural 1.3', () => {
    expect(minutesPerKm(DEFAULT_PARAMS, 1)).toBeCloseTo(1.8, 12);
    expect(minutesPerKm(DEFAULT_PARAMS, 0)).toBeCloseTo(1.3, 12);
  });

  it('Kyiv → Lviv ≈ 468 km', () => {
    expect(haversineKm(30.5238, 50.45466, 24.0297, 49.8397)).toBeGreaterThan(467);
    expect(haversineKm(30.5238, 50.45466, 24.0297, 49.8397)).toBeLessThan(470);
  });
});
