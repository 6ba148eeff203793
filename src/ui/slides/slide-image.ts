/**
 * A slide as a PNG: the map image (src/ui/map-image.ts: title band, legend, notes, sources around the map as drawn)
 * of what the page shows now.
 */
import type { MapView } from '../../map/map-view';
import { composeMapImage, type MapImageText } from '../map-image';

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
 * @param bounds the slide's area (framed by the caller before; kept for image sizes that reframe the map)
 * @param caption the slide's caption, drawn as the image's title (null: the map image's own title)
 * @returns the PNG
 */
export function slidePng(mv: MapView, icons: HTMLCanvasElement, text: MapImageText, bounds: SlideBounds, caption: string | null): Promise<Blob> {
  void bounds;
  const canvas = composeMapImage(mv.map.getCanvas(), icons, slideText(text, caption));
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('the map image could not be encoded'))), 'image/png'));
}
