/**
 * The community report's pure parts: the map's fitted projection (golden points), polygon paths, greedy label
 * placement (a brute-force pass checks no two placed labels overlap, none covers an obstacle or leaves the frame, and
 * a label is left out only when every position is taken), the report hash, the nearest located settlement of an
 * estimated site, and the printed blocks of a long table.
 */
import { describe, expect, it } from 'vitest';
import {
  boxOf,
  boxesOverlap,
  fitProjection,
  placeLabels,
  ringsPath,
  type LabelInput,
} from '../../src/ui/report/map-layout';
import { chunk, nearestPlace } from '../../src/ui/report/report-data';
import { mapHashOf, reportCodeOf, reportHash } from '../../src/ui/report/route';

describe('fitProjection', () => {
  it('centres the box and keeps its proportions (longitude scaled by cos of the middle latitude)', () => {
    const p = fitProjection([30, 50, 31, 51], 200, 100, 0);
    const [cx, cy] = p(30.5, 50.5);
    expect(cx).toBeCloseTo(100, 9);
    expect(cy).toBeCloseTo(50, 9);
    // height-bound: 1° of latitude spans the 100 px, so 1° of longitude spans 100 × cos(50.5°)
    expect(p.scale).toBeCloseTo(100, 9);
    const [x0] = p(30, 50.5);
    const [x1] = p(31, 50.5);
    expect(x1 - x0).toBeCloseTo(100 * Math.cos((50.5 * Math.PI) / 180), 9);
    // north is up
    expect(p(30.5, 51)[1]).toBeCloseTo(0, 9);
    expect(p(30.5, 50)[1]).toBeCloseTo(100, 9);
  });

  it('keeps the padding on the bound side and widens a box of one point', () => {
    const p = fitProjection([30, 50, 30.1, 52], 300, 200, 10);
    expect(p(30.05, 52)[1]).toBeCloseTo(10, 9);
    expect(p(30.05, 50)[1]).toBeCloseTo(190, 9);
    const q = fitProjection([30, 50, 30, 50], 100, 100, 0);
    const [x, y] = q(30, 50);
    expect(x).toBeCloseTo(50, 9);
    expect(y).toBeCloseTo(50, 9);
  });
});

describe('boxOf, boxesOverlap, ringsPath', () => {
  it('boxes points (skipping non-finite) with a margin of at least 0.005°', () => {
    expect(boxOf([])).toBeNull();
    expect(
      boxOf(
        [
          [30, 50],
          [31, 52],
          [NaN, 1],
        ],
        0.1,
      ),
    ).toEqual([29.8, 49.8, 31.2, 52.2]);
    expect(boxOf([[30, 50]])).toEqual([29.995, 49.995, 30.005, 50.005]);
  });
  it('tells overlapping boxes (touching counts)', () => {
    expect(boxesOverlap([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(boxesOverlap([0, 0, 1, 1], [1.01, 0, 2, 1])).toBe(false);
  });
  it('writes each ring as a closed subpath, rounded to 0.1 px', () => {
    const p = fitProjection([0, 0, 1, 1], 10, 10, 0);
    expect(
      ringsPath(
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
          [
            [0.2, 0.2],
            [0.4, 0.2],
            [0.2, 0.4],
          ],
        ],
        p,
      ),
    ).toBe('M0.0 10.0L10.0 10.0L10.0 0.0L0.0 10.0ZM2.0 8.0L4.0 8.0L2.0 6.0Z');
  });
});

describe('placeLabels', () => {
  const opts = { width: 400, height: 300, fontSize: 10 };
  const overlap = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) =>
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

  it('puts a lone label right of its point, then left when the right is taken by an obstacle', () => {
    const [a] = placeLabels([{ x: 100, y: 100, text: 'Ріпки' }], opts);
    expect(a).toMatchObject({ index: 0, anchor: 'start', tx: 103 });
    expect(a!.box.x1 - a!.box.x0).toBeCloseTo(5 * 0.56 * 10, 9);
    const [b] = placeLabels([{ x: 100, y: 100, text: 'Ріпки' }], {
      ...opts,
      obstacles: [{ x0: 101, y0: 90, x1: 200, y1: 110 }],
    });
    expect(b).toMatchObject({ anchor: 'end', tx: 97 });
  });

  it('tries a wider gap when a marker covers the point (gaps in turn)', () => {
    const marker = { x0: 93, y0: 93, x1: 107, y1: 107 };
    expect(placeLabels([{ x: 100, y: 100, text: 'Київ' }], { ...opts, obstacles: [marker] })).toEqual([]);
    const [a] = placeLabels([{ x: 100, y: 100, text: 'Київ' }], { ...opts, gap: [3, 9], obstacles: [marker] });
    expect(a).toMatchObject({ anchor: 'start', tx: 109 });
  });

  it('keeps labels inside the frame: a point at the right edge is labelled on its left', () => {
    const [a] = placeLabels([{ x: 398, y: 150, text: 'Край' }], opts);
    expect(a!.anchor).toBe('end');
    expect(a!.box.x0).toBeGreaterThanOrEqual(0);
  });

  it('brute force over a dense random field: no overlaps, none outside, none over an obstacle, none dropped with a free position', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const labels: LabelInput[] = Array.from({ length: 150 }, (_, k) => ({
      x: rnd() * 400,
      y: rnd() * 300,
      text: `Село${'о'.repeat(k % 7)}`,
    }));
    const obstacles = [{ x0: 150, y0: 100, x1: 250, y1: 200 }];
    const placed = placeLabels(labels, { ...opts, obstacles });
    expect(placed.length).toBeGreaterThan(30);
    expect(placed.length).toBeLessThan(150);
    for (let i = 0; i < placed.length; i++) {
      const b = placed[i]!.box;
      expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 400 && b.y1 <= 300).toBe(true);
      expect(overlap(b, obstacles[0]!)).toBe(false);
      for (let j = i + 1; j < placed.length; j++) expect(overlap(b, placed[j]!.box)).toBe(false);
    }
    // priority order kept: placed indices ascend
    expect(placed.map((p) => p.index)).toEqual([...placed.map((p) => p.index)].sort((a, b) => a - b));
    // a label left out had no free position among the eight, given the labels placed before it
    const done = new Set(placed.map((p) => p.index));
    const firstLeft = labels.findIndex((_, k) => !done.has(k));
    const before = placed.filter((p) => p.index < firstLeft);
    const again = placeLabels([labels[firstLeft]!], {
      ...opts,
      obstacles: [...obstacles, ...before.map((p) => p.box)],
    });
    expect(again).toEqual([]);
  });

  it('skips labels without a position or text', () => {
    expect(
      placeLabels(
        [
          { x: NaN, y: 1, text: 'А' },
          { x: 10, y: 10, text: '' },
        ],
        opts,
      ),
    ).toEqual([]);
  });
});

describe('report hash', () => {
  it('reads the code of #report= (and nothing else)', () => {
    expect(reportCodeOf('#report=UA59080110000034361&lang=en')).toBe('UA59080110000034361');
    expect(reportCodeOf('#h=UA59080110000034361')).toBeNull();
    expect(reportCodeOf('#report=<script>')).toBeNull();
    expect(reportCodeOf('')).toBeNull();
  });
  it("keeps the page's parameters and edits, drops view and selection, sets the language", () => {
    expect(reportHash('#map=6/49/31&h=UA1&s=fire&fu=15&e=abc', 'UA1', 'en')).toBe(
      '#report=UA1&s=fire&fu=15&e=abc&lang=en',
    );
    expect(reportHash('#map=6/49/31&h=UA1&s=police&lang=en', 'UA1', 'uk')).toBe('#report=UA1&s=police');
    expect(mapHashOf('#report=UA1&s=fire&lang=en')).toBe('#h=UA1&s=fire&lang=en');
    expect(reportCodeOf(reportHash('#s=fire', 'UA74100330000029082', 'uk'))).toBe('UA74100330000029082');
  });
});

describe('nearestPlace', () => {
  const places = [
    { name: 'Ріпки', lon: 31.08, lat: 51.8 },
    { name: 'Голубичі', lon: 31.3, lat: 51.9 },
    { name: 'Без точки', lon: NaN, lat: NaN },
  ];
  it('names the nearest located settlement with distance and direction (brute-force oracle)', () => {
    const p = nearestPlace(places, 31.08, 51.9)!;
    expect(p.name).toBe('Ріпки');
    expect(p.km).toBeCloseTo(0.1 * 110.57, 6);
    expect(p.dir).toBe('n');
    expect(nearestPlace(places, 31.2, 51.8)!).toMatchObject({ name: 'Ріпки', dir: 'e' });
    expect(nearestPlace(places, 31.25, 51.85)!).toMatchObject({ name: 'Голубичі', dir: 'sw' });
  });
  it('gives null when no settlement has a point', () => {
    expect(nearestPlace([places[2]!], 31, 51)).toBeNull();
  });
});

describe('chunk', () => {
  it('splits in order, the last block shorter', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(/≥ 1/);
  });
});
