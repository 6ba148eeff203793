import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MlMap } from 'maplibre-gl';
import { paceFrames } from '../../src/map/frame-pacer';

/** A stand-in for MapLibre's Map: triggerRepaint on the prototype (as MapLibre has it), 'render', 'data', 'idle'. */
class FakeMap {
  frames = 0;
  private listeners = new Map<string, Set<() => void>>();
  triggerRepaint(): void {
    this.frames++;
  }
  on(type: string, f: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(f);
  }
  off(type: string, f: () => void): void {
    this.listeners.get(type)?.delete(f);
  }
  fire(type: string): void {
    for (const f of [...(this.listeners.get(type) ?? [])]) f();
  }
  /** A frame drawn now (MapLibre fires 'render' after each frame). */
  render(): void {
    this.fire('render');
  }
  listening(): number {
    return [...this.listeners.values()].reduce((n, l) => n + l.size, 0);
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

  describe('settle', () => {
    it('draws the result at once, then holds frames while tiles are in flight and draws one when the last arrives', () => {
      const m = new FakeMap();
      const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
      m.render();
      m.triggerRepaint(); // deferred by the loading gap
      let inFlight = false;
      pacer.settle(() => inFlight, 1500);
      expect(m.frames).toBe(1); // the result's frame, at once (the gap's timer is cancelled)
      m.triggerRepaint(); // before that frame is drawn: passes (MapLibre keeps one request)
      expect(m.frames).toBe(2);
      m.render(); // the result's frame asked for tiles
      inFlight = true;
      m.triggerRepaint();
      m.fire('data'); // one tile of several
      m.triggerRepaint();
      expect(m.frames).toBe(2);
      expect(pacer.deferred).toBe(2); // one in the gap, one while settling
      advance(600); // the loading gap's timer was cancelled: nothing
      expect(m.frames).toBe(2);
      inFlight = false;
      m.fire('data'); // the last tile
      expect(m.frames).toBe(3);
      expect(Object.prototype.hasOwnProperty.call(m, 'triggerRepaint')).toBe(true);
      m.render(); // everything asked for is drawn: pacing ends
      expect(Object.prototype.hasOwnProperty.call(m, 'triggerRepaint')).toBe(false);
      expect(m.listening()).toBe(0);
      m.triggerRepaint();
      expect(m.frames).toBe(4);
    });

    it('a tile that fails or is cancelled (error, dataabort) also ends the wait', () => {
      for (const type of ['error', 'dataabort']) {
        const m = new FakeMap();
        const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
        let inFlight = true;
        pacer.settle(() => inFlight, 1500);
        m.render();
        m.triggerRepaint();
        expect(m.frames).toBe(1);
        inFlight = false;
        m.fire(type);
        expect(m.frames).toBe(2);
      }
    });

    it("ends at the map's idle", () => {
      const m = new FakeMap();
      const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
      pacer.settle(() => true, 1500);
      m.render();
      m.fire('idle');
      expect(Object.prototype.hasOwnProperty.call(m, 'triggerRepaint')).toBe(false);
      expect(m.listening()).toBe(0);
    });

    it('never holds a frame longer than maxMs, and a gesture (release) ends it', () => {
      const m = new FakeMap();
      const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
      pacer.settle(() => true, 1500); // tiles that never arrive
      m.render();
      m.triggerRepaint();
      expect(m.frames).toBe(1);
      advance(1499);
      expect(m.frames).toBe(1);
      advance(1);
      expect(m.frames).toBe(2); // the held frame, and no pacing any more
      m.render();
      m.triggerRepaint();
      expect(m.frames).toBe(3);

      const g = new FakeMap();
      const p2 = paceFrames(g as unknown as MlMap, 500, () => clock);
      p2.settle(() => true, 1500);
      g.render();
      g.triggerRepaint();
      p2.release();
      expect(g.frames).toBe(2);
      expect(g.listening()).toBe(0);
      advance(2000);
      expect(g.frames).toBe(2);
    });

    it('a request with nothing in flight is never held (no frame waits on a frame)', () => {
      const m = new FakeMap();
      const pacer = paceFrames(m as unknown as MlMap, 500, () => clock);
      pacer.settle(() => false, 1500);
      for (let k = 0; k < 5; k++) {
        const before = m.frames;
        m.render();
        m.triggerRepaint();
        expect(m.frames).toBe(before + 1);
      }
    });
  });
});
