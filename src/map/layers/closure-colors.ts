/**
 * The closure ranking's colours (no deck.gl here: the planner panel's legend reads them without loading the map's
 * deck.gl layers; closures.ts draws them).
 */
/** Loss classes, from none to the largest: pale yellow → dark red. */
/** RGBA. */
export type Rgba = [number, number, number, number];

export const CLOSURE_COLORS: readonly Rgba[] = [
  [200, 200, 200, 200],
  [254, 217, 118, 230],
  [253, 141, 60, 235],
  [227, 26, 28, 240],
  [128, 0, 38, 245],
];

/**
 * Colour class 0..4 of a unit losing `loss` people when the largest loss in the ranking is `maxLoss`: 0 for no loss,
 * else 1..4 by the square root of loss / maxLoss (quartiles of the root keep small losses distinguishable).
 * @example closureClass(0, 100) // 0; closureClass(100, 100) // 4; closureClass(4, 100) // 1
 */
export function closureClass(loss: number, maxLoss: number): number {
  if (!(loss > 0) || !(maxLoss > 0)) return 0;
  const r = Math.sqrt(Math.min(1, loss / maxLoss));
  return Math.min(4, 1 + Math.floor(r * 4 - 1e-9));
}

/** The colour of a ranked unit (see {@link closureClass}). */
export function closureColor(loss: number, maxLoss: number): Rgba {
  return CLOSURE_COLORS[closureClass(loss, maxLoss)]!;
}
