/**
 * "Add to scenario" for every objective, pure: the proposals of a run as facility edits. New sites (coverage,
 * p-median, backup, expected, budget) become planned stations of their own type (budget mixes types); relocations
 * become `move` edits of the existing units; a closure ranking adds nothing (it is a ranking, not a plan).
 */
import { toPlannedFacilities, type PlanResult } from '../../engine/optimize';
import type { FacilityType } from '../../engine/types';
import type { FacilityEdit } from '../../io/scenario';

/**
 * Facility edits that put a run's plan into the scenario.
 * @param type the request's type (sites without their own type take it)
 * @example planEdits(budgetResult, 'local_fire_department') // [{ op: 'add', facility: { type: 'security_center', status: 'planned', … } }, …]
 */
export function planEdits(r: PlanResult, type: FacilityType): FacilityEdit[] {
  if (r.objective === 'closures') return [];
  if (r.objective === 'relocate') {
    return (r.moves ?? [])
      .filter((m) => Number.isFinite(m.toLon) && Number.isFinite(m.toLat))
      .map((m): FacilityEdit => ({ op: 'move', id: m.fromId, lon: Math.round(m.toLon * 1e6) / 1e6, lat: Math.round(m.toLat * 1e6) / 1e6 }));
  }
  const planned = toPlannedFacilities(r, type);
  const located = r.sites.filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat));
  return planned.map((f, k): FacilityEdit => {
    const own = located[k]?.type;
    return { op: 'add', facility: own && own !== f.type ? { ...f, type: own } : f };
  });
}
