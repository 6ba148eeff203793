/**
 * Paces a MapLibre map's frames while the first screen loads.
 *
 * In software WebGL (no GPU) every frame of the country map costs 100–350 ms of rasterising, and the page's main
 * thread waits for it (the compositor reads the canvas back). While the first screen loads, sources and tiles arrive
 * one after another and MapLibre draws a frame for each, back to back: about ten frames, most of the first screen's
 * CPU on two cores, competing with the coverage worker and MapLibre's own workers. Until `release()`, repaint requests
 * are coalesced to at most one frame per `minGapMs`, counted from the end of the previous frame; a request inside the
 * gap is deferred to its end, never dropped, so the map still shows everything that arrived. After `release()` the
 * map paints exactly as MapLibre does by itself.
 *
 * It works through `triggerRepaint`, the one door by which MapLibre (and any overlay) asks for a frame.
 * @example const pacer = paceFrames(map, 500); … pacer.release() // once the first result is handed to the map
 */
import type { Map as MlMap } from 'maplibre-gl';

export interface FramePacer {
  /** Stops pacing; a deferred frame is requested at once. Safe to call more than once. */
  release(): void;
  /** Frames deferred so far (for diagnostics and tests). */
  readonly deferred: number;
}

export function paceFrames(map: MlMap, minGapMs: number, now: () => number = () => performance.now()): FramePacer {
  const own = map as unknown as { triggerRepaint: () => void };
  const original = Object.getPrototypeOf(map).triggerRepaint as (this: MlMap) => void;
  let lastFrameEnd = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let released = false;
  let deferred = 0;
  const onRender = () => {
    lastFrameEnd = now();
  };
  map.on('render', onRender);
  own.triggerRepaint = () => {
    const wait = lastFrameEnd + minGapMs - now();
    if (released || wait <= 0) {
      original.call(map);
      return;
    }
    if (timer !== null) return;
    deferred++;
    timer = setTimeout(() => {
      timer = null;
      own.triggerRepaint();
    }, wait);
  };
  return {
    release() {
      if (released) return;
      released = true;
      map.off('render', onRender);
      // Back to the prototype's method.
      delete (own as { triggerRepaint?: unknown }).triggerRepaint;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
        original.call(map);
      }
    },
    get deferred() {
      return deferred;
    },
  };
}
