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
  /** Flag: a point up to 5 km outside the simplified border, accepted (`value` lat, lon; `candidates` [km]). */
  | 'near_border'
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
  | 'missing_field'
  /** A settlement name matching several settlements; `candidates` names them. */
  | 'ambiguous_settlement'
  /** A CSV record with more non-empty fields than the header (e.g. unquoted decimal commas in a comma-separated file). */
  | 'wrong_field_count'
  /** A matrix row with negative minutes, or a population below zero. */
  | 'negative_value'
  /** Territory list: a KATOTTG code that is not in the hromada table (`value` the code). */
  | 'unknown_hromada_code'
  /**
   * Territory list: a settlement-, raion- or oblast-level KATOTTG code where a hromada's code is needed; `candidates`
   * = [level ('settlement' | 'raion' | 'oblast'), the hromada holding the settlement when known].
   */
  | 'not_a_hromada_code'
  /** A date that is not DD.MM.YYYY or YYYY-MM-DD, not a real day, or an end before the start. */
  | 'bad_date'
  /** Flag: no coordinates; placed at the named settlement's point (not the street address). */
  | 'placed_at_settlement'
  /** Flag: no coordinates (or the settlement has none); placed at the hromada's centre. */
  | 'placed_at_hromada_centre'
  /** Observed trips: a time of zero (or an arrival at the dispatch minute); `value` the time as read. */
  | 'time_not_positive';

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
  /** The offending value as read (for localized messages). */
  value?: string;
  /** Names offered to the user: candidate settlements, accepted types or statuses, or the fixed coordinates. */
  candidates?: string[];
}

export type FileKind = 'facilities' | 'settlements' | 'boundaries' | 'matrix' | 'territory';

export type FileErrorCode =
  | 'not_csv_or_geojson'
  | 'empty'
  | 'invalid_json'
  | 'wrong_geometry_type'
  | 'too_large'
  | 'no_usable_columns'
  /** A JSON file that is not a valid scenario file (parseScenario). */
  | 'not_a_scenario'
  /** A spreadsheet format that is not read: old binary Excel (.xls), OpenDocument (.ods). */
  | 'xlsx_not_supported'
  /** A workbook, ZIP or KML that cannot be unpacked or parsed (damaged, encrypted, truncated). */
  | 'damaged_file'
  /** The sheet asked for is not in the workbook (`detail` names the sheets). */
  | 'sheet_not_found'
  /** A shapefile whose .prj names a coordinate system that cannot be converted to WGS84 (`detail` names it). */
  | 'unknown_crs'
  /** A ZIP archive without a shapefile (.shp + .dbf), a KML file or an Excel workbook inside. */
  | 'no_layer';

/** Formats read into rows or features before validation (src/io/binary.ts detects them). */
export type BinaryFormat = 'xlsx' | 'shapefile' | 'kml' | 'kmz';

/** One row of a parsed table: its row number as the spreadsheet shows it and its cells as text. */
export interface TableRecord {
  row: number;
  cells: string[];
}

/** A spreadsheet sheet read into text cells (numbers as typed, dates as YYYY-MM-DD), like a CSV. */
export interface ParsedTable {
  parsed: 'table';
  format: 'xlsx';
  headers: string[];
  records: TableRecord[];
  blankRows: number;
  commentRows: number;
  sheet: string;
  sheets: string[];
}

/** A shapefile or KML/KMZ read into GeoJSON features (WGS84), in file order (row = feature number). */
export interface ParsedFeatures {
  parsed: 'features';
  format: 'shapefile' | 'kml' | 'kmz';
  features: unknown[];
  /** The text encoding of the attributes (shapefile .dbf). */
  encoding?: string;
  /** The coordinate system converted from. */
  crs?: string;
}

export type ParsedInput = ParsedTable | ParsedFeatures;

/** What the importers take: file bytes, text, or a binary format already read (openInput). */
export type ImportInput = Uint8Array | string | ParsedInput;

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
  detected: {
    encoding?: string;
    delimiter?: string;
    /** Canonical field → the header (or GeoJSON property) it was read from. */
    columns?: Record<string, string>;
    /** Headers not mapped to any field (kept in `raw`). */
    unmappedColumns?: string[];
    /** 'csv' or 'geojson', or the format read into rows or features first (xlsx, shapefile, kml, kmz). */
    format?: 'csv' | 'geojson' | BinaryFormat;
    /** XLSX: the sheet read and every sheet of the workbook. */
    sheet?: string;
    sheets?: string[];
    /** Shapefile: the coordinate system of the .prj the coordinates were converted from (absent: none or WGS84). */
    crs?: string;
    /** Completely empty records skipped (they are not rows). */
    blankRows?: number;
    /** Records whose first cell starts with `#` (comments, e.g. the attribution line of our own exports). */
    commentRows?: number;
    /** Data rows read (= rows.length + rejected.length when there is no file error). */
    dataRows?: number;
    /** Matrix only: the time column was in seconds and was divided by 60. */
    secondsToMinutes?: boolean;
  };
}

/** An imported demand point (settlements file). Coordinates are WGS84 degrees. */
export interface SettlementRow {
  id: string;
  name: string;
  category: import('../engine/types').SettlementCategory;
  lon: number;
  lat: number;
  /** People; 0 allowed. */
  population: number;
  /** KATOTTG code of the hromada: from the file, else found by point-in-polygon, else null. */
  hromadaCode: string | null;
  /** `user`: the file's coordinates; `settlement` / `hromada_centre`: placed from a code or name (flagged). */
  placement: 'user' | 'settlement' | 'hromada_centre';
}

/** An imported community boundary (GeoJSON Polygon / MultiPolygon). */
export interface BoundaryRow {
  /** KATOTTG code (or the file's own code). */
  code: string;
  name: string;
  oblast: string;
  geometry: import('geojson').Polygon | import('geojson').MultiPolygon;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
}

/** One travel-time matrix pair. */
export interface MatrixRow {
  facilityId: string;
  demandId: string;
  minutes: number;
}

/** Known place for rows without coordinates. */
export interface KnownSettlement {
  /** KATOTTG code. */
  code: string;
  name: string;
  /** Index into ImportContext.hromadas, -1 if unknown. */
  hromada: number;
  /** NaN when the settlement has no coordinates (then rows are placed at the hromada centre). */
  lon: number;
  lat: number;
  category: string;
}

export interface KnownHromada {
  code: string;
  name: string;
  oblast: string;
  raion: string;
  centerLon: number;
  centerLat: number;
}

/**
 * What the importers need besides the file: where settlements and hromadas are, and which ids exist.
 * Build it once with `buildImportContext` (src/io/context.ts); it is read-only afterwards and can live in a worker.
 */
export interface ImportContext {
  hromadas: KnownHromada[];
  /** Hromada KATOTTG code → index into `hromadas`. */
  hromadaByCode: Map<string, number>;
  /** Normalized hromada name (see `normalizeName`) → indices (several oblasts share names). */
  hromadasByName: Map<string, number[]>;
  /** Settlement KATOTTG code → settlement (located or not). */
  settlementByCode: Map<string, KnownSettlement>;
  /** Normalized settlement name → settlements with that name. */
  settlementsByName: Map<string, KnownSettlement[]>;
  /** Hromada holding a point (bbox index + point-in-polygon), or -1; null when no polygons were given. */
  hromadaAt: ((lon: number, lat: number) => number) | null;
  /**
   * Whether a point is in Ukraine: in the bbox and within ~1 km of the border, a hromada or a no-data area
   * (Crimea); null when no polygons were given (bbox only).
   */
  insideUkraine: ((lon: number, lat: number) => boolean) | null;
  /**
   * Km from a point outside Ukraine to the simplified state border when within the tolerance (5 km; such a point is
   * accepted and flagged `near_border`), Infinity beyond it; null when no border was given.
   */
  borderDistanceKm?: ((lon: number, lat: number) => number) | null;
  /** Ids of facilities already loaded (matrix checks; optional duplicate check on import). */
  facilityIds: Set<string>;
  /** Ids of demand units already loaded (matrix checks). */
  demandIds: Set<string>;
}
