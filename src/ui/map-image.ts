/**
 * The map as a PNG for slides and print: the map canvas as drawn (MapLibre with the deck.gl layers interleaved, one
 * WebGL canvas kept with preserveDrawingBuffer) under a title band, with the legend, the notes on estimated and
 * illustrative data and the data sources below it, so the picture stays honest away from the app.
 */
import type { FacilityType } from '../engine/types';
import { iconKey, iconMapping } from '../map/icons';
import { shareColor, toCss } from '../map/colors';

export interface MapImageText {
  title: string;
  /** Service, norm, date. */
  subtitle: string;
  /** The choropleth ramp (omitted when the choropleth is off). */
  ramp: { title: string; labels: [string, string, string] } | null;
  facilities: { type: FacilityType; hollow: boolean; label: string }[];
  facilitiesTitle: string;
  /** Honesty notes: estimated populations, modelled times, illustrative units, imported data. */
  notes: string[];
  /** Data-source lines. */
  sources: string[];
}

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

const PAD = 16;
const FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

/**
 * Composes the image. `map` is the map's WebGL canvas; `icons` the facility icon atlas (src/map/icons.ts).
 * @returns a new canvas (width = the map canvas width)
 */
export function composeMapImage(map: HTMLCanvasElement, icons: HTMLCanvasElement, text: MapImageText): HTMLCanvasElement {
  const w = map.width;
  const scale = Math.max(1, w / 1200);
  const px = (n: number) => Math.round(n * scale);
  const measureCtx = document.createElement('canvas').getContext('2d')!;
  const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${px(size)}px ${FONT}`;
  const wrap = (s: string, size: number, width: number) => {
    measureCtx.font = font(size);
    return wrapText(s, width, (x) => measureCtx.measureText(x).width);
  };
  const inner = w - 2 * px(PAD);
  measureCtx.font = font(22, true);
  const titleLines = wrapText(text.title, inner, (x) => measureCtx.measureText(x).width);
  const subtitleLines = wrap(text.subtitle, 14, inner);
  const header = px(PAD) * 2 + titleLines.length * px(28) + subtitleLines.length * px(18);
  const noteLines = text.notes.flatMap((n) => wrap(n, 13, inner));
  const sourceLines = text.sources.flatMap((n) => wrap(n, 11, inner));
  // Facility entries flow left to right and wrap: [x, row] per entry.
  measureCtx.font = font(12);
  const slots: [number, number][] = [];
  let fx = 0;
  let rows = text.facilities.length > 0 ? 1 : 0;
  for (const f of text.facilities) {
    const itemW = px(22) + measureCtx.measureText(f.label).width + px(18);
    if (fx > 0 && fx + itemW > inner) {
      fx = 0;
      rows++;
    }
    slots.push([fx, rows - 1]);
    fx += itemW;
  }
  const legendH = (text.ramp ? px(18) + px(14) + px(16) : 0) + (rows > 0 ? px(18) + rows * px(22) : 0) + px(8);
  const footer = px(PAD) + legendH + noteLines.length * px(17) + px(8) + sourceLines.length * px(14) + px(PAD);
  const out = document.createElement('canvas');
  out.width = w;
  out.height = header + map.height + footer;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#111111';
  ctx.textBaseline = 'top';
  ctx.font = font(22, true);
  let ty = px(PAD);
  for (const line of titleLines) {
    ctx.fillText(line, px(PAD), ty);
    ty += px(28);
  }
  ctx.font = font(14);
  ctx.fillStyle = '#444444';
  for (const line of subtitleLines) {
    ctx.fillText(line, px(PAD), ty);
    ty += px(18);
  }
  ctx.drawImage(map, 0, header);
  ctx.strokeStyle = '#999999';
  ctx.strokeRect(0.5, header + 0.5, w - 1, map.height - 1);

  let y = header + map.height + px(PAD);
  const x0 = px(PAD);
  if (text.ramp) {
    ctx.fillStyle = '#111111';
    ctx.font = font(13, true);
    ctx.fillText(text.ramp.title, x0, y);
    y += px(18);
    const rw = Math.min(inner, px(360));
    for (let k = 0; k < rw; k++) {
      ctx.fillStyle = toCss(shareColor(k / (rw - 1), 255));
      ctx.fillRect(x0 + k, y, 1, px(12));
    }
    y += px(14);
    ctx.fillStyle = '#333333';
    ctx.font = font(11);
    const [a, b, c] = text.ramp.labels;
    ctx.fillText(a, x0, y);
    ctx.textAlign = 'center';
    ctx.fillText(b, x0 + rw / 2, y);
    ctx.textAlign = 'right';
    ctx.fillText(c, x0 + rw, y);
    ctx.textAlign = 'left';
    y += px(16);
  }
  if (rows > 0) {
    ctx.fillStyle = '#111111';
    ctx.font = font(13, true);
    ctx.fillText(text.facilitiesTitle, x0, y);
    y += px(18);
  }
  const mapping = iconMapping();
  ctx.font = font(12);
  text.facilities.forEach((f, i) => {
    const [sx, row] = slots[i]!;
    const cx = x0 + sx;
    const cy = y + row * px(22);
    const icon = mapping[iconKey(f.type, f.hollow ? 'hollow' : 'solid')];
    if (icon) ctx.drawImage(icons, icon.x, icon.y, icon.width, icon.height, cx, cy, px(16), px(16));
    ctx.fillStyle = '#222222';
    ctx.fillText(f.label, cx + px(22), cy + px(2));
  });
  y += rows * px(22) + px(8);
  ctx.fillStyle = '#6b4e00';
  ctx.font = font(13);
  for (const line of noteLines) {
    ctx.fillText(line, x0, y);
    y += px(17);
  }
  y += px(8);
  ctx.fillStyle = '#555555';
  ctx.font = font(11);
  for (const line of sourceLines) {
    ctx.fillText(line, x0, y);
    y += px(14);
  }
  return out;
}
