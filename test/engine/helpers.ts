import { expect } from 'vitest';
import { bruteForceCoverage, type CoverageEngine, type DemandTable, type Facility, type ModelParams, type TravelMatrix } from '../../src/engine';

/** Asserts the engine's per-unit results equal the brute force over `facilities` (slots) exactly. */
export function expectEqualsBrute(
  engine: CoverageEngine,
  demand: DemandTable,
  facilities: readonly (Facility | null)[],
  params: ModelParams,
  matrix: TravelMatrix | null = null,
): void {
  const brute = bruteForceCoverage(demand, facilities, params, matrix);
  for (const service of ['fire', 'police'] as const) {
    const c = engine.coverage(service);
    const b = brute[service];
    const mismatch: string[] = [];
    for (let i = 0; i < demand.count && mismatch.length < 5; i++) {
      if (
        c.nearest[i] !== b.nearest[i] ||
        c.backup[i] !== b.backup[i] ||
        !Object.is(c.minutes[i], b.minutes[i]) ||
        !Object.is(c.backupMinutes[i], b.backupMinutes[i]) ||
        c.covered[i] !== b.covered[i]
      )
        mismatch.push(
          `${service} unit ${i}: engine ${c.nearest[i]}/${c.minutes[i]} backup ${c.backup[i]}/${c.backupMinutes[i]} ` +
            `brute ${b.nearest[i]}/${b.minutes[i]} backup ${b.backup[i]}/${b.backupMinutes[i]}`,
        );
    }
    expect(mismatch).toEqual([]);
  }
}
