/**
 * The legend's response-time ramp (minutesRamp): golden ticks and marks, and an oracle: at every colour stop of a bar
 * the colour is the one the map gives a settlement of that class and time (fillMinutesColors with the class's norm,
 * as src/map/layers/derived.ts colours the circles).
 */
import { describe, expect, it } from 'vitest';
import { fillMinutesColors } from '../../src/map/colors';
import { minutesRamp } from '../../src/ui/legend-entries';

/** The stops of a CSS linear-gradient: position 0…1 and rgb. */
function cssStops(gradient: string): { at: number; rgb: [number, number, number] }[] {
  return [...gradient.matchAll(/rgba\((\d+), (\d+), (\d+), [\d.]+\) ([\d.]+)%/g)].map((m) => ({
    at: Number(m[4]) / 100,
    rgb: [Number(m[1]), Number(m[2]), Number(m[3])],
  }));
}

/** The map's colour of a settlement `minutes` away under `norm` (urban or rural, by the settlement's class). */
function mapColor(minutes: number, urban: boolean, norm: { urban: number; rural: number }): [number, number, number] {
  const out = fillMinutesColors(
    new Uint8Array(4),
    Float64Array.of(minutes),
    [0],
    () => (urban ? norm.urban : norm.rural),
    255,
    255,
  );
  return [out[0]!, out[1]!, out[2]!];
}

describe('minutesRamp', () => {
  it('default fire norms: one bar per class on a 0–40 min axis, marks at 10 and 20', () => {
    const r = minutesRamp({ urban: 10, rural: 20 });
    expect(r.max).toBe(40);
    expect(r.rows.map((x) => [x.kind, x.norm, x.mark])).toEqual([
      ['urban', 10, 0.25],
      ['rural', 20, 0.5],
    ]);
    expect(r.ticks).toEqual([
      { at: 0, label: '0', align: 'start' },
      { at: 0.25, label: '10', align: 'center', norm: 'urban' },
      { at: 0.5, label: '20', align: 'center', norm: 'rural' },
      { at: 1, label: '40+', align: 'end' },
    ]);
  });

  it('equal norms: one bar for all, its mark in the middle', () => {
    const r = minutesRamp({ urban: 15, rural: 15 });
    expect(r.rows.map((x) => [x.kind, x.mark])).toEqual([['all', 0.5]]);
    expect(r.ticks.map((t) => t.label)).toEqual(['0', '15', '30+']);
  });

  it('an urban norm above the rural one: the urban mark is the middle one', () => {
    const r = minutesRamp({ urban: 30, rural: 20 });
    expect(r.max).toBe(60);
    expect(r.rows.find((x) => x.kind === 'urban')!.mark).toBe(0.5);
    expect(r.rows.find((x) => x.kind === 'rural')!.mark).toBeCloseTo(1 / 3, 12);
  });

  it('close marks: labels set apart (one ends at its mark, the other starts at its own)', () => {
    const r = minutesRamp({ urban: 18, rural: 20 });
    expect(r.ticks.filter((t) => t.norm).map((t) => [t.label, t.align])).toEqual([
      ['18', 'end'],
      ['20', 'start'],
    ]);
  });

  it('a norm near the start takes the place of the "0" label', () => {
    const r = minutesRamp({ urban: 3, rural: 90 });
    expect(r.ticks.map((t) => t.label)).toEqual(['3', '90', '180+']);
  });

  it('moves the marks with the norm (urban 10 → 5)', () => {
    expect(minutesRamp({ urban: 5, rural: 20 }).rows[0]!.mark).toBe(0.125);
  });

  it('every stop has the colour the map gives that class at that time (oracle)', () => {
    for (const norm of [
      { urban: 10, rural: 20 },
      { urban: 25, rural: 12 },
      { urban: 15, rural: 15 },
      { urban: 3, rural: 90 },
    ]) {
      const r = minutesRamp(norm);
      for (const row of r.rows) {
        expect(row.stops[0]!.at).toBe(0);
        expect(row.stops.at(-1)!.at).toBe(1);
        const classes = row.kind === 'all' ? [true, false] : [row.kind === 'urban'];
        for (const { at, color } of row.stops)
          for (const urban of classes) expect(color.slice(0, 3)).toEqual(mapColor(at * r.max, urban, norm));
        // the CSS gradient carries the same colours in the same order, at their places to 0.01 %
        const css = cssStops(row.gradient);
        expect(css.map((c) => c.rgb)).toEqual(row.stops.map((s) => s.color.slice(0, 3)));
        css.forEach((c, i) => expect(c.at).toBeCloseTo(row.stops[i]!.at, 3));
      }
    }
  });
});
