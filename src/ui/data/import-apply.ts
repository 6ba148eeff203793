/**
 * Pure steps from a confirmed import to the scenario: facility rows split by the per-type add/replace choice,
 * and a matrix set or cleared.
 */
import type { Facility, FacilityType } from '../../engine/types';
import type { FacilityImport, Scenario } from '../../io/scenario';
import type { MatrixRow } from '../../io/types';
import { oblastsOf } from '../../state/scenario-state';

/** How the user chose to merge each imported type. */
export type TypeModes = Partial<Record<FacilityType, 'add' | 'replace'>>;

/** Where `replace` drops the current facilities: only in the oblasts the file's rows of that type stand in, or everywhere. */
export type ReplaceScopeChoice = 'oblasts' | 'country';

/**
 * The FacilityImport entries for one file: `replace` entries for the types to replace (drop the current ones of
 * those types: with scope `country` one entry everywhere; with `oblasts` one entry per type, within the oblasts that
 * type's rows stand in), one `add` entry for the rest. Types default to `add`. Empty entries are left out.
 * @example facilityImportsOf('f.csv', rows, { local_fire_department: 'replace' }, 'oblasts')
 */
export function facilityImportsOf(fileName: string, rows: readonly Facility[], modes: TypeModes, scope: ReplaceScopeChoice = 'country'): FacilityImport[] {
  const replace: Facility[] = [];
  const add: Facility[] = [];
  const replaceTypes = new Set<FacilityType>();
  const addTypes = new Set<FacilityType>();
  for (const f of rows) {
    const r = modes[f.type] === 'replace';
    (r ? replace : add).push(f);
    (r ? replaceTypes : addTypes).add(f.type);
  }
  const out: FacilityImport[] = [];
  if (replace.length > 0 && scope === 'country') out.push({ fileName, mode: 'replace', types: [...replaceTypes], facilities: replace, replaceScope: 'country' });
  else if (replace.length > 0) {
    for (const type of replaceTypes) {
      const facilities = replace.filter((f) => f.type === type);
      out.push({ fileName, mode: 'replace', types: [type], facilities, replaceScope: 'oblasts', oblasts: oblastsOf(facilities) });
    }
  }
  if (add.length > 0) out.push({ fileName, mode: 'add', types: [...addTypes], facilities: add });
  return out;
}

/** The scenario with a facility file's imports appended (applied after the earlier ones). */
export function withFacilityImport(s: Scenario, fileName: string, rows: readonly Facility[], modes: TypeModes, scope: ReplaceScopeChoice = 'country'): Scenario {
  return { ...s, facilityImports: [...s.facilityImports, ...facilityImportsOf(fileName, rows, modes, scope)] };
}

/** The scenario without its import number `index`. */
export function withoutFacilityImport(s: Scenario, index: number): Scenario {
  return { ...s, facilityImports: s.facilityImports.filter((_, i) => i !== index) };
}

/** The scenario with the matrix set (or cleared with null). */
export function withMatrix(s: Scenario, fileName: string | null, rows: readonly MatrixRow[]): Scenario {
  return { ...s, matrix: fileName === null ? null : { fileName, rows: [...rows] } };
}

/** Export file name: `hromada-coverage-<what>-<YYYY-MM-DD>.<ext>`. */
export function exportFileName(what: string, ext: string, now = new Date()): string {
  return `hromada-coverage-${what}-${now.toISOString().slice(0, 10)}.${ext}`;
}
