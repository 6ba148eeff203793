/**
 * The legend of the saved map image as blocks drawn on a 2D canvas: every scale the map draws (the choropleth ramp,
 * the response-time ramp of the settlement circles and cells in minutes with each norm marked (legend-ramp.ts), the
 * city circles, the roads layer's minutes ramp and its unreached grey, the facility symbols, the occupied hatch, the
 * hostilities outline, no data) and the honesty notes. Each block draws itself at (x, y) within a width and returns
 * its height; with `paint` false it only measures.
 */
import { iconKey, iconMapping } from '../../map/icons';
import { NO_DATA_COLOR, shareColor, toCss } from '../../map/colors';
import { HATCH_STRIPE, HATCH_WASH, HOSTILITIES_COLOR } from '../../map/territory-style';
import { ROADS_UNREACHED } from '../../map/layers/roads-colors';
import { drawMinutesRamp } from './legend-ramp';
import type { MapImageText } from './map-image-types';

export const IMAGE_FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

/**
 * Greedy word wrap.
 * @param measure width of a string in the units of `maxWidth`
 * @example wrapText('a bb ccc', 4, (s) => s.length) // ['a bb', 'ccc']
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure(next) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** Drawing helpers at one scale. */
export class Pen {
  constructor(
    readonly ctx: CanvasRenderingContext2D,
    readonly unit: number,
  ) {}
  px(n: number): number {
    return Math.round(n * this.unit);
  }
  font(size: number, bold = false): string {
    return `${bold ? 'bold ' : ''}${this.px(size)}px ${IMAGE_FONT}`;
  }
  /** Wraps `text` at `size` into `w`; draws it when `paint` (colour `color`); returns the height used. */
  text(text: string, x: number, y: number, w: number, size: number, paint: boolean, color = '#222222', bold = false): number {
    const ctx = this.ctx;
    ctx.font = this.font(size, bold);
    const lines = wrapText(text, w, (s) => ctx.measureText(s).width);
    const lh = this.px(size * 1.3);
    if (paint) {
      ctx.fillStyle = color;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      lines.forEach((l, i) => ctx.fillText(l, x, y + i * lh));
    }
    return lines.length * lh;
  }
}

export type LegendBlock = (pen: Pen, x: number, y: number, w: number, paint: boolean) => number;

/** A colour ramp bar of `color(t)`, t 0…1, with three labels under it; returns the height. */
function ramp(pen: Pen, x: number, y: number, w: number, paint: boolean, color: (t: number) => string, labels: readonly [string, string, string]): number {
  const bw = Math.min(w, pen.px(280));
  const bh = pen.px(12);
  const ctx = pen.ctx;
  if (paint) {
    for (let k = 0; k < bw; k++) {
      ctx.fillStyle = color(k / Math.max(1, bw - 1));
      ctx.fillRect(x + k, y, 1, bh);
    }
    // The end label goes a line lower when it would run into the middle one.
    const lower = rampLabelsTwoLines(pen, bw, labels);
    ctx.fillStyle = '#333333';
    ctx.textBaseline = 'top';
    const ly = y + bh + pen.px(4);
    ctx.textAlign = 'left';
    ctx.fillText(labels[0], x, ly);
    ctx.textAlign = 'center';
    ctx.fillText(labels[1], x + bw / 2, ly);
    ctx.textAlign = 'right';
    ctx.fillText(labels[2], x + bw, lower ? ly + pen.px(14) : ly);
    ctx.textAlign = 'left';
  }
  return bh + pen.px(4) + pen.px(15) + (rampLabelsTwoLines(pen, bw, labels) ? pen.px(14) : 0);
}

/** Whether the ramp's labels need two lines (the end label under the middle one). */
function rampLabelsTwoLines(pen: Pen, bw: number, labels: readonly [string, string, string]): boolean {
  const ctx = pen.ctx;
  ctx.font = pen.font(11);
  const [wl, wm, wr] = labels.map((l) => ctx.measureText(l).width) as [number, number, number];
  return bw / 2 + wm / 2 + pen.px(6) > bw - wr || wl + pen.px(6) > bw / 2 - wm / 2;
}

/** A swatch (12 units square) drawn by `draw` and a wrapped label beside it; returns the height. */
function swatchRow(pen: Pen, x: number, y: number, w: number, paint: boolean, draw: (x: number, y: number, s: number) => void, label: string, size = 12): number {
  const s = pen.px(14);
  const gap = pen.px(8);
  if (paint) draw(x, y + pen.px(1), s);
  const h = pen.text(label, x + s + gap, y, w - s - gap, size, paint);
  return Math.max(h, s + pen.px(2));
}

/** The blocks for `text`: scales first, then facilities, territory, and the notes. */
export function legendBlocks(text: MapImageText, icons: HTMLCanvasElement): LegendBlock[] {
  const blocks: LegendBlock[] = [];
  const gapAfter = (pen: Pen) => pen.px(12);
  if (text.ramp) {
    const r = text.ramp;
    blocks.push((pen, x, y, w, paint) => {
      let h = pen.text(r.title, x, y, w, 13, paint, '#111111', true) + pen.px(4);
      h += ramp(pen, x, y + h, w, paint, (t) => toCss(shareColor(t, 255)), r.labels);
      return h + gapAfter(pen);
    });
  }
  if (text.minutes) {
    const m = text.minutes;
    blocks.push((pen, x, y, w, paint) => {
      let h = drawMinutesRamp(pen, x, y, w, paint, m);
      for (const note of m.notes) h += pen.text(note, x, y + h, w, 11, paint, '#333333') + pen.px(2);
      return h + gapAfter(pen);
    });
  }
  if (text.roads) {
    const r = text.roads;
    blocks.push((pen, x, y, w, paint) => {
      let h = drawMinutesRamp(pen, x, y, w, paint, r);
      h += swatchRow(pen, x, y + h, w, paint, (sx, sy, s) => {
        pen.ctx.fillStyle = toCss(ROADS_UNREACHED);
        pen.ctx.fillRect(sx, sy + Math.round(s / 2) - pen.px(2), s, pen.px(4));
      }, r.unreached, 11);
      return h + gapAfter(pen);
    });
  }
  if (text.facilities.length > 0) {
    const mapping = iconMapping();
    blocks.push((pen, x, y, w, paint) => {
      let h = pen.text(text.facilitiesTitle, x, y, w, 13, paint, '#111111', true) + pen.px(4);
      for (const f of text.facilities) {
        const icon = mapping[iconKey(f.type, f.hollow ? 'hollow' : 'solid')];
        h += swatchRow(pen, x, y + h, w, paint, (sx, sy, s) => icon && pen.ctx.drawImage(icons, icon.x, icon.y, icon.width, icon.height, sx, sy, s + pen.px(2), s + pen.px(2)), f.label) + pen.px(4);
      }
      return h + gapAfter(pen);
    });
  }
  blocks.push((pen, x, y, w, paint) => {
    const ctx = pen.ctx;
    let h = 0;
    if (text.territory) {
      const tr = text.territory;
      h += swatchRow(pen, x, y + h, w, paint, (sx, sy, s) => {
        ctx.fillStyle = toCss(HATCH_WASH);
        ctx.fillRect(sx, sy, s, s);
        ctx.save();
        ctx.beginPath();
        ctx.rect(sx, sy, s, s);
        ctx.clip();
        ctx.strokeStyle = toCss(HATCH_STRIPE);
        ctx.lineWidth = Math.max(1, pen.px(1.5));
        for (let k = -s; k < s; k += pen.px(5)) {
          ctx.beginPath();
          ctx.moveTo(sx + k, sy + s);
          ctx.lineTo(sx + k + s, sy);
          ctx.stroke();
        }
        ctx.restore();
      }, tr.occupied) + pen.px(4);
      h += swatchRow(pen, x, y + h, w, paint, (sx, sy, s) => {
        ctx.strokeStyle = HOSTILITIES_COLOR;
        ctx.lineWidth = pen.px(2);
        ctx.strokeRect(sx + pen.px(1), sy + pen.px(1), s - pen.px(2), s - pen.px(2));
      }, tr.hostilities) + pen.px(4);
    }
    h += swatchRow(pen, x, y + h, w, paint, (sx, sy, s) => {
      ctx.fillStyle = toCss(NO_DATA_COLOR);
      ctx.fillRect(sx, sy, s, s);
    }, text.noData);
    return h + gapAfter(pen);
  });
  for (const note of text.notes) blocks.push((pen, x, y, w, paint) => pen.text(note, x, y, w, 12, paint, '#6b4e00') + pen.px(8));
  return blocks;
}
