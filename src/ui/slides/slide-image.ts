/**
 * A slide as a PNG: the map image (src/ui/map-image.ts: title band, legend, notes, sources around the map) of what the
 * page shows now, at 16:9 for slides.
 */
import type { MapView } from '../../map/map-view';
import { renderMapImage, type MapImageText } from '../map-image';

/** [[west, south], [east, north]] of a slide. */
export type SlideBounds = [[number, number], [number, number]];

/**
 * The words of a slide's image: its caption is the title, the map image's own title joins the subtitle (so the view,
 * service, norm and date stay on the picture). No caption: the map image's words as they are.
 * @example slideText(text, 'Чернігівщина').title // 'Чернігівщина'
 */
export function slideText(text: MapImageText, caption: string | null): MapImageText {
  const c = caption?.trim() ?? '';
  return c === '' ? text : { ...text, title: c, subtitle: `${text.title} · ${text.subtitle}` };
}

/**
 * The slide's image at 16:9 (1920×1080): the map drawn off screen at that size, framing the slide's area, with the
 * legend beside it, notes and sources (renderMapImage).
 * @param bounds the slide's area, [[west, south], [east, north]]
 * @param caption the slide's caption, drawn as the image's title (null: the map image's own title)
 * @returns the PNG
 */
export async function slidePng(mv: MapView, icons: HTMLCanvasElement, text: MapImageText, bounds: SlideBounds, caption: string | null): Promise<Blob> {
  const r = await renderMapImage({ map: mv, icons, text: slideText(text, caption), size: '16:9', bounds });
  return r.blob;
}
