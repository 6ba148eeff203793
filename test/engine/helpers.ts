import { expect } from 'vitest';
import { bruteForceCoverage, type CoverageEngine, type DemandTable, type Facility, type ModelParams, type TravelMatrix } from '../../src/engine';
import { bruteForceExtras } from '../../src/engine/brute-extras';

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

/**
 * Asserts the engine's second-unit flags, miss probabilities and per-hromada second / expected / across-border
 * statistics equal the brute force over `facilities` (slots): flags and populations exactly, products to 1e-12.
 */
export function expectExtrasEqualBrute(
  engine: CoverageEngine,
  facilities: readonly (Facility | null)[],
  params: ModelParams,
  matrix: TravelMatrix | null = null,
): void {
  const brute = bruteForceExtras(engine.demand, engine.hromadas, facilities, params, matrix);
  for (const service of ['fire', 'police'] as const) {
    const b = brute[service];
    const miss = engine.missProbability(service);
    const second = engine.secondCovered(service);
    const bad: string[] = [];
    for (let i = 0; i < engine.demand.count && bad.length < 5; i++) {
      if (Math.abs(miss[i]! - b.missProb[i]!) > 1e-12) bad.push(`${service} unit ${i}: missProb ${miss[i]} brute ${b.missProb[i]}`);
      if (second[i] !== b.secondCovered[i]) bad.push(`${service} unit ${i}: second ${second[i]} brute ${b.secondCovered[i]}`);
    }
    const s = engine.stats(service);
    for (let h = 0; h < engine.hromadas.count && bad.length < 10; h++) {
      if (s.secondCoveredPopulation[h] !== b.secondCoveredPopulation[h]) bad.push(`${service} hromada ${h}: second population ${s.secondCoveredPopulation[h]} brute ${b.secondCoveredPopulation[h]}`);
      if (Math.abs(s.expectedCoveredPopulation[h]! - b.expectedCoveredPopulation[h]!) > 1e-6)
        bad.push(`${service} hromada ${h}: expected ${s.expectedCoveredPopulation[h]} brute ${b.expectedCoveredPopulation[h]}`);
      if (s.fromOtherHromadaPopulation[h] !== b.fromOtherHromadaPopulation[h]) bad.push(`${service} hromada ${h}: from other hromada ${s.fromOtherHromadaPopulation[h]} brute ${b.fromOtherHromadaPopulation[h]}`);
      if (s.fromOtherOblastPopulation[h] !== b.fromOtherOblastPopulation[h]) bad.push(`${service} hromada ${h}: from other oblast ${s.fromOtherOblastPopulation[h]} brute ${b.fromOtherOblastPopulation[h]}`);
    }
    expect(bad).toEqual([]);
  }
}
