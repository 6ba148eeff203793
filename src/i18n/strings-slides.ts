/**
 * Strings of the presentation mode (issue 15 point 4). Ukrainian first; `enSlides` must have the same keys. Merged into the app's tables in strings.ts.
 */
export const ukSlides = {} satisfies Record<string, string>;

export const enSlides: Record<keyof typeof ukSlides, string> = {};
