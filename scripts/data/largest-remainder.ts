/**
 * Integer apportionment by largest remainder (Hamilton's method).
 *
 * Splits the integer `total` among items in proportion to non-negative `weights` so that the integer
 * shares sum exactly to `total`. Each item first gets floor(quota); the leftover units go one each to the
 * items with the largest fractional parts, ties broken by lower index (so the result is deterministic).
 * If every weight is 0, the weights are treated as equal.
 *
 * @example largestRemainder(10, [1, 1, 1]) // → [4, 3, 3]
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`largestRemainder: total must be a non-negative integer, got ${total}`);
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new Error(`largestRemainder: cannot split ${total} among 0 items`);
    return [];
  }
  let sum = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`largestRemainder: weight must be finite and >= 0, got ${w}`);
    sum += w;
  }
  const ws = sum > 0 ? weights : weights.map(() => 1);
  const wsum = sum > 0 ? sum : n;
  const shares = new Array<number>(n);
  const frac = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const q = (total * ws[i]!) / wsum;
    const f = Math.floor(q);
    shares[i] = f;
    frac[i] = q - f;
    given += f;
  }
  let left = total - given;
  if (left > 0) {
    const order = [...Array(n).keys()].sort((a, b) => frac[b]! - frac[a]! || a - b);
    for (let k = 0; left > 0; k = (k + 1) % n, left--) {
      const j = order[k]!;
      shares[j] = shares[j]! + 1;
    }
  }
  return shares;
}
