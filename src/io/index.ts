/**
 * Importers and exporters of user files. Pure (no DOM): runs in a Web Worker and in Node.
 * Importers never throw: see ImportResult in ./types.
 */
import { openInput } from './binary';
import type { OpenOptions } from './binary-registry';
import { isFileError } from './result';
import { detectFileKind } from './detect';
import { importBoundaries } from './boundaries';
import { importFacilities, type FacilityImportOptions } from './facilities';
import { importMatrix, type MatrixImportOptions } from './matrix';
import { importSettlements } from './settlements';
import { importTerritory, type TerritoryImport, type TerritoryImportOptions } from './territory';
import type { BoundaryRow, FileKind, ImportContext, ImportInput, ImportResult, MatrixRow, SettlementRow } from './types';
import type { Facility } from '../engine/types';

export * from './types';
export { detectFileKind, type DetectedFile } from './detect';
export { openInput, loadBinaryReaders, binaryFormatOf } from './binary';
export { hasBinaryReader, type OpenOptions } from './binary-registry';
export { importFacilities, type FacilityImportOptions } from './facilities';
export { importSettlements, type SettlementImportOptions } from './settlements';
export { importBoundaries, type BoundaryImportOptions } from './boundaries';
export { importMatrix, type MatrixImportOptions } from './matrix';
export {
  importTerritory,
  territoryStatusOf,
  parseListDate,
  endedStatus,
  territoryCounts,
  statusFromRows,
  withStatus,
  territorySummary,
  ACCEPTED_TERRITORY_STATUSES,
  type TerritoryRow,
  type TerritoryImport,
  type TerritoryImportOptions,
} from './territory';
export { toDemandTable, toTravelMatrix } from './convert';
export { buildImportContext, emptyImportContext, polygonIndex, inUkraineBbox, UKRAINE_BBOX } from './context';
export type { ImportContextSources, UnlocatedList } from './context';
export { rejectedRowsCsv, toCsv, csvField, facilitiesToCsv, facilitiesToGeoJson, isEstimated } from './export';
export type { CsvColumn, CsvOptions, ExportMeta } from './export';
export { serializeScenario, parseScenario, emptyScenario, SCENARIO_FORMAT, SCENARIO_VERSION } from './scenario';
export type { Scenario, FacilityEdit, FacilityImport, ParseScenarioResult, ScenarioTerritory } from './scenario';
export { rowIssueMessage, fileErrorMessage, ROW_ISSUE_TITLES, FILE_ERROR_TITLES, type Lang } from './messages';
export { decodeBytes, parseNumber, normalizeName, normalizeCode, MAX_FILE_BYTES } from './text';
export { facilityTypeOf, facilityStatusOf, categoryOf, HEADER_ALIASES } from './aliases';
export { fromWebMercator, type PlaceOptions } from './place';

export type AnyImport =
  | { kind: 'facilities'; result: ImportResult<Facility> }
  | { kind: 'settlements'; result: ImportResult<SettlementRow> }
  | { kind: 'boundaries'; result: ImportResult<BoundaryRow> }
  | { kind: 'matrix'; result: ImportResult<MatrixRow> }
  | { kind: 'territory'; result: TerritoryImport }
  | { kind: null; result: ImportResult<never> };

/**
 * Import a file of any kind: `kind` as confirmed by the user, else detected (detectFileKind). A workbook, zipped
 * shapefile or KML/KMZ is read once (openInput; `sheet` picks a workbook's sheet), then validated as CSV and GeoJSON
 * are. Never throws.
 * @example const r = importAny(bytes, 'x.csv', ctx); if (r.kind === 'facilities') use(r.result.rows)
 */
export function importAny(
  raw: ImportInput,
  fileName: string,
  ctx: ImportContext,
  opts: FacilityImportOptions &
    MatrixImportOptions &
    OpenOptions & { kind?: FileKind; territory?: TerritoryImportOptions } = {},
): AnyImport {
  const opened = openInput(raw, fileName, opts.sheet !== undefined ? { sheet: opts.sheet } : {});
  if (isFileError(opened)) {
    return {
      kind: null,
      result: { fileName, kind: null, fileError: opened, rows: [], rejected: [], flagged: [], detected: {} },
    };
  }
  const input = opened;
  const det = opts.kind ? null : detectFileKind(input, fileName);
  const kind = opts.kind ?? det?.kind ?? null;
  switch (kind) {
    case 'facilities':
      return { kind, result: importFacilities(input, fileName, ctx, opts) };
    case 'settlements':
      return { kind, result: importSettlements(input, fileName, ctx, opts) };
    case 'boundaries':
      return { kind, result: importBoundaries(input, fileName, ctx, opts) };
    case 'matrix':
      return { kind, result: importMatrix(input, fileName, ctx, opts) };
    case 'territory':
      return { kind, result: importTerritory(input, fileName, ctx, opts.territory) };
    case null:
      return {
        kind: null,
        result: {
          fileName,
          kind: null,
          fileError: det?.fileError ?? {
            code: 'no_usable_columns',
            detail: `${fileName}: cannot tell whether this is facilities, settlements, boundaries, a matrix or a territory list (${det?.reason ?? ''}); choose the kind`,
          },
          rows: [],
          rejected: [],
          flagged: [],
          detected: { encoding: det?.encoding, format: det?.format ?? undefined },
        },
      };
  }
}
