import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { largestRemainder } from '../../scripts/data/largest-remainder';

describe('largestRemainder', () => {
  it('gives exact expected shares on small inputs', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(100, [0.5, 0.3, 0.2])).toEqual([50, 30, 20]);
    // quotas 4.2857, 2.8571, 2.8571 → floors 4,2,2; two leftovers go to the two .857 remainders
    expect(largestRemainder(10, [3, 2, 2])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [0, 5, 0])).toEqual([0, 7, 0]);
  });

  it('treats all-zero weights as equal and handles degenerate input', () => {
    expect(largestRemainder(5, [0, 0])).toEqual([3, 2]);
    expect(largestRemainder(0, [])).toEqual([]);
    expect(largestRemainder(0, [3, 4])).toEqual([0, 0]);
    expect(() => largestRemainder(1, [])).toThrow(/0 items/);
    expect(() => largestRemainder(1.5, [1])).toThrow(/non-negative integer/);
    expect(() => largestRemainder(3, [1, -1])).toThrow(/weight/);
  });

  it('always sums exactly to the total, each share within 1 of its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const s = largestRemainder(total, weights);
          expect(s.reduce((a, b) => a + b, 0)).toBe(total);
          const wsum = weights.reduce((a, b) => a + b, 0);
          s.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            const q = wsum > 0 ? (total * weights[i]!) / wsum : total / weights.length;
            expect(Math.abs(x - q)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});
