/**
 * Side-by-side comparison of two scenarios' coverage: national totals per service and the hromadas whose covered
 * population differs. Pure over two CoverageResults; `computeScenario` runs one scenario on a CoverageSource.
 */
import { SERVICES, type DemandTable, type Facility, type HromadaTable, type Service, type Totals } from '../../engine/types';
import { toDemandTable } from '../../io/convert';
import { matrixFor } from './matrix-sync';
import type { Scenario } from '../../io/scenario';
import type { CoverageResult, CoverageSource } from '../../state/coverage-source';
import { scenarioFacilities } from '../../state/scenario-state';

export interface HromadaDiff {
  index: number;
  code: string;
  name: string;
  population: number;
  coveredA: number;
  coveredB: number;
  /** coveredB − coveredA, people. */
  diff: number;
  shareA: number;
  shareB: number;
}

export interface ScenarioComparison {
  national: Record<Service, { a: Totals; b: Totals }>;
  /** Per service: hromadas with a different covered population, largest |diff| first. */
  hromadas: Record<Service, HromadaDiff[]>;
}

/**
 * Compares two results over the same hromadas.
 * @example compareResults(ra, rb, hromadas).national.fire.b.coveredPopulation - …a.coveredPopulation
 */
export function compareResults(a: CoverageResult, b: CoverageResult, h: Pick<HromadaTable, 'count' | 'codes' | 'names'>): ScenarioComparison {
  const national = {} as ScenarioComparison['national'];
  const hromadas = {} as ScenarioComparison['hromadas'];
  for (const s of SERVICES) {
    const sa = a.services[s];
    const sb = b.services[s];
    national[s] = { a: sa.totals, b: sb.totals };
    const rows: HromadaDiff[] = [];
    for (let i = 0; i < h.count; i++) {
      const ca = sa.stats.coveredPopulation[i]!;
      const cb = sb.stats.coveredPopulation[i]!;
      if (ca === cb && sa.stats.settlementsOutside[i] === sb.stats.settlementsOutside[i]) continue;
      rows.push({
        index: i,
        code: h.codes[i] ?? '',
        name: h.names[i] ?? '',
        population: sb.stats.population[i]!,
        coveredA: ca,
        coveredB: cb,
        diff: cb - ca,
        shareA: sa.stats.share[i]!,
        shareB: sb.stats.share[i]!,
      });
    }
    rows.sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff) || x.index - y.index);
    hromadas[s] = rows;
  }
  return { national, hromadas };
}

/** Computes one scenario (its facilities over `embedded`, its parameters and matrix) on `source`. */
export function computeScenario(source: CoverageSource, embedded: readonly Facility[], demandIds: readonly string[], s: Scenario, signal?: AbortSignal): Promise<CoverageResult> {
  const list = scenarioFacilities(embedded, s);
  source.setMatrix(s.matrix ? matrixFor(s.matrix.rows, list, demandIds) : null);
  return source.compute(s.params, list, signal ? { signal } : {});
}

/** The demand a scenario computes over: its imported settlements, else the built-in table. */
export function scenarioDemand(s: Scenario, builtIn: DemandTable, hromadas: HromadaTable): DemandTable {
  return s.demand ? toDemandTable(s.demand.rows, hromadas) : builtIn;
}
