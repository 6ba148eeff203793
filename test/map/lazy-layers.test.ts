import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS } from '../../src/state/app-state';
import { buildLayers } from '../../src/map/layers';
import { deckWanted, LAZY_LAYERS } from '../../src/map/layers/lazy';

describe('deckWanted (whether deck.gl must load)', () => {
  const none = { layers: DEFAULT_LAYERS, mounted: new Set<never>(), closures: 0, proposedSites: 0, highlight: false, roads: false };
  it('is false on the first screen (default layers, no planner, nothing flown to)', () => {
    expect(deckWanted(none)).toBe(false);
  });
  it('is true for each optional layer on, or once on, and for planner results, a highlight or roads', () => {
    for (const id of LAZY_LAYERS) {
      expect(deckWanted({ ...none, layers: { ...DEFAULT_LAYERS, [id]: true } })).toBe(true);
      expect(deckWanted({ ...none, mounted: new Set([id]) })).toBe(true);
    }
    expect(deckWanted({ ...none, closures: 3 })).toBe(true);
    expect(deckWanted({ ...none, proposedSites: 1 })).toBe(true);
    expect(deckWanted({ ...none, highlight: true })).toBe(true);
    expect(deckWanted({ ...none, roads: true })).toBe(true);
  });
});

describe('buildLayers with what the first screen has', () => {
  it('returns no layer, so not loading deck.gl there loses nothing', () => {
    const layers = buildLayers({
      mounted: new Set(),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the fields a layer would read when wanted
      data: {} as any,
      facilities: [],
      service: 'fire',
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      params: {} as any,
      layers: DEFAULT_LAYERS,
      ringKm: 10,
      osm: false,
      result: null,
      resultVersion: 0,
      selected: -1,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      iconAtlas: {} as any,
      proposedSites: null,
      closures: null,
      highlight: null,
      lang: 'uk',
      roads: null,
    });
    expect(layers).toEqual([]);
  });
});
