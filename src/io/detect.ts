/**
 * What a file is: CSV or GeoJSON, and facilities / settlements / boundaries / matrix / territory (a territory-status
 * list), from its columns or geometry.
 * The UI shows the answer for confirmation.
 */
import { headerIndexes, type Field } from './aliases';
import { isParsed, openInput } from './binary';
import { isFileError } from './result';
import { readCsv } from './csv';
import { featuresOf, prepareText } from './read';
import type { BinaryFormat, FileError, FileKind, ImportInput } from './types';

export interface DetectedFile {
  format: 'csv' | 'geojson' | BinaryFormat | null;
  /** Best guess, null when unclear (ask the user) or on a file error. */
  kind: FileKind | null;
  /** Why this kind, in English (e.g. `columns facility_id, demand_id, minutes`). */
  reason: string;
  fileError: FileError | null;
  encoding?: string;
}

/** Kind of a file from its header row (or its features' property names). */
function kindFromHeaders(headers: readonly string[]): { kind: FileKind | null; reason: string } {
  const indexOf = headerIndexes(headers);
  const has = (f: Field, k: FileKind): boolean => indexOf(k)[f] !== undefined;
  if (
    has('facility_id', 'matrix') &&
    has('demand_id', 'matrix') &&
    (has('minutes', 'matrix') || has('seconds', 'matrix'))
  ) {
    return { kind: 'matrix', reason: 'columns facility_id, demand_id and minutes' };
  }
  const code = has('katottg', 'territory') || has('hromada', 'territory');
  const dates = has('start_date', 'territory') || has('end_date', 'territory');
  const facilityLike = has('type', 'facilities') || has('lat', 'facilities') || has('lon', 'facilities');
  if (code && !has('population', 'settlements') && (dates || (has('status', 'territory') && !facilityLike))) {
    return {
      kind: 'territory',
      reason: dates ? 'a KATOTTG code column and a start or end date column' : 'a KATOTTG code column and a status column',
    };
  }
  if (has('population', 'settlements')) return { kind: 'settlements', reason: 'a population column' };
  if (has('type', 'facilities') || has('status', 'facilities')) {
    return { kind: 'facilities', reason: 'a facility type or status column' };
  }
  if (has('category', 'settlements')) return { kind: 'settlements', reason: 'a settlement category column' };
  return { kind: null, reason: 'no type, status, population, matrix or territory-list columns' };
}

/**
 * Detect a file's format and kind. Reads only what it needs (the CSV header; GeoJSON geometry types and property
 * names). Never throws.
 * @example detectFileKind(bytes, 'units.csv') // { format: 'csv', kind: 'facilities', reason: '…', fileError: null }
 */
export function detectFileKind(bytes: ImportInput, fileName: string): DetectedFile {
  try {
    const opened = openInput(bytes, fileName);
    if (isFileError(opened)) return { format: null, kind: null, reason: opened.detail, fileError: opened };
    if (isParsed(opened)) {
      if (opened.parsed === 'table') {
        return { format: 'xlsx', ...kindFromHeaders(opened.headers), fileError: null };
      }
      return detectFeatures(opened.features, fileName, opened.format, opened.encoding);
    }
    // For CSV only the header matters: decode the whole (a byte cut could split a UTF-8 sequence and turn
    // the guess into windows-1251), then parse the first 64 KB of text.
    const prep = prepareText(opened, fileName);
    if ('code' in prep) return { format: null, kind: null, reason: prep.detail, fileError: prep };
    if (prep.format === 'csv') {
      const table = readCsv(prep.text.slice(0, 65536));
      return { format: 'csv', ...kindFromHeaders(table.headers), fileError: null, encoding: prep.encoding };
    }
    const feats = featuresOf(prep.json, fileName);
    if (!Array.isArray(feats)) return { format: 'geojson', kind: null, reason: feats.detail, fileError: feats };
    return detectFeatures(feats, fileName, 'geojson', prep.encoding);
  } catch (e) {
    const fileError: FileError = {
      code: 'not_csv_or_geojson',
      detail: `${fileName}: ${e instanceof Error ? e.message : String(e)}`,
    };
    return { format: null, kind: null, reason: fileError.detail, fileError };
  }
}

/** Kind of a list of features: boundaries when polygons outnumber points, else by property names. */
function detectFeatures(
  feats: readonly unknown[],
  fileName: string,
  format: 'geojson' | 'shapefile' | 'kml' | 'kmz',
  encoding: string | undefined,
): DetectedFile {
  {
    let points = 0;
    let areas = 0;
    const keys = new Set<string>();
    for (const f of feats) {
      const g = (f as { geometry?: { type?: unknown } } | null)?.geometry;
      if (g?.type === 'Point') points++;
      else if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') areas++;
      const props = (f as { properties?: unknown } | null)?.properties;
      if (props && typeof props === 'object') for (const k of Object.keys(props)) keys.add(k);
    }
    if (areas > points) {
      return {
        format,
        kind: 'boundaries',
        reason: `${areas} Polygon/MultiPolygon features`,
        fileError: null,
      };
    }
    if (points === 0) {
      const fileError: FileError = {
        code: feats.length === 0 ? 'empty' : 'wrong_geometry_type',
        detail: `${fileName}: no Point or Polygon features`,
      };
      return { format, kind: null, reason: fileError.detail, fileError };
    }
    const guess = kindFromHeaders([...keys]);
    return {
      format,
      kind: guess.kind ?? 'facilities',
      reason: `${points} Point features; ${guess.kind ? guess.reason : 'no population property, so facilities'}`,
      fileError: null,
      ...(encoding ? { encoding } : {}),
    };
  }
}
