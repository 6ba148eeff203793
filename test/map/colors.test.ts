import { describe, expect, it } from 'vitest';
import { fillMinutesColors, gradientCss, minutesColor, parseColor, shareColor, NO_DATA_COLOR } from '../../src/map/colors';

const lum = (c: number[]) => 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;

describe('colour scales', () => {
  it('parses d3 colour strings', () => {
    expect(parseColor('#ff0080')).toEqual([255, 0, 128, 255]);
    expect(parseColor('rgb(1, 2, 3)', 10)).toEqual([1, 2, 3, 10]);
    expect(() => parseColor('red')).toThrow('Unrecognised colour "red"');
  });

  it('share: cividis, gaps dark, full coverage light; NaN is the no-data grey', () => {
    expect(lum(shareColor(0))).toBeLessThan(lum(shareColor(0.5)));
    expect(lum(shareColor(0.5))).toBeLessThan(lum(shareColor(1)));
    expect(shareColor(NaN)).toEqual(NO_DATA_COLOR);
    expect(shareColor(2)).toEqual(shareColor(1));
  });

  it('minutes: darker with time; beyond the norm more opaque; unreachable = darkest', () => {
    const norm = 20;
    expect(lum(minutesColor(2, norm))).toBeGreaterThan(lum(minutesColor(19, norm)));
    expect(lum(minutesColor(19, norm))).toBeGreaterThan(lum(minutesColor(35, norm)));
    expect(minutesColor(19, norm)[3]).toBeLessThan(minutesColor(21, norm)[3]);
    expect(minutesColor(Infinity, norm)).toEqual(minutesColor(1000, norm));
  });

  it('fillMinutesColors writes the same colours as minutesColor, per index', () => {
    const minutes = Float64Array.from([5, 25, Infinity]);
    const out = fillMinutesColors(new Uint8Array(8), minutes, [2, 0], () => 20);
    expect([...out.subarray(0, 4)]).toEqual(minutesColor(Infinity, 20));
    expect([...out.subarray(4, 8)]).toEqual(minutesColor(5, 20));
  });

  it('legend gradients are CSS linear gradients', () => {
    expect(gradientCss('share')).toMatch(/^linear-gradient\(to right, rgba\(/);
  });
});
