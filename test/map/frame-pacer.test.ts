import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MlMap } from 'maplibre-gl';
import { paceFrames } from '../../src/map/frame-pacer';

/** A stand-in for MapLibre's Map: triggerRepaint on the prototype (as MapLibre has it), 'render' events. */
class FakeMap {
  frames = 0;
  private listeners = new Set<() => void>();
  triggerRepaint(): void {
    this.frames++;
  }
  on(_: 'render', f: () => void): void {
    this.listeners.add(f);
  }
  off(_: 'render', f: () => void): void {
    this.listeners.delete(f);
  }
  /** A frame drawn now (MapLibre fires 'render' after each frame). */
  render(): void {
    for (const f of this.listeners) f();
  }
}

describe('paceFrames', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('passes the first request through, then defers requests inside the gap to its end, once', () => {
    const m = new FakeMap();
    const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
    m.triggerRepaint();
    expect(m.frames).toBe(1);
    m.render(); // frame ends at t = 0
    advance(100);
    m.triggerRepaint();
    m.triggerRepaint();
    m.triggerRepaint();
    expect(m.frames).toBe(1);
    expect(pacer.deferred).toBe(1);
    advance(399);
    expect(m.frames).toBe(1);
    advance(1);
    expect(m.frames).toBe(2); // at the end of the gap, one frame for the three requests
    m.render();
    advance(600);
    m.triggerRepaint(); // past the gap: at once
    expect(m.frames).toBe(3);
  });

  it('release requests a deferred frame at once and restores the prototype method', () => {
    const m = new FakeMap();
    const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
    m.render();
    m.triggerRepaint();
    expect(m.frames).toBe(0);
    pacer.release();
    expect(m.frames).toBe(1);
    expect(Object.prototype.hasOwnProperty.call(m, 'triggerRepaint')).toBe(false);
    advance(1000); // the cancelled timer draws nothing more
    expect(m.frames).toBe(1);
    m.render();
    m.triggerRepaint(); // not paced any more
    expect(m.frames).toBe(2);
    pacer.release(); // twice is harmless
    expect(m.frames).toBe(2);
  });

  it('never loses the last request: a frame always follows a request', () => {
    const m = new FakeMap();
    paceFrames(m as unknown as MlMap, 300, () => clock);
    for (let t = 0; t < 50; t++) {
      const before = m.frames;
      m.triggerRepaint();
      advance(310);
      expect(m.frames).toBeGreaterThan(before);
      m.render();
      advance(37 * (t % 5));
    }
  });
});
