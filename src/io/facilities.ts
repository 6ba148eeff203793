/**
 * Facilities file (CSV or GeoJSON Points) → Facility rows.
 */
import type { Facility, FacilityType } from '../engine/types';
import { ACCEPTED_STATUSES, ACCEPTED_TYPES, facilityStatusOf, facilityTypeOf } from './aliases';
import { isRowIssue, issue, locate, type PlaceOptions } from './place';
import { readForImport } from './read';
import type { ImportContext, ImportResult, RowIssue, ImportInput } from './types';
import { guard } from './result';

export interface FacilityImportOptions extends PlaceOptions {
  /** Type for rows whose type cell is empty (e.g. the user says "all of these are volunteer brigades"). */
  defaultType?: FacilityType;
  /** Reject rows whose id is already in ctx.facilityIds (when adding to the loaded facilities). Default false. */
  rejectExistingIds?: boolean;
  /** `source` of the imported facilities; default `user:<fileName>`. */
  source?: string;
}

/**
 * Import facilities: `id,name,type,status,lat,lon` with Ukrainian/English aliases, or GeoJSON Points with those
 * properties. Rows without coordinates are placed by KATOTTG code, settlement name or hromada (flagged).
 * Missing ids get a stable generated id `row-<row number>` (flagged). Never throws.
 * @example importFacilities(bytes, 'units.csv', ctx).rows[0] // { id: 'f1', type: 'local_fire_department', … }
 */
export function importFacilities(
  input: ImportInput,
  fileName: string,
  ctx: ImportContext,
  opts: FacilityImportOptions = {},
): ImportResult<Facility> {
  return guard(fileName, 'facilities', () => {
    const { records, result } = readForImport<Facility>(input, fileName, 'facilities');
    if (result.fileError) return result;
    const source = opts.source ?? `user:${fileName}`;
    const explicitIds = new Set<string>();
    for (const r of records) if (r.values.id) explicitIds.add(r.values.id);
    const seen = new Map<string, number>();
    for (const rec of records) {
      const v = rec.values;
      let idFlag: RowIssue | null = null;
      let id = v.id ?? '';
      if (id === '') {
        id = `row-${rec.row}`;
        for (let k = 2; explicitIds.has(id) || seen.has(id); k++) id = `row-${rec.row}-${k}`;
        idFlag = issue(rec, 'missing_id', `no id; generated the stable id "${id}" from the row number`, { value: id });
      } else {
        const prev = seen.get(id);
        if (prev !== undefined) {
          result.rejected.push(
            issue(rec, 'duplicate_id', `id "${id}" is also on row ${prev}`, {
              field: 'id',
              value: id,
              candidates: [String(prev)],
            }),
          );
          continue;
        }
        if (opts.rejectExistingIds && ctx.facilityIds.has(id)) {
          result.rejected.push(
            issue(rec, 'duplicate_id', `id "${id}" is already used by a loaded facility`, {
              field: 'id',
              value: id,
              candidates: [],
            }),
          );
          continue;
        }
      }
      const typeRaw = v.type ?? '';
      const type = typeRaw === '' && opts.defaultType ? opts.defaultType : facilityTypeOf(typeRaw);
      if (!type) {
        result.rejected.push(
          issue(
            rec,
            'unknown_type',
            `${typeRaw === '' ? 'type is empty' : `type "${typeRaw}" is not known`}; accepted: ${ACCEPTED_TYPES.join('; ')}`,
            { field: 'type', value: typeRaw, candidates: [...ACCEPTED_TYPES] },
          ),
        );
        continue;
      }
      const statusRaw = v.status ?? '';
      const status = facilityStatusOf(statusRaw);
      if (!status) {
        result.rejected.push(
          issue(
            rec,
            'unknown_status',
            `status "${statusRaw}" is not known; accepted: ${ACCEPTED_STATUSES.join('; ')}`,
            {
              field: 'status',
              value: statusRaw,
              candidates: [...ACCEPTED_STATUSES],
            },
          ),
        );
        continue;
      }
      const placed = locate(rec, ctx, opts, 'settlement');
      if (isRowIssue(placed)) {
        result.rejected.push(placed);
        continue;
      }
      seen.set(id, rec.row);
      const h = ctx.hromadas[placed.hromada];
      result.rows.push({
        id,
        name: v.name ?? '',
        type,
        status,
        lon: placed.lon,
        lat: placed.lat,
        hromadaCode: h ? h.code : null,
        source,
        sourceUrl: v.url ?? '',
        placement: placed.placement,
        note: v.note ?? '',
      });
      if (idFlag) result.flagged.push(idFlag);
      for (const f of placed.flags) result.flagged.push(f);
    }
    return result;
  });
}
