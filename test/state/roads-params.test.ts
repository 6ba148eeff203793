/** The road model's parameters in the URL hash: every one round-trips, defaults stay out, refused values are ignored. */
import { describe, expect, it, vi } from 'vitest';
import { ROAD_CLASSES } from '../../src/engine/roads/speeds';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { defaultState } from '../../src/state/app-state';
import { decodeRoadsHash, encodeRoadsHash, withRoads } from '../../src/state/roads-params';
import { decodeHash, encodeHash } from '../../src/state/url';

describe('road parameters in the hash', () => {
  it('writes nothing for the defaults', () => {
    expect(encodeRoadsHash(DEFAULT_PARAMS)).toEqual([]);
    expect(encodeHash(defaultState(), null, null)).not.toMatch(/tm=|rs_|rbu|rof|rsn/);
  });

  it('round-trips the travel model and every road parameter through a full link', () => {
    const state = defaultState();
    const p = withRoads(state.params);
    p.travelModel = 'road';
    p.roads.offRoadKmh = 12;
    p.roads.snapMaxKm = 3.5;
    const kmh = { ...p.roads.speeds.kmh } as Record<(typeof ROAD_CLASSES)[number], number>;
    ROAD_CLASSES.forEach((c, k) => (kmh[c] = 11 + k));
    p.roads.speeds = { builtUpFactor: 0.7, kmh };
    state.params = p;
    const hash = encodeHash(state, null, null);
    expect(hash).toContain('tm=road');
    expect(hash).toContain('rs_motorway=11');
    const back = decodeHash(hash, defaultState());
    expect(back.patch.params?.travelModel).toBe('road');
    expect(back.patch.params?.roads).toEqual(p.roads);
  });

  it('ignores refused values with a warning and leaves the defaults untouched', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const params = withRoads(DEFAULT_PARAMS);
    expect(decodeRoadsHash(new URLSearchParams('rof=0&rbu=1.5&rsn=-1&rs_track=abc&tm=plane'), params)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(4);
    expect(params.roads).toEqual(DEFAULT_PARAMS.roads);
    expect(DEFAULT_PARAMS.roads.speeds.kmh.track).toBe(5);
    warn.mockRestore();
  });

  it('withRoads copies: changing the copy never changes the defaults', () => {
    const p = withRoads(DEFAULT_PARAMS);
    (p.roads.speeds.kmh as Record<string, number>).primary = 1;
    p.roads.offRoadKmh = 1;
    expect(DEFAULT_PARAMS.roads.speeds.kmh.primary).not.toBe(1);
    expect(DEFAULT_PARAMS.roads.offRoadKmh).toBe(15);
  });
});
