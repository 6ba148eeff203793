/**
 * Layout math of the saved map image (issue 15, point 3): the target sizes, and where the title band, the map, the
 * legend and the sources go in them. Pure: pixel rectangles from sizes, no canvas.
 *
 * - 16:9 slide: 1920×1080, map drawn at pixel ratio 1.5, legend in a column right of the map.
 * - A4 landscape at 2× (297×210 mm at 96 px/in, doubled): 2246×1588, legend right of the map.
 * - A4 portrait at 2×: 1588×2246, legend below the map in two columns.
 * - print: the printable area of A4 landscape with 8 mm margins at 2× (2124×1466), legend right of the map.
 * - screen: the map canvas as it is, full width, legend below it (the image grows downwards).
 * Sources always run across the bottom in two columns.
 */

export type ImageSize = 'screen' | '16:9' | 'a4-landscape' | 'a4-portrait' | 'print';

export interface TargetSpec {
  /** Image width and height, pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel the map is drawn at. */
  pixelRatio: number;
  legend: 'side' | 'below';
  /** Scale of type and spacing (1 = the 1× screen sizes). */
  unit: number;
}

/** A4 at 96 CSS px per inch: 297 × 210 mm. */
export const A4_CSS = { long: Math.round((297 / 25.4) * 96), short: Math.round((210 / 25.4) * 96) };
/** Page margin of the print layout, mm. */
export const PRINT_MARGIN_MM = 8;
const printCss = (mm: number) => Math.round(((mm - 2 * PRINT_MARGIN_MM) / 25.4) * 96);

/** The fixed targets; `screen` takes the map canvas as it is. */
export const IMAGE_TARGETS: Record<Exclude<ImageSize, 'screen'>, TargetSpec> = {
  '16:9': { width: 1920, height: 1080, pixelRatio: 1.5, legend: 'side', unit: 1.5 },
  'a4-landscape': { width: 2 * A4_CSS.long, height: 2 * A4_CSS.short, pixelRatio: 2, legend: 'side', unit: 2 },
  'a4-portrait': { width: 2 * A4_CSS.short, height: 2 * A4_CSS.long, pixelRatio: 2, legend: 'below', unit: 2 },
  print: { width: 2 * printCss(297), height: 2 * printCss(210), pixelRatio: 2, legend: 'side', unit: 2 },
};

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ImageLayout {
  width: number;
  height: number;
  header: Rect;
  map: Rect;
  legend: Rect;
  /** Columns the legend blocks are set in (1 beside the map). */
  legendColumns: number;
  sources: Rect;
}

/** Outer margin and the gap between parts, pixels. */
export const padOf = (unit: number): number => Math.round(16 * unit);

/** Width of the legend column beside the map: 300 units, at most 30 % of the image. */
export function sideLegendWidth(width: number, unit: number): number {
  return Math.round(Math.min(0.3 * width, 300 * unit));
}

/** Legend columns below the map: three on a wide image, else two. */
export function belowColumns(width: number, unit: number): number {
  return width / unit >= 1000 ? 3 : 2;
}

/** Width of one legend column. */
export function legendColumnWidth(width: number, unit: number, legend: 'side' | 'below'): number {
  const pad = padOf(unit);
  if (legend === 'side') return sideLegendWidth(width, unit);
  const cols = belowColumns(width, unit);
  return Math.floor((width - 2 * pad - (cols - 1) * pad) / cols);
}

/**
 * Where everything goes.
 * @param target the image size, or for `screen` the map canvas size (the image is the map plus the bands around it)
 * @param need heights, pixels: `header` (title and subtitle), `legend` (beside: the stacked blocks; below: the
 *   tallest column), `sources` (the taller of the two columns)
 * @example layoutImage({ ...IMAGE_TARGETS['16:9'] }, { header: 90, legend: 600, sources: 120 }).map // { x: 24, y: 138, w: 1398, h: 774 }
 */
export function layoutImage(
  target: Pick<TargetSpec, 'width' | 'height' | 'legend' | 'unit'> | { screen: { width: number; height: number }; unit: number },
  need: { header: number; legend: number; sources: number },
): ImageLayout {
  const unit = target.unit;
  const pad = padOf(unit);
  if ('screen' in target) {
    // The map full-bleed at its own width; the bands around it padded.
    const { width: mw, height: mh } = target.screen;
    const header: Rect = { x: pad, y: pad, w: mw - 2 * pad, h: need.header };
    const map: Rect = { x: 0, y: header.y + header.h + pad, w: mw, h: mh };
    const legend: Rect = { x: pad, y: map.y + mh + pad, w: mw - 2 * pad, h: need.legend };
    const sources: Rect = { x: pad, y: legend.y + legend.h + pad, w: mw - 2 * pad, h: need.sources };
    return { width: mw, height: sources.y + sources.h + pad, header, map, legend, legendColumns: belowColumns(mw, unit), sources };
  }
  const { width, height } = target;
  const inner = width - 2 * pad;
  const header: Rect = { x: pad, y: pad, w: inner, h: need.header };
  const sources: Rect = { x: pad, y: height - pad - need.sources, w: inner, h: need.sources };
  const top = header.y + header.h + pad;
  const bottom = sources.y - pad;
  if (target.legend === 'side') {
    const lw = sideLegendWidth(width, unit);
    const map: Rect = { x: pad, y: top, w: inner - pad - lw, h: Math.max(1, bottom - top) };
    const legend: Rect = { x: map.x + map.w + pad, y: top, w: lw, h: Math.max(1, bottom - top) };
    return { width, height, header, map, legend, legendColumns: 1, sources };
  }
  const legend: Rect = { x: pad, y: bottom - need.legend, w: inner, h: need.legend };
  const map: Rect = { x: pad, y: top, w: inner, h: Math.max(1, legend.y - pad - top) };
  return { width, height, header, map, legend, legendColumns: belowColumns(width, unit), sources };
}

/**
 * Splits blocks (in order) into at most `cols` columns of about equal height: a column closes once it reaches the
 * total over the columns left. Every block is kept, in order.
 * @returns block indices per column
 * @example balanceColumns([10, 10, 10, 10], 2) // [[0, 1], [2, 3]]
 */
export function balanceColumns(heights: readonly number[], cols: number): number[][] {
  const out: number[][] = [[]];
  let left = heights.reduce((a, b) => a + b, 0);
  let acc = 0;
  heights.forEach((h, i) => {
    const colsLeft = cols - out.length + 1;
    const col = out[out.length - 1]!;
    if (col.length > 0 && colsLeft > 1 && acc + h / 2 > left / colsLeft) {
      out.push([i]);
      left -= acc;
      acc = h;
    } else {
      col.push(i);
      acc += h;
    }
  });
  return out;
}

/**
 * Halves a list of lines into two columns (the first holds the extra one).
 * @example twoColumns(['a', 'b', 'c']) // [['a', 'b'], ['c']]
 */
export function twoColumns<T>(lines: readonly T[]): [T[], T[]] {
  const k = Math.ceil(lines.length / 2);
  return [lines.slice(0, k), lines.slice(k)];
}
