/**
 * Travel-time matrix (long CSV `facility_id,demand_id,minutes`, as exported from openrouteservice, OSRM or ArcGIS)
 * → MatrixRow. A `seconds`/`duration` column instead of minutes is divided by 60.
 */
import { issue } from './place';
import { readForImport } from './read';
import { guard } from './result';
import { parseNumber } from './text';
import type { ImportContext, ImportResult, MatrixRow, ImportInput } from './types';

export interface MatrixImportOptions {
  /** Known facility ids; default ctx.facilityIds. Ids are checked only when the set is not empty. */
  facilityIds?: ReadonlySet<string>;
  /** Known demand ids; default ctx.demandIds. Ids are checked only when the set is not empty. */
  demandIds?: ReadonlySet<string>;
}

/**
 * Import a long travel-time matrix. Rows with unknown facility or demand ids, missing ids, non-numeric or negative
 * minutes, or a pair listed twice are rejected with the reason. Never throws.
 * @example importMatrix('facility_id,demand_id,minutes\nf1,UA…,12.5', 'm.csv', ctx)
 */
export function importMatrix(
  input: ImportInput,
  fileName: string,
  ctx: ImportContext,
  opts: MatrixImportOptions = {},
): ImportResult<MatrixRow> {
  return guard(fileName, 'matrix', () => {
    const { records, result } = readForImport<MatrixRow>(input, fileName, 'matrix');
    if (result.fileError) return result;
    const facilityIds = opts.facilityIds ?? ctx.facilityIds;
    const demandIds = opts.demandIds ?? ctx.demandIds;
    const inSeconds = result.detected.columns?.minutes === undefined;
    if (inSeconds) result.detected.secondsToMinutes = true;
    const seen = new Map<string, number>();
    for (const rec of records) {
      const v = rec.values;
      const f = v.facility_id ?? '';
      const d = v.demand_id ?? '';
      const tField = inSeconds ? 'seconds' : 'minutes';
      const tRaw = (inSeconds ? v.seconds : v.minutes) ?? '';
      if (f === '' || d === '') {
        const field = f === '' ? 'facility_id' : 'demand_id';
        result.rejected.push(issue(rec, 'missing_field', `${field} is empty`, { field }));
        continue;
      }
      const t = parseNumber(tRaw);
      if (Number.isNaN(t)) {
        result.rejected.push(
          issue(rec, 'minutes_not_a_number', `${tField} "${tRaw}" is not a number`, { field: tField, value: tRaw }),
        );
        continue;
      }
      if (t < 0) {
        result.rejected.push(
          issue(rec, 'negative_value', `${tField} ${t} is below zero`, { field: tField, value: tRaw }),
        );
        continue;
      }
      if (facilityIds.size > 0 && !facilityIds.has(f)) {
        result.rejected.push(
          issue(rec, 'unknown_facility_id', `facility_id "${f}" is not a loaded facility`, {
            field: 'facility_id',
            value: f,
          }),
        );
        continue;
      }
      if (demandIds.size > 0 && !demandIds.has(d)) {
        result.rejected.push(
          issue(rec, 'unknown_demand_id', `demand_id "${d}" is not a loaded demand point`, {
            field: 'demand_id',
            value: d,
          }),
        );
        continue;
      }
      const key = `${f}\u0000${d}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        result.rejected.push(
          issue(rec, 'duplicate_id', `pair ${f} → ${d} is also on row ${prev}`, {
            value: `${f} → ${d}`,
            candidates: [String(prev)],
          }),
        );
        continue;
      }
      seen.set(key, rec.row);
      result.rows.push({ facilityId: f, demandId: d, minutes: inSeconds ? t / 60 : t });
    }
    return result;
  });
}
