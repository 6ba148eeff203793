import { describe, expect, it } from 'vitest';
import { scatterGeometry, tickStep } from '../../src/ui/model-check/scatter';

describe('scatterGeometry', () => {
  it('puts points on a shared scale so y = x is the diagonal, with round ticks', () => {
    const g = scatterGeometry([0, 50, 100, 7], [0, 100, 50, NaN], 300, 200, {
      left: 40,
      right: 10,
      top: 10,
      bottom: 30,
    });
    expect(g.max).toBe(100);
    expect([...g.index]).toEqual([0, 1, 2]);
    expect([...g.points]).toEqual([40, 170, 165, 10, 290, 90]);
    expect(g.diagonal).toEqual([40, 170, 290, 10]);
    expect(g.ticks.map((t) => t.value)).toEqual([0, 20, 40, 60, 80, 100]);
    // A point on y = x lies on the diagonal.
    const on = scatterGeometry([30], [30], 300, 200, { left: 40, right: 10, top: 10, bottom: 30 });
    const [x1, y1, x2, y2] = on.diagonal;
    const [px, py] = [on.points[0]!, on.points[1]!];
    expect((py - y1) * (x2 - x1)).toBeCloseTo((px - x1) * (y2 - y1), 9);
  });

  it('handles no points and picks 1-2-5 steps', () => {
    expect(scatterGeometry([], [], 100, 100).points.length).toBe(0);
    expect([tickStep(300), tickStep(7), tickStep(0.9), tickStep(130)]).toEqual([50, 2, 0.2, 50]);
  });
});
