/**
 * Strings of the planner (what-if editing and optimal siting), Ukrainian first; `enPlan` must have the same keys.
 * Merged into the app's tables in strings.ts.
 */
export const ukPlan = {
  planTitle: 'Планування нових підрозділів',
} as const;

export const enPlan: Record<keyof typeof ukPlan, string> = {
  planTitle: 'Planning new stations',
};
