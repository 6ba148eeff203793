import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A4_CSS, balanceColumns, IMAGE_TARGETS, layoutImage, sideLegendWidth, twoColumns, type Rect } from '../../src/ui/view/image-layout';

const inside = (r: Rect, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('image layout', () => {
  it('has the promised sizes: 16:9 1920×1080, A4 at 2× (297 × 210 mm at 96 px/in)', () => {
    expect(IMAGE_TARGETS['16:9']).toMatchObject({ width: 1920, height: 1080 });
    expect(A4_CSS).toEqual({ long: 1123, short: 794 });
    expect(IMAGE_TARGETS['a4-landscape']).toMatchObject({ width: 2246, height: 1588, pixelRatio: 2, legend: 'side' });
    expect(IMAGE_TARGETS['a4-portrait']).toMatchObject({ width: 1588, height: 2246, legend: 'below' });
    // 281 × 194 mm printable at 96 px/in, doubled.
    expect(IMAGE_TARGETS.print).toMatchObject({ width: 2124, height: 1466 });
  });

  it('16:9: the legend column beside the map, header above, sources below, nothing overlapping', () => {
    const l = layoutImage(IMAGE_TARGETS['16:9'], { header: 90, legend: 600, sources: 120 });
    expect(l.map).toEqual({ x: 24, y: 138, w: 1398, h: 774 });
    expect(l.legend.x).toBe(24 + 1398 + 24);
    expect(l.legend.w).toBe(sideLegendWidth(1920, 1.5));
    expect(l.legend.x + l.legend.w).toBe(1920 - 24);
    const parts = [l.header, l.map, l.legend, l.sources];
    for (const p of parts) expect(inside(p, l.width, l.height)).toBe(true);
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) expect(overlap(parts[i]!, parts[j]!)).toBe(false);
  });

  it('never overlaps and stays inside, for any fixed target and band heights that fit', () => {
    fc.assert(
      fc.property(fc.constantFrom('16:9', 'a4-landscape', 'a4-portrait', 'print' as const), fc.nat(150), fc.nat(500), fc.nat(200), (size, header, legend, sources) => {
        const target = IMAGE_TARGETS[size];
        const l = layoutImage(target, { header, legend, sources });
        const parts = [l.header, l.map, l.legend, l.sources];
        for (const p of parts) expect(inside(p, l.width, l.height)).toBe(true);
        for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) if (parts[i]!.h > 0 && parts[j]!.h > 0) expect(overlap(parts[i]!, parts[j]!)).toBe(false);
        expect([l.width, l.height]).toEqual([target.width, target.height]);
      }),
    );
  });

  it('screen: the map at its own size and full width, the image grows downwards', () => {
    const l = layoutImage({ screen: { width: 1150, height: 900 }, unit: 1 }, { header: 60, legend: 200, sources: 100 });
    expect(l.width).toBe(1150);
    expect(l.map).toEqual({ x: 0, y: 92, w: 1150, h: 900 });
    expect(l.height).toBe(92 + 900 + 16 + 200 + 16 + 100 + 16);
  });

  it('balances legend blocks into columns in order, keeping every block', () => {
    expect(balanceColumns([10, 10, 10, 10], 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(balanceColumns([100, 10, 10, 10], 2)).toEqual([[0], [1, 2, 3]]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (hs, cols) => {
        const c = balanceColumns(hs, cols);
        expect(c.flat()).toEqual(hs.map((_, i) => i));
        expect(c.length).toBeLessThanOrEqual(Math.max(1, cols));
      }),
    );
  });

  it('splits sources in two columns', () => {
    expect(twoColumns(['a', 'b', 'c'])).toEqual([['a', 'b'], ['c']]);
    expect(twoColumns([])).toEqual([[], []]);
  });
});
