/**
 * skipInvisibleSky (src/map/invisible-sky.ts): on a stand-in for MapLibre's map and painter, the sky step is skipped
 * while the sky is transparent and drawn once a style makes it visible; MapLibre's shared table of draw functions is
 * left alone; a restored WebGL context (a new painter) gets the same step; a MapLibre without the step is left as
 * it is.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Map as MlMap } from 'maplibre-gl';
import { skipInvisibleSky, skyIsInvisible, type EvaluatedSky, type SkySkipper } from '../../src/map/invisible-sky';

const colour = (a: number) => ({ r: 0.2 * a, g: 0.4 * a, b: 0.6 * a, a });
const sky = (skyA: number, horizonA: number, fogA = 1, atmosphere = 0.8): EvaluatedSky =>
  ({
    'sky-color': colour(skyA),
    'horizon-color': colour(horizonA),
    'fog-color': colour(fogA),
    'fog-ground-blend': 0.5,
    'horizon-fog-blend': 0.8,
    'sky-horizon-blend': 0.8,
    'atmosphere-blend': atmosphere,
  }) as unknown as EvaluatedSky;
/** MapLibre's default for a style without a sky (src/style/sky.ts): every colour transparent, no atmosphere. */
const DEFAULT_SKY = sky(0, 0, 0, 0);

function fakeMap() {
  const listeners = new Map<string, (() => void)[]>();
  const shared = { sky: vi.fn(), fill: vi.fn() };
  const map = {
    painter: { drawFunctions: shared as Record<string, unknown> },
    on(type: string, f: () => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), f]);
      return map;
    },
    fire(type: string) {
      for (const f of listeners.get(type) ?? []) f();
    },
  };
  const drawSky = (s: EvaluatedSky) => (map.painter.drawFunctions['sky'] as SkySkipper)('mesh' as never, { data: { sky: s } } as never);
  return { map, shared, drawSky, asMl: map as unknown as MlMap };
}

describe('skyIsInvisible', () => {
  it('is true for the default sky and for any sky whose two drawn colours are transparent', () => {
    expect(skyIsInvisible(DEFAULT_SKY)).toBe(true);
    expect(skyIsInvisible(undefined)).toBe(true);
    // fog colour and atmosphere do not colour the sky quad (they only scale a transparent colour)
    expect(skyIsInvisible(sky(0, 0))).toBe(true);
  });

  it('is false as soon as either the sky or the horizon colour can be seen', () => {
    expect(skyIsInvisible(sky(1, 0))).toBe(false);
    expect(skyIsInvisible(sky(0, 0.01))).toBe(false);
    expect(skyIsInvisible(sky(0.5, 0.5))).toBe(false);
  });
});

describe('skipInvisibleSky', () => {
  it('skips the sky while it is invisible and draws it, with the same arguments, once it is not', () => {
    const { shared, drawSky, asMl } = fakeMap();
    expect(skipInvisibleSky(asMl)).toBe(true);
    drawSky(DEFAULT_SKY);
    expect(shared.sky).not.toHaveBeenCalled();
    const visible = sky(1, 1);
    drawSky(visible);
    expect(shared.sky).toHaveBeenCalledTimes(1);
    expect(shared.sky).toHaveBeenCalledWith('mesh', { data: { sky: visible } });
  });

  it('copies the painter\'s table of draw functions instead of editing MapLibre\'s shared one', () => {
    const { map, shared, asMl } = fakeMap();
    const ownSky = shared.sky;
    skipInvisibleSky(asMl);
    expect(shared.sky).toBe(ownSky);
    expect(map.painter.drawFunctions).not.toBe(shared);
    expect(map.painter.drawFunctions['fill']).toBe(shared.fill);
    expect((map.painter.drawFunctions['sky'] as SkySkipper).maplibreSky).toBe(ownSky);
  });

  it('puts the step into the new painter MapLibre makes when the WebGL context is restored', () => {
    const { map, drawSky, asMl } = fakeMap();
    skipInvisibleSky(asMl);
    const fresh = { sky: vi.fn() };
    map.painter = { drawFunctions: fresh };
    map.fire('webglcontextrestored');
    drawSky(DEFAULT_SKY);
    expect(fresh.sky).not.toHaveBeenCalled();
    drawSky(sky(1, 0));
    expect(fresh.sky).toHaveBeenCalledTimes(1);
  });

  it('does not wrap its own step again when the event comes with the same painter (MapLibre\'s workers restarted)', () => {
    const { map, shared, drawSky, asMl } = fakeMap();
    skipInvisibleSky(asMl);
    map.fire('webglcontextrestored');
    map.fire('webglcontextrestored');
    const step = map.painter.drawFunctions['sky'] as SkySkipper;
    expect(step.maplibreSky).toBe(shared.sky);
    drawSky(sky(1, 1));
    expect(shared.sky).toHaveBeenCalledTimes(1);
  });

  it('changes nothing in a MapLibre without a sky step', () => {
    const { map, asMl } = fakeMap();
    const table = { fill: vi.fn() };
    map.painter = { drawFunctions: table };
    expect(skipInvisibleSky(asMl)).toBe(false);
    expect(map.painter.drawFunctions).toBe(table);
  });
});
