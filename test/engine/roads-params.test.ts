import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/engine';
import { DEFAULT_ROAD_SPEEDS } from '../../src/engine/roads/speeds';
import { applyParam, CliError } from '../../src/cli/args';

describe('--param for the road model', () => {
  it('sets the travel model, class speeds, built-up factor, off-road speed and snap distance', () => {
    const p = structuredClone(DEFAULT_PARAMS);
    applyParam(p, 'travel=road');
    applyParam(p, 'road.speed.primary=70');
    applyParam(p, 'road.builtup=0.7');
    applyParam(p, 'road.offroad=10');
    applyParam(p, 'road.snap=1.5');
    expect(p.travelModel).toBe('road');
    expect(p.roads.speeds.kmh.primary).toBe(70);
    expect(p.roads.speeds.builtUpFactor).toBe(0.7);
    expect(p.roads.offRoadKmh).toBe(10);
    expect(p.roads.snapMaxKm).toBe(1.5);
    // the shared default table is not mutated
    expect(DEFAULT_ROAD_SPEEDS.kmh.primary).toBe(65);
    expect(DEFAULT_PARAMS.roads.speeds.builtUpFactor).toBe(0.8);
  });

  it('refuses bad values with a message naming the parameter', () => {
    const p = structuredClone(DEFAULT_PARAMS);
    expect(() => applyParam(p, 'travel=car')).toThrow(CliError);
    expect(() => applyParam(p, 'travel=car')).toThrow(/not straight or road/);
    expect(() => applyParam(p, 'road.speed.highway=50')).toThrow(/unknown highway class "highway"/);
    expect(() => applyParam(p, 'road.speed.primary=0')).toThrow(/road.speed.primary.*above 0/);
    expect(() => applyParam(p, 'road.builtup=0')).toThrow(/above 0, up to 1/);
    expect(() => applyParam(p, 'road.builtup=1.5')).toThrow(/share from 0 to 1/);
    expect(() => applyParam(p, 'road.snap=-1')).toThrow(/distance above 0/);
  });
});
