/**
 * One minutes scale everywhere: the saved image's response-time ramp carries the screen's (minutesRamp) bars, marks
 * and ticks, the canvas draws them where they belong (a recording 2D context), tick labels never overlap, and the
 * roads legend's ramp has the colours the roads layer gives a road that many minutes away (roadsColors as oracle).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeT } from '../../src/i18n';
import { defaultState } from '../../src/state/app-state';
import { minutesRamp, roadsMinutesRamp, type MinutesRampTick } from '../../src/ui/legend-entries';
import { imageRamp, mapImageText, roadsImageRamp } from '../../src/ui/map-image-text';
import { drawMinutesRamp, placeTicks } from '../../src/ui/view/legend-ramp';
import { Pen } from '../../src/ui/view/legend-blocks';
import { roadsColors } from '../../src/map/layers/roads-colors';
import type { RoadPaths } from '../../src/worker/roads-protocol';

const hromadas = { names: ['Перша'], namesEn: ['Persha'] };

describe('roadsMinutesRamp', () => {
  it('one bar over 0 … 2 × the rural norm, the norm marked in the middle, ticks in minutes', () => {
    const r = roadsMinutesRamp(20);
    expect(r.max).toBe(40);
    expect(r.rows.map((x) => [x.kind, x.norm, x.mark])).toEqual([['rural', 20, 0.5]]);
    expect(r.ticks).toEqual([
      { at: 0, label: '0', align: 'start' },
      { at: 0.5, label: '20', align: 'center', norm: 'rural' },
      { at: 1, label: '40+', align: 'end' },
    ]);
    expect(roadsMinutesRamp(12.5).ticks.map((k) => k.label)).toEqual(['0', '12.5', '25+']);
  });

  it('every stop has the colour the roads layer gives a road that many minutes away', () => {
    for (const norm of [7, 20, 45]) {
      const r = roadsMinutesRamp(norm, 16);
      const stops = r.rows[0]!.stops;
      const n = stops.length;
      const paths = {
        vertexA: Uint32Array.from(stops, (_, k) => k),
        vertexB: Uint32Array.from(stops, (_, k) => k),
        vertexT: new Float32Array(n),
      } as unknown as RoadPaths;
      const minutes = Float32Array.from(stops, (s) => s.at * r.max);
      const colors = roadsColors(paths, minutes, norm, Infinity);
      stops.forEach((s, k) =>
        expect([...colors.subarray(4 * k, 4 * k + 3)], `${norm}: ${s.at}`).toEqual(s.color.slice(0, 3)),
      );
    }
  });
});

describe('the image legend’s minutes ramp', () => {
  it('carries the screen ramp: a bar per class with its row label, the same stops, marks and ticks', () => {
    const s = defaultState();
    const text = mapImageText(makeT('en'), { ...s, lang: 'en' }, hromadas, -1, null, []);
    const screen = minutesRamp(s.params.normMin[s.service]);
    const m = text.minutes!;
    expect(m.rows.map((r) => [r.label, r.norm, r.mark])).toEqual([
      ['urban', 10, 0.25],
      ['rural', 20, 0.5],
    ]);
    expect(m.rows.map((r) => r.stops)).toEqual(screen.rows.map((r) => r.stops));
    expect(m.ticks.map((k) => k.label)).toEqual(['0', '10', '20', '40+']);
    expect(m.normKey).toBe('norm');
    const uk = mapImageText(makeT('uk'), s, hromadas, -1, null, []).minutes!;
    expect(uk.rows.map((r) => r.label)).toEqual(['міста', 'села']);
    expect(uk.normKey).toBe('норматив');
  });

  it('equal norms: one bar with no row label', () => {
    const r = imageRamp(makeT('uk'), 'T', minutesRamp({ urban: 15, rural: 15 }));
    expect(r.rows.map((x) => [x.label, x.mark])).toEqual([[null, 0.5]]);
    expect(r.ticks.map((k) => k.label)).toEqual(['0', '15', '30+']);
  });
});

describe('the image legend’s roads ramp', () => {
  const ready = { status: { type: 'ready' }, layerOn: true } as never;
  it('with the roads layer drawn: the same scale as the on-screen roads legend, in minutes, and the unreached grey', () => {
    const s = defaultState();
    const params = { ...s.params, travelModel: 'road' as const };
    const r = roadsImageRamp(makeT('uk'), { service: 'fire', params }, ready)!;
    const screen = roadsMinutesRamp(params.normMin.fire.rural);
    expect(r.title).toBe('Дороги: хвилини від найближчого підрозділу');
    expect(r.rows.map((x) => [x.label, x.norm, x.mark])).toEqual([[null, 20, 0.5]]);
    expect(r.rows[0]!.stops).toEqual(screen.rows[0]!.stops);
    expect(r.ticks.map((k) => k.label)).toEqual(['0', '20', '40+']);
    expect([r.normKey, r.unreached]).toEqual(['норматив для сіл', 'не досягнуто']);
    const text = mapImageText(makeT('en'), { ...s, lang: 'en', params }, hromadas, -1, null, [], new Date(), {
      roads: ready,
    });
    expect([text.roads?.title, text.roads?.normKey, text.roads?.unreached]).toEqual([
      'Roads: minutes from the nearest unit',
      'rural norm',
      'not reached',
    ]);
  });
  it('absent when the layer is off, no graph is loaded, or times are by straight line', () => {
    const s = defaultState();
    const road = { ...s.params, travelModel: 'road' as const };
    const t = makeT('en');
    expect(
      roadsImageRamp(t, { service: 'fire', params: road }, { status: { type: 'ready' }, layerOn: false } as never),
    ).toBeNull();
    expect(
      roadsImageRamp(t, { service: 'fire', params: road }, { status: { type: 'none' }, layerOn: true }),
    ).toBeNull();
    expect(roadsImageRamp(t, { service: 'fire', params: { ...s.params, travelModel: 'straight' } }, ready)).toBeNull();
    expect(mapImageText(t, { ...s, lang: 'en' }, hromadas, -1, null, []).roads).toBeNull();
  });
});

const tick = (at: number, label: string, align: MinutesRampTick['align']): MinutesRampTick => ({ at, label, align });
const len10 = (k: MinutesRampTick) => k.label.length * 10;

describe('placeTicks', () => {
  it('places each label at its point, aligned, on one line when they fit', () => {
    const ticks = [tick(0, '0', 'start'), tick(0.25, '10', 'center'), tick(0.5, '20', 'center'), tick(1, '40+', 'end')];
    expect(placeTicks(ticks, 200, len10, 4)).toEqual([
      { left: 0, width: 10, line: 0 },
      { left: 40, width: 20, line: 0 },
      { left: 90, width: 20, line: 0 },
      { left: 170, width: 30, line: 0 },
    ]);
  });
  it('a label that would run into the one before goes a line lower; labels stay within the bar', () => {
    const ticks = [tick(0, '0', 'start'), tick(0.45, '18', 'end'), tick(0.5, '20', 'start'), tick(1, '40+', 'end')];
    const p = placeTicks(ticks, 60, len10, 4);
    expect(p.map((x) => x.line)).toEqual([0, 1, 0, 2]);
    expect(p[1]!.left).toBe(7);
    for (const x of p) expect(x.left >= 0 && x.left + x.width <= 60).toBe(true);
  });
  it('no two labels on one line overlap (random ticks)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            n: fc.integer({ min: 1, max: 5 }),
            align: fc.constantFrom('start', 'center', 'end') as fc.Arbitrary<MinutesRampTick['align']>,
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (raw) => {
          const ticks = raw.map((r) => tick(r.at, 'x'.repeat(r.n), r.align));
          const p = placeTicks(ticks, 120, len10, 4);
          for (let i = 0; i < p.length; i++)
            for (let j = i + 1; j < p.length; j++)
              if (p[i]!.line === p[j]!.line)
                expect(p[i]!.left + p[i]!.width + 4 <= p[j]!.left || p[j]!.left + p[j]!.width + 4 <= p[i]!.left).toBe(
                  true,
                );
        },
      ),
    );
  });
});

/** A 2D context that records what is drawn (6 px per character, gradients keep their stops). */
function recordingCtx() {
  const rects: { x: number; y: number; w: number; h: number; fill: unknown }[] = [];
  const texts: { text: string; x: number; y: number; font: string }[] = [];
  const gradients: { x0: number; x1: number; stops: [number, string][] }[] = [];
  const ctx = {
    font: '',
    fillStyle: '' as unknown,
    textAlign: 'left',
    textBaseline: 'top',
    measureText: (s: string) => ({ width: s.length * 6 }),
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push({ x, y, w, h, fill: this.fillStyle });
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, font: this.font });
    },
    createLinearGradient(x0: number, _y0: number, x1: number) {
      const g = {
        x0,
        x1,
        stops: [] as [number, string][],
        addColorStop: (at: number, c: string) => g.stops.push([at, c]),
      };
      gradients.push(g);
      return g;
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, rects, texts, gradients };
}

describe('drawMinutesRamp', () => {
  it('draws the bars with the screen’s stops, each norm mark at its minutes, the tick labels and the key', () => {
    const ramp = imageRamp(makeT('en'), 'Response time', minutesRamp({ urban: 10, rural: 20 }));
    const { ctx, rects, texts, gradients } = recordingCtx();
    const pen = new Pen(ctx, 1);
    const measured = drawMinutesRamp(pen, 100, 50, 400, false, ramp);
    expect(rects.length + texts.length).toBe(0);
    const h = drawMinutesRamp(pen, 100, 50, 400, true, ramp);
    expect(h).toBe(measured);
    // Bars start after the row labels ("urban", "rural": 30 px) and a 6 px gap, 280 px wide.
    expect(gradients.map((g) => [g.x0, g.x1])).toEqual([
      [136, 416],
      [136, 416],
    ]);
    expect(gradients[1]!.stops.length).toBe(ramp.rows[1]!.stops.length);
    expect(gradients[0]!.stops.at(-1)).toEqual([1, 'rgba(68, 1, 84, 1.000)']);
    const marks = rects.filter((r) => r.fill === '#000000' && r.w === 2 && r.h === 16);
    // 10 min on a 40 min axis: a quarter along; 20 min: half (each mark 3 px past its 10 px bar above and below).
    expect(marks.map((r) => r.x + 1)).toEqual([136 + 70, 136 + 140]);
    const labels = texts.map((t) => t.text);
    expect(labels).toEqual(expect.arrayContaining(['urban', 'rural', '0', '10', '20', '40+', 'norm']));
    const at = (s: string) => texts.find((t) => t.text === s)!;
    expect(at('10').x).toBe(136 + 70 - 6);
    expect(at('40+').x).toBe(416 - 18);
    expect(at('20').font).toContain('bold');
    expect(at('0').font).not.toContain('bold');
  });
});
