/**
 * Results of parsing user files at the edge. Importers never throw: a bad file yields `fileError`,
 * bad rows land in `rejected` with their row number and reason, good rows are all kept in `rows`.
 */

/** Why a row was rejected (or flagged). Messages for each code live in src/io/messages.ts (uk + en). */
export type RowIssueCode =
  | 'missing_coordinates'
  | 'non_numeric_coordinates'
  | 'outside_ukraine'
  | 'swapped_lat_lon'
  | 'projected_coordinates'
  | 'duplicate_id'
  | 'missing_id'
  | 'unknown_type'
  | 'unknown_status'
  | 'population_not_a_number'
  | 'unknown_settlement'
  | 'unknown_facility_id'
  | 'unknown_demand_id'
  | 'minutes_not_a_number'
  | 'wrong_geometry'
  | 'missing_field';

export interface RowIssue {
  /** 1-based data row number as a spreadsheet shows it (header = row 1), or feature index + 1 for GeoJSON. */
  row: number;
  code: RowIssueCode;
  /** The offending field, if one. */
  field?: string;
  /** Specific English detail, e.g. `lat "abc" is not a number`. */
  detail: string;
  /** The raw row as read, for the downloadable rejected-rows CSV. */
  raw: Record<string, string>;
}

export type FileKind = 'facilities' | 'settlements' | 'boundaries' | 'matrix';

export type FileErrorCode = 'not_csv_or_geojson' | 'empty' | 'invalid_json' | 'wrong_geometry_type' | 'too_large' | 'no_usable_columns';

export interface FileError {
  code: FileErrorCode;
  detail: string;
}

export interface ImportResult<T> {
  fileName: string;
  /** What the file was detected (or told) to be. */
  kind: FileKind | null;
  fileError: FileError | null;
  /** Accepted rows, in file order. */
  rows: T[];
  rejected: RowIssue[];
  /** Accepted but flagged rows (e.g. placed at the hromada centre, lat/lon swapped and fixed when asked). */
  flagged: RowIssue[];
  /** How the file was read: encoding, delimiter, mapped columns. */
  detected: { encoding?: string; delimiter?: string; columns?: Record<string, string> };
}
