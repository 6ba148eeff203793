/**
 * Strings of the data panel (import, export, scenarios), Ukrainian first; `enData` must have the same keys.
 * Merged into the app's tables in strings.ts.
 */
export const ukData = {
  dataTitle: 'Дані та сценарії',
} as const;

export const enData: Record<keyof typeof ukData, string> = {
  dataTitle: 'Data and scenarios',
};
