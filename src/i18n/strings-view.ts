/**
 * Strings of the oblast/raion navigation, map images and print (issue 15 points 2–3). Ukrainian first; `enView` must have the same keys. Merged into the app's tables in strings.ts.
 */
export const ukView = {} satisfies Record<string, string>;

export const enView: Record<keyof typeof ukView, string> = {};
