/**
 * The community report's map, as pure geometry: a local equirectangular projection fitted to a box (longitude scaled
 * by the cosine of the middle latitude, so shapes keep their proportions at Ukraine's latitudes), polygon rings as
 * SVG paths, and settlement labels placed greedily without overlap. No DOM: tested in test/ui/report-map-layout.test.ts.
 */

/** [minLon, minLat, maxLon, maxLat], degrees. */
export type LonLatBox = [number, number, number, number];

export interface Projection {
  /** Screen x, y (pixels, y down) of a lon/lat. */
  (lon: number, lat: number): [number, number];
  /** Pixels per degree of latitude. */
  scale: number;
}

/**
 * A projection fitting `box` into a `width` × `height` frame with `pad` pixels on every side, centred.
 * A box of no extent (one point) is widened by 0.01° each way.
 * @example fitProjection([30, 50, 31, 51], 200, 100, 0)(30.5, 50.5) // [100, 50]
 */
export function fitProjection(box: LonLatBox, width: number, height: number, pad: number): Projection {
  let [x0, y0, x1, y1] = box;
  if (!(x1 > x0)) [x0, x1] = [x0 - 0.01, x0 + 0.01];
  if (!(y1 > y0)) [y0, y1] = [y0 - 0.01, y0 + 0.01];
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const w = Math.max(1, width - 2 * pad);
  const h = Math.max(1, height - 2 * pad);
  const scale = Math.min(w / ((x1 - x0) * k), h / (y1 - y0));
  const offX = pad + (w - (x1 - x0) * k * scale) / 2;
  const offY = pad + (h - (y1 - y0) * scale) / 2;
  const p = ((lon: number, lat: number): [number, number] => [
    offX + (lon - x0) * k * scale,
    offY + (y1 - lat) * scale,
  ]) as Projection;
  p.scale = scale;
  return p;
}

/** The box of a set of points, widened by `margin` (a share of its larger side, at least 0.005°). */
export function boxOf(points: readonly (readonly [number, number])[], margin = 0): LonLatBox | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 === Infinity) return null;
  const m = Math.max(0.005, margin * Math.max(x1 - x0, y1 - y0));
  return [x0 - m, y0 - m, x1 + m, y1 + m];
}

/** Whether two boxes overlap. */
export function boxesOverlap(a: LonLatBox, b: LonLatBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Polygon rings (lon/lat) as one SVG path (even-odd holes), coordinates rounded to 0.1 px. */
export function ringsPath(rings: readonly (readonly (readonly number[])[])[], project: Projection): string {
  const out: string[] = [];
  for (const ring of rings) {
    let first = true;
    for (const c of ring) {
      const [x, y] = project(c[0]!, c[1]!);
      out.push(`${first ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`);
      first = false;
    }
    if (!first) out.push('Z');
  }
  return out.join('');
}

/** A label to place beside its point (x, y in pixels), in priority order (most important first). */
export interface LabelInput {
  x: number;
  y: number;
  text: string;
}

/** A placed label: its text's anchor point and alignment, and its box. */
export interface PlacedLabel {
  /** Index into the input. */
  index: number;
  text: string;
  /** Where the text is drawn (SVG x, baseline y). */
  tx: number;
  ty: number;
  anchor: 'start' | 'end' | 'middle';
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface LabelOptions {
  width: number;
  height: number;
  /** Font size, px. */
  fontSize: number;
  /** Average glyph width as a share of the font size (0.56 for a sans-serif). */
  charWidth?: number;
  /** Gap between the point and its label, px; with several, each is tried in turn (a wider one clears a marker drawn on the point). */
  gap?: number | readonly number[];
  /** Boxes labels must not cover (markers, the legend), px. */
  obstacles?: readonly { x0: number; y0: number; x1: number; y1: number }[];
}

/**
 * Greedy label placement: each label in turn tries right, left, above, below and the four diagonals of its point (at
 * each gap in turn) and takes the first position inside the frame that overlaps no placed label and no obstacle; a
 * label with no free position is left out. Quadratic in the label count: meant for a hromada's ≤ a few hundred settlements.
 */
export function placeLabels(labels: readonly LabelInput[], o: LabelOptions): PlacedLabel[] {
  const cw = (o.charWidth ?? 0.56) * o.fontSize;
  const gaps = typeof o.gap === 'number' ? [o.gap] : (o.gap ?? [3]);
  const h = o.fontSize;
  const placed: PlacedLabel[] = [];
  const taken: PlacedLabel['box'][] = [...(o.obstacles ?? [])];
  const free = (b: PlacedLabel['box']) =>
    b.x0 >= 0 &&
    b.y0 >= 0 &&
    b.x1 <= o.width &&
    b.y1 <= o.height &&
    !taken.some((t) => b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1);
  labels.forEach((l, index) => {
    if (!Number.isFinite(l.x) || !Number.isFinite(l.y) || l.text === '') return;
    const w = l.text.length * cw;
    for (const gap of gaps) {
      // [box left, box top, anchor, text x]
      const tries: [number, number, PlacedLabel['anchor'], number][] = [
        [l.x + gap, l.y - h / 2, 'start', l.x + gap],
        [l.x - gap - w, l.y - h / 2, 'end', l.x - gap],
        [l.x - w / 2, l.y - gap - h, 'middle', l.x],
        [l.x - w / 2, l.y + gap, 'middle', l.x],
        [l.x + gap, l.y - gap - h, 'start', l.x + gap],
        [l.x - gap - w, l.y - gap - h, 'end', l.x - gap],
        [l.x + gap, l.y + gap, 'start', l.x + gap],
        [l.x - gap - w, l.y + gap, 'end', l.x - gap],
      ];
      for (const [x0, y0, anchor, tx] of tries) {
        const box = { x0, y0, x1: x0 + w, y1: y0 + h };
        if (!free(box)) continue;
        // baseline: the box's bottom less the descent (about a fifth of the size)
        placed.push({ index, text: l.text, tx, ty: y0 + h * 0.8, anchor, box });
        taken.push(box);
        return;
      }
    }
  });
  return placed;
}
