/**
 * The minutes ramp of the saved map image's legend, drawn on a 2D canvas as the screen legend draws it
 * (src/ui/MinutesLegend.tsx): one minute axis, a thin bar per settlement class (row labels beside them when there are
 * two) coloured by minutesRamp's stops, each norm marked with a black bar, the tick labels in minutes under the bars
 * (norm ticks bold; a tick that would run into the one before it goes a line lower), and the mark's key.
 */
import { toCss } from '../../map/colors';
import type { MinutesRampTick } from '../legend-entries';
import type { ImageMinutesRamp } from './map-image-types';

/** Where a tick label goes: `left` from the bar's left edge (pixels) and its line (0 first) under the bars. */
export interface PlacedTick {
  left: number;
  width: number;
  line: number;
}

/**
 * Places the tick labels under a bar `bw` wide: each at its place on the axis, aligned as the tick says, kept within
 * the bar, on the first line where it keeps `gap` from the label before it.
 * @param measure width of a label (norm ticks are bold)
 * @example placeTicks([{ at: 0, label: '0', align: 'start' }, { at: 1, label: '40+', align: 'end' }], 100, (k) => k.label.length * 10, 4)
 * // [{ left: 0, width: 10, line: 0 }, { left: 70, width: 30, line: 0 }]
 */
export function placeTicks(
  ticks: readonly MinutesRampTick[],
  bw: number,
  measure: (tick: MinutesRampTick) => number,
  gap: number,
): PlacedTick[] {
  const lineEnds: number[] = [];
  const order = ticks.map((_, i) => i).sort((a, b) => ticks[a]!.at - ticks[b]!.at);
  const out: PlacedTick[] = new Array(ticks.length);
  for (const i of order) {
    const k = ticks[i]!;
    const width = measure(k);
    const p = k.at * bw;
    let left = k.align === 'start' ? p : k.align === 'end' ? p - width : p - width / 2;
    left = Math.max(0, Math.min(bw - width, left));
    let line = lineEnds.findIndex((end) => end + gap <= left);
    if (line < 0) line = lineEnds.length;
    lineEnds[line] = left + width;
    out[i] = { left, width, line };
  }
  return out;
}

/** The ramp's drawing sizes in units (scaled by the pen). */
const BAR_H = 10;
const ROW_GAP = 7;
const MARK_OUT = 3;
const TICK_LINE = 14;
const LABEL_GAP = 6;
const MAX_BAR = 280;

interface PenLike {
  readonly ctx: CanvasRenderingContext2D;
  px(n: number): number;
  font(size: number, bold?: boolean): string;
  text(
    text: string,
    x: number,
    y: number,
    w: number,
    size: number,
    paint: boolean,
    color?: string,
    bold?: boolean,
  ): number;
}

/** Draws (when `paint`) or measures the ramp `r` at (x, y) within `w`; returns the height used. */
export function drawMinutesRamp(
  pen: PenLike,
  x: number,
  y: number,
  w: number,
  paint: boolean,
  r: ImageMinutesRamp,
): number {
  const ctx = pen.ctx;
  let h = pen.text(r.title, x, y, w, 13, paint, '#111111', true) + pen.px(6);
  ctx.font = pen.font(11);
  const labelW = Math.max(0, ...r.rows.map((row) => (row.label ? Math.ceil(ctx.measureText(row.label).width) : 0)));
  const bx = x + (labelW > 0 ? labelW + pen.px(LABEL_GAP) : 0);
  const bw = Math.max(pen.px(60), Math.min(x + w - bx, pen.px(MAX_BAR)));
  const bh = pen.px(BAR_H);
  h += pen.px(MARK_OUT);
  for (const row of r.rows) {
    if (paint) {
      const top = y + h;
      if (row.label) {
        ctx.font = pen.font(11);
        ctx.fillStyle = '#555555';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(row.label, x, top + bh / 2);
      }
      const g = ctx.createLinearGradient(bx, 0, bx + bw, 0);
      for (const s of row.stops) g.addColorStop(Math.min(1, Math.max(0, s.at)), toCss(s.color));
      ctx.fillStyle = g;
      ctx.fillRect(bx, top, bw, bh);
      ctx.fillStyle = '#000000';
      ctx.fillRect(
        bx + Math.round(row.mark * bw) - pen.px(1),
        top - pen.px(MARK_OUT),
        Math.max(2, pen.px(2)),
        bh + 2 * pen.px(MARK_OUT),
      );
    }
    h += bh + pen.px(ROW_GAP);
  }
  const fontOf = (k: MinutesRampTick) => pen.font(11, k.norm !== undefined);
  const placed = placeTicks(
    r.ticks,
    bw,
    (k) => {
      ctx.font = fontOf(k);
      return ctx.measureText(k.label).width;
    },
    pen.px(6),
  );
  const lines = Math.max(1, ...placed.map((p) => p.line + 1));
  if (paint) {
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    r.ticks.forEach((k, i) => {
      const p = placed[i]!;
      ctx.font = fontOf(k);
      ctx.fillStyle = k.norm !== undefined ? '#111111' : '#333333';
      ctx.fillText(k.label, bx + p.left, y + h + p.line * pen.px(TICK_LINE));
    });
  }
  h += lines * pen.px(TICK_LINE) + pen.px(3);
  // The key: the black mark is the norm.
  if (paint) {
    ctx.fillStyle = '#000000';
    ctx.fillRect(x, y + h + pen.px(1), Math.max(2, pen.px(2)), pen.px(11));
  }
  h += pen.text(r.normKey, x + pen.px(8), y + h, w - pen.px(8), 11, paint, '#333333') + pen.px(2);
  return h;
}
