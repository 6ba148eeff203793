/**
 * Side-by-side comparison of two scenarios' coverage: national totals per service and the hromadas whose covered
 * population differs. Pure over two CoverageResults; `computeScenario` runs one scenario on a CoverageSource.
 */
import { SERVICES, type Facility, type HromadaTable, type Service, type Totals } from '../../engine/types';
import { matrixFor } from './matrix-sync';
import { emptyScenario, type Scenario } from '../../io/scenario';
import type { CoverageResult, CoverageSource } from '../../state/coverage-source';
import { scenarioFacilities } from '../../state/scenario-state';

export interface HromadaDiff {
  code: string;
  name: string;
  nameEn: string;
  /** People (scenario B's figure; A's when B has no such hromada). */
  population: number;
  coveredA: number;
  coveredB: number;
  /** coveredB − coveredA, people. */
  diff: number;
  /** NaN when the scenario has no hromada with this code (its own boundaries left it out). */
  shareA: number;
  shareB: number;
}

export interface ScenarioComparison {
  national: Record<Service, { a: Totals; b: Totals }>;
  /** Per service: hromadas with a different covered population, largest |diff| first. */
  hromadas: Record<Service, HromadaDiff[]>;
}

type Names = Pick<HromadaTable, 'count' | 'codes' | 'names' | 'namesEn'>;

/**
 * Compares two results. Hromadas are matched by code, so two scenarios with different imported boundaries compare
 * too (a hromada only one of them has counts 0 covered on the other side).
 * @example compareResults(ra, rb, hromadas).national.fire.b.coveredPopulation - …a.coveredPopulation
 */
export function compareResults(a: CoverageResult, b: CoverageResult, ha: Names, hb: Names = ha): ScenarioComparison {
  const national = {} as ScenarioComparison['national'];
  const hromadas = {} as ScenarioComparison['hromadas'];
  const inA = new Map(ha.codes.map((c, i) => [c, i]));
  const inB = new Map(hb.codes.map((c, i) => [c, i]));
  // Every code once: B's order, then codes only A has.
  const pairs: [number, number][] = hb.codes.map((c, j) => [inA.get(c) ?? -1, j]);
  ha.codes.forEach((c, i) => {
    if (!inB.has(c)) pairs.push([i, -1]);
  });
  for (const s of SERVICES) {
    const sa = a.services[s].stats;
    const sb = b.services[s].stats;
    national[s] = { a: a.services[s].totals, b: b.services[s].totals };
    const rows: HromadaDiff[] = [];
    for (const [i, j] of pairs) {
      const ca = i >= 0 ? sa.coveredPopulation[i]! : 0;
      const cb = j >= 0 ? sb.coveredPopulation[j]! : 0;
      if (i >= 0 && j >= 0 && ca === cb && sa.settlementsOutside[i] === sb.settlementsOutside[j]) continue;
      const [h, k] = j >= 0 ? [hb, j] : [ha, i];
      rows.push({
        code: h.codes[k] ?? '',
        name: h.names[k] ?? '',
        nameEn: h.namesEn[k] ?? '',
        population: j >= 0 ? sb.population[j]! : sa.population[i]!,
        coveredA: ca,
        coveredB: cb,
        diff: cb - ca,
        shareA: i >= 0 ? sa.share[i]! : NaN,
        shareB: j >= 0 ? sb.share[j]! : NaN,
      });
    }
    rows.sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff) || x.code.localeCompare(y.code));
    hromadas[s] = rows;
  }
  return { national, hromadas };
}

/** Id of the built-in data in the comparison's choice (never a stored scenario's id). */
export const BUILT_IN = 'built-in';

/**
 * The built-in data as a scenario: the embedded facilities without edits or imported files, with `params` (the
 * current ones, so the comparison shows what the edits and imports change).
 */
export function builtInScenario(name: string, params: Scenario['params']): Scenario {
  return { ...emptyScenario(name), params: structuredClone(params) };
}

/** Computes one scenario (its facilities over `embedded`, its parameters and matrix) on `source`. */
export function computeScenario(
  source: CoverageSource,
  embedded: readonly Facility[],
  demandIds: readonly string[],
  s: Scenario,
  signal?: AbortSignal,
  relocate?: ((f: Facility) => Facility) | null,
): Promise<CoverageResult> {
  const listed = scenarioFacilities(embedded, s);
  const list = relocate ? listed.map(relocate) : listed;
  source.setMatrix(s.matrix ? matrixFor(s.matrix.rows, list, demandIds) : null);
  return source.compute(s.params, list, signal ? { signal } : {});
}
