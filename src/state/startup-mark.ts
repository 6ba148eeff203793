/**
 * A named point of the start-up (`hc:<name>` in the Performance timeline), read by the browser benchmark to say
 * where the time to the first drawn result goes. Only the first mark of each name counts.
 */
export function startupMark(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(`hc:${name}`).length > 0) return;
  performance.mark(`hc:${name}`);
}
