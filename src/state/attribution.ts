/**
 * The lines every export carries about where its data come from: one per bundled data source, then one per file
 * the user imported into the scenario (so a table made over their boundaries or settlements says so).
 */
import type { Scenario } from '../io/scenario';
import type { AttributionSource, BoundaryReport } from './load-data';

/**
 * One line per data source: `name — attribution (licence) — url`.
 * @example attributionLines([{ name: 'GeoNames', licence: 'CC BY 4.0', url: 'https://geonames.org' }])
 * // ['GeoNames (CC BY 4.0) — https://geonames.org']
 */
export function attributionLines(sources: readonly AttributionSource[]): string[] {
  return sources.map((s) => {
    const name = String(s.name ?? s.title ?? s.id ?? '');
    const lic = s.licence ?? s.license;
    const said = s.attribution && s.attribution !== name ? String(s.attribution) : '';
    const head = [name, said].filter((p) => p !== '').join(' — ');
    const withLicence = lic ? `${head} (${String(lic)})`.trim() : head;
    return [withLicence, typeof s.url === 'string' ? s.url : ''].filter((p) => p !== '').join(' — ');
  });
}

/** One line per file the user imported (and one for map edits): what it is, how it was merged, how many rows. */
export function userDataLines(s: Pick<Scenario, 'facilityImports' | 'facilityEdits' | 'demand' | 'matrix' | 'boundaries'>, report?: BoundaryReport | null): string[] {
  const out = s.facilityImports.map(
    (imp) => `User file (facilities, ${imp.mode === 'add' ? 'added to' : 'replacing'} the built-in ${imp.types.join(', ')}): ${imp.fileName} — ${imp.facilities.length} rows`,
  );
  if (s.facilityEdits.length > 0) out.push(`Facility edits made on the map: ${s.facilityEdits.length}`);
  if (s.demand) out.push(`User file (settlements, replacing the built-in demand): ${s.demand.fileName} — ${s.demand.rows.length} rows`);
  if (s.matrix) out.push(`User file (travel-time matrix): ${s.matrix.fileName} — ${s.matrix.rows.length} pairs`);
  if (s.boundaries) {
    const what = s.boundaries.mode === 'update' ? 'replacing the built-in ones it names' : 'replacing the whole built-in list';
    const resummed = report ? `; population of ${report.resummed} hromadas re-summed from demand units (partly estimated)` : '';
    out.push(`User file (community boundaries, ${what}): ${s.boundaries.fileName} — ${s.boundaries.rows.length} polygons${resummed}`);
  }
  return out;
}
