/**
 * Strings of the road network, travel model and model check (issue 13). Ukrainian first; `enRoads` must have the same keys. Merged into the app's tables in strings.ts.
 */
export const ukRoads = {} satisfies Record<string, string>;

export const enRoads: Record<keyof typeof ukRoads, string> = {};
