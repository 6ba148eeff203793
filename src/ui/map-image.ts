/**
 * The map as a PNG for slides and print (issue 15, point 3): the map canvas as drawn (MapLibre with the deck.gl
 * layers interleaved, one WebGL canvas kept with preserveDrawingBuffer) under a title band, with a legend of every
 * scale drawn beside or below it, the notes on estimated and illustrative data, and the data sources grouped in two
 * columns, so the picture stays honest away from the app. Composed from the canvas: no control, banner or panel of
 * the page is in it.
 *
 * renderMapImage draws the map at the target size whatever the window: it moves the map's container off screen at
 * the size the layout leaves for the map, sets MapLibre's pixel ratio, frames the given bounds (or what was on
 * screen), waits for the map to be idle, composes, and puts everything back.
 */
import type { MapView } from '../map/map-view';
import { balanceColumns, belowColumns, IMAGE_TARGETS, layoutImage, legendColumnWidth, padOf, twoColumns, type ImageLayout, type ImageSize, type TargetSpec } from './view/image-layout';
import { legendBlocks, Pen } from './view/legend-blocks';
import type { MapImageText } from './view/map-image-types';

export { wrapText } from './view/legend-blocks';
export type { ImageSize } from './view/image-layout';
export type { MapImageText } from './view/map-image-types';

/** A laid-out image waiting for its map: `draw` composes it around a canvas of `layout.map`'s size. */
export interface MapImagePlan {
  layout: ImageLayout;
  unit: number;
  draw(map: HTMLCanvasElement): HTMLCanvasElement;
}

/**
 * Lays the image out for a target size (or, for the screen, around a map canvas of `screen` size).
 * @param icons the facility icon atlas (src/map/icons.ts)
 */
export function planMapImage(text: MapImageText, icons: HTMLCanvasElement, target: TargetSpec | { screen: { width: number; height: number } }): MapImagePlan {
  const unit = 'screen' in target ? Math.max(1, target.screen.width / 1200) : target.unit;
  const width = 'screen' in target ? target.screen.width : target.width;
  const legendKind = 'screen' in target ? 'below' : target.legend;
  const measure = document.createElement('canvas').getContext('2d')!;
  const pen = new Pen(measure, unit);
  const inner = width - 2 * padOf(unit);
  const header = pen.text(text.title, 0, 0, inner, 26, false, '', true) + pen.px(4) + pen.text(text.subtitle, 0, 0, inner, 15, false);
  const blocks = legendBlocks(text, icons);
  const colW = legendColumnWidth(width, unit, legendKind);
  const cols = legendKind === 'side' ? 1 : belowColumns(width, unit);
  const half = Math.floor((inner - padOf(unit)) / 2);
  const [left, right] = twoColumns(text.sources);
  const sourcesH = pen.text(text.sourcesTitle, 0, 0, inner, 12, false, '', true) + Math.max(...[left, right].map((col) => col.reduce((a, l) => a + pen.text(l, 0, 0, half, 12, false), 0)));
  // The legend's own scale: smaller when its blocks would not fit beside the map (or take over half the page below it).
  let legendUnit = unit;
  let heights: number[] = [];
  let columns: number[][] = [];
  let legendH = 0;
  const fit = () => {
    const lp = new Pen(measure, legendUnit);
    heights = blocks.map((b) => b(lp, 0, 0, colW, false));
    columns = balanceColumns(heights, cols);
    legendH = Math.max(...columns.map((c) => c.reduce((a, i) => a + heights[i]!, 0)));
  };
  fit();
  const room = (l: ImageLayout) => (legendKind === 'side' ? l.legend.h : 'screen' in target ? Infinity : 0.4 * l.height);
  let layout = layoutImage('screen' in target ? { screen: target.screen, unit } : target, { header, legend: legendH, sources: sourcesH });
  while (legendH > room(layout) && legendUnit > 0.55 * unit) {
    legendUnit *= 0.92;
    fit();
    layout = layoutImage('screen' in target ? { screen: target.screen, unit } : target, { header, legend: legendH, sources: sourcesH });
  }
  return {
    layout,
    unit,
    draw(map: HTMLCanvasElement): HTMLCanvasElement {
      const out = document.createElement('canvas');
      out.width = layout.width;
      out.height = layout.height;
      const ctx = out.getContext('2d')!;
      const p = new Pen(ctx, unit);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      const { header: hd, map: mr, legend: lg, sources: sr } = layout;
      const th = p.text(text.title, hd.x, hd.y, hd.w, 26, true, '#111111', true) + p.px(4);
      p.text(text.subtitle, hd.x, hd.y + th, hd.w, 15, true, '#444444');
      ctx.drawImage(map, 0, 0, map.width, map.height, mr.x, mr.y, mr.w, mr.h);
      ctx.strokeStyle = '#999999';
      ctx.lineWidth = 1;
      ctx.strokeRect(mr.x + 0.5, mr.y + 0.5, mr.w - 1, mr.h - 1);
      const cw = legendKind === 'side' ? lg.w : colW;
      const lp = new Pen(ctx, legendUnit);
      columns.forEach((col, c) => {
        let y = lg.y;
        const x = lg.x + c * (cw + padOf(unit));
        for (const i of col) y += blocks[i]!(lp, x, y, cw, true);
      });
      const sy = sr.y + p.text(text.sourcesTitle, sr.x, sr.y, sr.w, 12, true, '#333333', true);
      [left, right].forEach((lines, c) => {
        let y = sy;
        for (const l of lines) y += p.text(l, sr.x + c * (half + padOf(unit)), y, half, 12, true, '#555555');
      });
      return out;
    },
  };
}

/** The image around the map canvas as it is on screen (legend below). */
export function composeMapImage(map: HTMLCanvasElement, icons: HTMLCanvasElement, text: MapImageText): HTMLCanvasElement {
  return planMapImage(text, icons, { screen: { width: map.width, height: map.height } }).draw(map);
}

export interface RenderMapImageOptions {
  /** The page's map (MapView.map and its container). */
  map: MapView;
  /** The facility icon atlas (drawIconAtlas in src/map/icons.ts). */
  icons: HTMLCanvasElement;
  text: MapImageText;
  size: ImageSize;
  /** What to frame ([[west, south], [east, north]]); default: the area on screen now. Ignored for `screen`. */
  bounds?: [[number, number], [number, number]] | null;
}

export interface RenderedMapImage {
  blob: Blob;
  width: number;
  height: number;
  title: string;
  /** Where the map is in the image, pixels, and the bounds it shows (for tests and callers that mark places). */
  mapRect: ImageLayout['map'];
  mapBounds: [[number, number], [number, number]];
}

/** Runs one render at a time: the map's container is borrowed while it runs. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders the map image at `size` and returns it as a PNG. Fixed sizes draw the map at the target size off screen
 * and put the map back afterwards; `screen` takes the canvas as it is.
 * @example const { blob } = await renderMapImage({ map: mapView, icons, text, size: '16:9' }) // 1920×1080 PNG
 */
export function renderMapImage(opts: RenderMapImageOptions): Promise<RenderedMapImage> {
  const run = queue.then(() => renderNow(opts));
  queue = run.catch(() => undefined);
  return run;
}

async function renderNow({ map: mv, icons, text, size, bounds }: RenderMapImageOptions): Promise<RenderedMapImage> {
  const m = mv.map;
  const canvas = m.getCanvas();
  const boundsNow = (): [[number, number], [number, number]] => {
    const b = m.getBounds();
    return [
      [b.getWest(), b.getSouth()],
      [b.getEast(), b.getNorth()],
    ];
  };
  if (size === 'screen') {
    const plan = planMapImage(text, icons, { screen: { width: canvas.width, height: canvas.height } });
    return finish(plan.draw(canvas), text, plan.layout, boundsNow());
  }
  const target = IMAGE_TARGETS[size];
  const plan = planMapImage(text, icons, target);
  const { map: rect } = plan.layout;
  const container = m.getContainer();
  const style = container.getAttribute('style');
  const ratio = m.getPixelRatio();
  const center = m.getCenter();
  const zoom = m.getZoom();
  const frame = bounds ?? boundsNow();
  try {
    // Off screen at the map's size in the image; the page keeps its layout (the map area is blank meanwhile).
    container.style.cssText = `position:fixed;left:-${rect.w + 100}px;top:0;width:${rect.w / target.pixelRatio}px;height:${rect.h / target.pixelRatio}px;`;
    m.setPixelRatio(target.pixelRatio);
    m.resize();
    const pad = Math.round(12 * target.unit) / target.pixelRatio;
    m.fitBounds(frame, { padding: pad, animate: false, maxZoom: 11 });
    await mv.whenIdle();
    const drawn = boundsNow();
    const image = plan.draw(canvas);
    return await finish(image, text, plan.layout, drawn);
  } finally {
    if (style === null) container.removeAttribute('style');
    else container.setAttribute('style', style);
    m.setPixelRatio(ratio);
    m.resize();
    m.jumpTo({ center, zoom });
  }
}

function finish(image: HTMLCanvasElement, text: MapImageText, layout: ImageLayout, mapBounds: [[number, number], [number, number]]): Promise<RenderedMapImage> {
  return new Promise((ok, fail) =>
    image.toBlob((blob) => {
      if (blob) ok({ blob, width: image.width, height: image.height, title: text.title, mapRect: layout.map, mapBounds });
      else fail(new Error(`The browser could not encode the ${image.width}×${image.height} image as PNG.`));
    }, 'image/png'),
  );
}
