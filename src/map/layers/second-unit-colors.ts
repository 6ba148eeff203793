/** The second-unit layer's colours (no deck.gl here: the layer controls' legend reads them; second-unit.ts draws them). */
/** 2 covered twice, 1 once, 0 not within the norm. */
export type SecondLevel = 0 | 1 | 2;

export const SECOND_UNIT_COLORS: Record<SecondLevel, [number, number, number, number]> = {
  2: [0, 109, 44, 220],
  1: [161, 217, 155, 220],
  0: [215, 48, 39, 220],
};
