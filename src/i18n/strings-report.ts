/**
 * Strings of the the community report (issue 15 point 1). Ukrainian first; `enReport` must have the same keys. Merged into the app's tables in strings.ts.
 */
export const ukReport = {} satisfies Record<string, string>;

export const enReport: Record<keyof typeof ukReport, string> = {};
