/**
 * Pure steps from a confirmed import to the scenario: facility rows split by the per-type add/replace choice,
 * a matrix set or cleared, and the attribution lines every export carries.
 */
import type { Facility, FacilityType } from '../../engine/types';
import type { FacilityImport, Scenario } from '../../io/scenario';
import type { MatrixRow } from '../../io/types';
import type { AttributionSource } from '../../state/load-data';

/** How the user chose to merge each imported type. */
export type TypeModes = Partial<Record<FacilityType, 'add' | 'replace'>>;

/**
 * The FacilityImport entries for one file: one `replace` entry for the types to replace (drops the embedded ones of
 * those types), one `add` entry for the rest. Types default to `add`. Empty entries are left out.
 * @example facilityImportsOf('f.csv', rows, { local_fire_department: 'replace' })
 */
export function facilityImportsOf(fileName: string, rows: readonly Facility[], modes: TypeModes): FacilityImport[] {
  const replace: Facility[] = [];
  const add: Facility[] = [];
  for (const f of rows) (modes[f.type] === 'replace' ? replace : add).push(f);
  const typesOf = (list: Facility[]) => [...new Set(list.map((f) => f.type))];
  const out: FacilityImport[] = [];
  if (replace.length > 0) out.push({ fileName, mode: 'replace', types: typesOf(replace), facilities: replace });
  if (add.length > 0) out.push({ fileName, mode: 'add', types: typesOf(add), facilities: add });
  return out;
}

/** The scenario with a facility file's imports appended (applied after the earlier ones). */
export function withFacilityImport(s: Scenario, fileName: string, rows: readonly Facility[], modes: TypeModes): Scenario {
  return { ...s, facilityImports: [...s.facilityImports, ...facilityImportsOf(fileName, rows, modes)] };
}

/** The scenario without its import number `index`. */
export function withoutFacilityImport(s: Scenario, index: number): Scenario {
  return { ...s, facilityImports: s.facilityImports.filter((_, i) => i !== index) };
}

/** The scenario with the matrix set (or cleared with null). */
export function withMatrix(s: Scenario, fileName: string | null, rows: readonly MatrixRow[]): Scenario {
  return { ...s, matrix: fileName === null ? null : { fileName, rows: [...rows] } };
}

/** One line per data source: `name — attribution (licence) url`, for exports. */
export function attributionLines(sources: readonly AttributionSource[]): string[] {
  return sources.map((s) => {
    const name = String(s.name ?? s.title ?? s.id ?? '');
    const parts = [name];
    if (s.attribution && s.attribution !== name) parts.push(String(s.attribution));
    const lic = s.licence ?? s.license;
    if (lic) parts.push(`(${String(lic)})`);
    if (typeof s.url === 'string') parts.push(s.url);
    return parts.filter((p) => p !== '').join(' — ');
  });
}

/** Export file name: `hromada-coverage-<what>-<YYYY-MM-DD>.<ext>`. */
export function exportFileName(what: string, ext: string, now = new Date()): string {
  return `hromada-coverage-${what}-${now.toISOString().slice(0, 10)}.${ext}`;
}
