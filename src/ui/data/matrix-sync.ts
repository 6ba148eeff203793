/**
 * The imported travel-time matrix as the engine accepts it: only the pairs whose facility and demand unit are loaded
 * now (the engine rejects unknown ids, and removing an import or replacing the settlements can orphan pairs).
 */
import type { DemandTable, Facility, TravelMatrix } from '../../engine/types';
import { toTravelMatrix } from '../../io/convert';
import type { Scenario } from '../../io/scenario';
import type { MatrixRow } from '../../io/types';
import type { CoverageSource } from '../../state/coverage-source';

/**
 * The pairs of `rows` whose ids are among `facilities` and `demandIds`, as a TravelMatrix.
 * @example matrixFor([{ facilityId: 'f', demandId: 'd', minutes: 4 }], [{ id: 'f', … }], ['d']).minutes.size // 1
 */
export function matrixFor(rows: readonly MatrixRow[], facilities: readonly Pick<Facility, 'id'>[], demandIds: readonly string[]): TravelMatrix {
  const f = new Set(facilities.map((x) => x.id));
  const d = new Set(demandIds);
  return toTravelMatrix(rows.filter((r) => f.has(r.facilityId) && d.has(r.demandId)));
}

/**
 * Sends the scenario's matrix to a CoverageSource when the matrix, the facility list or the demand changes (and a
 * matrix is or was active); `reset` after the source is replaced.
 */
export function createMatrixSync() {
  let last: { matrix: Scenario['matrix']; facilities: readonly Facility[]; demand: DemandTable } | null = null;
  return {
    sync(source: CoverageSource, matrix: Scenario['matrix'], facilities: readonly Facility[], demand: DemandTable): void {
      if (!matrix && !last?.matrix) return;
      if (last && last.matrix === matrix && last.facilities === facilities && last.demand === demand) return;
      source.setMatrix(matrix ? matrixFor(matrix.rows, facilities, demand.ids) : null);
      last = { matrix, facilities, demand };
    },
    reset(): void {
      last = null;
    },
  };
}
