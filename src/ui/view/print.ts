/**
 * Printing the map (issue 15, point 3). The Print button renders the printable area of an A4 landscape page (8 mm
 * margins) at 2× with renderMapImage: the map framed to the view at that size, the title block above, the legend
 * beside the map, the sources below; the page then prints only that image (print.css, named page `hc-map`), so no
 * control covers the map and nothing is cropped. After printing the image is removed.
 *
 * The browser's own Print (Ctrl+P) cannot wait for the map to draw, so `beforeprint` takes the live map instead: the
 * page switches to a print layout (print.css, html.print-live: title block, map, legend beside it, controls hidden),
 * the map takes its printed size, is fitted to the view and redrawn at once; `afterprint` puts it back.
 */
import type { MapView } from '../../map/map-view';
import type { RenderedMapImage } from '../map-image';
import './print.css';

const IMAGE_ID = 'print-map-image';

/** Prints a rendered image alone on an A4 landscape page. Resolves once the print dialog has been opened. */
export async function printImage(r: RenderedMapImage): Promise<void> {
  document.getElementById(IMAGE_ID)?.remove();
  const url = URL.createObjectURL(r.blob);
  const img = document.createElement('img');
  img.id = IMAGE_ID;
  img.className = 'print-map-image';
  img.alt = r.title;
  img.dataset.testid = 'print-image';
  // For tests: where the map is in the image and what it shows.
  img.dataset.width = String(r.width);
  img.dataset.height = String(r.height);
  img.dataset.mapRect = JSON.stringify(r.mapRect);
  img.dataset.mapBounds = JSON.stringify(r.mapBounds);
  img.src = url;
  document.body.append(img);
  await img.decode();
  const html = document.documentElement;
  html.classList.add('print-map');
  const done = () => {
    html.classList.remove('print-map');
    img.remove();
    URL.revokeObjectURL(url);
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}

/**
 * The live-map print layout for the browser's own Print command.
 * @param view what to print: the map, the framing (null: what is on screen) and the title
 * @returns a function removing the listeners
 */
export function installPrintFallback(view: () => { map: MapView | null; frame: [[number, number], [number, number]] | null; title: string; subtitle: string }): () => void {
  let restore: (() => void) | null = null;
  const before = () => {
    const html = document.documentElement;
    // The Print button's image is already laid out; another print layout (the slides' hc-printing-slides) is its own.
    if (html.classList.contains('print-map') || [...html.classList].some((c) => c.startsWith('hc-printing'))) return;
    const { map: mv, frame, title, subtitle } = view();
    if (!mv) return;
    const m = mv.map;
    const center = m.getCenter();
    const zoom = m.getZoom();
    const b = m.getBounds();
    const shown: [[number, number], [number, number]] = [
      [b.getWest(), b.getSouth()],
      [b.getEast(), b.getNorth()],
    ];
    const block = document.createElement('header');
    block.className = 'print-title-block';
    const h = document.createElement('h1');
    h.textContent = title;
    const p = document.createElement('p');
    p.textContent = subtitle;
    block.append(h, p);
    document.body.prepend(block);
    html.classList.add('print-live');
    m.resize();
    m.fitBounds(frame ?? shown, { padding: 8, animate: false, maxZoom: 11 });
    m.redraw();
    restore = () => {
      html.classList.remove('print-live');
      block.remove();
      m.resize();
      m.jumpTo({ center, zoom });
    };
  };
  const after = () => {
    restore?.();
    restore = null;
  };
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
  };
}
