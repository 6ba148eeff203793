/**
 * The facility list a scenario describes: the embedded facilities, then each import (replace or add per type), then
 * each edit in order. Pure, so the page, the tests and a re-imported scenario file all reach the same list.
 */
import { isOccupiedCode, type Facility, type HromadaTable } from '../engine/types';
import type { FacilityEdit, FacilityImport, Scenario, ScenarioTerritory } from '../io/scenario';
import { statusFromRows, type TerritoryRow } from '../io/territory';

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

/**
 * KATOTTG oblast code of a hromada code: its first 4 characters (`UA07` of `UA07040010000033507`), or null for no
 * code or one not shaped like KATOTTG.
 */
export function oblastOfCode(code: string | null | undefined): string | null {
  return code && /^UA\d{2}/.test(code) ? code.slice(0, 4) : null;
}

/** The oblast codes the facilities stand in (by their hromada code), sorted; facilities outside every hromada add none. */
export function oblastsOf(facilities: readonly Pick<Facility, 'hromadaCode'>[]): string[] {
  const s = new Set<string>();
  for (const f of facilities) {
    const o = oblastOfCode(f.hromadaCode);
    if (o) s.add(o);
  }
  return [...s].sort();
}

/** Where a `replace` import drops facilities (older imports without replaceScope: the whole country). */
export type ReplaceScope = Pick<FacilityImport, 'replaceScope' | 'oblasts'>;

/**
 * Whether a `replace` import of `types` over `scope` drops facility `f`: its type is replaced and, for scope
 * `oblasts`, it stands in one of the listed oblasts (a facility outside every hromada is kept).
 */
export function replaceDrops(types: ReadonlySet<string>, scope: ReplaceScope): (f: Facility) => boolean {
  if (scope.replaceScope !== 'oblasts') return (f) => types.has(f.type);
  const oblasts = new Set(scope.oblasts ?? []);
  return (f) => {
    if (!types.has(f.type)) return false;
    const o = oblastOfCode(f.hromadaCode);
    return o !== null && oblasts.has(o);
  };
}

/**
 * Applies imports in order: `replace` drops the current facilities of the import's types first (in the oblasts of
 * its replaceScope, or everywhere).
 */
export function applyFacilityImports(embedded: readonly Facility[], imports: readonly FacilityImport[]): Facility[] {
  let list = embedded.slice();
  for (const imp of imports) {
    if (imp.mode === 'replace') {
      const drops = replaceDrops(new Set(imp.types), imp);
      list = list.filter((f) => !drops(f));
    }
    // A later row with the same id wins over an earlier one (the importer already rejects duplicates within a file).
    // The ids are looked up in a set of the smaller side: a 100,000-row import over the built-in list then builds a
    // set of a few hundred ids instead of 100,000.
    list = withoutIds(list, imp.facilities).concat(imp.facilities);
  }
  return list;
}

/** What a `replace` import would drop, for the preview before it is applied. */
export interface ReplaceRemoval {
  /** Facilities dropped. */
  removed: number;
  /** Of them, built-in ones (the rest come from earlier imports). */
  builtIn: number;
  /** Dropped per oblast code (null: outside every hromada), most first, then by code (null last). */
  byOblast: { oblast: string | null; n: number }[];
  /** Facilities of the replaced types kept (outside the scope). */
  kept: number;
}

/**
 * What replacing `types` over `scope` drops from `current` (the list the import applies to: the embedded facilities
 * with the earlier imports applied, `applyFacilityImports(embedded, scenario.facilityImports)`). Pure.
 * @example replaceRemoval(current, ['local_fire_department'], { replaceScope: 'oblasts', oblasts: ['UA07'] })
 */
export function replaceRemoval(current: readonly Facility[], types: readonly string[], scope: ReplaceScope): ReplaceRemoval {
  const typeSet = new Set(types);
  const drops = replaceDrops(typeSet, scope);
  const per = new Map<string | null, number>();
  let removed = 0;
  let builtIn = 0;
  let kept = 0;
  for (const f of current) {
    if (!typeSet.has(f.type)) continue;
    if (!drops(f)) {
      kept++;
      continue;
    }
    removed++;
    if (!f.source.startsWith('user')) builtIn++;
    const o = oblastOfCode(f.hromadaCode);
    per.set(o, (per.get(o) ?? 0) + 1);
  }
  const byOblast = [...per.entries()]
    .map(([oblast, n]) => ({ oblast, n }))
    .sort((a, b) => b.n - a.n || (a.oblast === null ? 1 : b.oblast === null ? -1 : a.oblast < b.oblast ? -1 : a.oblast > b.oblast ? 1 : 0));
  return { removed, builtIn, byOblast, kept };
}

/** Oblast code → oblast name (Ukrainian, as in the hromada table), from the hromadas' codes. */
export function oblastNames(hromadas: Pick<HromadaTable, 'codes' | 'oblasts'>): Map<string, string> {
  const m = new Map<string, string>();
  hromadas.codes.forEach((c, i) => {
    const o = oblastOfCode(c);
    if (o && !m.has(o) && hromadas.oblasts[i]) m.set(o, hromadas.oblasts[i]!);
  });
  return m;
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

/**
 * The facilities of a scenario over the embedded ones. A scenario that changes nothing gives the embedded array
 * itself, not a copy: the coverage worker, which loaded that list, is then not sent it again (a copy cost a full
 * second computation, 0.3 s, before the first screen). Callers do not mutate the list.
 */
export function scenarioFacilities(
  embedded: readonly Facility[],
  scenario: Pick<Scenario, 'facilityImports' | 'facilityEdits'>,
  locate?: HromadaLocator,
): Facility[] {
  if (scenario.facilityImports.length === 0 && scenario.facilityEdits.length === 0) return embedded as Facility[];
  let list = applyFacilityImports(embedded, scenario.facilityImports);
  for (const e of scenario.facilityEdits) list = applyFacilityEdit(list, e, locate);
  return list;
}

/** The territory-status list in use: the built-in 2022 list, or one the user imported (Scenario.territory). */
export interface TerritoryInUse {
  /** TERRITORY_STATUSES code per hromada (HromadaTable order). */
  status: Uint8Array;
  listName: string;
  /** ISO date of the list edition, or null when unknown. */
  listDate: string | null;
  /** 'built-in', or the imported file's name. */
  source: 'built-in' | string;
  /** Hromadas of the table occupied under this list. */
  occupied: number;
  /** Rows of an imported list whose code is not in the hromada table (skipped). */
  missing: number;
}

/**
 * The list in use for a hromada table: an imported list (rows re-applied by code; hromadas it does not name get
 * `none`) or the built-in one (`builtInStatus`, named by manifest.json `territory`).
 * @param builtInStatus the table's status from the bundled data (before any imported list)
 */
export function territoryInUse(
  imported: ScenarioTerritory | null,
  hromadas: Pick<HromadaTable, 'count' | 'codes'>,
  builtInStatus: Uint8Array,
  builtIn: { list: string; date: string | null },
): TerritoryInUse {
  const count = (s: Uint8Array) => s.reduce((n, c) => n + (isOccupiedCode(c) ? 1 : 0), 0);
  if (!imported) return { status: builtInStatus, listName: builtIn.list, listDate: builtIn.date, source: 'built-in', occupied: count(builtInStatus), missing: 0 };
  const { status, missing } = statusFromRows(imported.rows, hromadas);
  return { status, listName: imported.listName, listDate: imported.listDate, source: imported.fileName, occupied: count(status), missing };
}

/** Whether two status lists are equal. */
export function sameStatus(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The date of an imported list when the importer was given none: the latest start or end date in its rows that is
 * not after `today` (ISO), or null.
 */
export function latestListDate(rows: readonly Pick<TerritoryRow, 'start' | 'end'>[], today = new Date().toISOString().slice(0, 10)): string | null {
  let latest: string | null = null;
  for (const r of rows) for (const d of [r.start, r.end]) if (d && d <= today && (latest === null || d > latest)) latest = d;
  return latest;
}
