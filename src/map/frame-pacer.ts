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
 * Instead of `release()`, `settle(inFlight)` ends pacing in steps: one frame is drawn at once (it draws the result and
 * asks for the tiles of the layers it shows); after it, a frame asked for while tiles are in flight waits until none
 * is (checked as each source's data or tile arrives), so tiles arriving one by one are drawn in one frame instead of
 * one frame each. A frame asked for with nothing in flight is drawn at once, so nothing waits on a frame that never
 * comes. Pacing stops once a later frame is drawn with nothing in flight, at the map's 'idle', at a gesture or after
 * `maxMs`.
 *
 * It works through `triggerRepaint`, the one door by which MapLibre (and any overlay) asks for a frame.
 * @example const pacer = paceFrames(map, 500); … pacer.settle(() => !map.areTilesLoaded(), 1500) // with the first result
 */
import type { Map as MlMap } from 'maplibre-gl';

export interface FramePacer {
  /** Stops pacing; a deferred frame is requested at once. Safe to call more than once. */
  release(): void;
  /**
   * Draws one frame now; after it, frames asked for while `inFlight()` wait until it is false (checked whenever a
   * source's data or tile arrives). Stops pacing (`release`) when a later frame is drawn with nothing in flight, at
   * the map's 'idle' or after `maxMs`.
   */
  settle(inFlight: () => boolean, maxMs: number): void;
  /** Frames deferred so far (for diagnostics and tests). */
  readonly deferred: number;
}

/** The events after which frames held while settling are looked at again. */
const SETTLE_EVENTS = ['data', 'error', 'dataabort'] as const;

export function paceFrames(map: MlMap, minGapMs: number, now: () => number = () => performance.now()): FramePacer {
  const own = map as unknown as { triggerRepaint: () => void };
  const original = Object.getPrototypeOf(map).triggerRepaint as (this: MlMap) => void;
  let lastFrameEnd = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let released = false;
  let deferred = 0;
  // settling: what holds frames back, whether its first frame has been drawn, a frame waiting, its timer
  let inFlight: (() => boolean) | null = null;
  let settleDrawn = false;
  let settleWaiting = false;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  const onRender = () => {
    lastFrameEnd = now();
    if (!inFlight) return;
    // a frame after the first one drawn with nothing in flight: everything asked for is on the map
    if (settleDrawn && !inFlight()) pacer.release();
    settleDrawn = true;
  };
  const onData = () => {
    if (settleWaiting && !inFlight!()) {
      settleWaiting = false;
      original.call(map);
    }
  };
  const onIdle = () => pacer.release();
  map.on('render', onRender);
  own.triggerRepaint = () => {
    if (inFlight) {
      if (!settleDrawn || !inFlight()) {
        original.call(map);
        return;
      }
      if (!settleWaiting) deferred++;
      settleWaiting = true;
      return;
    }
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
  const pacer: FramePacer = {
    release() {
      if (released) return;
      released = true;
      map.off('render', onRender);
      for (const type of SETTLE_EVENTS) map.off(type, onData);
      map.off('idle', onIdle);
      if (settleTimer !== null) clearTimeout(settleTimer);
      // Back to the prototype's method.
      delete (own as { triggerRepaint?: unknown }).triggerRepaint;
      if (timer !== null || settleWaiting) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        settleWaiting = false;
        original.call(map);
      }
    },
    settle(holdWhile, maxMs) {
      if (released || inFlight) return;
      inFlight = holdWhile;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      // a tile that fails or is cancelled ends its wait too (MapLibre fires 'error' or 'dataabort' for it, not 'data')
      for (const type of SETTLE_EVENTS) map.on(type, onData);
      map.on('idle', onIdle);
      settleTimer = setTimeout(() => pacer.release(), maxMs);
      original.call(map);
    },
    get deferred() {
      return deferred;
    },
  };
  return pacer;
}
