/**
 * Settlements (demand points) file (CSV or GeoJSON Points) → SettlementRow.
 */
import { ACCEPTED_CATEGORIES, categoryOf } from './aliases';
import { isRowIssue, issue, locate, type PlaceOptions } from './place';
import { readForImport } from './read';
import { guard } from './result';
import { isKatottg, normalizeCode, parseNumber } from './text';
import type { ImportContext, ImportResult, RowIssue, SettlementRow, ImportInput } from './types';

export type SettlementImportOptions = PlaceOptions;

/**
 * Import demand points: `id,name,category,lat,lon,population` (+ optional hromada code, KATOTTG code, oblast).
 * The id is the id column, else the KATOTTG code; rows with neither are rejected (`missing_id`), since a matrix
 * must refer to them. The hromada is the file's code when it names a known hromada, else found by
 * point-in-polygon through ctx. An empty category is read as village (flagged). Never throws.
 * @example importSettlements('id,name,category,lat,lon,population\ns1,Вільшана,village,49.2,31.3,1200', 's.csv', ctx)
 */
export function importSettlements(
  input: ImportInput,
  fileName: string,
  ctx: ImportContext,
  opts: SettlementImportOptions = {},
): ImportResult<SettlementRow> {
  return guard(fileName, 'settlements', () => {
    const { records, result } = readForImport<SettlementRow>(input, fileName, 'settlements');
    if (result.fileError) return result;
    const seen = new Map<string, number>();
    for (const rec of records) {
      const v = rec.values;
      const rowFlags: RowIssue[] = [];
      const id = v.id || (v.katottg ? normalizeCode(v.katottg) : '');
      if (id === '') {
        result.rejected.push(issue(rec, 'missing_id', 'no id and no KATOTTG code', { field: 'id' }));
        continue;
      }
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
      const catRaw = v.category ?? '';
      const category = categoryOf(catRaw);
      if (!category) {
        result.rejected.push(
          issue(rec, 'unknown_type', `category "${catRaw}" is not known; accepted: ${ACCEPTED_CATEGORIES.join('; ')}`, {
            field: 'category',
            value: catRaw,
            candidates: [...ACCEPTED_CATEGORIES],
          }),
        );
        continue;
      }
      if (catRaw === '') {
        rowFlags.push(
          issue(rec, 'missing_field', 'category is empty; read as village (rural norm and travel model)', {
            field: 'category',
          }),
        );
      }
      const popRaw = v.population ?? '';
      const population = parseNumber(popRaw);
      if (Number.isNaN(population)) {
        result.rejected.push(
          issue(rec, 'population_not_a_number', `population "${popRaw}" is not a number`, {
            field: 'population',
            value: popRaw,
          }),
        );
        continue;
      }
      if (population < 0) {
        result.rejected.push(
          issue(rec, 'negative_value', `population ${population} is below zero`, {
            field: 'population',
            value: popRaw,
          }),
        );
        continue;
      }
      const placed = locate(rec, ctx, opts, 'name');
      if (isRowIssue(placed)) {
        result.rejected.push(placed);
        continue;
      }
      seen.set(id, rec.row);
      const h = ctx.hromadas[placed.hromada];
      const fileCode = normalizeCode(v.hromada ?? '');
      result.rows.push({
        id,
        name: v.name || v.settlement || '',
        category,
        lon: placed.lon,
        lat: placed.lat,
        population,
        hromadaCode: h ? h.code : isKatottg(fileCode) ? fileCode : null,
        placement: placed.placement,
      });
      result.flagged.push(...rowFlags, ...placed.flags);
    }
    return result;
  });
}
