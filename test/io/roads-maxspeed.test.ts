/**
 * The OSM tag rules of the road builder: maxspeed values (golden cases and properties), oneway, the built-up flag.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROAD_FLAG_BUILT_UP, ROAD_FLAG_EXPLICIT_SPEED } from '../../src/engine/roads/graph';
import { roadClassIndex } from '../../src/engine/roads/speeds';
import { parseMaxspeed, wayAttrs } from '../../src/io/roads';

describe('parseMaxspeed', () => {
  it.each([
    ['50', 50, false],
    ['50 km/h', 50, false],
    ['30 mph', 48, false],
    ['20 knots', 37, false],
    ['UA:urban', 50, true],
    ['UA:rural', 90, false],
    ['UA:trunk', 110, false],
    ['UA:motorway', 130, false],
    ['UA:living_street', 20, false],
    ['ua:urban', 50, true],
    ['DE:urban', 50, true],
    ['RU:rural', 90, false],
    ['walk', 5, false],
    ['50;70', 50, false],
    ['90; UA:urban', 50, true],
    ['none', 0, false],
    ['signals', 0, false],
    ['variable', 0, false],
    ['', 0, false],
    ['fast', 0, false],
    ['0', 0, false],
    ['300', 255, false],
    ['49.6', 50, false],
  ])('%s → %d km/h, urban %s', (v, kmh, urban) => {
    expect(parseMaxspeed(v)).toEqual({ kmh, urban });
  });

  it('any integer 1…255 reads as itself, with or without km/h; mph converts and rounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 255 }), fc.boolean(), (n, unit) => {
        expect(parseMaxspeed(unit ? `${n} km/h` : String(n))).toEqual({ kmh: n, urban: false });
        expect(parseMaxspeed(`${n} mph`).kmh).toBe(Math.min(255, Math.round(n * 1.609344)));
      }),
    );
  });

  it('a list gives its lowest limit; order does not matter', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 4 }), (xs) => {
        expect(parseMaxspeed(xs.join(';')).kmh).toBe(Math.min(...xs));
        expect(parseMaxspeed([...xs].reverse().join(';')).kmh).toBe(Math.min(...xs));
      }),
    );
  });

  it('never throws; always 0…255', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseMaxspeed(s);
        expect(r.kmh >= 0 && r.kmh <= 255 && Number.isInteger(r.kmh)).toBe(true);
      }),
    );
  });
});

describe('wayAttrs', () => {
  it('drivable classes only; direction; built-up from the urban zone tags or the class', () => {
    expect(wayAttrs({ highway: 'footway' })).toBeNull();
    expect(wayAttrs({ building: 'yes' })).toBeNull();
    expect(wayAttrs({ highway: 'primary', oneway: 'yes' })).toEqual({
      cls: roadClassIndex('primary'),
      maxspeed: 0,
      flags: 0,
      oneway: 1,
    });
    expect(wayAttrs({ highway: 'primary', oneway: '-1' })!.oneway).toBe(-1);
    expect(wayAttrs({ highway: 'primary', oneway: 'reversible' })!.oneway).toBe(2);
    expect(wayAttrs({ highway: 'primary', junction: 'roundabout' })!.oneway).toBe(1);
    expect(wayAttrs({ highway: 'motorway' })!.oneway).toBe(1);
    expect(wayAttrs({ highway: 'motorway', oneway: 'no' })!.oneway).toBe(0);
    expect(wayAttrs({ highway: 'trunk', maxspeed: 'UA:urban' })).toEqual({
      cls: roadClassIndex('trunk'),
      maxspeed: 50,
      flags: ROAD_FLAG_BUILT_UP,
      oneway: 0,
    });
    expect(wayAttrs({ highway: 'trunk', maxspeed: '60', 'zone:maxspeed': 'UA:urban' })!.flags).toBe(ROAD_FLAG_BUILT_UP);
    expect(wayAttrs({ highway: 'trunk', maxspeed: '60', 'source:maxspeed': 'UA:urban' })!.flags).toBe(
      ROAD_FLAG_BUILT_UP,
    );
    expect(wayAttrs({ highway: 'trunk', maxspeed: '90', 'source:maxspeed': 'UA:rural' })!.flags).toBe(0);
    expect(wayAttrs({ highway: 'residential' })!.flags).toBe(ROAD_FLAG_BUILT_UP);
    expect(wayAttrs({ highway: 'living_street' })!.flags).toBe(ROAD_FLAG_BUILT_UP);
    expect(wayAttrs({ highway: 'tertiary' })!.flags).toBe(0);
  });

  it('speed_kmh only for GeoJSON input; it is kept as maxspeed with the explicit flag', () => {
    expect(wayAttrs({ highway: 'track', speed_kmh: '70' })!.flags).toBe(0);
    expect(wayAttrs({ highway: 'track', speed_kmh: '70' }, true)).toEqual({
      cls: roadClassIndex('track'),
      maxspeed: 70,
      flags: ROAD_FLAG_EXPLICIT_SPEED,
      oneway: 0,
    });
    expect(wayAttrs({ speed_kmh: '12.4' }, true)!.cls).toBe(roadClassIndex('road'));
    expect(wayAttrs({ speed_kmh: '0' }, true)).toBeNull();
  });
});
