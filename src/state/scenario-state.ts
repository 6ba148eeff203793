/**
 * The facility list a scenario describes: the embedded facilities, then each import (replace or add per type), then
 * each edit in order. Pure, so the page, the tests and a re-imported scenario file all reach the same list.
 */
import type { Facility } from '../engine/types';
import type { FacilityEdit, FacilityImport, Scenario } from '../io/scenario';

/** `list` without the facilities whose id is among `others`' ids (the same as filtering by a set of those ids). */
function withoutIds(list: readonly Facility[], others: readonly Facility[]): Facility[] {
  if (others.length > list.length) {
    const have = new Set(list.map((f) => f.id));
    const shared = new Set<string>();
    for (const f of others) if (have.has(f.id)) shared.add(f.id);
    return shared.size === 0 ? list.slice() : list.filter((f) => !shared.has(f.id));
  }
  const ids = new Set(others.map((f) => f.id));
  return list.filter((f) => !ids.has(f.id));
}

/** Applies imports in order: `replace` drops the current facilities of the import's types first. */
export function applyFacilityImports(embedded: readonly Facility[], imports: readonly FacilityImport[]): Facility[] {
  let list = embedded.slice();
  for (const imp of imports) {
    if (imp.mode === 'replace') {
      const types = new Set(imp.types);
      list = list.filter((f) => !types.has(f.type));
    }
    // A later row with the same id wins over an earlier one (the importer already rejects duplicates within a file).
    // The ids are looked up in a set of the smaller side: a 100,000-row import over the built-in list then builds a
    // set of a few hundred ids instead of 100,000.
    list = withoutIds(list, imp.facilities).concat(imp.facilities);
  }
  return list;
}

/** KATOTTG code of the hromada holding a point, or null outside every hromada. */
export type HromadaLocator = (lon: number, lat: number) => string | null;

/**
 * One edit applied to a list (a new array; an edit naming an unknown id changes nothing). With `locate`, a moved
 * facility gets the hromada code of its new point (without it, the code stays as it was).
 */
export function applyFacilityEdit(list: readonly Facility[], edit: FacilityEdit, locate?: HromadaLocator): Facility[] {
  switch (edit.op) {
    case 'add':
      return list.filter((f) => f.id !== edit.facility.id).concat(edit.facility);
    case 'remove':
      return list.filter((f) => f.id !== edit.id);
    case 'move':
      return list.map((f) =>
        f.id === edit.id ? { ...f, lon: edit.lon, lat: edit.lat, hromadaCode: locate ? locate(edit.lon, edit.lat) : f.hromadaCode } : f,
      );
    case 'update':
      return list.map((f) => (f.id === edit.id ? { ...f, ...edit.changes, id: f.id } : f));
  }
}

/** The facilities of a scenario over the embedded ones. */
export function scenarioFacilities(
  embedded: readonly Facility[],
  scenario: Pick<Scenario, 'facilityImports' | 'facilityEdits'>,
  locate?: HromadaLocator,
): Facility[] {
  let list = applyFacilityImports(embedded, scenario.facilityImports);
  for (const e of scenario.facilityEdits) list = applyFacilityEdit(list, e, locate);
  return list;
}
